"""A table model over an SQL query that loads only the rows on screen, a page at a time.

Filtering and sorting happen in the query (``fetch(offset, limit)`` and ``count()`` from a core service);
the model keeps a few pages in memory, so a list of 50,000 people opens as fast as one of 50.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

PAGE_SIZE = 200
PAGES_KEPT = 12


class PagedTableModel(QAbstractTableModel):
    """Rows are objects from the core; ``columns`` are (header, function row -> shown value)."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[Any], Any]]],
        count: Callable[[], int],
        fetch: Callable[[int, int], list[Any]],
        parent=None,
        locate: Callable[[int], int] | None = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self._count_fn, self._fetch_fn, self._locate_fn = count, fetch, locate
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()

    def set_source(
        self,
        count: Callable[[], int],
        fetch: Callable[[int, int], list[Any]],
        locate: Callable[[int], int] | None = None,
    ) -> None:
        """``locate(record_id)`` (optional) gives a record's row from SQL, for ``row_of``."""
        self._count_fn, self._fetch_fn, self._locate_fn = count, fetch, locate
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._count = self._count_fn()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None

    def row(self, row: int) -> Any | None:
        if not 0 <= row < self._count:
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._fetch_fn(page_no * PAGE_SIZE, PAGE_SIZE)
            self._pages[page_no] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        index = row - page_no * PAGE_SIZE
        return page[index] if index < len(page) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.row(index.row())
        if item is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.columns[index.column()][1](item)
            return "" if value is None else str(value)
        return self.cell_role(item, index.column(), role)

    def cell_role(self, item: Any, column: int, role: int) -> Any:
        """Override for colours, alignment, check marks."""
        return None

    def row_of(self, record_id: int) -> int:
        """Row of the record with this ``id``, or -1: asked of SQL when the source can locate, else scanned."""
        if self._locate_fn is not None:
            return self._locate_fn(record_id)
        return self.find_row(lambda item: getattr(item, "id", None) == record_id)

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        """Row number of the first row matching ``predicate`` (scans page by page: short lists only), or -1."""
        for row in range(self._count):
            item = self.row(row)
            if item is not None and predicate(item):
                return row
        return -1
