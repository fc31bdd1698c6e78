"""A combo box over thousands of choices (网格长: every serving member at county scale): the labels and values
are kept as two lists in a model, not as a Qt item (with its value wrapped) per choice; ``forms.fill_combo``,
``select_value``, ``currentData`` and ``findText`` work on it as on any combo box."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox


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

    def set_pairs(self, pairs: Iterable[tuple[str, Any]]) -> None:
        self.beginResetModel()
        self.labels, self.values = [], []
        for label, value in pairs:
            self.labels.append(label)
            self.values.append(value)
        self.endResetModel()


def long_combo() -> QComboBox:
    box = QComboBox()
    box.setModel(PairsModel(box))
    return box
