"""Small widgets shared by the grid pages: a checkable people/household picker, a date field, messages."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QListView,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.pinyin import initials_index, initials_pattern, looks_like_initials


@lru_cache(maxsize=20_000)
def _initials(label: str) -> str:
    """The initials (" zxl") of "张秀兰（执委）" or "张秀兰 3组12号"; cached: pinyin is slow for thousands."""
    return " " + initials_index(label.split("（")[0].split(" ")[0])


class CheckModel(QAbstractListModel):
    """(id, label) rows with a tick each: thousands of people at county scale, so kept as lists, not as a Qt
    item (and its Python wrapper) per row."""

    ticked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ids: list[int] = []
        self.labels: list[str] = []
        self.checked: set[int] = set()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = self.ids[index.row()] in self.checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value, role=Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        item_id = self.ids[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.checked.add(item_id)
        else:
            self.checked.discard(item_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked.emit()
        return True

    def set_rows(self, items: list[tuple[int, str]], checked: set[int]) -> None:
        self.beginResetModel()
        self.ids = [item_id for item_id, _ in items]
        self.labels = [label for _, label in items]
        self.checked = checked & set(self.ids)
        self.endResetModel()

    def set_checked(self, ids: set[int]) -> None:
        self.checked = ids & set(self.ids)
        if self.ids:
            self.dataChanged.emit(
                self.index(0), self.index(len(self.ids) - 1), [Qt.ItemDataRole.CheckStateRole]
            )


class CheckList(QWidget):
    """A list of checkable (id, label) items with a filter box (typing pinyin initials works: zxl → 张秀兰)."""

    changed = Signal()

    def __init__(self, placeholder: str = "输入姓名或拼音首字母筛选", parent=None):
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.model = CheckModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._apply_filter)
        self.model.ticked.connect(self.changed.emit)

    def set_items(self, items: list[tuple[int, str]], checked: list[int] | None = None) -> None:
        keep = set(checked if checked is not None else self.checked_ids())
        # The ticked ones first, so what is chosen is seen without scrolling.
        items = [i for i in items if i[0] in keep] + [i for i in items if i[0] not in keep]
        self.model.set_rows(items, keep)
        self._apply_filter(self.filter.text())
        self.changed.emit()

    def checked_ids(self) -> list[int]:
        """The ticked ids, in the list's order."""
        return [item_id for item_id in self.model.ids if item_id in self.model.checked]

    def set_checked(self, ids: list[int]) -> None:
        self.model.set_checked(set(ids))
        self.changed.emit()

    def shown_rows(self) -> list[int]:
        """The rows the filter leaves on screen."""
        return [row for row in range(self.model.rowCount()) if not self.list.isRowHidden(row)]

    def _apply_filter(self, text: str) -> None:
        text = text.strip()
        prefix = initials_pattern(text).strip("%") if text and looks_like_initials(text) else None
        for row, label in enumerate(self.model.labels):
            if not text:
                visible = True
            elif prefix is not None:
                # Initials are worked out only when someone types initials, not for every list shown.
                visible = prefix.replace("\\", "") in _initials(label)
            else:
                visible = text in label
            self.list.setRowHidden(row, not visible)


def show_status(widget: QWidget, text: str) -> None:
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 5000)
