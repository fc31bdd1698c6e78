"""所住住户 (一户一档): a field that links a person to one household, found by typing.

A county file holds thousands of households, so they are never all loaded into the field: as the chair types
the head's name, its pinyin initials, the address or the phone, the matching households are searched in SQL
off the GUI thread (after the lists' typing pause) and offered in a popup. Only the current choice and
"不关联住户" are items of the field; text that names no household links none, as before.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from fedclient.core.grids.households import find_household_choices, household_choice

from ..operations import OperationRunner
from ..search_box import SEARCH_PAUSE_MS

NO_HOUSEHOLD = "不关联住户"
ID = Qt.ItemDataRole.UserRole


class HouseholdPicker(QComboBox):
    def __init__(self, ops: OperationRunner, household_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setToolTip("她住在哪一户（一户一档）：输入户主姓名、拼音首字母、住址或电话查找")
        self.lineEdit().setPlaceholderText("输入户主姓名、拼音首字母或住址")
        self.addItem(NO_HOUSEHOLD, None)
        self.found = QStandardItemModel(self)
        completer = QCompleter(self.found, self)
        # The households are already the ones matching the text (SQL): the completer shows them all.
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.activated[QModelIndex].connect(self._chosen)
        self.lineEdit().setCompleter(
            completer
        )  # not the combo's: it would look the choice up among its items
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)
        self._pause.timeout.connect(self._search)
        self.lineEdit().textEdited.connect(self._typed)  # the chair's typing, not the text set on a choice
        self.set_value(household_id)

    def value(self) -> int | None:
        text = self.currentText()
        index = self.findText(text)
        if index >= 0:
            return self.itemData(index)
        for row in range(self.found.rowCount()):  # chosen in the popup (shown in the field, not an item yet)
            if self.found.item(row).text() == text:
                return self.found.item(row).data(ID)
        return None

    def set_value(self, household_id: int | None, label: str | None = None) -> None:
        """Show this household (its label read when not given); one that no longer exists shows none."""
        if household_id is None:
            self.setCurrentIndex(0)
            return
        index = self.findData(household_id)
        if index < 0:
            label = label or self.ops.read_now(household_choice, household_id)  # one row, by its key
            if label is None:
                self.setCurrentIndex(0)
                return
            self.addItem(label, household_id)
            index = self.count() - 1
        self.setCurrentIndex(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()  # Enter chooses a household from the popup; it must not also save the dialog
            return
        super().keyPressEvent(event)

    def _typed(self, _text: str) -> None:
        self._pause.start()
        self.ops.cancel_read(self, "households")

    def _search(self) -> None:
        text = self.currentText().strip()
        if not text or self.findText(text) >= 0:
            return  # nothing typed, or a choice already shown
        self.ops.read(find_household_choices, text, on_done=self._show_found, parent=self, key="households")

    def _show_found(self, choices: list[tuple[int, str]]) -> None:
        self.found.clear()
        for household_id, label in choices:
            item = QStandardItem(label)
            item.setData(household_id, ID)
            self.found.appendRow(item)
        if not choices:
            item = QStandardItem("没有找到这样的住户")
            item.setEnabled(False)
            self.found.appendRow(item)
        self.completer().complete()

    def _chosen(self, index: QModelIndex) -> None:
        household_id = index.data(ID)
        if household_id is not None:
            self.set_value(household_id, index.data())
