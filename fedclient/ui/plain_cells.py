"""Painting the cells of a long list without Qt's per-cell item machinery.

Qt's own delegate asks the model for seven roles of every cell (a call into Python each), then the style lays
the text out three times (its size, its eliding, its drawing) and the application style sheet wraps every step:
~50 µs a cell, ~12 ms for the 240 cells of a screen, most of what a search waits for after its SQL. This delegate
paints a plain cell from the row's texts and colours kept by the model (``IdListTableModel.look``): its tint,
then its text at the place Qt's style puts it, in one call. Anything else is left to Qt's delegate: the selected
or current row, a text too wide for its cell (Qt elides or wraps it), a cell being edited.

It is checked, not assumed, to look the same: the first time a view is painted with a given style and font, one
cell is drawn both ways into images, and unless they are identical pixel for pixel the view keeps Qt's painting
(another platform's style may place or colour text differently).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPalette
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

_QT_PAINTS = (
    QStyle.StateFlag.State_Selected
    | QStyle.StateFlag.State_HasFocus
    | QStyle.StateFlag.State_Editing
    | QStyle.StateFlag.State_MouseOver
)
_ENABLED = QStyle.StateFlag.State_Enabled
_ACTIVE = QStyle.StateFlag.State_Active
_RECHECK = (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.PaletteChange)
_WIDTHS_KEPT = 4000  # texts whose width is remembered (names, dates…: a few screens' worth)


class PlainCellDelegate(QStyledItemDelegate):
    """For a view whose model is an ``IdListTableModel``: plain left-aligned one-line texts, maybe tinted."""

    def __init__(self, view: QAbstractItemView):
        super().__init__(view)
        self._view = view
        self._checked = False  # the two paintings compared for the current style and font
        self._same = False  # and found identical
        self._model = view.model()
        self._metrics = (0, 0, 0.0)  # text margin, line height, ascent
        self._font_metrics = QFontMetricsF(view.font())
        self._set_font = True  # the painter's font is not the cells' font
        self._font = view.font()
        self._text_colours: dict[object, QColor | None] = {}  # by the cell's state
        self._widths: dict[str, float] = {}  # by text
        view.installEventFilter(self)

    # --- painting -------------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        if not self._checked:
            self._check(option, index)
        if not self._same or not self._paint_plain(painter, option, index):
            super().paint(painter, option, index)

    def _paint_plain(self, painter: QPainter, option: QStyleOptionViewItem, index) -> bool:
        """Paints the cell as Qt's style would and returns True, or returns False having painted nothing."""
        text_colour = self.text_colour(option)
        if text_colour is None:  # selected, current, edited, under the mouse: Qt's own look
            return False
        look = self._model.look(index.row())
        if look is None:
            return False
        x, y, width, height = option.rect.getRect()
        return self.paint_look(painter, x, y, width, height, look, index.column(), text_colour)

    def text_colour(self, option: QStyleOptionViewItem) -> QColor | None:
        """The colour of a plain cell's text in the option's state; None where Qt paints."""
        state = option.state
        try:
            return self._text_colours[state]
        except KeyError:
            colour = self._text_colours[state] = self._text_colour(option)
            return colour

    def paint_look(
        self,
        painter: QPainter,
        x: int,
        y: int,
        width: int,
        height: int,
        look,
        column: int,
        text_colour: QColor,
    ) -> bool:
        """Paints the cell of ``look`` (``IdListTableModel.look``) in this rectangle, or returns False having
        painted nothing (its text is too wide: Qt elides or wraps it)."""
        texts, foregrounds, backgrounds = look
        text = texts[column]
        margin, line_height, ascent = self._metrics
        if text:
            text_width = self._widths.get(text)
            if text_width is None:
                if len(self._widths) > _WIDTHS_KEPT:
                    self._widths.clear()
                text_width = self._widths[text] = self._font_metrics.horizontalAdvance(text)
            # Qt's style lays out a text too wide for the cell otherwise (elided with …, or wrapped).
            if text_width > width - 2 * margin - 1:
                return False
        if backgrounds is not None and backgrounds[column] is not None:
            painter.fillRect(x, y, width, height, backgrounds[column])
        if text:
            colour = foregrounds[column] if foregrounds is not None else None
            painter.setPen(text_colour if colour is None else colour)
            if self._set_font:
                painter.setFont(self._font)
            painter.drawText(x + margin, y + (height - line_height) // 2 + ascent, text)
        return True

    def _text_colour(self, option: QStyleOptionViewItem) -> QColor | None:
        """The colour of a plain cell's text in this state, as Qt's style picks it; None where Qt paints."""
        state = option.state
        if state & _QT_PAINTS:
            return None
        if not state & _ENABLED:
            group = QPalette.ColorGroup.Disabled
        elif state & _ACTIVE:
            group = QPalette.ColorGroup.Normal
        else:
            group = QPalette.ColorGroup.Inactive
        return option.palette.color(group, QPalette.ColorRole.Text)

    # --- checking that it looks the same -------------------------------------------------------------
    def _check(self, option: QStyleOptionViewItem, index) -> None:
        """Draws this cell both ways into images; the plain painting is used only if they are identical."""
        self._checked = True
        self._same = False
        view = self._view
        self._model = view.model()
        if not hasattr(self._model, "look"):
            return
        metrics = self._font_metrics = QFontMetricsF(option.font)
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        self._metrics = (margin, round(metrics.ascent() + metrics.descent()), metrics.ascent())
        self._set_font = view.viewport().font() != option.font
        self._font = option.font
        self._text_colours.clear()
        self._widths.clear()
        look = self._model.look(index.row())
        if look is None or not look[0][index.column()]:
            self._checked = False  # try again on a cell with a text
            return
        sample = QStyleOptionViewItem(option)
        sample.rect = QRect(QPoint(0, 0), option.rect.size())
        sample.state = option.state & ~_QT_PAINTS
        images = []
        for plain in (False, True):
            image = QImage(sample.rect.size(), QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(QColor("white"))
            painter = QPainter(image)
            painter.setFont(option.font)
            if plain:
                if not self._paint_plain(painter, sample, index):
                    painter.end()
                    self._checked = False  # try again on a cell that can be painted plainly
                    return
            else:
                super().paint(painter, sample, index)
            painter.end()
            images.append(image)
        self._same = images[0] == images[1]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _RECHECK:
            self._checked = False
        return False

    @property
    def plain(self) -> bool:
        """Whether cells are painted here (the check found both paintings identical)."""
        return self._checked and self._same
