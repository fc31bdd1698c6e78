"""Small widgets shared by the grid pages: a checkable people/household picker, a date field, messages."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.pinyin import initials_index, initials_pattern, looks_like_initials


@lru_cache(maxsize=20_000)
def _initials(label: str) -> str:
    """The initials (" zxl") of "张秀兰（执委）" or "张秀兰 3组12号"; cached: pinyin is slow for thousands."""
    return " " + initials_index(label.split("（")[0].split(" ")[0])


class CheckList(QWidget):
    """A list of checkable (id, label) items with a filter box (typing pinyin initials works: zxl → 张秀兰)."""

    changed = Signal()

    def __init__(self, placeholder: str = "输入姓名或拼音首字母筛选", parent=None):
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._apply_filter)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())

    def set_items(self, items: list[tuple[int, str]], checked: list[int] | None = None) -> None:
        keep = set(checked if checked is not None else self.checked_ids())
        # The ticked ones first, so what is chosen is seen without scrolling.
        items = [i for i in items if i[0] in keep] + [i for i in items if i[0] not in keep]
        self.list.blockSignals(True)
        self.list.clear()
        for item_id, label in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if item_id in keep else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._apply_filter(self.filter.text())
        self.changed.emit()

    def checked_ids(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids: list[int]) -> None:
        wanted = set(ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            state = (
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in wanted
                else Qt.CheckState.Unchecked
            )
            item.setCheckState(state)

    def _apply_filter(self, text: str) -> None:
        text = text.strip()
        prefix = initials_pattern(text).strip("%") if text and looks_like_initials(text) else None
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not text:
                visible = True
            elif prefix is not None:
                # Initials are worked out only when someone types initials, not for every list shown.
                visible = prefix.replace("\\", "") in _initials(item.text())
            else:
                visible = text in item.text()
            item.setHidden(not visible)


def show_status(widget: QWidget, text: str) -> None:
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 5000)
