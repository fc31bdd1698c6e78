"""The roster list: one search box (name, pinyin initials, phone, ID tail), filters, 共 N 人, SQL paging."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from fedclient.core.members import MemberFilters, MemberRow, remove_member
from fedclient.core.members import query as roster
from fedclient.core.members.reminders import TERM_ENDING_DAYS
from fedclient.core.members.roster_export import mask_id
from fedclient.core.vocab import MEMBER_STATUS, ROLES

from ..forms import choices, combo, open_dialog
from ..id_list_model import PAGE_SIZE, IdListTableModel
from ..list_table import HeaderSort, set_up_long_list
from ..looks import make_primary
from ..operations import OperationRunner
from ..page import Page
from ..search_box import read_after_typing

if TYPE_CHECKING:
    from .member_dialog import MemberDialog


def _age(birth: date | None) -> str:
    if not birth:
        return ""
    today = date.today()
    return str(today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day)))


# (header, value, sort key, width in pixels)
COLUMNS = [
    ("姓名", lambda r: r.name, "name", 90),
    ("性别", lambda r: r.gender, "gender", 50),
    ("出生年月", lambda r: f"{r.birth_date:%Y.%m}" if r.birth_date else "", "birth_date", 80),
    ("年龄", lambda r: _age(r.birth_date), "birth_date", 50),
    ("职务", lambda r: ROLES.get(r.role, r.role), "role", 125),
    ("岗位", lambda r: r.post, "post", 120),
    ("专长", lambda r: r.specialty, "specialty", 110),
    ("所在组", lambda r: r.group_name, "group_name", 70),
    ("联系电话", lambda r: r.phone, "phone", 120),
    ("身份证号", lambda r: mask_id(r.id_number), "id_number", 170),
    ("任期至", lambda r: f"{r.term_end:%Y-%m-%d}" if r.term_end else "", "term_end", 100),
    ("状态", lambda r: MEMBER_STATUS.get(r.status, r.status) + (f" {r.left_date:%Y-%m}" if r.left_date else ""),
     "status", 100),
]  # fmt: skip


LEFT_ROW = [QColor("#888888")] * len(COLUMNS)  # text colours by column: a member who has left is greyed
TERM_ENDING_ROW = [QColor("#a66300") if key == "term_end" else None for _h, _fn, key, _w in COLUMNS]

LIST_READ = "ids"  # the key of the list's read (a newer one supersedes it)


class MemberTableModel(IdListTableModel):
    def __init__(self, view: RosterPage):
        self.view = view
        columns = [(h, fn) for h, fn, _key, _w in COLUMNS]
        super().__init__(columns, lambda ids: view.ops.read_now(roster.rows_by_ids, ids))

    def colours(self, item: MemberRow):
        if item.status == "left":
            return LEFT_ROW, None
        if item.term_end and item.term_end <= self.view.term_warning_day:
            return TERM_ENDING_ROW, None  # the term ends within 60 days
        return None, None


class RosterPage(Page):
    areas = Area.MEMBERS | Area.PLEDGES | Area.GRIDS | Area.CASES  # what members hold shows in the list
    follows_day = True  # ages and the "term ends soon" colour

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self.term_warning_day = date.today() + timedelta(days=TERM_ENDING_DAYS)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索姓名、拼音首字母（如 zxl）、电话、身份证号后几位")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(440)
        self.role_filter = combo([("全部职务", None), *choices(ROLES)])
        self.status_filter = combo([("全部状态", None), *choices(MEMBER_STATUS)])
        self.count_label = QLabel()
        self.add_button = QPushButton("新增成员")
        make_primary(self.add_button)
        self.add_button.setToolTip("快捷键：Ctrl+N")
        self.edit_button = QPushButton("修改")
        self.delete_button = QPushButton("删除")
        self.delete_button.setToolTip("快捷键：在名单中选中一人后按 Delete 键")
        for widget in (self.search, self.role_filter, self.status_filter, self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.add_button, self.edit_button, self.delete_button):
            bar.addWidget(widget)

        self.model = MemberTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_long_list(self.table)
        self.model.track_selection(self.table.selectionModel())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        # No column chosen: the list's own order (in office, rank, pinyin).
        self.sorting = HeaderSort(self.table, [key for _h, _fn, key, _w in COLUMNS], self.reload)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for i, (_h, _fn, _k, width) in enumerate(COLUMNS):
            header.resizeSection(i, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self._search_timer = read_after_typing(self, self.search, self.reload, self.ops, LIST_READ)
        self.role_filter.currentIndexChanged.connect(self.reload)
        self.status_filter.currentIndexChanged.connect(self.reload)
        self.add_button.clicked.connect(self.add_member)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table.doubleClicked.connect(self._double_clicked)
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_member)  # active while this list is the one shown
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.table,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

    # --- data -----------------------------------------------------------------------------------------
    def filters(self) -> MemberFilters:
        return MemberFilters(
            self.search.text(), self.role_filter.currentData(), self.status_filter.currentData()
        )

    def load(self) -> None:
        self.term_warning_day = self.today() + timedelta(days=TERM_ENDING_DAYS)
        self.reload()

    def reload(self, *_signal_args: object, then: Callable[[], None] | None = None) -> None:
        """Reads the ids of the list and its first rows in the background; ``then`` runs once they are shown."""
        self.ops.read(
            roster.list_screen,
            self.filters(),
            self.sorting.choice,
            PAGE_SIZE,
            on_done=lambda screen: self._show(*screen, then),
            parent=self,
            key=LIST_READ,
        )

    def _show(self, ids: list[int], first_rows: list[MemberRow], then: Callable[[], None] | None) -> None:
        self.model.set_ids(ids, first_rows)
        self.table.doItemsLayout()  # now, not in Qt's delayed layout after the first paint: painted once, not twice
        self.count_label.setText(f"共 {self.model.rowCount()} 人")
        if then is not None:
            then()

    def selected_row(self) -> MemberRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_member(self, member_id: int) -> None:
        """Selects the member once the list is read (showing everyone if a filter hides her)."""
        self.stale = False
        if self.model.row_of(member_id) < 0:  # hidden by the search or a filter (or not read yet)
            for widget in (self.search, self.role_filter, self.status_filter):
                widget.blockSignals(True)
            self.search.clear()
            self.role_filter.setCurrentIndex(0)
            self.status_filter.setCurrentIndex(0)
            for widget in (self.search, self.role_filter, self.status_filter):
                widget.blockSignals(False)
            self._search_timer.stop()  # a typing pause for the old search would read again without selecting her
        self.reload(then=lambda: self._select(member_id))

    def _select(self, member_id: int) -> bool:
        row = self.model.select_id(member_id)
        if row >= 0:
            self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        return row >= 0

    # --- actions --------------------------------------------------------------------------------------
    def _double_clicked(self, index: QModelIndex) -> None:
        item = self.model.row(index.row())
        if item is not None:
            self.edit_member(item.id)

    def add_member(self) -> MemberDialog:
        from .member_dialog import MemberDialog  # imported when opened (issue 18)

        dialog = MemberDialog(self.ops, self)
        dialog.accepted.connect(lambda: self._saved(dialog.saved_id))
        open_dialog(dialog)
        return dialog

    def edit_selected(self) -> None:
        item = self.selected_row()
        if item is None:
            QMessageBox.information(self, "修改成员", "请先在列表中选中一位成员。")
            return
        self.edit_member(item.id)

    def edit_member(self, member_id: int) -> MemberDialog:
        from .member_dialog import MemberDialog

        dialog = MemberDialog(self.ops, self, member_id)
        dialog.accepted.connect(lambda: self._saved(member_id))
        open_dialog(dialog)
        return dialog

    def _saved(self, member_id: int | None) -> None:
        if member_id:
            self.select_member(member_id)

    def delete_selected(self) -> None:
        item = self.selected_row()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            "删除成员",
            f"确定要把“{item.name}”（{ROLES.get(item.role, item.role)}）从花名册中删除吗？\n"
            "如果她还有承诺、调解、网格或帮扶记录，将改为“离任”并保留这些记录。",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(
            remove_member,
            item.id,
            changes=Area.MEMBERS,
            on_done=lambda outcome: self._removed(item, outcome),
            parent=self,
        )

    def _removed(self, item: MemberRow, outcome) -> None:
        if outcome.deleted:
            self.show_status(f"已删除成员：{item.name}")
        else:
            QMessageBox.information(
                self,
                "已改为离任",
                f"“{item.name}”还有{'、'.join(outcome.references)}，这些记录需要保留，"
                "所以没有删除，已把她设为“离任”（离任日期为今天，可在修改中调整）。",
            )
