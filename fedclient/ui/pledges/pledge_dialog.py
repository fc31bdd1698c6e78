"""The form for one pledge: who, the sentence, the category, the quantified standard, deadline, 公示日期."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
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

from fedclient.core.changes import Area
from fedclient.core.pledges import (
    BOARD_LINE_CHARS,
    MILESTONE,
    QUANTITY,
    PledgeInput,
    check_pledge,
    executive_choices,
    get_pledge,
    save_pledge,
)
from fedclient.core.vocab import PLEDGE_CATEGORIES

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, Form, choices, combo, combo_value, select_value
from ..looks import set_role
from ..operations import OperationRunner
from .member_picker import MemberPicker, with_initials

UNITS = ("次", "户", "人", "人次", "场", "期", "起", "项", "个")


def picker_choices(session, include_left: bool) -> list[tuple[int, str, str]]:
    """The committee members a pledge can be made by, with their pinyin initials (on the worker thread)."""
    return with_initials(executive_choices(session, include_left))


class PledgeDialog(QDialog):
    """New pledge (``pledge_id`` None) or edit. After ``accepted``, ``saved_id`` is the pledge's id."""

    def __init__(
        self, ops: OperationRunner, year: int, parent: QWidget | None = None, pledge_id: int | None = None,
        member_id: int | None = None, today: date | None = None,
    ):  # fmt: skip
        super().__init__(parent)
        self.ops, self.pledge_id, self.saved_id = ops, pledge_id, None
        self.today = today or date.today()
        self.setWindowTitle("修改承诺" if pledge_id else "新增承诺")
        self.setMinimumWidth(620)
        self.form = Form(self)

        self.member = MemberPicker()  # its choices are read once the dialog is built (below)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.content = QLineEdit()
        self.content.setPlaceholderText("一句话承诺，如：每月走访留守儿童，全年不少于12次")
        self.counter = QLabel()
        set_role(self.counter, "hint")
        self.category = combo(choices(PLEDGE_CATEGORIES))
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
        self.unit = combo(choices(UNITS), editable=True)
        self.standard_text = QLineEdit()
        self.standard_text.setPlaceholderText("可不填；公示栏“完成标准”一栏默认显示 目标数+单位")
        self.deadline = DateInput(date(year, 12, 31))
        self.has_posted = QCheckBox("已公示")
        self.posted = DateInput(self.today)
        self.notes = QLineEdit()

        form = QFormLayout()
        form.addRow("承诺人：", self.form.field("member_id", self.member))
        form.addRow("年度：", self.form.field("year", self.year))
        content_box = self.form.field("content", self.content)
        content_box.layout().addWidget(self.counter)
        form.addRow("承诺内容：", content_box)
        form.addRow("类别：", self.form.field("category", self.category))
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
        self.target_box = self.form.field("target", target_row, "unit", "standard_kind")
        form.addRow("", self.target_box)
        form.addRow("标准说明：", self.standard_text)
        form.addRow("完成时限：", self.form.field("deadline", self.deadline))
        posted_row = QWidget()
        posted_layout = QHBoxLayout(posted_row)
        posted_layout.setContentsMargins(0, 0, 0, 0)
        posted_layout.addWidget(self.has_posted)
        posted_layout.addWidget(self.posted)
        posted_layout.addStretch()
        form.addRow("公示日期：", self.form.field("posted_date", posted_row))
        form.addRow("备注：", self.notes)

        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        self.buttons.offer_history(self.ops, "pledges", self.pledge_id, "承诺及践诺记录")
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

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
        read_choices(
            ops, self, picker_choices, pledge_id is not None, fill=self.member.set_choices,
            waiting=(self.member, self.buttons.save),
        )  # fmt: skip

    def _count(self) -> None:
        n = len(self.content.text().strip())
        self.counter.setText(
            f"{n} 字，超过 {BOARD_LINE_CHARS} 字，公示栏上一行放不下，建议精简（仍可保存）。"
            if n > BOARD_LINE_CHARS
            else f"{n} 字（公示栏一行约 {BOARD_LINE_CHARS} 字）"
        )
        set_role(self.counter, "warning" if n > BOARD_LINE_CHARS else "hint")

    def _kind_changed(self) -> None:
        self.target_box.setVisible(self.kind_quantity.isChecked())

    def _year_changed(self, year: int) -> None:
        current = self.deadline.value()
        if current is None or (current.month == 12 and current.day == 31):
            self.deadline.set_value(date(year, 12, 31))

    def _load(self, pledge_id: int) -> None:
        detail = self.ops.read_now(get_pledge, pledge_id, self.today)
        if detail is None:
            return
        p = detail.pledge
        self.member.set_member(p.member_id)
        self.year.setValue(p.year)
        self.content.setText(p.content)
        select_value(self.category, p.category)
        (self.kind_milestone if p.standard_kind == MILESTONE else self.kind_quantity).setChecked(True)
        if p.target is not None:
            self.target.setValue(p.target)
        if p.unit:
            select_value(self.unit, p.unit)
        self.standard_text.setText(p.standard_text)
        self.deadline.set_value(p.deadline)
        self.has_posted.setChecked(p.posted_date is not None)
        if p.posted_date:
            self.posted.set_value(p.posted_date)
        self.notes.setText(p.notes)

    def data(self) -> PledgeInput:
        quantity = self.kind_quantity.isChecked()
        return PledgeInput(
            member_id=self.member.member_id(), year=self.year.value(), content=self.content.text(),
            category=combo_value(self.category), standard_kind=QUANTITY if quantity else MILESTONE,
            target=self.target.value() if quantity else None, unit=combo_value(self.unit) if quantity else "",
            standard_text=self.standard_text.text(), deadline=self.deadline.value(),
            posted_date=self.posted.value() if self.has_posted.isChecked() else None,
            notes=self.notes.text(),
        )  # fmt: skip

    def save(self) -> None:
        data = self.data()
        checked = check_pledge(data)
        # The length of the sentence is told by the counter under it; the other warnings under their field.
        warnings = {name: [text] for name, text in checked.warnings.items() if name != "content"}
        if self.form.show({**checked.errors, **self.form.date_errors()}, warnings):
            self.form.submit(
                self.ops, save_pledge, data, self.pledge_id, changes=Area.PLEDGES, on_done=self._saved
            )

    def _saved(self, pledge_id: int) -> None:
        self.saved_id = pledge_id
        self.accept()
