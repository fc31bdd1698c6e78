"""回访 dialog: one follow-up visit of a case with an outcome."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.mediation import FollowUpDraft, mediator_choices, save_followup
from fedclient.core.vocab import SATISFACTION_LEVELS

from ..choices_read import read_choices
from ..forms import ButtonRow, DateInput, Form, choices, combo, combo_value, fill_combo
from ..operations import OperationRunner


class FollowUpDialog(QDialog):
    def __init__(
        self,
        ops: OperationRunner,
        case_id: int,
        number: str,
        visit: FollowUpDraft | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.ops, self.case_id = ops, case_id
        self.visit = visit or FollowUpDraft()
        self.saved_id: int | None = None
        self.setWindowTitle(f"回访记录 — 案件 {number}")
        self.resize(520, 420)
        self.visit_date = DateInput(self.visit.visit_date or date.today())
        self.visitor = combo(self._people([]), self.visit.visitor_id)  # the mediators follow (below)
        self.performed = QCheckBox("协议已履行")
        self.performed.setChecked(self.visit.performed)
        self.satisfaction = combo(choices(SATISFACTION_LEVELS), self.visit.satisfaction)
        self.relapse = QLineEdit(self.visit.relapse_signs)
        self.relapse.setPlaceholderText("如：双方又有争吵、一方反悔（没有则不填）")
        self.notes = QPlainTextEdit(self.visit.notes)
        self.notes.setPlaceholderText("回访了解到的情况")
        self.form = Form(self)
        form = QFormLayout()
        for label, name, widget in (
            ("回访日期", "visit_date", self.visit_date),
            ("回访人", "visitor", self.visitor),
            ("履行情况", "performed", self.performed),
            ("当事人满意度", "satisfaction", self.satisfaction),
            ("反弹迹象", "relapse_signs", self.relapse),
            ("情况记录", "notes", self.notes),
        ):
            form.addRow(label, self.form.field(name, widget))
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.people_read = False
        read_choices(
            ops, self, mediator_choices, fill=self._people_read, waiting=(self.visitor, self.buttons.save)
        )

    def _people(self, mediators: list[tuple[int, str]]) -> list[tuple[str, int | None]]:
        people = [("（请选择）", None), *((label, i) for i, label in mediators)]
        if self.visit.visitor_id is not None and self.visit.visitor_id not in [i for _l, i in people]:
            people.append(
                (self.visit.visitor_name, self.visit.visitor_id)
            )  # she has left: kept in the record
        return people

    def _people_read(self, mediators: list[tuple[int, str]]) -> None:
        fill_combo(self.visitor, self._people(mediators))  # the one chosen stays
        self.people_read = True

    def current(self) -> FollowUpDraft:
        return FollowUpDraft(
            id=self.visit.id,
            visit_date=self.visit_date.value(),
            visitor_id=self.visitor.currentData(),
            performed=self.performed.isChecked(),
            satisfaction=combo_value(self.satisfaction),
            relapse_signs=self.relapse.text(),
            notes=self.notes.toPlainText(),
        )

    def save(self, today: date | None = None) -> None:
        if not self.people_read:  # (保存 waits for them)
            return
        if self.form.show(self.form.date_errors()):
            visit = self.current()
            self.form.submit(
                self.ops,
                save_followup,
                self.case_id,
                visit,
                today or date.today(),
                changes=Area.CASES,
                on_done=self._saved,
            )

    def _saved(self, followup_id: int) -> None:
        self.saved_id = followup_id
        self.accept()
