"""网格 tab: the "1+2+N" grids, their households, the service log, coverage and the women's council."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QVBoxLayout, QWidget

from fedclient.core.village import get_profile

from ..looks import tab_widget
from ..operations import OperationRunner
from ..page import Tab
from .council_page import CouncilPage
from .coverage_page import CoveragePage
from .grid_page import GridPage
from .household_page import HouseholdPage
from .service_page import ServicePage

BOARD_PT = 14


class GridsTab(Tab):
    """Built empty with the window: each page reads its data when it is first shown."""

    key, title = "grids", "网格"

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self.pages = tab_widget()
        self.grid_page = GridPage(ops)
        self.household_page = HouseholdPage(ops)
        self.service_page = ServicePage(ops)
        self.coverage_page = CoveragePage(ops)
        self.council_page = CouncilPage(ops)
        for page, title in (
            (self.grid_page, "网格与人员"),
            (self.household_page, "住户"),
            (self.service_page, "服务记录"),
            (self.coverage_page, "覆盖情况"),
            (self.council_page, "妇女议事会"),
        ):
            self.pages.addTab(page, title)
        self.print_button = QPushButton("打印网格公示牌…")
        self.print_button.clicked.connect(self.print_board)
        self.pages.setCornerWidget(self.print_button)
        QVBoxLayout(self).addWidget(self.pages)

        self.grid_page.households_requested.connect(lambda gid: self.show_households(gid))
        self.coverage_page.households_requested.connect(self.show_households)
        self.service_page.case_requested.connect(self._case_requested)
        self.window_ = parent

    # --- main window hooks ----------------------------------------------------------------------------
    def install_actions(self, window) -> None:
        window.export_menu.addAction("打印网格公示牌…").triggered.connect(self.print_board)
        window.export_menu.addAction("网格公示牌导出为 PDF…").triggered.connect(
            lambda: self.export_board_pdf()
        )
        window.import_menu.addAction("导入住户…").triggered.connect(self._import_households)

    def new_service(self):
        """首页's 记录网格服务: the service log with a new entry open."""
        self.pages.setCurrentWidget(self.service_page)
        return self.service_page.new_service()

    def _import_households(self) -> None:
        self.pages.setCurrentWidget(self.household_page)
        self.household_page.import_from_file()

    def show_record(self, kind: str, record_id: int) -> None:
        """Kinds: "grid", "household", "service", "meeting", and the kinds of this tab's reminders
        (首页 passes the reminder's kind): "households_unvisited" and "grid_shape" (record_id is a grid),
        "household_dispute_red" and "household_dispute_risk" (a household: its file opens),
        "council_decision_overdue" (a meeting)."""
        if kind == "households_unvisited":
            self.show_households(record_id, unvisited=True)
        elif kind in ("grid", "grid_shape"):
            self.pages.setCurrentWidget(self.grid_page)
            self.grid_page.select_grid(record_id)
        elif kind == "household":
            self.pages.setCurrentWidget(self.household_page)
            self.household_page.select_household(record_id)
        elif kind in ("household_dispute_red", "household_dispute_risk"):
            self.pages.setCurrentWidget(self.household_page)
            self.household_page.select_household(record_id)
            self.household_page.open_file(record_id)
        elif kind == "service":
            self.pages.setCurrentWidget(self.service_page)
            self.service_page.select_service(record_id)
        elif kind in ("meeting", "council_decision_overdue"):
            self.pages.setCurrentWidget(self.council_page)
            self.council_page.select_meeting(record_id)

    def show_households(self, grid_id, unvisited: bool = False) -> None:
        self.pages.setCurrentWidget(self.household_page)
        self.household_page.show_grid(grid_id, unvisited)

    def _case_requested(self, service_id: int, case_id: int) -> None:
        """转为调解案件: the case the service already became, or a new one pre-filled from it."""
        from ..mediation.tab import MediationTab

        window = self.window_
        if window is None:
            return
        if case_id:
            window.open_record("mediation", "case", case_id)
        else:
            window.tab(MediationTab).new_case_from_service(service_id)

    # --- the grid board -------------------------------------------------------------------------------
    def board_html(self) -> str:
        from fedclient.core.grids.board import grid_board_html  # imported when opened (issue 18)

        return self.ops.read_now(grid_board_html, date.today())

    def print_board(self) -> None:
        from ..printing import preview_and_print

        preview_and_print(self, self.board_html, paper="A4", landscape=True, base_pt=BOARD_PT)

    def export_board_pdf(self, path: str | None = None) -> Path | None:
        if path is None:
            profile = self.ops.read_now(get_profile)
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            name = f"{profile.village if profile else ''}网格公示牌_{date.today():%Y%m%d}.pdf"
            path, _ = QFileDialog.getSaveFileName(
                self, "网格公示牌导出为 PDF", str(Path(folder) / name), "PDF 文件 (*.pdf)"
            )
            if not path:
                return None
        from ..printing import save_pdf

        try:
            save_pdf(
                self.board_html(), path, paper="A4", landscape=True, title="网格公示牌", base_pt=BOARD_PT
            )
        except OSError as exc:
            QMessageBox.warning(self, "导出失败", str(exc))
            return None
        self.show_status(f"已导出网格公示牌：{path}")
        return Path(path)
