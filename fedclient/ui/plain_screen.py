"""Painting a whole screen of plain cells in one Python call.

Even with ``PlainCellDelegate`` a table's paint crosses from Qt into Python three times per cell (the model's
row and column counts for each index, then the delegate), ~2.5 ms of the ~5.5 ms a screen of 240 cells takes.
When nothing on the screen needs Qt's own painting (no selected, current or hovered row shown, no hidden or
moved column, no alternating colours), this filter on the viewport paints the rows the event asks for itself —
each cell as the plain delegate paints it, a text too wide for its cell through Qt's delegate as Qt would call
it — and then the grid lines at the places Qt draws them. Otherwise Qt paints, as before.

Checked, not assumed, like the delegate: after the first plain screen with a given style, font and palette
(painted by Qt), the viewport is rendered a row at a time both ways, by Qt and this way; unless every row is
identical pixel for pixel the table keeps Qt's painting.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLineF, QModelIndex, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QRegion
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTableView

from .plain_cells import PlainCellDelegate

_RECHECK = (QEvent.Type.StyleChange, QEvent.Type.FontChange, QEvent.Type.PaletteChange)
_ROOT = QModelIndex()


class PlainScreen(QObject):
    def __init__(self, table: QTableView, delegate: PlainCellDelegate):
        super().__init__(table)
        self._table = table
        self._delegate = delegate
        self._checked = False  # the whole screen compared with Qt's painting for this style, font and palette
        self._same = False
        self._rendering = False  # Qt paints while the check renders its image
        table.viewport().installEventFilter(self)
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self._table.viewport():
            return self._paint(event)
        if kind in _RECHECK:
            self._checked = False
        return False

    def _paint(self, event) -> bool:
        if self._rendering or not self._plain_screen():
            return False
        if not self._checked:
            # Qt paints this time; the comparison renders the viewport, which cannot be done inside its paint.
            self._checked = True
            self._same = False
            QTimer.singleShot(0, self, self._check)
            return False
        if not self._same:
            return False
        painter = QPainter(self._table.viewport())
        try:
            return self._paint_rows(painter, event.rect())
        finally:
            painter.end()

    def _plain_screen(self) -> bool:
        """Whether every cell of the screen is one the plain delegate paints (or would leave to Qt alone)."""
        table, delegate = self._table, self._delegate
        if table.itemDelegate() is not delegate or not delegate.plain or not hasattr(table.model(), "look"):
            return False
        vertical, horizontal = table.verticalHeader(), table.horizontalHeader()
        if (
            table.alternatingRowColors()
            or table.isRightToLeft()
            or not table.isEnabled()
            or table.gridStyle() != Qt.PenStyle.SolidLine
            or horizontal.sectionsMoved()
            or vertical.sectionsMoved()
            or horizontal.hiddenSectionCount()
            or vertical.hiddenSectionCount()
            or table.viewport().underMouse()  # a hovered row looks different in some styles
        ):
            return False
        first, last = self._rows_shown()
        selection = table.selectionModel()
        if selection is not None and any(
            selection.rowIntersectsSelection(row, _ROOT) for row in range(first, last + 1)
        ):
            return False
        current = table.currentIndex()
        if current.isValid() and first <= current.row() <= last:
            return False  # the current cell has a focus frame when the table has the focus
        model = table.model()
        return all(model.look(row) is not None for row in range(first, last + 1))

    def _rows_shown(self) -> tuple[int, int]:
        table = self._table
        count = table.model().rowCount()
        first = max(table.rowAt(0), 0)
        last = table.rowAt(table.viewport().height() - 1)
        return first, (count - 1 if last < 0 else last)

    def _paint_rows(self, painter: QPainter, area: QRect) -> bool:
        """What ``QTableView::paintEvent`` paints in ``area`` (the viewport's background is already filled)."""
        table, delegate = self._table, self._delegate
        model = table.model()
        vertical, horizontal = table.verticalHeader(), table.horizontalHeader()
        grid = 1 if table.showGrid() else 0
        area.setBottom(min(area.bottom(), vertical.length() - vertical.offset() - 1))
        area.setRight(min(area.right(), horizontal.length() - horizontal.offset() - 1))
        if not area.isValid() or not horizontal.count() or not vertical.count():
            return True
        top, bottom = vertical.visualIndexAt(area.top()), vertical.visualIndexAt(area.bottom())
        bottom = vertical.count() - 1 if bottom < 0 else bottom
        if top < 0 or top > bottom:
            return True
        left, right = horizontal.visualIndexAt(area.left()), horizontal.visualIndexAt(area.right())
        left, right = max(left, 0), (horizontal.count() - 1 if right < 0 else right)
        columns = [
            (column, table.columnViewportPosition(column), table.columnWidth(column) - grid)
            for column in range(left, right + 1)
        ]
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        colour = delegate.text_colour(option)
        if colour is None:
            return False
        rows = []
        for row in range(top, bottom + 1):
            y, height = table.rowViewportPosition(row), table.rowHeight(row) - grid
            rows.append((y, height))
            look = model.look(row)
            for column, x, width in columns:
                if not delegate.paint_look(painter, x, y, width, height, look, column, colour):
                    self._paint_by_qt(painter, option, QRect(x, y, width, height), model.index(row, column))
        if grid:
            hint = table.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, table)
            painter.setPen(QPen(QColor.fromRgba(hint & 0xFFFFFFFF), 1, table.gridStyle()))
            for y, height in rows:
                painter.drawLine(
                    QLineF(area.left(), y + height, area.right(), y + height).translated(0.5, 0.5)
                )
            for _column, x, width in columns:
                painter.drawLine(QLineF(x + width, area.top(), x + width, area.bottom()).translated(0.5, 0.5))
        return True

    def _paint_by_qt(self, painter: QPainter, base: QStyleOptionViewItem, rect: QRect, index) -> None:
        """A cell the plain painting leaves to Qt (a text too wide for it), painted as Qt's table would."""
        option = QStyleOptionViewItem(base)
        option.rect = rect
        table = self._table
        table.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, table)
        QStyledItemDelegate.paint(self._delegate, painter, option, index)

    def _check(self) -> None:
        """The screen painted here and by Qt, a row at a time into two images one row high: the plain painting
        is used only if every row is identical pixel for pixel. Row-high images rather than two of the whole
        viewport (~3 MB each), whose memory the allocator keeps long after the check."""
        table = self._table
        viewport = table.viewport()
        if not self._checked or not viewport.isVisible() or not self._plain_screen():
            self._checked = False  # changed meanwhile: compare at the next plain paint
            return
        first, last = self._rows_shown()
        width, grid = viewport.width(), 1 if table.showGrid() else 0
        band = max(table.rowHeight(row) for row in range(first, last + 1)) if last >= first else 0
        if band <= 0 or width <= 0:
            self._same = True
            return
        images = [QImage(width, band, QImage.Format.Format_ARGB32_Premultiplied) for _ in range(2)]
        self._same = True
        for row in range(first, last + 1):
            top = max(table.rowViewportPosition(row), 0)
            height = min(table.rowHeight(row) + grid, viewport.height() - top, band)
            if height <= 0:
                continue
            source = QRegion(0, top, width, height)
            for image, ours in zip(images, (True, False), strict=True):
                image.fill(QColor("white"))
                self._rendering = not ours
                try:
                    viewport.render(image, QPoint(0, 0), source)
                finally:
                    self._rendering = False
            if images[0] != images[1]:
                self._same = False
                return

    @property
    def plain(self) -> bool:
        """Whether screens are painted here (the check found both paintings identical)."""
        return self._checked and self._same
