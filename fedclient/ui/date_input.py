"""The one date input of every form: typed the usual ways or picked from a calendar, and may be left empty;
and a date that may be absent altogether (a check box beside it, "已结案")."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QCheckBox, QHBoxLayout, QLineEdit, QWidget

from fedclient.core.dates import DateError, parse_date

DATE_HINT = "如 2026-03-02"


def _calendar_icon() -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setPen(QColor("#555555"))
    p.drawRect(1, 2, 13, 12)
    p.fillRect(2, 3, 12, 3, QColor("#c0392b"))
    for x in (4, 7, 10):
        for y in (8, 11):
            p.drawPoint(x, y)
            p.drawPoint(x + 1, y)
    p.end()
    return QIcon(pixmap)


class DateInput(QLineEdit):
    """A date typed the usual ways (2026-03-02, 2026.3.2, 2026年3月2日) or picked from a calendar; may be
    left empty. ``value()`` is the date or None, ``error()`` the Chinese message when the text is no date."""

    changed = Signal()  # typed or picked by the user

    def __init__(
        self, value: date | None = None, placeholder: str = DATE_HINT, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setMinimumWidth(130)
        self.set_value(value)
        pick = QAction(_calendar_icon(), "选择日期", self)
        pick.triggered.connect(self._pick)
        self.addAction(pick, QLineEdit.ActionPosition.TrailingPosition)
        self.textEdited.connect(lambda _t: self.changed.emit())

    def read(self) -> tuple[date | None, str]:
        try:
            parsed = parse_date(self.text())
        except DateError as exc:
            return None, str(exc)
        if parsed and parsed.warning:
            # An import lists what it read with a doubt (82.03 read as 1982); a form has no such list, so the
            # chair writes the date out rather than have a guess saved silently.
            return (
                None,
                f"“{self.text().strip()}”可能是 {parsed.value.isoformat()}，请写出完整的日期（四位年份）",
            )
        return (parsed.value if parsed else None), ""

    def value(self) -> date | None:
        return self.read()[0]

    def error(self) -> str:
        return self.read()[1]

    def set_value(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def _pick(self) -> None:
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        day = self.value() or date.today()
        popup.setSelectedDate(QDate(day.year, day.month, day.day))
        popup.clicked.connect(lambda d: self._picked(popup, d))
        popup.activated.connect(lambda d: self._picked(popup, d))
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()

    def _picked(self, popup: QCalendarWidget, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        popup.close()
        self.changed.emit()
        self.editingFinished.emit()


class OptionalDate(QWidget):
    """A date that may be absent: a check box ("已结案") and the date input beside it."""

    changed = Signal()

    def __init__(self, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(label)
        self.edit = DateInput(date.today())
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.changed.connect(self.changed)

    def value(self) -> date | None:
        return self.edit.value() if self.check.isChecked() else None

    def error(self) -> str:
        if not self.check.isChecked():
            return ""
        return self.edit.error() or ("" if self.edit.value() else "请填写日期")

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        if value is not None:
            self.edit.set_value(value)
