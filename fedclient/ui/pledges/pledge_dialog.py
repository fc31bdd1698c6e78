"""The form for one pledge: who, the sentence, the category, the quantified standard, deadline, 公示日期."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.database import Database
from fedclient.core.pledges import (
    BOARD_LINE_CHARS,
    MILESTONE,
    QUANTITY,
    PledgeError,
    PledgeInput,
    check_pledge,
    executive_choices,
    get_pledge,
    save_pledge,
)
from fedclient.core.vocab import PLEDGE_CATEGORIES

from .member_picker import MemberPicker

UNITS = ("次", "户", "人", "人次", "场", "期", "起", "项", "个")


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def _message(role: str) -> QLabel:
    label = QLabel()
    label.setProperty("role", role)
    label.setWordWrap(True)
    label.hide()
    return label


class PledgeDialog(QDialog):
    """New pledge (``pledge_id`` None) or edit. After ``accepted``, ``saved_id`` is the pledge's id."""

    def __init__(
        self, db: Database, year: int, parent: QWidget | None = None, pledge_id: int | None = None,
        member_id: int | None = None, today: date | None = None,
    ):  # fmt: skip
        super().__init__(parent)
        self.db, self.pledge_id, self.saved_id = db, pledge_id, None
        self.today = today or date.today()
        self.setWindowTitle("修改承诺" if pledge_id else "新增承诺")
        self.setMinimumWidth(620)
        self.errors: dict[str, QLabel] = {}

        self.member = MemberPicker(db.run(executive_choices, self.today, pledge_id is not None))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.content = QLineEdit()
        self.content.setPlaceholderText("一句话承诺，如：每月走访留守儿童，全年不少于12次")
        self.counter = QLabel()
        self.counter.setProperty("role", "hint")
        self.category = QComboBox()
        self.category.addItems(PLEDGE_CATEGORIES)
        self.kind_quantity = QRadioButton("数量（目标数 + 单位）")
        self.kind_milestone = QRadioButton("事项（完成即达标）")
        self.kind_quantity.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.kind_quantity)
        kinds.addButton(self.kind_milestone)
        self.target = QDoubleSpinBox()
        self.target.setRange(0, 100000)
        self.target.setDecimals(1)
        self.target.setValue(12)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(UNITS)
        self.standard_text = QLineEdit()
        self.standard_text.setPlaceholderText("可不填；公示栏“完成标准”一栏默认显示 目标数+单位")
        self.deadline = QDateEdit(to_qdate(date(year, 12, 31)))
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("yyyy-MM-dd")
        self.has_posted = QCheckBox("已公示")
        self.posted = QDateEdit(to_qdate(self.today))
        self.posted.setCalendarPopup(True)
        self.posted.setDisplayFormat("yyyy-MM-dd")
        self.notes = QLineEdit()

        form = QFormLayout()
        form.addRow("承诺人：", self._with_error(self.member, "member_id"))
        form.addRow("年度：", self._with_error(self.year, "year"))
        content_box = self._with_error(self.content, "content")
        content_box.layout().addWidget(self.counter)
        form.addRow("承诺内容：", content_box)
        form.addRow("类别：", self._with_error(self.category, "category"))
        kind_row = QWidget()
        kind_layout = QHBoxLayout(kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        kind_layout.addWidget(self.kind_quantity)
        kind_layout.addWidget(self.kind_milestone)
        kind_layout.addStretch()
        form.addRow("完成标准：", kind_row)
        target_row = QWidget()
        target_layout = QHBoxLayout(target_row)
        target_layout.setContentsMargins(0, 0, 0, 0)
        target_layout.addWidget(QLabel("目标数"))
        target_layout.addWidget(self.target)
        target_layout.addWidget(QLabel("单位"))
        target_layout.addWidget(self.unit)
        target_layout.addStretch()
        self.target_box = self._with_error(target_row, "target")
        self.errors["unit"] = self.errors["target"]
        form.addRow("", self.target_box)
        form.addRow("标准说明：", self.standard_text)
        form.addRow("完成时限：", self._with_error(self.deadline, "deadline", warning=True))
        posted_row = QWidget()
        posted_layout = QHBoxLayout(posted_row)
        posted_layout.setContentsMargins(0, 0, 0, 0)
        posted_layout.addWidget(self.has_posted)
        posted_layout.addWidget(self.posted)
        posted_layout.addStretch()
        form.addRow("公示日期：", self._with_error(posted_row, "posted_date"))
        form.addRow("备注：", self.notes)
        self.general_error = _message("error")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", "true")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

        self.content.textChanged.connect(self._count)
        self.kind_quantity.toggled.connect(self._kind_changed)
        self.has_posted.toggled.connect(self.posted.setEnabled)
        self.year.valueChanged.connect(self._year_changed)
        self.posted.setEnabled(False)
        if pledge_id:
            self._load(pledge_id)
        elif member_id is not None:
            self.member.set_member(member_id)
        self._count()
        self._kind_changed()
        self.content.setFocus()

    def _with_error(self, widget: QWidget, field: str, warning: bool = False) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = _message("error")
        layout.addWidget(label)
        self.errors[field] = label
        if warning:
            self.errors[field + ":warning"] = _message("warning")
            layout.addWidget(self.errors[field + ":warning"])
        return box

    def _count(self) -> None:
        n = len(self.content.text().strip())
        self.counter.setText(
            f"{n} 字，超过 {BOARD_LINE_CHARS} 字，公示栏上一行放不下，建议精简（仍可保存）。"
            if n > BOARD_LINE_CHARS
            else f"{n} 字（公示栏一行约 {BOARD_LINE_CHARS} 字）"
        )
        self.counter.setProperty("role", "warning" if n > BOARD_LINE_CHARS else "hint")
        self.counter.style().unpolish(self.counter)
        self.counter.style().polish(self.counter)

    def _kind_changed(self) -> None:
        self.target_box.setVisible(self.kind_quantity.isChecked())

    def _year_changed(self, year: int) -> None:
        current = to_date(self.deadline.date())
        if current.month == 12 and current.day == 31:
            self.deadline.setDate(to_qdate(date(year, 12, 31)))

    def _load(self, pledge_id: int) -> None:
        detail = self.db.run(get_pledge, pledge_id, self.today)
        if detail is None:
            return
        p = detail.pledge
        self.member.set_member(p.member_id)
        self.year.setValue(p.year)
        self.content.setText(p.content)
        self.category.setCurrentText(p.category)
        (self.kind_milestone if p.standard_kind == MILESTONE else self.kind_quantity).setChecked(True)
        if p.target is not None:
            self.target.setValue(p.target)
        if p.unit:
            self.unit.setCurrentText(p.unit)
        self.standard_text.setText(p.standard_text)
        self.deadline.setDate(to_qdate(p.deadline))
        self.has_posted.setChecked(p.posted_date is not None)
        if p.posted_date:
            self.posted.setDate(to_qdate(p.posted_date))
        self.notes.setText(p.notes)

    def data(self) -> PledgeInput:
        quantity = self.kind_quantity.isChecked()
        return PledgeInput(
            member_id=self.member.member_id(), year=self.year.value(), content=self.content.text(),
            category=self.category.currentText(), standard_kind=QUANTITY if quantity else MILESTONE,
            target=self.target.value() if quantity else None, unit=self.unit.currentText() if quantity else "",
            standard_text=self.standard_text.text(), deadline=to_date(self.deadline.date()),
            posted_date=to_date(self.posted.date()) if self.has_posted.isChecked() else None,
            notes=self.notes.text(),
        )  # fmt: skip

    def _show(self, errors: dict[str, str], warnings: dict[str, str]) -> None:
        for label in self.errors.values():
            label.hide()
        for field, text in errors.items():
            label = self.errors.get(field, self.general_error)
            label.setText(text)
            label.show()
        for field, text in warnings.items():
            label = self.errors.get(field + ":warning")
            if label is not None:
                label.setText(text)
                label.show()

    def save(self) -> None:
        data = self.data()
        checked = check_pledge(data)
        self.general_error.hide()
        self._show(checked.errors, checked.warnings)
        if checked.errors:
            return
        try:
            self.saved_id = self.db.run(save_pledge, data, self.pledge_id)
        except PledgeError as exc:
            self._show(exc.errors, {})
            return
        self.accept()
