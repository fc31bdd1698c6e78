"""A label of at most a few lines: a longer text ends with … on its last line and the whole text is its tooltip.

A wrapped QLabel takes as many lines as its text needs: a 160-character pledge title took five, and the records
under it were left one row. This one wraps the same way (anywhere in Chinese), asks for the height of the lines
it shows (height for width) and never for a width of its own, so a long text neither pushes the window wider nor
the widgets under it off their room.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


def clamp_lines(text: str, font: QFont, width: int, lines: int) -> tuple[list[str], bool]:
    """``text`` wrapped at ``width`` pixels into at most ``lines`` lines, the last one elided when the text needs
    more; and whether it was cut."""
    text = " ".join(text.split("\n"))
    if not text or width <= 0:
        return [text], False
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    starts = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    # QTextLayout counts UTF-16 units: a name may hold a character beyond the BMP (two units).
    units = text.encode("utf-16-le")

    def piece(start: int, end: int | None = None) -> str:
        return units[2 * start : None if end is None else 2 * end].decode("utf-16-le")

    ends = [*starts[1:], None]
    if len(starts) <= lines:
        return [piece(s, e).rstrip() for s, e in zip(starts, ends, strict=True)], False
    shown = [piece(s, e).rstrip() for s, e in zip(starts[: lines - 1], ends, strict=False)]
    last = QFontMetrics(font).elidedText(piece(starts[lines - 1]), Qt.TextElideMode.ElideRight, width)
    return [*shown, last], True


class ClampedLabel(QLabel):
    def __init__(self, lines: int = 2, parent: QWidget | None = None):
        super().__init__(parent)
        self.lines = lines
        self.full = ""
        self.cut = False
        self.setTextFormat(Qt.TextFormat.PlainText)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def setText(self, text: str) -> None:
        self.full = text
        self._fit()
        self.updateGeometry()

    def clear(self) -> None:
        self.setText("")

    def _lines(self, width: int) -> list[str]:
        return clamp_lines(self.full, self.font(), width, self.lines)[0]

    def _fit(self) -> None:
        width = self.contentsRect().width()
        lines, self.cut = clamp_lines(self.full, self.font(), width, self.lines)
        super().setText("\n".join(lines))
        self.setToolTip(self.full if self.cut else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:  # a new font wraps differently
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit()
            self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        shown = len(self._lines(inner)) if self.full else 1
        return shown * QFontMetrics(self.font()).lineSpacing() + margins.top() + margins.bottom()

    def sizeHint(self) -> QSize:  # no width of its own; the height of what it shows
        return QSize(QFontMetrics(self.font()).averageCharWidth() * 20, self.heightForWidth(self.width()))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, QFontMetrics(self.font()).lineSpacing())
