"""A table model over a list of rows with fixed column headers, some columns edited in place (the year-end
tables: 年度履职考核's marks, 述职评议's ballot counts). Subclasses give ``headers``, ``editable`` and ``data``;
``keep_open_editor`` keeps a cell still being typed in when a button is clicked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView


class RowsTableModel(QAbstractTableModel):
    headers: Sequence[str] = ()
    editable: Sequence[int] = ()  # the columns typed into

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

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
