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

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QTableView

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
