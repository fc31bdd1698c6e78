"""统计: the month's indicators (the monthly workbook's very numbers) or the year's, by type and by source."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.mediation import case_years, month_indicators, period_stats

from ..forms import combo, fill_combo
from ..looks import heading, set_role
from ..operations import OperationRunner
from ..page import Page


def _table(rows: list[tuple[str, object]], headers: tuple[str, str]) -> QTableWidget:
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    for i, (name, value) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(name))
        table.setItem(i, 1, QTableWidgetItem(str(value)))
    return table


def _read_stats(session, year: int, month: int | None, today: date):
    stats = period_stats(session, year, month, today)
    main = list(month_indicators(session, year, month).items()) if month is not None else None
    return stats, main


class StatsPage(Page):
    shown = Signal()  # the figures have been read and shown (tests)

    """Read when first shown, and again when shown after the cases changed (SQL counts, quick)."""

    areas = Area.CASES | Area.SETTINGS
    follows_day = True

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self.year = QComboBox()
        self.month = combo([("全年", None), *((f"{m}月", m) for m in range(1, 13))])
        self.title = QLabel()
        heading(self.title, 13)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addWidget(QLabel("月份"))
        top.addWidget(self.month)
        top.addSpacing(20)
        top.addWidget(self.title)
        top.addStretch(1)
        self.body = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.body, 1)
        hint = QLabel(
            "本月指标与月报“汇总”表中的调解指标出自同一计算。成功率 = 调解成功数 ÷ 有结果的案件数。"
        )
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.year.currentIndexChanged.connect(self.refresh)
        self.month.currentIndexChanged.connect(self.refresh)

    def load(self) -> None:
        self.ops.read(case_years, on_done=self.fill_years, parent=self, key="years")

    def fill_years(self, case_years: list[int]) -> None:
        today = self.today()
        years = sorted(set(case_years) | {today.year}, reverse=True)
        current = self.year.currentData() or today.year
        fill_combo(self.year, [(f"{y}年", y) for y in years], current)
        if self.month.currentIndex() == 0 and current == today.year:
            self.month.blockSignals(True)
            self.month.setCurrentIndex(today.month)
            self.month.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        year, month = self.year.currentData(), self.month.currentData()
        self.ops.read(
            _read_stats, year, month, self.today(), on_done=lambda r: self._show(*r), parent=self, key="stats"
        )

    def _show(self, stats, main) -> None:
        while self.body.count():
            widget = self.body.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        if main is None:
            main = [
                ("受理案件数", stats.received),
                ("调解成功数", stats.successful),
                ("有结果的案件数", stats.outcomes),
                ("调解成功率(%)", stats.success_rate),
                ("家庭暴力案件数", stats.domestic_violence),
                ("在办超期案件数（截至期末）", stats.overdue_open),
                ("回访次数", stats.followups),
                ("民转刑案件数", stats.turned_criminal),
            ]
        self.title.setText(f"{stats.title}调解统计")
        for title, rows, headers in (
            ("主要指标", main, ("指标", "数值")),
            ("按纠纷类型（受理）", list(stats.by_type.items()), ("纠纷类型", "件数")),
            ("按来源（受理）", list(stats.by_source.items()), ("来源", "件数")),
        ):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(_table(rows, headers))
            self.body.addWidget(box, 3 if title == "主要指标" else 2)
        self.shown.emit()

    def values(self) -> dict[str, str]:
        """What the main table shows (for tests)."""
        box = self.body.itemAt(0).widget()
        table = box.findChild(QTableWidget)
        return {table.item(i, 0).text(): table.item(i, 1).text() for i in range(table.rowCount())}
