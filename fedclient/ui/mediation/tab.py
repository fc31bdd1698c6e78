"""调解: the mediation ledger — case list with filters, the case dialog, follow-ups, documents, statistics."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
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
from fedclient.core.mediation import (
    CaseDraft,
    CaseFilters,
    case_years,
    delete_case,
    draft_from_service,
    get_case,
    reminders,
)
from fedclient.core.mediation import query as case_list
from fedclient.core.settings import get_int
from fedclient.core.vocab import CASE_STATUSES, CASE_TYPES, RISK_LEVELS

from ..forms import combo as filter_combo
from ..forms import fill_combo, open_dialog
from ..id_list_model import PAGE_SIZE
from ..list_table import set_up_long_list
from ..looks import make_primary, set_role, tab_widget
from ..operation import user_message
from ..operations import OperationRunner
from ..page import Tab
from ..reminder_list import ReminderList
from ..search_box import read_after_typing
from .case_model import CaseTableModel
from .documents import DocumentActions
from .duty_page import DutyPage
from .stats_page import StatsPage

if TYPE_CHECKING:  # the dialogs are imported when opened: the window does not need them
    from .case_dialog import CaseDialog
    from .export_dialog import LedgerExportDialog
    from .settings_dialog import ReminderSettingsDialog

SORT_COLUMNS = {0: "number", 1: "received", 5: "risk"}  # column → core sort key


def _read_ledger(session, filters: CaseFilters, sort: str, today: date, first: int):
    """The overdue limit, the ledger's ids, its counts by status and its first rows (painted without a read)."""
    overdue_days = get_int(session, "case_overdue_days")
    ids, counts = case_list.ids_and_status_counts(session, filters, sort)
    return overdue_days, ids, counts, case_list.rows_by_ids(session, ids[:first], today, overdue_days)


class MediationTab(DocumentActions, Tab):
    """Built empty with the window; the ledger, the statistics and the reminders are read when the chair
    first opens the tab (the reminders in the background: at county scale they take a moment)."""

    key, title = "mediation", "调解"
    areas = Area.CASES | Area.MEMBERS | Area.GRIDS | Area.SETTINGS
    follows_day = True  # 超期 and the reminders
    ledger_shown = Signal()  # the ledger has been read and shown (tests)

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self._after_ledger: Callable[[], None] | None = None
        self.dialog: QWidget | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("搜索：案件编号、当事人姓名或拼音首字母（如 wxh）")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)
        self.year = filter_combo([("全部年度", None)])
        self.month = filter_combo([("全部月份", None)] + [(f"{m}月", m) for m in range(1, 13)])
        self.month.setEnabled(False)
        self.status = filter_combo([("全部状态", None)] + [(s, s) for s in CASE_STATUSES])
        self.dispute_type = filter_combo([("全部类型", None)] + [(t, t) for t in CASE_TYPES])
        self.risk = filter_combo([("全部风险", None)] + [(f"{r}色", r) for r in RISK_LEVELS])
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for widget in (self.year, self.month, self.status, self.dispute_type, self.risk):
            filters.addWidget(widget)
        self.new_button = QPushButton("登记新案件")
        make_primary(self.new_button)
        self.open_button = QPushButton("查看/修改")
        self.followup_button = QPushButton("添加回访")
        self.print_button = QPushButton(
            "打印文书"
        )  # (a push button: as tall as its neighbours, room for the arrow)
        self.print_button.setMenu(self._documents_menu())
        self.delete_button = QPushButton("删除")
        self.count_label = QLabel()
        set_role(self.count_label, "hint")
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.followup_button, self.print_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)

        self._rows_as_of = (date.today(), 30)  # (today, overdue days) the rows' 超期 is worked out for
        self.model = CaseTableModel(
            lambda ids: self.ops.read_now(case_list.rows_by_ids, ids, *self._rows_as_of), self
        )
        self.view = QTableView()
        self.view.setModel(self.model)
        set_up_long_list(self.view)
        self.model.track_selection(self.view.selectionModel())
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 100, 84, 90, 250, 170, 130, 130, 100, 100, 50)):
            self.view.setColumnWidth(column, width)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda _i: self.open_selected())
        # Sorting happens in SQL: a click on 案件编号, 受理日期 or 风险 orders the whole list, not one page.
        self.sort = "number"
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.sectionClicked.connect(self._sort_by)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        legend = QLabel(
            "底色：<span style='background:#f9d6d2'>&nbsp;红色风险&nbsp;</span> "
            "<span style='background:#fcefc4'>&nbsp;黄色风险&nbsp;</span> "
            "<span style='background:#dbe9f7'>&nbsp;蓝色风险&nbsp;</span>（蓝色只标风险列）；"
            "“超期”＝受理超过规定天数仍无调解结果。双击一行查看或修改。"
        )
        set_role(legend, "hint")
        ledger = QWidget()
        ledger_layout = QVBoxLayout(ledger)
        ledger_layout.setContentsMargins(0, 4, 0, 0)
        ledger_layout.addLayout(filters)
        ledger_layout.addLayout(buttons)
        ledger_layout.addWidget(self.view, 1)
        ledger_layout.addWidget(legend)

        self.stats = StatsPage(ops)
        self.reminder_list = ReminderList(on="doubleClicked")
        self.reminder_list.chosen.connect(self._open_reminder)
        reminder_hint = QLabel(
            "双击一条提醒，打开对应的案件。超期天数和回访间隔可在“设置 → 调解提醒设置”中调整。"
        )
        set_role(reminder_hint, "hint")
        reminders_page = QWidget()
        reminders_layout = QVBoxLayout(reminders_page)
        reminders_layout.addWidget(self.reminder_list)
        reminders_layout.addWidget(reminder_hint)
        self.inner = tab_widget()
        self.inner.addTab(ledger, "案件台账")
        self.inner.addTab(self.stats, "统计")
        self.inner.addTab(reminders_page, "提醒")
        self.duty_page = DutyPage(ops)
        self.inner.addTab(self.duty_page, "值班表")
        layout = QVBoxLayout(self)
        layout.addWidget(self.inner)

        self._search_timer = read_after_typing(self, self.search, self.refresh, self.ops, "ledger")
        for combo in (self.year, self.month, self.status, self.dispute_type, self.risk):
            combo.currentIndexChanged.connect(self.refresh)
        self.year.currentIndexChanged.connect(
            lambda _i: self.month.setEnabled(self.year.currentData() is not None)
        )
        self.new_button.clicked.connect(lambda: self.open_case(None))
        self.open_button.clicked.connect(self.open_selected)
        self.followup_button.clicked.connect(self.add_followup)
        self.delete_button.clicked.connect(self.delete_selected)

    def install_actions(self, window) -> None:
        window.export_menu.addAction("导出调解案件台账（Excel）…").triggered.connect(self.open_export)
        window.settings_menu.addAction("调解提醒设置…").triggered.connect(self.open_settings)

    def open_settings(self) -> ReminderSettingsDialog:
        from .settings_dialog import ReminderSettingsDialog

        dialog = ReminderSettingsDialog(self.ops, self)
        self.dialog = dialog
        open_dialog(dialog)
        return dialog

    def open_export(self) -> LedgerExportDialog:
        from .export_dialog import LedgerExportDialog

        dialog = LedgerExportDialog(self.ops, self)
        self.dialog = dialog
        open_dialog(dialog)
        return dialog

    # --- data -----------------------------------------------------------------------------------------
    def filters(self) -> CaseFilters:
        return CaseFilters(
            status=self.status.currentData() or "",
            dispute_type=self.dispute_type.currentData() or "",
            risk_level=self.risk.currentData() or "",
            year=self.year.currentData(),
            month=self.month.currentData() if self.year.currentData() else None,
            text=self.search.text(),
        )

    def load(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Years may have changed (a new year's first case): rebuild the year list, then the rest."""
        self.stale = False
        self.ops.read(case_years, on_done=self._show_years, parent=self, key="years")
        self.refresh_reminders()

    def _show_years(self, years: list[int]) -> None:
        every = (self.year.itemText(0), self.year.itemData(0))  # 全部年度
        fill_combo(self.year, [every, *((f"{y}年", y) for y in years)])
        self.refresh()

    def refresh(self, *_signal_args: object, then: Callable[[], None] | None = None) -> None:
        """Reads the ledger in the background; ``then`` runs once it is shown (even if a newer read for other
        reasons supersedes this one)."""
        if then is not None:
            self._after_ledger = then
        filters, today = self.filters(), self.today()
        read = (_read_ledger, filters, self.sort, today, PAGE_SIZE)
        self.ops.read(
            *read, on_done=lambda r: self._show_ledger(filters, today, *r), parent=self, key="ledger"
        )

    def _show_ledger(self, filters, today, overdue_days, ids, counts, first_rows) -> None:
        self._rows_as_of = (today, overdue_days)
        self.model.set_ids(ids, first_rows)
        self.view.doItemsLayout()  # now, not in Qt's delayed layout after the first paint: painted once, not twice
        total = sum(counts.values()) if not filters.status else self.model.rowCount()
        detail = "，".join(f"{s} {counts[s]}" for s in CASE_STATUSES if counts.get(s))
        self.count_label.setText(
            f"共 {self.model.rowCount()} 件" + (f"（{detail}）" if detail and total else "")
        )
        self._update_buttons()
        then, self._after_ledger = self._after_ledger, None
        if then is not None:
            then()
        self.ledger_shown.emit()

    def _sort_by(self, column: int) -> None:
        self.sort = SORT_COLUMNS.get(column, self.sort)
        column = {v: k for k, v in SORT_COLUMNS.items()}[self.sort]
        order = Qt.SortOrder.AscendingOrder if self.sort == "risk" else Qt.SortOrder.DescendingOrder
        self.view.horizontalHeader().setSortIndicator(column, order)
        self.refresh()

    def refresh_reminders(self) -> None:
        """Reads the reminders in the background; the list and the count in the page title follow."""
        self.ops.read(
            reminders,
            self.today(),
            on_done=self._show_reminders,
            on_error=self._reminders_failed,
            parent=self,
            key="reminders",
        )

    def _show_reminders(self, items: list) -> None:
        lines = [(f"【{r.group}】{r.text}", r.record_id) for r in items]
        self.reminder_list.set_lines(lines or [("目前没有需要提醒的调解案件。", None)])
        self.inner.setTabText(2, f"提醒（{len(items)}）" if items else "提醒")

    def _reminders_failed(self, error: Exception) -> None:
        self.reminder_list.set_lines([(f"读取提醒时出错：{user_message(error)}", None)])

    # --- selection ------------------------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.model.row(rows[0].row())
        return item.id if item is not None else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.open_button, self.followup_button, self.print_button, self.delete_button):
            button.setEnabled(chosen)

    def select_case(self, case_id: int) -> None:
        """Selects the case once the ledger is read (showing everything if a filter hides it)."""
        if self.stale:
            self.stale = False
            self.refresh_reminders()
        if self.model.row_of(case_id) < 0:  # hidden by a filter (or not read yet): show everything
            self.clear_filters(then=lambda: self._select(case_id))
        else:
            self._select(case_id)

    def _select(self, case_id: int) -> None:
        row = self.model.select_id(case_id)
        if row >= 0:
            self.view.scrollTo(self.model.index(row, 0))

    def clear_filters(self, then: Callable[[], None] | None = None) -> None:
        for combo in (self.year, self.month, self.status, self.dispute_type, self.risk):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.refresh(then=then)

    # --- actions --------------------------------------------------------------------------------------
    def open_case(self, case_id: int | None, draft: CaseDraft | None = None) -> CaseDialog:
        if draft is None and case_id is not None:
            draft = CaseDraft(id=case_id)
        from .case_dialog import CaseDialog

        dialog = CaseDialog(self.ops, draft, self)
        dialog.accepted.connect(lambda: self._after_save(dialog.saved_id))
        self.dialog = dialog
        open_dialog(dialog)
        return dialog

    def new_case(self) -> CaseDialog:
        """首页's quick action 登记调解案件."""
        return self.open_case(None)

    def _after_save(self, case_id: int | None) -> None:
        if case_id is not None:
            self.select_case(case_id)
            number = self.ops.read_now(get_case, case_id).draft.number
            self.show_status(f"已保存调解案件 {number}")

    def open_selected(self) -> None:
        case_id = self.selected_id()
        if case_id is not None:
            self.open_case(case_id)

    def new_case_from_service(self, service_id: int) -> CaseDialog:
        """Open the registration dialog pre-filled from a 矛盾调解 grid service; saving links the two."""
        self.bring_forward()
        return self.open_case(None, self.ops.read_now(draft_from_service, service_id))

    def show_record(self, kind: str, record_id: int) -> None:
        """``kind`` is "case" or a reminder's kind (case_overdue, case_followup_due, case_red_open), or
        "duty_tomorrow" (``record_id`` is the day's ``date.toordinal()``: the duty calendar opens at its month)."""
        if kind == "duty_tomorrow":
            self.inner.setCurrentWidget(self.duty_page)
            self.duty_page.show_month(date.fromordinal(record_id))
        elif kind.startswith("case"):
            self.select_case(record_id)
            self.inner.setCurrentIndex(0)
            self.open_case(record_id)

    def add_followup(self) -> None:
        case_id = self.selected_id()
        if case_id is None:
            return
        record = self.ops.read_now(get_case, case_id)
        if not record.draft.outcome:
            QMessageBox.information(
                self, "添加回访", f"案件 {record.draft.number} 还没有调解结果，有了结果后才能回访。"
            )
            return
        from .followup_dialog import FollowUpDialog

        dialog = FollowUpDialog(self.ops, case_id, record.draft.number, None, self)
        self.dialog = dialog
        open_dialog(dialog)

    def delete_selected(self) -> None:
        case_id = self.selected_id()
        if case_id is None:
            return
        number = self.ops.read_now(get_case, case_id).draft.number
        answer = QMessageBox.question(
            self,
            "删除案件",
            f"确定删除调解案件 {number} 吗？\n当事人、调解员和回访记录将一并删除，且无法恢复。\n"
            "（删除后该编号不再使用。）",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(delete_case, case_id, changes=Area.CASES, parent=self)

    def _open_reminder(self, case_id: int | None) -> None:
        if case_id is not None:
            self.show_record("case", case_id)
