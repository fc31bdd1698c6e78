"""Small form helpers shared by the member and helped-person dialogs: a field with its message below."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from fedclient.core.tabular import DateError, parse_date

DATE_HINT = "如 1975-03-02"


class FieldBox(QWidget):
    """An input with a Chinese message underneath: red for errors, amber for warnings."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.widget = widget
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(widget)
        layout.addWidget(self.message)

    def show_message(self, error: str = "", warnings: list[str] | None = None) -> None:
        text = error or "；".join(warnings or [])
        self.message.setProperty("role", "error" if error else "warning")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)
        self.message.setVisible(bool(text))


def date_edit(placeholder: str = DATE_HINT) -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def read_date(edit: QLineEdit) -> tuple[date | None, str]:
    """(date, error): what the user typed in a date field, in any of the usual ways of writing dates."""
    try:
        parsed = parse_date(edit.text())
    except DateError as exc:
        return None, str(exc)
    return (parsed.value if parsed else None), ""


def show_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def combo(items, editable: bool = False) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    for item in items:
        if isinstance(item, tuple):
            box.addItem(item[1], item[0])
        else:
            box.addItem(item, item)
    return box


def set_combo(box: QComboBox, value) -> None:
    index = box.findData(value)
    if index >= 0:
        box.setCurrentIndex(index)
    elif box.isEditable():
        box.setEditText(str(value or ""))
