"""覆盖情况 page: per grid, services this month and this year by role, and households not visited for N days."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from fedclient.core import grids
from fedclient.core.changes import Area
from fedclient.core.settings import get_int, set_setting
from fedclient.core.vocab import SERVICE_ROLES

from ..looks import set_role
from ..operations import OperationRunner
from ..page import Page

VISIT_DAYS = "household_visit_days"


def _read_coverage(session, today: date) -> tuple[list[grids.GridCoverage], int, int]:
    """The figures, the households in no grid and the days the figures counted (the setting), in one read."""
    days = get_int(session, VISIT_DAYS)
    no_grid = grids.count_households(session, grids.HouseholdFilter(grid_id=grids.NO_GRID))
    return grids.coverage(session, today, days), no_grid, days


class CoveragePage(Page):
    areas = Area.GRIDS | Area.SETTINGS
    follows_day = True  # "this month" and who has not been visited for long
    households_requested = Signal(object, bool)  # grid id (or NO_GRID), only the unvisited ones

    def __init__(self, ops: OperationRunner, parent=None):
        super().__init__(ops, parent)
        self.rows: list[grids.GridCoverage] = []
        self.days = QSpinBox()
        self.days.setRange(7, 730)
        self.days.setSuffix(" 天")
        self.days.setToolTip("住户多少天没有服务或走访记录算“久未走访”（首页提醒用同一天数）")
        self.title = QLabel()
        set_role(self.title, "hint")
        self.no_grid_button = QPushButton()
        self.no_grid_button.clicked.connect(lambda: self.households_requested.emit(grids.NO_GRID, False))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("久未走访的标准："))
        bar.addWidget(self.days)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.no_grid_button)

        # Each service cell reads "this month / this year", so the year by role is visible without hovering.
        headers = (
            ["网格", "户数"]
            + [f"{r}\n本月 / 本年" for r in SERVICE_ROLES]
            + ["合计\n本月 / 本年", "久未走访户数"]
        )
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.cellDoubleClicked.connect(self._double_clicked)
        hint = QLabel("服务次数写作“本月 / 本年”。双击某个网格可查看它久未走访的住户。")
        set_role(hint, "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.days.editingFinished.connect(self._days_changed)
        self.days.setEnabled(False)  # until the setting is read
        self.saved_days: int | None = None
        self.rows: list[grids.GridCoverage] = []

    def load(self) -> None:
        self.refresh()

    def _days_changed(self) -> None:
        if self.saved_days is not None and self.days.value() != self.saved_days:
            self.saved_days = self.days.value()
            self.ops.write(set_setting, VISIT_DAYS, str(self.days.value()), changes=Area.SETTINGS)

    def refresh(self, today: date | None = None) -> None:
        """Reads the figures in the background (at county scale they take a moment)."""
        self.stale = False
        today = today or self.today()
        self.ops.read(
            _read_coverage, today, on_done=lambda r: self._show(today, *r), parent=self, key="coverage"
        )

    def _show(self, today: date, rows: list[grids.GridCoverage], no_grid: int, days: int) -> None:
        self.rows = rows
        self.saved_days = days
        if not self.days.hasFocus():  # (never under her typing)
            self.days.setValue(days)
        self.days.setEnabled(True)
        self.no_grid_button.setText(f"未划入网格的住户：{no_grid} 户")
        self.title.setText(
            f"本月：{today.year}年{today.month}月1日至{today.month}月{today.day}日；本年：1月1日至今"
        )
        self.table.setRowCount(len(self.rows) + 1)
        households = unvisited = 0
        month_totals = dict.fromkeys(SERVICE_ROLES, 0)
        year_totals = dict.fromkeys(SERVICE_ROLES, 0)
        for r, row in enumerate(self.rows):
            households += row.households
            unvisited += row.unvisited
            for role in SERVICE_ROLES:
                month_totals[role] += row.month[role]
                year_totals[role] += row.year[role]
            self._fill(r, row.label, row.households, row.month, row.year, row.unvisited)
            if row.unvisited:
                self.table.item(r, len(SERVICE_ROLES) + 3).setForeground(QColor("#c0392b"))
            if row.month_total == 0:
                self.table.item(r, len(SERVICE_ROLES) + 2).setForeground(QColor("#c0392b"))
        self._fill(len(self.rows), "合计", households, month_totals, year_totals, unvisited, bold=True)

    def _fill(
        self,
        r: int,
        label: str,
        households: int,
        month: dict[str, int],
        year: dict[str, int],
        unvisited: int,
        bold: bool = False,
    ) -> None:
        services = [f"{month[x]} / {year[x]}" for x in SERVICE_ROLES]
        total = f"{sum(month.values())} / {sum(year.values())}"
        cells = [label, str(households), *services, total, str(unvisited)]
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c:
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if bold:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(r, c, item)

    def _double_clicked(self, row: int, _column: int) -> None:
        if row < len(self.rows):
            self.households_requested.emit(self.rows[row].grid_id, True)
