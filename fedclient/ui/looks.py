"""How the program looks, in one place, without an application style sheet.

Any application style sheet, whatever its rules, makes Qt wrap every widget's style in a ``QStyleSheetStyle``
with rule caches of its own: ~4 MiB for the ~1,000 widgets of the window, and ~1 ms of each list repaint.
So the looks are: the application font (11 pt, the Simplified Chinese face ``app_setup`` chose); class fonts and
palettes (bold column headers; the tables' selection and grid colours); a thin proxy of the platform's own style
that gives push buttons and column headers their padding; and small style sheets on the few widgets whose look
a palette cannot give on every platform (Windows' native styles ignore a push button's palette): the red
primary buttons, the tab bars (bold selected tab) and a field while it is invalid.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QPalette, QPixmapCache
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QProxyStyle,
    QPushButton,
    QScrollArea,
    QStyle,
    QTabWidget,
    QWidget,
)

RED = "#c0392b"
ROLE_COLOURS = {"error": RED, "warning": "#a66300", "hint": "#666666"}
BASE_PT = 11
TABLE_SELECTION = "#f4d3cf"
TABLE_GRID = "#dddddd"
# Qt's styles keep a picture of each button, column header, combo box, ... size and state they drew in
# QPixmapCache (10 MiB by default): ~4 MiB once every page is opened. 1 MiB holds what a page shows; a page
# drawn again after others costs ~0.5 ms more (benchmarks/README.md, "Memory, third session").
STYLE_PICTURES_KIB = 1024

# Push buttons: 14 px of padding left and right, 4 px above and below a text at least 24 px high, in a 1 px frame.
BUTTON_PADDING = QSize(14 + 1, 4 + 1)
BUTTON_MIN_TEXT_HEIGHT = 24
HEADER_PADDING = 4  # around a column header's title
PRIMARY_SHEET = (
    f"QPushButton {{ background: {RED}; color: white; border-radius: 3px; padding: 5px 18px;"
    f" min-height: {BUTTON_MIN_TEXT_HEIGHT}px; }}"
    " QPushButton:disabled { background: #d9a39d; }"
)
TAB_SHEET = (
    "QTabBar::tab { padding: 6px 22px; font-size: 12pt; } QTabBar::tab:selected { font-weight: bold; }"
)
INVALID_SHEET = f'*[invalid="true"] {{ border: 1px solid {RED}; }}'  # the widget itself, not its children


class RoomyStyle(QProxyStyle):
    """The platform's own style with roomier push buttons and column headers. Only ``sizeFromContents`` is
    overridden: Qt asks it when a size is worked out (a button or header caches it), never while painting, so
    no Python runs per painted cell or per pixel metric."""

    def sizeFromContents(self, kind, option, size, widget=None):  # noqa: N802 - Qt's name
        if kind == QStyle.ContentsType.CT_PushButton:
            return QSize(
                size.width() + 2 * BUTTON_PADDING.width(),
                max(size.height(), BUTTON_MIN_TEXT_HEIGHT) + 2 * BUTTON_PADDING.height(),
            )
        base = super().sizeFromContents(kind, option, size, widget)
        if kind == QStyle.ContentsType.CT_HeaderSection:
            return base + QSize(2 * HEADER_PADDING, 2 * HEADER_PADDING)
        return base


def install_looks(app: QApplication) -> None:
    """Before any widget is built (each is then made with its looks, never restyled). The application font
    must already be set: class fonts are derived from it."""
    app.setStyle(RoomyStyle())
    QPixmapCache.setCacheLimit(STYLE_PICTURES_KIB)
    header = app.font()  # (a class font is a whole font: the family and size are the application's)
    header.setBold(True)
    app.setFont(header, "QHeaderView")
    table = QPalette(app.palette())
    table.setColor(QPalette.ColorRole.Highlight, QColor(TABLE_SELECTION))
    table.setColor(QPalette.ColorRole.HighlightedText, QColor("black"))
    table.setColor(QPalette.ColorRole.Mid, QColor(TABLE_GRID))  # the grid lines' colour in Qt's common style
    app.setPalette(table, "QTableView")


# --- the looks a widget is given where it is made ---------------------------------------------------------
def make_primary(button: QPushButton) -> QPushButton:
    """The one button of a form or page that does its main job: red with white text, on every platform."""
    button.setProperty("primary", True)
    button.setStyleSheet(PRIMARY_SHEET)
    return button


def set_role(label: QLabel, role: str) -> QLabel:
    """A message's look: "error" red, "warning" amber, "hint" grey. The role stays readable as the label's
    ``role`` property."""
    label.setProperty("role", role)
    set_text_colour(label, ROLE_COLOURS[role])
    return label


def set_text_colour(widget: QWidget, colour: str) -> None:
    palette = widget.palette()
    palette.setColor(widget.foregroundRole(), QColor(colour))
    widget.setPalette(palette)


def heading(label: QLabel, point_size: float | None = None) -> QLabel:
    """A bold title, optionally larger than the text around it."""
    font = label.font()
    if point_size is not None:
        font.setPointSizeF(point_size)
    font.setBold(True)
    label.setFont(font)
    return label


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """A red border while the field holds what cannot be saved (its style sheet only while it does)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet(INVALID_SHEET if invalid else "")


def tab_widget(document_mode: bool = False) -> QTabWidget:
    """Tabs with roomy 12 pt titles, the selected one bold."""
    tabs = QTabWidget()
    tabs.setDocumentMode(document_mode)
    tabs.tabBar().setStyleSheet(TAB_SHEET)
    return tabs


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless scroll area: drawn as it was wherever it fits, scrolled instead of cut off where
    it does not, so a tall form does not make the window taller than a 768 px screen."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area
