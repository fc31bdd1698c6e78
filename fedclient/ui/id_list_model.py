"""A table model over a list of ids: the list's filter and sort ran once in SQL and gave the ordered ids; the
rows on screen are read by id, a page at a time, and kept in a few pages of memory.

``row_of(id)`` is a lookup, and the current record is kept by id across refreshes, wherever it moved.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

# A page is a little more than a screen: the rows read before the first paint after a search (50 roster rows
# ~1 ms, 200 took ~3 ms; 200 mediation rows ~12 ms). Scrolling reads the next page as it comes into view.
PAGE_SIZE = 50
PAGES_KEPT = 12
DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
LOOKS_KEPT = PAGE_SIZE * PAGES_KEPT

Columns = Sequence[tuple[str, Callable[[Any], Any]]]
# A row as painted (``plain_cells``): its texts, and its text colours and tints by column (None: none at all).
RowLook = tuple[tuple[str, ...], Sequence[QColor | None] | None, Sequence[QBrush | None] | None]


class IdListTableModel(QAbstractTableModel):
    """Rows are objects from the core with an ``id``; ``columns`` are (header, function row -> shown value).

    ``rows_by_ids(ids)`` reads the rows of some ids (any order; ids no longer found are shown empty).
    """

    def __init__(self, columns: Columns, rows_by_ids: Callable[[list[int]], list[Any]], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._shows = [show for _header, show in self.columns]
        self._rows_by_ids = rows_by_ids
        # The ids as machine integers, 8 bytes each (a list of Python ints takes 40: 50,000 services' ids
        # would be 2 MB instead of 0.4 MB, for every list open).
        self._ids = array("q")
        self._rows_of: dict[int, int] | None = None  # id -> row, built on the first lookup
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._looks: dict[int, RowLook | None] = {}  # row -> what ``look`` gave
        self._selection: QItemSelectionModel | None = None

    # --- the list -------------------------------------------------------------------------------------
    def set_ids(self, ids: Sequence[int], first_rows: Sequence[Any] = ()) -> None:
        """Show these ids (a new filter, sort or refresh); the current record stays current if still listed.
        ``first_rows``: the rows of the first ``PAGE_SIZE`` ids, read with them (in the background, in the same
        transaction), so the first screen is painted without reading anything on the GUI thread."""
        keep = self.current_id()
        self.beginResetModel()
        self._ids = array("q", ids)
        self._rows_of = None
        self._pages.clear()
        self._looks.clear()
        if first_rows:
            found = {item.id: item for item in first_rows}
            self._pages[0] = [found.get(i) for i in self._ids[:PAGE_SIZE]]
        self.endResetModel()
        if keep is not None and self._selection is not None:
            # Quietly: the same record as before the refresh, not a new choice for the page to react to (a form
            # beside the list must not be refilled over what is being typed).
            blocked = self._selection.blockSignals(True)
            self.select_id(keep)
            self._selection.blockSignals(blocked)

    @property
    def ids(self) -> list[int]:
        return self._ids.tolist()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int | None) -> int:
        """Row of the record with this id, or -1 when it is not in the list."""
        if self._rows_of is None:
            self._rows_of = {record_id: row for row, record_id in enumerate(self._ids)}
        return -1 if record_id is None else self._rows_of.get(record_id, -1)

    def row(self, row: int) -> Any | None:
        """The record shown in ``row`` (read with its page when not in memory), or None."""
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            ids = self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE].tolist()
            found = {item.id: item for item in self._rows_by_ids(ids)}
            page = [found.get(i) for i in ids]
            self._pages[page_no] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * PAGE_SIZE]

    # --- the current record ---------------------------------------------------------------------------
    def track_selection(self, selection: QItemSelectionModel) -> None:
        """Keep the current record of this selection model (a view's) by id across ``set_ids``."""
        self._selection = selection

    def current_id(self) -> int | None:
        if self._selection is None:
            return None
        index = self._selection.currentIndex()
        return self.id_at(index.row()) if index.isValid() else None

    def select_id(self, record_id: int) -> int:
        """Make the record current (the whole row selected); its row, or -1 when it is not listed."""
        row = self.row_of(record_id)
        if row >= 0 and self._selection is not None:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self._selection.setCurrentIndex(self.index(row, 0), flags)
        return row

    # --- Qt -------------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=DISPLAY):
        row, column = index.row(), index.column()
        look = self.look(row)
        return None if look is None else self._value(look, row, column, role)

    def multiData(self, index: QModelIndex | QPersistentModelIndex, span: QModelRoleDataSpan) -> None:  # noqa: N802
        """Every role a cell painted by Qt's own delegate needs, in one call (it asks for seven): one crossing
        into Python per cell instead of seven."""
        row, column = index.row(), index.column()
        look = self.look(row)
        for role_data in span:
            value = None if look is None else self._value(look, row, column, role_data.role())
            if value is None:
                role_data.clearData()
            else:
                role_data.setData(value)

    def _value(self, look: RowLook, row: int, column: int, role: int) -> Any:
        if role in (DISPLAY, TOOLTIP):
            return look[0][column]
        if role == FOREGROUND:
            return None if look[1] is None else look[1][column]
        if role == BACKGROUND:
            return None if look[2] is None else look[2][column]
        return self.cell_role(self._item(row), column, role)

    # --- what a row shows -----------------------------------------------------------------------------
    def look(self, row: int) -> RowLook | None:
        """The row's texts and colours, worked out once per row shown (a repaint only looks them up)."""
        try:
            return self._looks[row]
        except KeyError:
            pass
        item = self._item(row)
        look = None
        if item is not None:
            texts = tuple(["" if value is None else str(value) for value in (fn(item) for fn in self._shows)])
            look = (texts, *self.colours(item))
        if len(self._looks) >= LOOKS_KEPT:
            self._looks.clear()
        self._looks[row] = look
        return look

    def colours(self, item: Any) -> tuple[Sequence[QColor | None] | None, Sequence[QBrush | None] | None]:
        """The row's text colour and tint of each column (None: none at all). Override with one function for
        the whole row; this default asks ``cell_role`` cell by cell."""
        columns = range(len(self.columns))
        foregrounds = [_colour(self.cell_role(item, column, FOREGROUND)) for column in columns]
        backgrounds = [_brush(self.cell_role(item, column, BACKGROUND)) for column in columns]
        return (
            foregrounds if any(c is not None for c in foregrounds) else None,
            backgrounds if any(b is not None for b in backgrounds) else None,
        )

    def forget_looks(self) -> None:
        """What the rows show depends on something else that changed (隐私模式): work it out again."""
        self._looks.clear()

    def _item(self, row: int) -> Any | None:
        # The shortest path to the row when its page is in memory.
        page = self._pages.get(row // PAGE_SIZE) if row >= 0 else None
        return page[row % PAGE_SIZE] if page is not None else self.row(row)

    def cell_role(self, item: Any, column: int, role: int) -> Any:
        """Override for roles other than the text and its colours (``colours``): alignment, ids, values."""
        return None


def _colour(value: Any) -> QColor | None:
    return value.color() if isinstance(value, QBrush) else value


def _brush(value: Any) -> QBrush | None:
    return QBrush(value) if isinstance(value, QColor) else value
