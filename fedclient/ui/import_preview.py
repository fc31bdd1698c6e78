"""The import dialog's preview table: every row of the file with its result (新增, 更新, 不能导入 ...) and
problems, coloured by result."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from fedclient.core.tabular import Field, PreviewRow

KIND_COLOURS = {
    "refused": "#fbe3e1",
    "duplicate": "#fdf0d5",
    "update": "#e3f0fb",
    "same": "#f2f2f2",
    "skipped": "#ececec",
}


NOTE_COLUMN = 2


class PreviewModel(QAbstractTableModel):
    def __init__(self, fields: Sequence[Field], parent=None):
        super().__init__(parent)
        self.fields: list[Field] = []
        self.rows: list[PreviewRow] = []
        self.all_fields = list(fields)

    def set_rows(self, rows: list[PreviewRow], mapping: dict[str, int | None]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.fields = [f for f in self.all_fields if mapping.get(f.name) is not None]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.fields) + 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "行号"
        if section == 1:
            return "结果"
        if section == NOTE_COLUMN:
            return "问题与说明"
        return self.fields[section - 3].label

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == 0:
                return str(row.row_number)
            if col == 1:
                return row.kind_label
            if col == NOTE_COLUMN:
                return row.note
            return row.values.get(self.fields[col - 3].name, "")
        if role == Qt.ItemDataRole.BackgroundRole and row.kind in KIND_COLOURS:
            return QColor(KIND_COLOURS[row.kind])
        if role == Qt.ItemDataRole.ForegroundRole and col == NOTE_COLUMN and row.warnings:
            return QColor("#a66300") if row.writes else None
        return None
