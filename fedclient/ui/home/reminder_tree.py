"""今日待办: the reminders of every tab, one heading per group with its count; a click opens the record."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from fedclient.core.reminders import SHOWN_PER_GROUP, Reminder
from fedclient.ui.app_setup import cjk_font

if TYPE_CHECKING:
    from fedclient.core.dashboard import ReminderGroup

# Kinds whose code says something is already late or dangerous get a red heading.
URGENT_MARKS = ("overdue", "red", "risk")
URGENT = QColor("#b03a2e")
# A county has thousands of reminders: each group lists its first SHOWN_PER_GROUP (all the dashboard builds),
# then a line that opens the tab.
# Items carry plain ints (what they are, an index into self.groups/reminders), never Python objects.
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
INDEX_ROLE = Qt.ItemDataRole.UserRole + 2
MESSAGE, HEADING, REMINDER, MORE = range(4)
TAB_NAMES = {"members": "成员", "pledges": "承诺", "mediation": "调解", "grids": "网格"}


class ReminderTree(QTreeWidget):
    reminder_chosen = Signal(object)  # Reminder
    tab_chosen = Signal(str)  # tab key: the "还有 N 项" line of a long group

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.itemClicked.connect(self._on_clicked)
        self.groups: tuple[ReminderGroup, ...] = ()
        self.reminders: list[Reminder] = []
        self.show_message("正在查看今日待办……")

    def _item(self, text: str, kind: int, index: int = 0) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, KIND_ROLE, kind)
        item.setData(0, INDEX_ROLE, index)
        return item

    def show_message(self, text: str) -> None:
        self.clear()
        self.groups, self.reminders = (), []
        item = self._item(text, MESSAGE)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.addTopLevelItem(item)

    def set_groups(self, groups: tuple[ReminderGroup, ...]) -> None:
        # Keep the headings the chair folded folded, across refreshes.
        folded = {
            self.groups[self.topLevelItem(i).data(0, INDEX_ROLE)].title
            for i in range(self.topLevelItemCount())
            if self.topLevelItem(i).data(0, KIND_ROLE) == HEADING and not self.topLevelItem(i).isExpanded()
        }
        if not groups:
            self.show_message("今天没有待办事项。")
            return
        self.clear()
        self.groups, self.reminders = groups, []
        heading_font = cjk_font(11, bold=True)
        for g, group in enumerate(groups):
            heading = self._item(f"{group.title}（{group.count}）", HEADING, g)
            heading.setFont(0, heading_font)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if any(mark in r.kind for r in group.reminders for mark in URGENT_MARKS):
                heading.setForeground(0, QBrush(URGENT))
            for reminder in group.reminders[:SHOWN_PER_GROUP]:
                child = self._item(reminder.text, REMINDER, len(self.reminders))
                child.setToolTip(0, _tooltip(reminder))
                self.reminders.append(reminder)
                heading.addChild(child)
            hidden = group.count - SHOWN_PER_GROUP
            if hidden > 0:
                page = TAB_NAMES.get(group.tab, "")
                more = self._item(f"……还有 {hidden} 项，到“{page}”页查看全部", MORE, g)
                more.setForeground(0, QBrush(QColor("#666666")))
                heading.addChild(more)
            self.addTopLevelItem(heading)
            heading.setExpanded(group.title not in folded)

    def reminder_for(self, item: QTreeWidgetItem) -> Reminder | None:
        if item.data(0, KIND_ROLE) == REMINDER:
            return self.reminders[item.data(0, INDEX_ROLE)]
        return None

    def reminder_items(self) -> list[QTreeWidgetItem]:
        return [
            self.topLevelItem(i).child(j)
            for i in range(self.topLevelItemCount())
            for j in range(self.topLevelItem(i).childCount())
            if self.topLevelItem(i).child(j).data(0, KIND_ROLE) == REMINDER
        ]

    def _on_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        kind = item.data(0, KIND_ROLE)
        if kind == REMINDER:
            self.reminder_chosen.emit(self.reminder_for(item))
        elif kind == MORE:
            self.tab_chosen.emit(self.groups[item.data(0, INDEX_ROLE)].tab)
        elif kind == HEADING:
            item.setExpanded(not item.isExpanded())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self._on_clicked(self.currentItem(), 0)
            return
        super().keyPressEvent(event)


def _tooltip(reminder: Reminder) -> str:
    where = {"members": "成员", "pledges": "承诺", "mediation": "调解", "grids": "网格", "reports": "月报"}
    text = reminder.text
    if reminder.due is not None:
        text += f"\n日期：{reminder.due:%Y-%m-%d}"
    page = where.get(reminder.tab)
    return text + (f"\n单击打开“{page}”页查看" if page and page != "月报" else "\n单击导出月报")
