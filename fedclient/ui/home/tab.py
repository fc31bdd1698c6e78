"""首页: what needs the chair's attention today (left), the year at a glance (right), quick actions (top).

Start-up never waits for it: the tab is built empty, and its figures are read in the background once the
window is up; they are read again (debounced) when another tab saves, and when the day clock says the day
changed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from fedclient.core.changes import Area
from fedclient.core.reminders import Reminder
from fedclient.core.vocab import CASE_OUTCOMES, SERVICE_ROLES
from fedclient.ui.app_setup import cjk_font
from fedclient.ui.home import loader, quick_actions
from fedclient.ui.home.charts import (
    CASE_COLOURS,
    ROLE_COLOURS,
    MonthlyStackedChart,
    PledgeStatusChart,
)
from fedclient.ui.home.reminder_tree import ReminderTree
from fedclient.ui.operation import user_message
from fedclient.ui.operations import OperationRunner
from fedclient.ui.page import Tab

from ..looks import make_primary

if TYPE_CHECKING:  # the dashboard (every domain's queries) is imported by the worker that first reads it
    from fedclient.core.dashboard import Dashboard

WEEKDAYS = "一二三四五六日"
REFRESH_DELAY_MS = 400


class HomeTab(Tab):
    key, title = "home", "首页"
    areas = Area.ALL  # every domain has reminders and figures here
    follows_day = True  # left open overnight, 首页 moves on to the new day's reminders by itself
    loaded = Signal(object)  # the Dashboard just shown (tests and the start-up benchmark wait for it)
    failed = Signal(str)

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(ops, parent)
        self.window_ = parent
        self.today_override = today  # tests fix the day; None means the day clock's
        self.dashboard: Dashboard | None = None
        self.refresh_timer = QTimer(self)  # a burst of saves elsewhere: one read
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self._refresh_if_needed)
        self.load_after_paint = False
        self._build()

    def today(self) -> date:
        return self.today_override or super().today()

    # --- building -------------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(8)
        top = QHBoxLayout()
        self.date_label = QLabel()
        self.date_label.setFont(cjk_font(13, bold=True))
        top.addWidget(self.date_label)
        top.addStretch(1)
        self.action_buttons: dict[str, QPushButton] = {}
        for text, tab_key, start in quick_actions.TAB_ACTIONS:
            self._add_action(top, text, self._tab_action_slot(tab_key, start))
        self._add_action(top, quick_actions.EXPORT_TEXT, self._export_last_month)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        self.todo_label = QLabel("今日待办")
        self.todo_label.setFont(cjk_font(12, bold=True))
        self.reminder_tree = ReminderTree()
        self.reminder_tree.reminder_chosen.connect(self.open_reminder)
        self.reminder_tree.tab_chosen.connect(self.open_tab)
        left_layout.addWidget(self.todo_label)
        left_layout.addWidget(self.reminder_tree, 1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.setSpacing(8)
        self.overview_label = QLabel("本年概况")
        self.overview_label.setFont(cjk_font(12, bold=True))
        self.pledge_chart = PledgeStatusChart()
        self.case_chart = MonthlyStackedChart("调解案件（按受理月份）", CASE_OUTCOMES, CASE_COLOURS, "件")
        self.service_chart = MonthlyStackedChart("网格服务（按服务类别）", SERVICE_ROLES, ROLE_COLOURS, "次")
        right_layout.addWidget(self.overview_label)
        right_layout.addWidget(self.pledge_chart, 0)
        right_layout.addWidget(self.case_chart, 1)
        right_layout.addWidget(self.service_chart, 1)

        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 780])
        layout.addWidget(splitter, 1)
        self._show_date()

    def _add_action(self, layout: QHBoxLayout, text: str, slot) -> None:
        button = QPushButton(text)
        make_primary(button)
        button.clicked.connect(slot)
        layout.addWidget(button)
        self.action_buttons[text] = button

    def _show_date(self) -> None:
        today = self.today()
        self.date_label.setText(
            f"今天是 {today.year}年{today.month}月{today.day}日 星期{WEEKDAYS[today.weekday()]}"
        )

    # --- loading --------------------------------------------------------------------------------------
    def load(self) -> None:
        """Read the figures in the background (the current ones stay on screen meanwhile)."""
        self._show_date()
        self.ops.read(
            loader.load,
            self.today(),
            on_done=self._apply,
            on_error=self._show_error,
            parent=self,
            key="dashboard",
        )

    def refresh(self) -> None:
        self.stale = False
        self.load()

    def _refresh_if_needed(self) -> None:
        # Hidden (another tab is open): showEvent reads the figures when the chair comes back to 首页.
        if self.isVisible() and self.stale:
            self.refresh()

    def _on_changed(self, areas: Area) -> None:
        if areas & self.areas:
            self.stale = True
            self.refresh_timer.start()

    def showEvent(self, event) -> None:
        QWidget.showEvent(self, event)
        if self.stale:
            self.load_after_paint = True

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.load_after_paint:
            # Once the window has painted (a zero timer set here runs after the whole paint pass): the worker
            # reading the figures imports the domain services, and would slow the first paint down.
            self.load_after_paint = False
            QTimer.singleShot(0, self._refresh_if_needed)

    def _apply(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self.todo_label.setText(f"今日待办（共 {dashboard.reminder_count} 项）")
        self.reminder_tree.set_groups(dashboard.groups)
        overview = dashboard.overview
        self.overview_label.setText(
            f"{overview.year}年概况（截至{overview.as_of.month}月{overview.as_of.day}日）"
        )
        month = overview.as_of.month
        self.pledge_chart.set_counts(overview.pledge_status, overview.year)
        self.case_chart.set_data(overview.case_outcomes, overview.year, month)
        self.service_chart.set_data(overview.services_by_role, overview.year, month)
        self.loaded.emit(dashboard)

    def _show_error(self, error: Exception) -> None:
        message = user_message(error)
        self.reminder_tree.show_message(f"统计时出错：{message}")
        for chart in (self.pledge_chart, self.case_chart, self.service_chart):
            chart.show_message("统计时出错，详情见日志。")
        self.failed.emit(message)

    # --- actions --------------------------------------------------------------------------------------
    def open_reminder(self, reminder: Reminder) -> None:
        window = self.window_
        if window is None:
            return
        if reminder.tab == "reports":
            quick_actions.export_last_month(window)
        else:
            window.open_record(reminder.tab, reminder.kind, reminder.record_id)

    def open_tab(self, tab_key: str) -> None:
        if self.window_ is not None:
            self.window_.open_record(tab_key, "", None)

    def _tab_action_slot(self, tab_key: str, start):
        return lambda: self._tab_action(tab_key, start)  # (clicked's "checked" argument is not wanted)

    def _tab_action(self, tab_key: str, start) -> None:
        if self.window_ is not None:
            quick_actions.run_tab_action(self.window_, tab_key, start)

    def _export_last_month(self) -> None:
        if self.window_ is not None:
            quick_actions.export_last_month(self.window_)
