"""成员 tab: the roster (成员名册) and the people helped (帮扶对象), import and export of the roster."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fedclient.core.changes import Area
from fedclient.core.members import reminders

from ..looks import set_role, tab_widget
from ..operations import OperationRunner
from ..page import Tab
from ..volunteer_points.points_page import PointsPage
from .helped_page import HelpedPage
from .roster_page import RosterPage

HELPED_KINDS = ("helped", "helpers_short")


def _transfer():
    """The roster's import (its dialog, the spreadsheet readers) and export: loaded when the chair chooses them."""
    from . import transfer

    return transfer


class MembersTab(Tab):
    key, title = "members", "成员"
    areas = Area.MEMBERS | Area.HELPED | Area.PLEDGES | Area.GRIDS | Area.CASES  # the reminders' hints
    follows_day = True

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(ops, parent)
        self.roster = RosterPage(ops, self)
        self.helped = HelpedPage(ops, self)
        self.pages = tab_widget()
        self.pages.addTab(self.roster, "成员名册")
        self.pages.addTab(self.helped, "帮扶对象")
        self.points = PointsPage(ops, self)
        self.pages.addTab(self.points, "志愿积分")
        self.hints = QLabel()
        set_role(self.hints, "warning")
        self.hints.setWordWrap(True)
        self.hints.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.hints)

    def install_actions(self, window) -> None:
        window.import_menu.addAction("导入花名册…").triggered.connect(
            lambda: _transfer().import_roster(window, self.ops)
        )
        window.export_menu.addAction("导出花名册…").triggered.connect(
            lambda: _transfer().export_roster_to_file(window, self.ops)
        )

    def show_record(self, kind: str, record_id: int) -> None:
        """Select one member (kind "member", or a members reminder kind) or one person helped."""
        if kind in HELPED_KINDS:
            self.pages.setCurrentWidget(self.helped)
            self.helped.select_person(record_id)
        else:
            self.pages.setCurrentWidget(self.roster)
            self.roster.select_member(record_id)

    def load(self) -> None:
        """The seeds' rules of thumb as a gentle line under the lists (never blocking)."""
        self.ops.read(reminders, self.today(), on_done=self._show_hints, parent=self, key="hints")

    def _show_hints(self, found) -> None:
        groups = Counter(r.group for r in found)
        text = "；".join(f"{group} {n} 项" for group, n in groups.items())
        self.hints.setText(f"提示：{text}（详见首页提醒）" if text else "")
        self.hints.setVisible(bool(text))
