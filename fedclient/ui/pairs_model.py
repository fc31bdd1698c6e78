"""A list model over (label, value) pairs kept as two plain lists: for lists of thousands of lines (a combo box
over every serving member, a page of reminders), where a Qt item and its Python wrapper per line cost ~0.8 KB.
The label is shown (and edited in an editable combo box); the value is ``Qt.UserRole`` (``currentData``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt


class PairsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.labels: list[str] = []
        self.values: list[Any] = []

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.labels)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.labels[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return self.values[index.row()]
        return None

    def match(
        self, start, role, value, hits=1, flags=Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive
    ):
        """``QComboBox.findData``/``findText`` (the first exact, case-sensitive match: their default) looked up in
        the Python list rather than by a ``data()`` call per line (~50 ms over four thousand names); any other
        search is Qt's own."""
        if role == Qt.ItemDataRole.UserRole:
            column = self.values
        elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            column = self.labels
        else:
            column = None
        exact = Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchCaseSensitive
        if column is None or hits != 1 or Qt.MatchFlag(flags) != exact or start.parent().isValid():
            return super().match(start, role, value, hits, flags)
        try:
            return [self.index(column.index(value, max(start.row(), 0)))]
        except ValueError:
            return []

    def set_pairs(self, pairs: Iterable[tuple[str, Any]]) -> None:
        pairs = list(pairs)
        self.beginResetModel()
        self.labels = [label for label, _value in pairs]
        self.values = [value for _label, value in pairs]
        self.endResetModel()
