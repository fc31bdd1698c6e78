"""Small input widgets shared by the mediation dialogs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QWidget


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(to_qdate(value or date.today()))
    edit.setMinimumWidth(130)
    return edit


class OptionalDate(QWidget):
    """A date that may be absent: a check box ("已结案") and the date beside it."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = date_edit()
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> date | None:
        return to_date(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_problems(label: QLabel, messages: list[str]) -> None:
    label.setText("\n".join(f"• {m}" for m in dict.fromkeys(messages)))
    label.setVisible(bool(messages))
