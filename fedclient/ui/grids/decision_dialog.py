"""One council decision (决议): what, who is responsible, by when; later whether it was carried out, what came of
it and how satisfied the villagers were. Edited here, saved with the meeting (one transaction).

Whom it is given to (责任人) is chosen from every member in office (thousands at county scale), found by typing
the name or its pinyin initials (zxl → 张秀兰), or typed when she is not on the roster. The list and its initials are
read in the background once the dialog is up (``choices_read``)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
)

from fedclient.core.grids.council_decisions import DecisionData
from fedclient.core.members.query import member_choices
from fedclient.core.vocab import SATISFACTION_LEVELS

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, combo, combo_value, message_label
from ..operations import OperationRunner
from ..pledges.member_picker import MemberPicker, with_initials


def responsible_choices(session) -> list[tuple[int, str, str]]:
    """Every member in office, with her name's pinyin initials (worked out here, on the worker thread)."""
    return with_initials(member_choices(session))


class DecisionDialog(QDialog):
    def __init__(self, ops: OperationRunner, decision: DecisionData, meeting_day: date | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("议事决议")
        self.resize(560, 420)
        self.meeting_day = meeting_day
        self.decision = decision
        self.content = QPlainTextEdit(decision.content)
        self.content.setPlaceholderText("议定要办的一件事，如：各网格推荐“好媳妇好婆婆”候选人")
        self.content.setFixedHeight(70)
        self.responsible = MemberPicker(placeholder="选择或输入责任人", editable=True)
        self.responsible.setToolTip("输入拼音首字母查找，从名单中选择；或直接输入不在名单中的责任人姓名")
        if decision.responsible_id is not None:
            self.responsible.set_member(decision.responsible_id)  # selected once the list is read
        else:
            self.responsible.combo.setEditText(decision.responsible_name)
        self.due = DateInput(decision.due_date)
        self.done_box = QCheckBox("已落实")
        self.done_box.setChecked(decision.done_date is not None)
        self.done_date = DateInput(decision.done_date or date.today())
        self.outcome = QPlainTextEdit(decision.outcome)
        self.outcome.setPlaceholderText("落实情况，如：已评选8户，结果已公示")
        self.outcome.setFixedHeight(60)
        self.satisfaction = combo(
            [("未评议", "")] + [(s, s) for s in SATISFACTION_LEVELS], decision.satisfaction
        )
        self.message = message_label()
        form = QFormLayout()
        form.addRow("决议事项", self.content)
        form.addRow("责任人", self.responsible)
        form.addRow("完成时限", self.due)
        done = QHBoxLayout()
        done.addWidget(self.done_box)
        done.addWidget(QLabel("落实日期"))
        done.addWidget(self.done_date)
        done.addStretch()
        form.addRow("落实情况", done)
        form.addRow("", self.outcome)
        form.addRow("群众满意度", self.satisfaction)
        self.buttons = ButtonRow(save_text="确定")
        self.buttons.save_clicked.connect(self.accept_if_valid)
        self.buttons.cancel_clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.done_box.toggled.connect(self._done_toggled)
        self._done_toggled(self.done_box.isChecked())
        read_choices(ops, self, responsible_choices, fill=self._people_read,
                     waiting=(self.responsible, self.buttons.save))  # fmt: skip

    def _people_read(self, people: list[tuple[int, str, str]]) -> None:
        self.responsible.set_choices(people)
        if self.decision.responsible_id is None:  # a name typed earlier, not on the roster: still hers
            self.responsible.combo.setEditText(self.decision.responsible_name)

    def _done_toggled(self, checked: bool) -> None:
        for widget in (self.done_date, self.outcome, self.satisfaction):
            widget.setEnabled(checked)

    def value(self) -> DecisionData:
        who = combo_value(self.responsible.combo)
        done = self.done_box.isChecked()
        return DecisionData(
            id=self.decision.id,
            content=self.content.toPlainText().strip(),
            responsible_id=who if isinstance(who, int) else None,
            responsible_name=self.responsible.combo.currentText().split("（")[0]
            if isinstance(who, int)
            else str(who or ""),
            due_date=self.due.value(),
            done_date=self.done_date.value() if done else None,
            outcome=self.outcome.toPlainText().strip() if done else "",
            satisfaction=combo_value(self.satisfaction) if done else "",
        )

    def accept_if_valid(self) -> None:
        from fedclient.core.grids.council_decisions import validate_decisions

        for widget in (self.due, self.done_date):
            if widget.error():
                self._say(widget.error())
                return
        problem = validate_decisions([self.value()], self.meeting_day, date.today())
        if problem:
            self._say(problem.removeprefix("第1项决议："))
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
