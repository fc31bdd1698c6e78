"""The base of every page and tab: read when first shown, read again when what it shows has changed.

A page declares the ``Area``s it shows (``areas``). When a write changes one of them the page reloads at once
if it is on screen, otherwise it only marks itself stale and reloads when the chair next opens it; the day
clock does the same at midnight. A tab is a page the main window knows by ``key`` and ``title``: it may add
menu entries (``install_actions``) and show one record (``show_record``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from fedclient.core.changes import Area

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .operations import OperationRunner


class Page(QWidget):
    areas: Area = Area(0)  # what this page shows: a write to one of them makes it stale
    follows_day = False  # True: the page shows something that depends on today's date

    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.stale = True  # must be read before it is shown
        ops.changed.connect(self._on_changed)
        if ops.clock is not None:
            ops.clock.day_changed.connect(self._on_day_changed)

    def today(self) -> date:
        return self.ops.clock.today() if self.ops.clock is not None else date.today()

    def load(self) -> None:
        """Reads what the page shows (through ``self.ops``). Every page overrides it."""
        raise NotImplementedError

    def ensure_loaded(self) -> None:
        """Loads now if stale. Code that needs the data before the page was shown (select a record…)."""
        if self.stale:
            self.stale = False
            self.load()

    def mark_stale(self) -> None:
        """Reload now if on screen, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.ensure_loaded()

    def day_changed(self, today: date) -> None:
        """Called at midnight; pages showing anything dated override it or set ``follows_day``."""
        if self.follows_day:
            self.mark_stale()

    def show_status(self, text: str, ms: int = 5000) -> None:
        """A passing message in the main window's status bar (none when the page stands alone, in tests)."""
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, ms)

    def _on_changed(self, areas: Area) -> None:
        if areas & self.areas:
            self.mark_stale()

    def _on_day_changed(self, today: date) -> None:
        self.day_changed(today)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_loaded()


class Tab(Page):
    key = ""  # how 首页's reminders name the tab ("members", …)
    title = ""  # the tab's label

    def install_actions(self, window: MainWindow) -> None:
        """Adds this tab's entries to the 导出/导入 menus (rebuilt with the tabs)."""

    def show_record(self, kind: str, record_id: int) -> None:
        """Shows one record of this tab (首页's reminders); a tab without records ignores it."""

    def load(self) -> None:
        """A tab whose pages load themselves has nothing of its own to read."""

    def bring_forward(self) -> None:
        """Makes this tab the one shown (another tab hands work over to it)."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if parent is not None:
            parent.setCurrentWidget(self)
