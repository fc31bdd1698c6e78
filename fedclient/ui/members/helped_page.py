"""帮扶对象 list: search, category filter, and who is still short of the seeds' three helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.members import helped
from fedclient.core.members.helped import HelpedFilters, HelpedRow, delete_helped
from fedclient.core.vocab import HELPED_CATEGORIES, HELPERS_PER_PERSON

from ..forms import choices, combo, open_dialog
from ..id_list_model import IdListTableModel
from ..list_table import HeaderSort, set_up_long_list
from ..looks import make_primary, set_role
from ..operations import OperationRunner
from ..page import Page
from ..search_box import read_after_typing

if TYPE_CHECKING:
    from .helped_dialog import HelpedDialog

# (header, value, sort key in ``helped.SORTS``, width in pixels)
COLUMNS = [
    ("姓名", lambda r: r.name, "name", 90),
    ("类别", lambda r: r.category, "category", 90),
    ("所在组", lambda r: r.group_name, "group_name", 70),
    ("帮扶需求", lambda r: r.needs, "needs", 260),
    ("开始帮扶", lambda r: f"{r.start_date:%Y-%m-%d}" if r.start_date else "", "start_date", 100),
    ("状态", lambda r: r.status, "status", 70),
    ("帮扶人数", lambda r: f"{r.helper_count}/{HELPERS_PER_PERSON}", "helper_count", 80),
    ("帮扶人", lambda r: r.helpers or "（未安排）", None, 240),
]


class HelpedTableModel(IdListTableModel):
    def cell_role(self, item: HelpedRow, column: int, role: int):
        short = item.status == "帮扶中" and item.helper_count < HELPERS_PER_PERSON
        if role == Qt.ItemDataRole.ForegroundRole and short and column >= 6:
            return QColor("#a66300")
        return None


class HelpedPage(Page):
    areas = Area.HELPED | Area.MEMBERS  # the helpers' names

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：姓名或拼音首字母")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.category = combo([("全部类别", None), *choices(HELPED_CATEGORIES)])
        self.short_only = QCheckBox(f"只看帮扶人不足{HELPERS_PER_PERSON}名的")
        self.count_label = QLabel()
        self.add_button = QPushButton("新增帮扶对象")
        make_primary(self.add_button)
        self.edit_button = QPushButton("修改")
        self.delete_button = QPushButton("删除")
        for widget in (self.search, self.category, self.short_only, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(widget)
        self.model = HelpedTableModel(
            [(h, fn) for h, fn, _key, _w in COLUMNS], lambda ids: self.ops.read_now(helped.rows_by_ids, ids)
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_long_list(self.table)
        self.model.track_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.sorting = HeaderSort(self.table, [key for _h, _fn, key, _w in COLUMNS], self.reload)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, (_h, _fn, _key, width) in enumerate(COLUMNS):
            header.resizeSection(i, width)
        note = QLabel(
            "帮扶对象不会出现在任何公示材料中。按“每3名执委帮扶1名困境妇女儿童”，每人应有3名帮扶人。"
        )
        set_role(note, "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        read_after_typing(self, self.search, self.reload, self.ops, "ids")
        self.category.currentIndexChanged.connect(self.reload)
        self.short_only.toggled.connect(self.reload)
        self.add_button.clicked.connect(self.add_person)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(lambda index: self.edit_person(self.model.row(index.row()).id))
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_person)  # active while this list is the one shown
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

    def filters(self) -> HelpedFilters:
        return HelpedFilters(
            self.search.text(), self.category.currentData(), None, self.short_only.isChecked()
        )

    def load(self) -> None:
        self.reload()

    def reload(self, *_signal_args: object, then: Callable[[], None] | None = None) -> None:
        self.ops.read(
            helped.list_ids,
            self.filters(),
            self.sorting.choice,
            on_done=lambda ids: self._show(ids, then),
            parent=self,
            key="ids",
        )

    def _show(self, ids: list[int], then: Callable[[], None] | None) -> None:
        self.model.set_ids(ids)
        self.count_label.setText(f"共 {self.model.rowCount()} 人")
        if then is not None:
            then()

    def select_person(self, person_id: int) -> None:
        """Selects the person once the list is read (showing everyone if a filter hides her)."""
        self.stale = False
        if self.model.row_of(person_id) < 0:
            for widget in (self.search, self.category, self.short_only):
                widget.blockSignals(True)
            self.search.clear()
            self.category.setCurrentIndex(0)
            self.short_only.setChecked(False)
            for widget in (self.search, self.category, self.short_only):
                widget.blockSignals(False)
        self.reload(then=lambda: self.model.select_id(person_id))

    def selected(self) -> HelpedRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def add_person(self) -> HelpedDialog:
        from .helped_dialog import HelpedDialog  # imported when opened (issue 18)

        dialog = HelpedDialog(self.ops, self)
        dialog.accepted.connect(lambda: self.select_person(dialog.saved_id))
        open_dialog(dialog)
        return dialog

    def edit_person(self, person_id: int) -> HelpedDialog:
        from .helped_dialog import HelpedDialog

        dialog = HelpedDialog(self.ops, self, person_id)
        dialog.accepted.connect(self.reload)
        open_dialog(dialog)
        return dialog

    def edit_selected(self) -> None:
        item = self.selected()
        if item is None:
            QMessageBox.information(self, "修改帮扶对象", "请先在列表中选中一人。")
            return
        self.edit_person(item.id)

    def delete_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        answer = QMessageBox.question(self, "删除帮扶对象", f"确定要删除帮扶对象“{item.name}”吗？")
        if answer == QMessageBox.StandardButton.Yes:
            self.ops.write(delete_helped, item.id, changes=Area.HELPED, parent=self)
