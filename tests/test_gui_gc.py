"""The GUI thread's garbage collector is held while 首页's first figures are read, and runs again after."""

from __future__ import annotations

import time

from fedclient.ui import gui_gc


def test_a_held_collector_collects_nothing_until_released_or_its_time_is_up(qapp, monkeypatch):
    collected = []
    monkeypatch.setattr(gui_gc, "collect_due", lambda: collected.append(time.monotonic()))
    collector = gui_gc.GuiThreadCollector()
    try:
        collector._timer.timeout.emit()
        assert len(collected) == 1, "not held: the timer collects"
        collector.hold(60_000)
        collector._timer.timeout.emit()
        assert len(collected) == 1 and collector.held
        collector.release()
        collector._timer.timeout.emit()
        assert len(collected) == 2 and not collector.held
        collector.hold(50)  # a read that never ends holds it no longer than asked
        time.sleep(0.06)
        collector._timer.timeout.emit()
        assert len(collected) == 3
    finally:
        collector.stop()


def test_the_window_holds_the_collector_until_home_has_its_figures(qtbot, qapp, demo_db):
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    home = window.tabs.widget(0)
    with qtbot.waitSignal(home.loaded, timeout=30_000):
        window.show()
        qtbot.waitUntil(lambda: window.painted)
        qtbot.waitUntil(lambda: window.ops._collector.held, timeout=5_000)
    assert not window.ops._collector.held, "collecting again once 首页 shows its figures"
    window.shutdown()
