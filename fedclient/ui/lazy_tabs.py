"""The window's five tabs, each built when it is first needed.

Before the window shows only 首页 is built (and the tab asked for with ``--tab``); the others hold their place in
the tab bar with an empty placeholder and are built when the chair first opens one, or one at a time in idle
time once 首页 has its figures. A tab's modules (and through them SQLAlchemy and the domain services) are
imported when it is built, so none of that delays the first paint. A tab built late still shows current data:
like every page it is read when it is first shown, and it follows the operation runner's ``changed`` from then
on.
"""

from __future__ import annotations

import importlib
import linecache
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from .page import Tab

PAUSED_RETRY_MS = 1000


@dataclass(frozen=True)
class TabSpec:
    key: str  # the tab class's ``key`` and ``title`` (tests/test_lazy_tabs checks they agree)
    title: str
    module: str
    name: str

    def load(self) -> type[Tab]:
        return getattr(importlib.import_module(self.module), self.name)


TABS: tuple[TabSpec, ...] = (
    TabSpec("home", "首页", "fedclient.ui.home.tab", "HomeTab"),
    TabSpec("members", "成员", "fedclient.ui.members.tab", "MembersTab"),
    TabSpec("pledges", "承诺", "fedclient.ui.pledges.tab", "PledgesTab"),
    TabSpec("mediation", "调解", "fedclient.ui.mediation.tab", "MediationTab"),
    TabSpec("grids", "网格", "fedclient.ui.grids.tab", "GridsTab"),
)


class Placeholder(QWidget):
    """Holds a tab's place until the tab is built."""

    def __init__(self, spec: TabSpec):
        super().__init__()
        self.spec = spec


class LazyTabs(QObject):
    """The tabs of ``tabs``, built by ``make(spec)`` on first need; ``on_built()`` is called after each. No tab is
    built in idle time while ``paused()`` (the window is locked: nothing new may appear under the cover)."""

    def __init__(
        self,
        tabs: QTabWidget,
        make: Callable[[TabSpec], Tab],
        on_built: Callable[[], None],
        paused: Callable[[], bool],
    ):
        super().__init__(tabs)
        self.tabs = tabs
        self.make = make
        self.on_built = on_built
        self.paused = paused
        self.later = QTimer(
            self
        )  # the next one, in idle time (the window's shutdown stops it with the others)
        self.later.setSingleShot(True)
        self.later.timeout.connect(self._build_next)
        tabs.currentChanged.connect(self._on_current)

    def place_all(self) -> None:
        """A placeholder for every tab (nothing built yet)."""
        blocked = self.tabs.blockSignals(True)
        try:
            for spec in TABS:
                self.tabs.addTab(Placeholder(spec), spec.title)
        finally:
            self.tabs.blockSignals(blocked)

    def at(self, index: int) -> Tab:
        """The tab at ``index``, built now if it was not yet."""
        page = self.tabs.widget(index)
        if isinstance(page, Placeholder):
            return self._build(index, page)
        return page

    def built(self) -> list[Tab]:
        pages = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return [page for page in pages if not isinstance(page, Placeholder)]

    def pending(self) -> int:
        return sum(isinstance(self.tabs.widget(i), Placeholder) for i in range(self.tabs.count()))

    def build_later(self, delay_ms: int = 0) -> None:
        """Build the rest one at a time, each in its own turn of the event loop, starting in ``delay_ms``."""
        if self.pending() and not (self.later.isActive() and self.later.remainingTime() <= delay_ms):
            self.later.start(delay_ms)

    def _build_next(self) -> None:
        if self.paused():
            self.later.start(PAUSED_RETRY_MS)
            return
        for i in range(self.tabs.count()):
            if isinstance(self.tabs.widget(i), Placeholder):
                self.at(i)
                break
        if self.pending():
            self.later.start(0)

    def _on_current(self, index: int) -> None:
        if index >= 0 and isinstance(self.tabs.widget(index), Placeholder):
            self.at(index)

    def _build(self, index: int, placeholder: Placeholder) -> Tab:
        tab = self.make(placeholder.spec)
        current = self.tabs.currentIndex()
        # Put in beside the placeholder, made current if it is, then the placeholder taken out: no other page is
        # shown (and so read) in between. The tab bar's signals are held: its current tab does not change.
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.insertTab(index, tab, placeholder.spec.title)
            if current == index:
                self.tabs.setCurrentIndex(index)
            self.tabs.removeTab(index + 1)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self.on_built()
        if not self.pending():
            # PySide6's import hook reads the source of every module imported after it (to look for "PySide6"
            # in it) and linecache keeps the text: ~2 MiB nobody reads once the tabs' modules are in.
            linecache.clearcache()
        return tab
