"""承诺: executive members' one-sentence pledges and their progress, the annual assessment, the boards."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from fedclient.core.database import Database
from fedclient.ui.pledges.assessment_page import AssessmentPage
from fedclient.ui.pledges.board_dialog import BoardDialog, current_quarter
from fedclient.ui.pledges.list_page import PledgeListPage
from fedclient.ui.signals import data_signals

PLEDGE_KINDS = ("pledge", "pledge_due", "pledge_overdue", "pledge_idle")


class PledgesTab(QWidget):
    """Cheap to build: each page reads its data when first shown (see the pages)."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.today = date.today()
        self.board_dialog: BoardDialog | None = None
        self.pages = QTabWidget()
        self.list_page = PledgeListPage(db, self, self.today)
        self.assessment_page = AssessmentPage(db, self, self.today)
        self.pages.addTab(self.list_page, "承诺与践诺")
        self.pages.addTab(self.assessment_page, "年度履职考核")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.pages)
        self.list_page.board_button.clicked.connect(lambda: self.open_board())
        self.assessment_page.print_button.clicked.connect(lambda: self.open_board("assessment"))
        data_signals.changed.connect(self._on_data_changed)

    def install_actions(self, window) -> None:
        window.export_menu.addAction("打印承诺公示栏…").triggered.connect(lambda: self.open_board(None))
        window.export_menu.addAction("打印践诺情况公示（季度）…").triggered.connect(
            lambda: self.open_board(current_quarter(self.today))
        )
        window.export_menu.addAction("打印执委年度履职考核表…").triggered.connect(
            lambda: self.open_board("assessment")
        )

    def open_board(self, kind: int | str | None = None) -> BoardDialog:
        year = self.assessment_page.year.value() if kind == "assessment" else self.list_page.year.value()
        self.board_dialog = BoardDialog(self.db, year, self, kind, self.today)
        self.board_dialog.open()
        return self.board_dialog

    def add_progress(self) -> None:
        """首页's 新增践诺记录: this year's list with a pledge selected and the cursor in the entry row."""
        self.pages.setCurrentWidget(self.list_page)
        page = self.list_page
        page.ensure_loaded()
        if page.year.value() != self.today.year:
            page.year.setValue(self.today.year)
        if page.current_id() is None and page.model.rowCount() > 0:
            page.table.selectRow(0)
        if page.current_id() is None:
            self.window().statusBar().showMessage("本年还没有承诺：请先点“新增承诺”。", 8000)
            return
        page.detail.focus_entry()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.roll_day(date.today())

    def roll_day(self, today: date) -> None:
        """A window left open past midnight: statuses, reminders and date limits follow the new day."""
        if today == self.today:
            return
        self.today = today
        for part in (self.list_page, self.list_page.detail, self.assessment_page):
            part.today = today
        if self.list_page.loaded:
            self.list_page.refresh()
        self.assessment_page.mark_stale()

    def show_record(self, kind: str, record_id: int) -> None:
        self.pages.setCurrentWidget(self.list_page)
        if kind in ("pledge_missing", "member"):
            self.list_page.year.setValue(self.today.year)
            self.list_page.new(record_id)
        elif kind in PLEDGE_KINDS or kind.startswith("pledge"):
            self.list_page.show_pledge(record_id)

    def _on_data_changed(self, domain: str) -> None:
        """Pages not read yet stay unread: they read the fresh data when first shown."""
        try:
            if domain in ("members", "all", "profile") and self.list_page.loaded:
                self.list_page.refresh()
            if domain in ("members", "mediation", "grids", "all"):
                self.assessment_page.mark_stale()
            elif domain == "pledges" and not self.assessment_page.isVisible():
                self.assessment_page.stale = True  # pledges done count; read again when next shown
        except RuntimeError:  # this tab was replaced (after a restore) and its widgets are gone
            data_signals.changed.disconnect(self._on_data_changed)
