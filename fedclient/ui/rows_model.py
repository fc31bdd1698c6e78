"""A table model over a list of rows with fixed column headers, some columns edited in place (the year-end
tables: 年度履职考核's marks, 述职评议's ballot counts; 志愿积分). Subclasses give ``headers``, ``editable`` and ``data``;
``keep_open_editor`` keeps a cell still being typed in when a button is clicked.

The rows are read whole; a header click (``HeaderSort``) orders them by the domain's ``sorts`` (key -> a row's
value, ``sorting.sorted_rows``), of the row as shown (``as_shown``: with what she typed and has not saved)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView

from fedclient.core.sorting import NO_SORT, Sort, sorted_rows


class RowsTableModel(QAbstractTableModel):
    headers: Sequence[str] = ()
    editable: Sequence[int] = ()  # the columns typed into
    sorts: Mapping[str, Callable[[Any], Any]] = {}  # the domain's SORTS

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []  # as shown
        self.read_rows: list[Any] = []  # as read: the list's own order
        self.sort_choice: Sort = NO_SORT

    def show_rows(self, rows: Sequence[Any]) -> None:
        """Show the rows read, in the order chosen."""
        self.read_rows = list(rows)
        self.sort_rows(self.sort_choice)

    def sort_rows(self, choice: Sort) -> None:
        self.sort_choice = choice
        sorts = {
            key: (lambda row, value=value: value(self.as_shown(row))) for key, value in self.sorts.items()
        }
        self.beginResetModel()
        self.rows = sorted_rows(self.read_rows, sorts, choice)
        self.endResetModel()

    def as_shown(self, row: Any) -> Any:
        """The row with what the chair typed into it and has not saved (override where kept apart)."""
        return row

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() in self.editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


def keep_open_editor(table: QAbstractItemView) -> None:
    """Keep what is typed in the cell being edited (the chair clicked a button without leaving the cell)."""
    index = table.currentIndex()
    editor = table.indexWidget(index) if index.isValid() else None  # the open editor, if any
    if editor is not None:
        table.commitData(editor)
        table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
