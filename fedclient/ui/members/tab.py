"""成员 tab: the roster (成员名册) and the people helped (帮扶对象), import and export of the roster."""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from fedclient.core.database import Database
from fedclient.core.members import reminders

from ..signals import data_signals
from .helped_page import HelpedPage
from .roster_page import RosterPage
from .transfer import export_roster_to_file, import_roster

HELPED_KINDS = ("helped", "helpers_short")


class MembersTab(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.roster = RosterPage(db, self)
        self.helped = HelpedPage(db, self)
        self.pages = QTabWidget()
        self.pages.addTab(self.roster, "成员名册")
        self.pages.addTab(self.helped, "帮扶对象")
        self.hints = QLabel()
        self.hints.setProperty("role", "warning")
        self.hints.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.hints)
        data_signals.changed.connect(self._data_changed)
        self.refresh_hints()

    def install_actions(self, window) -> None:
        window.import_menu.addAction("导入花名册…").triggered.connect(lambda: import_roster(window, self.db))
        window.export_menu.addAction("导出花名册…").triggered.connect(
            lambda: export_roster_to_file(window, self.db)
        )

    def show_record(self, kind: str, record_id: int) -> None:
        """Select one member (kind "member", or a members reminder kind) or one person helped."""
        if kind in HELPED_KINDS:
            self.pages.setCurrentWidget(self.helped)
            self.helped.select_person(record_id)
        else:
            self.pages.setCurrentWidget(self.roster)
            self.roster.select_member(record_id)

    def refresh_hints(self) -> None:
        """The seeds' rules of thumb as a gentle line under the lists (never blocking)."""
        groups = Counter(r.group for r in self.db.run(reminders, date.today()))
        text = "；".join(f"{group} {n} 项" for group, n in groups.items())
        self.hints.setText(f"提示：{text}（详见首页提醒）" if text else "")
        self.hints.setVisible(bool(text))

    def _data_changed(self, domain: str) -> None:
        if domain in ("members", "all", "pledges", "grids", "mediation"):
            self.refresh_hints()
