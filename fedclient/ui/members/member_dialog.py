"""新增/修改成员: every field with its Chinese message beside it; what was typed is never lost."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.history.events import reveal_id_number
from fedclient.core.history.masking import mask_id
from fedclient.core.members import (
    MemberData,
    get_member,
    member_choices,
    relation_warnings,
    save_member,
    validate_member,
)
from fedclient.core.validation import check_id_number, id_birth_date, id_gender
from fedclient.core.vocab import (
    EDUCATION_LEVELS,
    GENDERS,
    LEADER_ROLES,
    MEMBER_STATUS,
    POLITICAL_STATUSES,
    ROLES,
)

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, Form, choices, combo, combo_value, select_value
from ..grids.widgets import CheckList
from ..looks import set_role, tab_widget
from ..operations import OperationRunner
from ..pipl_actions import person_button

TEXT_FIELDS = ("name", "id_number", "phone", "ethnicity", "group_name", "post", "specialty", "term_label",
               "left_reason")  # fmt: skip
DATE_FIELDS = ("birth_date", "term_start", "term_end", "left_date")


class MemberDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, member_id: int | None = None):
        super().__init__(parent)
        self.ops = ops
        self.member_id = member_id
        self.saved_id: int | None = None
        self._auto_birth = ""
        self.setWindowTitle("修改成员" if member_id else "新增成员")
        self.resize(900, 600)
        self.form = Form(self)
        self.pages = tab_widget()
        self.pages.addTab(self._basic_page(), "基本信息")
        self.pages.addTab(self._relations_page(), "联系指导与备注")
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        self.buttons.offer_history(ops, "members", member_id, "成员")
        if member_id is not None:
            person = person_button(ops, "members", lambda: member_id, self.w["name"].text, self, self.reject)
            self.buttons.add_left(person)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addWidget(self.pages)
        layout.addWidget(self.buttons)
        data = ops.read_now(get_member, member_id) if member_id else MemberData(guided_ids=[], contacts=[])
        self._fill(data or MemberData(guided_ids=[], contacts=[]))
        self.w["id_number"].textChanged.connect(self._id_typed)
        self.w["role"].currentIndexChanged.connect(self._role_changed)
        self.w["status"].currentIndexChanged.connect(self._status_changed)
        for name in (*TEXT_FIELDS, *DATE_FIELDS):
            self.w[name].editingFinished.connect(lambda: self.check())
        self._role_changed()
        self._status_changed()
        read_choices(
            ops,
            self,
            member_choices,
            ("executive_member",),
            fill=self._guided_read,
            waiting=(self.buttons.save,),
        )

    def _guided_read(self, choices: list[tuple[int, str]]) -> None:
        self.guided_choices = [
            (member_id, label) for member_id, label in choices if member_id != self.member_id
        ]
        self.guided.set_items(self.guided_choices, self.guided_wanted)  # (the ticked ones first)

    # --- building -------------------------------------------------------------------------------------
    def _basic_page(self) -> QWidget:
        self.w: dict = {name: QLineEdit() for name in TEXT_FIELDS}
        self.w.update({name: DateInput() for name in DATE_FIELDS})
        self.w["birth_date"].setPlaceholderText("如 1975-03-02；填身份证号后自动填写")
        self.w["id_number"].setPlaceholderText("可不填；18位")
        self.w["phone"].setPlaceholderText("11位手机号，或带区号的固定电话")
        self.w["group_name"].setPlaceholderText("如 3组、5栋")
        self.w["term_label"].setPlaceholderText("如 第十二届")
        for name in ("term_start", "term_end", "left_date"):
            self.w[name].setPlaceholderText("如 2023-03-01")
        self.w["gender"] = combo(choices(GENDERS))
        self.w["education"] = combo(choices(("", *EDUCATION_LEVELS)), editable=True)
        self.w["political_status"] = combo(choices(("", *POLITICAL_STATUSES)), editable=True)
        self.w["role"] = combo(choices(ROLES))
        self.w["status"] = combo(choices(MEMBER_STATUS))
        self.w["in_village_committee"] = QCheckBox("兼任村“两委”成员")
        self.w["public_phone"] = QCheckBox("同意公开电话（用作网格服务电话）")
        left = [("姓名*", "name"), ("性别", "gender"), ("身份证号", "id_number"), ("出生日期", "birth_date"),
                ("民族", "ethnicity"), ("联系电话", "phone"), ("文化程度", "education"),
                ("政治面貌", "political_status"), ("所在组/楼栋", "group_name")]  # fmt: skip
        right = [("职务*", "role"), ("岗位", "post"), ("专长", "specialty"), ("届次", "term_label"),
                 ("任职开始", "term_start"), ("任期结束", "term_end"), ("", "in_village_committee"),
                 ("", "public_phone"), ("状态", "status"), ("离任日期", "left_date"), ("离任原因", "left_reason")]  # fmt: skip
        page = QWidget()
        columns = QHBoxLayout(page)
        for items in (left, right):  # two independent columns: a message in one does not shift the other
            grid = QGridLayout()
            grid.setVerticalSpacing(4)
            grid.setHorizontalSpacing(8)
            for row, (label, name) in enumerate(items):
                box = self.form.field(name, self.w[name])
                if label:
                    # As tall as the input, so the label lines up with it, not with the message below.
                    text = QLabel(f"{label}：")
                    text.setMinimumHeight(self.w[name].sizeHint().height())
                    text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    grid.addWidget(text, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(box, row, 1)
            grid.setColumnStretch(1, 1)
            grid.setRowStretch(len(items), 1)
            columns.addLayout(grid, 1)
        return page

    def _relations_page(self) -> QWidget:
        page = QWidget()
        layout = QGridLayout(page)
        self.relation_hint = QLabel()
        set_role(self.relation_hint, "warning")
        self.relation_hint.setWordWrap(True)
        layout.addWidget(self.relation_hint, 0, 0, 1, 2)
        layout.addWidget(QLabel("联系指导的执委（主席、副主席填写，一般2-4名）："), 1, 0)
        self.guided = CheckList()  # a filter line above: zxl finds 张秀兰 among a county's thousands
        self.guided_choices: list[tuple[int, str]] | None = (
            None  # read once the dialog is up (``_guided_read``)
        )
        self.guided_wanted: list[int] = []  # her own, ticked when they are
        layout.addWidget(self.guided, 2, 0)
        contacts_box = QVBoxLayout()
        contacts_box.addWidget(QLabel("经常联系的妇女儿童（执委填写，至少5名）："))
        self.contacts = QTableWidget(0, 3)
        self.contacts.setHorizontalHeaderLabels(["姓名", "电话", "说明"])
        self.contacts.horizontalHeader().setStretchLastSection(True)
        self.contacts.verticalHeader().hide()
        contacts_box.addWidget(self.contacts)
        row_buttons = QHBoxLayout()
        add = QPushButton("添加一行")
        add.clicked.connect(lambda: self.contacts.insertRow(self.contacts.rowCount()))
        remove = QPushButton("删除所选行")
        remove.clicked.connect(lambda: self.contacts.removeRow(self.contacts.currentRow()))
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        contacts_box.addLayout(row_buttons)
        layout.addLayout(contacts_box, 1, 1, 2, 1)
        layout.addWidget(QLabel("备注："), 3, 0, 1, 2)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(90)
        layout.addWidget(self.notes, 4, 0, 1, 2)
        return page

    # --- data -----------------------------------------------------------------------------------------
    def _fill(self, data: MemberData) -> None:
        for name in TEXT_FIELDS:
            self.w[name].setText(getattr(data, name) or "")
        for name in DATE_FIELDS:
            self.w[name].set_value(getattr(data, name))
        for name in ("gender", "education", "political_status", "role", "status"):
            select_value(self.w[name], getattr(data, name))
        self.w["in_village_committee"].setChecked(bool(data.in_village_committee))
        self.w["public_phone"].setChecked(bool(data.public_phone))
        self.guided_wanted = list(data.guided_ids or [])
        if self.guided_choices is not None:
            self.guided.set_items(self.guided_choices, self.guided_wanted)  # (the ticked ones first)
        for name, phone, notes in data.contacts or []:
            row = self.contacts.rowCount()
            self.contacts.insertRow(row)
            for col, value in enumerate((name, phone, notes)):
                self.contacts.setItem(row, col, QTableWidgetItem(value))
        self.notes.setPlainText(data.notes or "")
        self._hidden_id = None
        if self.member_id and data.id_number:
            self._hide_id(data.id_number)
        if self.member_id:
            hints = self.ops.read_now(relation_warnings, self.member_id)
            self.relation_hint.setText("提示：" + "；".join(hints) if hints else "")

    def _hide_id(self, id_number: str) -> None:
        """Masked like in the lists until 显示 is clicked; the look is recorded in the history."""
        self._hidden_id = id_number
        edit = self.w["id_number"]
        edit.blockSignals(True)
        edit.setText(mask_id(id_number))
        edit.blockSignals(False)
        edit.setReadOnly(True)
        self._reveal = edit.addAction(QIcon(), QLineEdit.ActionPosition.TrailingPosition)
        self._reveal.setText("显示")
        self._reveal.setToolTip("显示完整身份证号（会记入修改记录）")
        self._reveal.triggered.connect(
            lambda: self.ops.write(
                reveal_id_number, self.member_id, changes=None, on_done=self._revealed, parent=self
            )
        )

    def _revealed(self, full: str) -> None:
        edit = self.w["id_number"]
        edit.removeAction(self._reveal)
        edit.setReadOnly(False)
        self._hidden_id = None
        edit.blockSignals(True)
        edit.setText(full)
        edit.blockSignals(False)

    def collect(self) -> MemberData:
        """What is in the form now."""
        data = MemberData(id=self.member_id)
        for name in TEXT_FIELDS:
            setattr(data, name, self.w[name].text())
        if self._hidden_id is not None:  # never shown, so never changed
            data.id_number = self._hidden_id
        for name in DATE_FIELDS:
            setattr(data, name, self.w[name].value())
        for name in ("gender", "role", "status", "education", "political_status"):
            setattr(data, name, combo_value(self.w[name]) or "")
        data.in_village_committee = self.w["in_village_committee"].isChecked()
        data.public_phone = self.w["public_phone"].isChecked()
        data.guided_ids = self.guided.checked_ids() if self.guided_choices is not None else self.guided_wanted
        contacts = []
        for row in range(self.contacts.rowCount()):
            cells = [self.contacts.item(row, c) for c in range(3)]
            name, phone, notes = (c.text().strip() if c else "" for c in cells)
            if name:
                contacts.append((name, phone, notes))
        data.contacts = contacts
        data.notes = self.notes.toPlainText()
        return data

    def check(self, focus: bool = False) -> bool:
        """Show every message (errors and warnings); True when the member can be saved."""
        result = self.ops.read_now(validate_member, self.collect())
        return self.form.show({**result.errors, **self.form.date_errors()}, result.warnings, focus)

    def save(self) -> None:
        if self.guided_choices is not None and self.check(focus=True):  # (保存 waits for the list)
            self.form.submit(self.ops, save_member, self.collect(), changes=Area.MEMBERS, on_done=self._saved)

    def _saved(self, member_id: int) -> None:
        self.saved_id = member_id
        self.accept()

    # --- reactions ------------------------------------------------------------------------------------
    def _id_typed(self, text: str) -> None:
        check = check_id_number(text)
        if len(check.value) != 18 or not check.ok:
            return
        birth = id_birth_date(check.value).isoformat()
        current = self.w["birth_date"].text().strip()
        if not current or current == self._auto_birth:
            self.w["birth_date"].setText(birth)
            self._auto_birth = birth
        select_value(self.w["gender"], id_gender(check.value))
        self.check()

    def _role_changed(self) -> None:
        is_leader = self.w["role"].currentData() in LEADER_ROLES
        self.guided.setEnabled(is_leader)
        self.contacts.setEnabled(
            self.w["role"].currentData() == "executive_member" or self.contacts.rowCount() > 0
        )

    def _status_changed(self) -> None:
        left = self.w["status"].currentData() == "left"
        for name in ("left_date", "left_reason"):
            self.w[name].setEnabled(left)
