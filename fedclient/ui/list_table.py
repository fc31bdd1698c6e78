"""The tables of the lists over ids (成员名册, 调解案件台账, 帮扶对象, 承诺, 网格's households, services and
议事会, a record's 修改记录): what lets a search's result be painted at once.

- Cells are painted by ``PlainCellDelegate`` (``plain_cells.py``), a screen without a selected, current or
  hovered row in one call (``plain_screen.py``).
- The column headers read their labels from a model of their own. A new search result resets the list's model,
  and a header on that model would be reset with it: its labels asked for again, its size worked out again and
  the whole header repainted (through the style sheet) after every search, though nothing in it changed. With
  its own model the header keeps its widths, sort arrow and pixels; clicks on it still sort the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QTableView

from fedclient.core.sorting import NO_SORT, Sort

from .plain_cells import PlainCellDelegate
from .plain_screen import PlainScreen


class HeaderLabels(QAbstractTableModel):
    """No rows; the column labels of another model, read once."""

    def __init__(self, labels: list[str], parent: QObject | None = None):
        super().__init__(parent)
        self.labels = labels

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.labels)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.labels[section]
        return None


def set_up_long_list(table: QTableView) -> None:
    """Call right after ``table.setModel`` (before the header's widths and sort arrow are set)."""
    model = table.model()
    labels = [
        model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for column in range(model.columnCount())
    ]
    table.horizontalHeader().setModel(HeaderLabels(labels, table))
    delegate = PlainCellDelegate(table)
    table.setItemDelegate(delegate)
    PlainScreen(table, delegate)


class HeaderSort(QObject):
    """A click on a column's header sorts the whole list by that column (a second click: the other way), with
    the header's arrow; the list is read again in its new order (``reread``: the page's own read, which passes
    ``choice`` to its domain's ``list_ids``). Columns whose key is None offer no sorting: a click leaves the
    order and the arrow as they were. The choice stays through every later read (a search, a save)."""

    def __init__(self, table: QTableView, keys: Sequence[str | None], reread: Callable[[], None]):
        super().__init__(table)
        self.keys = list(keys)
        self.choice: Sort = NO_SORT
        self._reread = reread
        self._header = header = table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the list's own order: no arrow
        self._shown = (-1, Qt.SortOrder.AscendingOrder)
        header.sortIndicatorChanged.connect(self._chosen)

    def _chosen(self, column: int, order: Qt.SortOrder) -> None:
        key = self.keys[column] if 0 <= column < len(self.keys) else None
        if column >= 0 and key is None:  # a column not sorted: the arrow goes back where it was
            blocked = self._header.blockSignals(True)
            self._header.setSortIndicator(*self._shown)
            self._header.blockSignals(blocked)
            self._header.viewport().update()
            return
        self._shown = (column, order)
        self.choice = NO_SORT if key is None else (key, order == Qt.SortOrder.DescendingOrder)
        self._reread()
