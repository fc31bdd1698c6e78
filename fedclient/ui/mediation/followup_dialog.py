"""回访 dialog: one follow-up visit of a case with an outcome."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.database import Database
from fedclient.core.mediation import CaseRefused, FollowUpDraft, mediator_choices, save_followup
from fedclient.core.vocab import SATISFACTION_LEVELS

from ..signals import data_signals
from .widgets import date_edit, error_label, show_problems, to_date, to_qdate


class FollowUpDialog(QDialog):
    def __init__(
        self,
        db: Database,
        case_id: int,
        number: str,
        visit: FollowUpDraft | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.db, self.case_id = db, case_id
        self.visit = visit or FollowUpDraft()
        self.saved_id: int | None = None
        self.setWindowTitle(f"回访记录 — 案件 {number}")
        self.resize(520, 420)
        self.visit_date = date_edit(self.visit.visit_date)
        self.visitor = QComboBox()
        self.visitor.addItem("（请选择）", None)
        for member_id, label in db.run(mediator_choices):
            self.visitor.addItem(label, member_id)
        if self.visit.visitor_id is not None:
            index = self.visitor.findData(self.visit.visitor_id)
            if index < 0:  # a visitor who has since left keeps her place in the record
                self.visitor.addItem(self.visit.visitor_name, self.visit.visitor_id)
                index = self.visitor.count() - 1
            self.visitor.setCurrentIndex(index)
        self.performed = QCheckBox("协议已履行")
        self.performed.setChecked(self.visit.performed)
        self.satisfaction = QComboBox()
        self.satisfaction.addItems(SATISFACTION_LEVELS)
        self.satisfaction.setCurrentText(self.visit.satisfaction)
        self.relapse = QLineEdit(self.visit.relapse_signs)
        self.relapse.setPlaceholderText("如：双方又有争吵、一方反悔（没有则不填）")
        self.notes = QPlainTextEdit(self.visit.notes)
        self.notes.setPlaceholderText("回访了解到的情况")
        self.errors = error_label()
        form = QFormLayout()
        form.addRow("回访日期", self.visit_date)
        form.addRow("回访人", self.visitor)
        form.addRow("履行情况", self.performed)
        form.addRow("当事人满意度", self.satisfaction)
        form.addRow("反弹迹象", self.relapse)
        form.addRow("情况记录", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Save).setProperty("primary", True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)

    def current(self) -> FollowUpDraft:
        return FollowUpDraft(
            id=self.visit.id,
            visit_date=to_date(self.visit_date.date()),
            visitor_id=self.visitor.currentData(),
            performed=self.performed.isChecked(),
            satisfaction=self.satisfaction.currentText(),
            relapse_signs=self.relapse.text(),
            notes=self.notes.toPlainText(),
        )

    def save(self, today: date | None = None) -> bool:
        try:
            self.saved_id = self.db.run(save_followup, self.case_id, self.current(), today or date.today())
        except CaseRefused as refused:
            show_problems(self.errors, list(refused.errors.values()))
            return False
        data_signals.changed.emit("mediation")
        self.accept()
        return True

    def set_date(self, value: date) -> None:
        self.visit_date.setDate(to_qdate(value))
