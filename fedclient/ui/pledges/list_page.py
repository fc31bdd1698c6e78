"""承诺与践诺: the year's pledges (filters, search, a progress bar per row), the selected pledge's detail,
and the reminders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.pledges import (
    STATUSES,
    PledgeFilters,
    copy_from_last_year,
    delete_pledge,
    get_pledge,
    reminders,
    status_counts,
)
from fedclient.core.pledges import query as pledge_list
from fedclient.core.sorting import Sort
from fedclient.core.vocab import PLEDGE_CATEGORIES

from ..forms import choices, combo, open_dialog
from ..list_table import HeaderSort, set_up_long_list
from ..looks import heading, make_primary, set_role
from ..operation import user_message
from ..operations import OperationRunner
from ..page import Page
from ..reminder_list import ReminderList
from ..search_box import read_after_typing
from .detail import PledgeDetailPanel
from .table_model import PROGRESS_COLUMN, SORT_KEYS, PledgeTableModel, ProgressDelegate

if TYPE_CHECKING:
    from .pledge_dialog import PledgeDialog

ALL = "全部"


def _read_list(session, filters: PledgeFilters, sort: Sort) -> tuple[list[int], dict[str, int]]:
    """The ids of the list and the year's counts by status, in one read."""
    return pledge_list.list_ids(session, filters, sort), status_counts(session, filters.year, filters.as_of)


class PledgeListPage(Page):
    """Reads nothing when built: the list on first show (or first use), the reminders in the background."""

    areas = Area.PLEDGES | Area.MEMBERS | Area.PROFILE
    list_shown = Signal()  # the list has been read and shown (tests)

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ops, parent)
        self.today = today or date.today()
        self.dialog: PledgeDialog | None = None

        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(" 年")
        self.status = combo(choices((ALL, *STATUSES)))
        self.category = combo(choices((ALL, *PLEDGE_CATEGORIES)))
        self.search = QLineEdit()
        self.search.setPlaceholderText("查找：姓名、拼音首字母或承诺内容")
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)  # a county's counts are long: wrapped, not the window widened
        set_role(self.summary, "hint")

        self.new_button = QPushButton("新增承诺")
        make_primary(self.new_button)
        self.edit_button = QPushButton("修改")
        self.delete_button = QPushButton("删除")
        self.copy_button = QPushButton("复制上一年承诺")
        self.copy_button.setToolTip("为仍在任的执委，按上一年的承诺生成本年度草稿（不复制践诺记录）")
        self.board_button = QPushButton("打印公示栏…")

        # The page keeps its selected pledge itself (refresh(keep=…)), so no track_selection.
        self.model = PledgeTableModel(
            lambda ids: self.ops.read_now(pledge_list.rows_by_ids, ids, self.shown_filters.as_of), self
        )
        self.table = QTableView()
        self.table.setModel(self.model)
        set_up_long_list(self.table)
        self.table.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.sorting = HeaderSort(self.table, SORT_KEYS, lambda: self.refresh(reminders=False))
        header = self.table.horizontalHeader()
        for column, width in enumerate((70, 95, 260, 95, 150, 90)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.detail = PledgeDetailPanel(ops, self, self.today)
        self.reminder_list = ReminderList()
        self.reminder_list.setMaximumHeight(110)
        self.reminder_list.hide()
        self.reminder_label = QLabel("提醒")
        self.reminder_label.setWordWrap(True)  # a failed read's message can be long
        heading(self.reminder_label)

        filters = QHBoxLayout()
        for label, widget in (("年度", self.year), ("状态", self.status), ("类别", self.category)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button, self.copy_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.board_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.reminder_label)
        left_layout.addWidget(self.reminder_list)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 630])  # the detail wide enough for its records and the add rows
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)

        # The search narrows the list only: the reminders (read at each keystroke otherwise) stay as they are.
        self._search_timer = read_after_typing(
            self, self.search, lambda: self.refresh(reminders=False), self.ops, "list"
        )
        self.year.valueChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.category.currentIndexChanged.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.new_button.clicked.connect(lambda: self.new())
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.copy_button.clicked.connect(self.copy_last_year)
        self.reminder_list.chosen.connect(self._open_reminder)
        self.detail.changed.connect(self._entries_changed)
        self.shown_filters = self.filters()  # the filters the model was last read with

    def load(self) -> None:
        self.refresh()

    # --- the list -------------------------------------------------------------------------------------
    def filters(self) -> PledgeFilters:
        status, category = self.status.currentText(), self.category.currentText()
        return PledgeFilters(
            year=self.year.value(), as_of=self.today, status="" if status == ALL else status,
            category="" if category == ALL else category, search=self.search.text(),
        )  # fmt: skip

    def refresh(
        self,
        *_signal_args: object,
        keep: int | None = None,
        then: Callable[[], None] | None = None,
        reminders: bool = True,
    ) -> None:
        """Reads the list again in the background; the pledge ``keep`` (else the selected one) stays selected;
        ``then`` runs once the list is shown."""
        self.stale = False
        keep = keep if keep is not None else self.current_id()
        f = self.filters()
        self.ops.read(
            _read_list,
            f,
            self.sorting.choice,
            on_done=lambda r: self._show_list(f, *r, keep, then),
            parent=self,
            key="list",
        )
        if reminders:
            self.refresh_reminders()

    def _show_list(
        self, f: PledgeFilters, ids: list[int], counts: dict[str, int], keep: int | None, then=None
    ) -> None:
        self.shown_filters = f
        self.model.set_ids(ids)
        total = sum(counts.values())
        parts = " · ".join(f"{s} {n}" for s, n in counts.items())
        self.summary.setText(f"{f.year}年共 {total} 条承诺：{parts}；列表中 {self.model.rowCount()} 条")
        if not self.select_pledge(keep) and self.model.rowCount():
            self.table.selectRow(0)
        if then is not None:
            then()
        self.list_shown.emit()

    def refresh_reminders(self) -> None:
        """Read in the background: with years of county data they must not hold up the window."""
        if not self.reminder_list.count():
            self.reminder_label.setText("提醒：正在读取…")
        self.ops.read(
            reminders,
            self.today,
            on_done=self._show_reminders,
            on_error=lambda e: self.reminder_label.setText(f"提醒：读取失败（{user_message(e)}）"),
            parent=self,
            key="reminders",
        )

    def _show_reminders(self, items) -> None:
        self.reminder_list.set_lines((f"【{r.group}】{r.text}", (r.kind, r.record_id)) for r in items)
        self.reminder_label.setText(f"提醒（{len(items)}，双击处理）" if items else "提醒：暂无")
        self.reminder_list.setVisible(bool(items))

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.id_at(rows[0].row()) if rows else None

    def select_pledge(self, pledge_id: int | None) -> bool:
        row = self.model.row_of(pledge_id)
        if row < 0:
            self.table.clearSelection()
            self.detail.show_pledge(None)
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self.detail.show_pledge(pledge_id)
        return True

    def _selection_changed(self) -> None:
        pledge_id = self.current_id()
        has = pledge_id is not None
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.detail.show_pledge(pledge_id)

    def show_pledge(self, pledge_id: int) -> None:
        """Select one pledge whatever the filters: its year, no filter."""
        detail = self.ops.read_now(get_pledge, pledge_id, self.today)
        if detail is None:
            return
        self.stale = False
        for widget in (self.year, self.status, self.category, self.search):
            widget.blockSignals(True)
        self.year.setValue(detail.pledge.year)
        self.status.setCurrentIndex(0)
        self.category.setCurrentIndex(0)
        self.search.clear()
        for widget in (self.year, self.status, self.category, self.search):
            widget.blockSignals(False)
        # The search was cleared here: a typing pause still running for what it held would read the list again
        # after this read and supersede it, and the pledge would not be selected.
        self._search_timer.stop()
        self.refresh(keep=pledge_id, then=self.detail.focus_entry)

    # --- editing --------------------------------------------------------------------------------------
    def new(self, member_id: int | None = None) -> PledgeDialog:
        return self._open_dialog(None, member_id)

    def edit(self) -> PledgeDialog | None:
        pledge_id = self.current_id()
        return self._open_dialog(pledge_id, None) if pledge_id else None

    def _open_dialog(self, pledge_id: int | None, member_id: int | None) -> PledgeDialog:
        from .pledge_dialog import PledgeDialog  # imported when opened (issue 18)

        self.dialog = PledgeDialog(self.ops, self.year.value(), self, pledge_id, member_id, self.today)
        self.dialog.accepted.connect(lambda d=self.dialog: self._saved(d.saved_id))
        open_dialog(self.dialog)
        return self.dialog

    def _saved(self, pledge_id: int | None) -> None:
        if pledge_id:
            self.show_pledge(pledge_id)

    def delete(self) -> None:
        pledge_id = self.current_id()
        detail = self.ops.read_now(get_pledge, pledge_id, self.today) if pledge_id else None
        if detail is None:
            return
        p = detail.pledge
        extra = f"，以及它的 {len(detail.entries)} 条践诺记录" if detail.entries else ""
        answer = QMessageBox.question(self, "删除承诺", f"删除 {p.member_name} 的承诺“{p.content}”{extra}？")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(delete_pledge, pledge_id, changes=Area.PLEDGES, parent=self)

    def copy_last_year(self) -> None:
        year = self.year.value()
        on = max(self.today, date(year, 1, 1))
        question = (
            f"按 {year - 1} 年的承诺，为仍在任的执委生成 {year} 年的承诺草稿？\n已有相同承诺的不会重复生成。"
        )
        if QMessageBox.question(self, "复制上一年承诺", question) != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(copy_from_last_year, year, on, changes=Area.PLEDGES, on_done=self._copied, parent=self)

    def _copied(self, made: int) -> None:
        year = self.year.value()
        text = f"已生成 {made} 条承诺草稿，请逐条核对修改。" if made else f"{year - 1} 年没有可复制的承诺。"
        QMessageBox.information(self, "复制上一年承诺", text)

    def _entries_changed(self, pledge_id: int) -> None:
        """An entry of the shown pledge was saved (the change record reloads the list; the pledge stays)."""

    def _open_reminder(self, target: tuple[str, int | None]) -> None:
        kind, record_id = target
        if kind == "pledge_missing":
            self.year.setValue(self.today.year)
            self.new(record_id)
        elif record_id:
            self.show_pledge(record_id)
