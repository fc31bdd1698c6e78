"""承诺: executive members' one-sentence pledges and their progress, the annual assessment, the boards."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from fedclient.ui.looks import tab_widget
from fedclient.ui.operations import OperationRunner
from fedclient.ui.page import Tab
from fedclient.ui.pledges.assessment_page import AssessmentPage
from fedclient.ui.pledges.list_page import PledgeListPage
from fedclient.ui.review.review_page import ReviewPage

if TYPE_CHECKING:
    from fedclient.ui.pledges.board_dialog import BoardDialog

PLEDGE_KINDS = ("pledge", "pledge_due", "pledge_overdue", "pledge_idle")


class PledgesTab(Tab):
    """Cheap to build: each page reads its data when first shown (see the pages)."""

    key, title = "pledges", "承诺"

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self.today = super().today()
        self.pages = tab_widget()
        self.list_page = PledgeListPage(ops, self, self.today)
        self.assessment_page = AssessmentPage(ops, self, self.today)
        self.pages.addTab(self.list_page, "承诺与践诺")
        self.pages.addTab(self.assessment_page, "年度履职考核")
        self.review_page = ReviewPage(ops, self, self.today)
        self.pages.addTab(self.review_page, "述职评议")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.list_page.board_button.clicked.connect(lambda: self.open_board())
        self.assessment_page.print_button.clicked.connect(lambda: self.open_board("assessment"))

    def install_actions(self, window) -> None:
        window.export_menu.addAction("打印承诺公示栏…").triggered.connect(lambda: self.open_board(None))
        window.export_menu.addAction("打印践诺情况公示（季度）…").triggered.connect(
            lambda: self.open_quarter_board()
        )
        window.export_menu.addAction("打印执委年度履职考核表…").triggered.connect(
            lambda: self.open_board("assessment")
        )

    def open_board(self, kind: int | str | None = None) -> BoardDialog:
        from fedclient.ui.pledges.board_dialog import BoardDialog  # imported when opened (issue 18)

        year = self.assessment_page.year.value() if kind == "assessment" else self.list_page.year.value()
        from ..forms import open_dialog

        return open_dialog(BoardDialog(self.ops, year, self, kind, self.today))

    def open_quarter_board(self) -> BoardDialog:
        from fedclient.ui.pledges.board_dialog import current_quarter

        return self.open_board(current_quarter(self.today))

    def add_progress(self) -> None:
        """首页's 新增践诺记录: this year's list with a pledge selected and the cursor in the entry row."""
        self.pages.setCurrentWidget(self.list_page)
        page = self.list_page
        if page.year.value() != self.today.year:
            page.year.blockSignals(True)
            page.year.setValue(self.today.year)
            page.year.blockSignals(False)
        page.refresh(then=self._focus_entry)

    def _focus_entry(self) -> None:
        page = self.list_page
        if page.current_id() is None and page.model.rowCount() > 0:
            page.table.selectRow(0)
        if page.current_id() is None:
            self.show_status("本年还没有承诺：请先点“新增承诺”。", 8000)
            return
        page.detail.focus_entry()

    def day_changed(self, today: date) -> None:
        """A window left open past midnight: statuses, reminders and date limits follow the new day."""
        if today == self.today:
            return
        self.today = today
        for part in (self.list_page, self.list_page.detail, self.assessment_page, self.review_page):
            part.today = today
        self.list_page.mark_stale()
        self.assessment_page.mark_stale()

    def show_record(self, kind: str, record_id: int) -> None:
        self.pages.setCurrentWidget(self.list_page)
        if kind in ("pledge_missing", "member"):
            self.list_page.year.setValue(self.today.year)
            self.list_page.new(record_id)
        elif kind in PLEDGE_KINDS or kind.startswith("pledge"):
            self.list_page.show_pledge(record_id)
