"""Pages read when the chair first opens them, and again when what they show has changed or the day turned."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QTabWidget

from fedclient.core.changes import Area
from fedclient.ui.day_clock import DayClock
from fedclient.ui.page import Page


class CountingPage(Page):
    areas = Area.MEMBERS | Area.HELPED
    follows_day = True

    def __init__(self, ops, parent=None):
        super().__init__(ops, parent)
        self.loads = 0

    def load(self) -> None:
        self.loads += 1


def two_tabs(qtbot, ops):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    first, second = CountingPage(ops), CountingPage(ops)
    tabs.addTab(first, "一")
    tabs.addTab(second, "二")
    tabs.show()
    return tabs, first, second


def test_a_page_reads_when_first_shown_not_when_built(qtbot, ops):
    tabs, first, second = two_tabs(qtbot, ops)
    assert (first.loads, second.loads) == (1, 0)
    tabs.setCurrentWidget(second)
    tabs.setCurrentWidget(first)
    tabs.setCurrentWidget(second)
    assert (first.loads, second.loads) == (1, 1), "shown again without a change: nothing is read again"


def test_a_change_reloads_a_shown_page_at_once_and_a_hidden_one_when_shown(qtbot, ops):
    tabs, first, second = two_tabs(qtbot, ops)
    tabs.setCurrentWidget(second)
    tabs.setCurrentWidget(first)
    ops.changed.emit(Area.HELPED | Area.GRIDS)
    assert first.loads == 2, "on screen: read again at once"
    assert second.loads == 1 and second.stale, "hidden: only marked"
    ops.changed.emit(Area.MEMBERS)
    assert (first.loads, second.loads) == (3, 1)
    tabs.setCurrentWidget(second)
    assert second.loads == 2, "one read for the two changes, when the chair comes back"
    ops.changed.emit(Area.PLEDGES | Area.CASES)
    assert (first.loads, second.loads) == (3, 2)
    assert not first.stale and not second.stale, "a change it does not show leaves the page alone"


def test_the_day_clock_fires_at_midnight_and_pages_follow(qtbot, ops):
    now = [datetime(2026, 12, 31, 23, 59, 30)]
    clock = DayClock(now=lambda: now[0])
    assert 29_000 <= clock._timer.remainingTime() <= 33_000, "armed for just after midnight"
    ops.clock = clock
    tabs, first, _second = two_tabs(qtbot, ops)
    seen: list[date] = []
    clock.day_changed.connect(seen.append)
    clock.check()  # still the same day: nothing
    assert seen == [] and first.loads == 1
    now[0] = datetime(2027, 1, 1, 0, 0, 1)
    clock.check()  # what the timer does
    assert seen == [date(2027, 1, 1)] and clock.today() == date(2027, 1, 1)
    assert first.loads == 2 and first.today() == date(2027, 1, 1)
    assert clock._timer.isActive(), "re-armed for the next midnight"
