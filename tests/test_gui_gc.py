"""Garbage is collected on the GUI thread only while the operation runner's workers exist (a collection on a
worker thread can free a Qt object there and deadlock with the GUI thread); it is held while 首页's first figures are read, and runs again after."""

from __future__ import annotations

import gc
import threading
import time

from fedclient.ui import gui_gc
from fedclient.ui.operations import OperationRunner


class Cycle:
    def __init__(self):
        self.me = self


def test_workers_never_collect_garbage_and_the_gui_thread_does(qtbot, demo_db):
    collected_on: list[str] = []

    def note(phase, _info):
        if phase == "start":
            collected_on.append(threading.current_thread().name)

    gc.callbacks.append(note)
    ops = OperationRunner(demo_db)
    try:
        assert not gc.isenabled()

        def make_cycles(_session):
            for _ in range(50_000):
                Cycle()

        done = []
        ops.read(make_cycles, on_done=done.append)
        qtbot.waitUntil(lambda: bool(done), timeout=20_000)
        qtbot.waitUntil(lambda: bool(collected_on), timeout=5_000)  # the timer on the GUI thread caught up
        assert set(collected_on) == {threading.main_thread().name}
    finally:
        gc.callbacks.remove(note)
        ops.shutdown()
    assert gc.isenabled()


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


def test_the_collector_waits_while_an_import_has_paused_collection(qapp, monkeypatch):
    """An import (``gc_paused``, on a worker) holds its rows and preview: a collection of them on the GUI thread
    took ~120 ms at 50,000 rows, holding Python's lock. The collector waits until the import ends."""
    from fedclient.core.bulk_load import gc_paused

    collected = []
    monkeypatch.setattr(gui_gc, "collect_due", lambda: collected.append(1))
    collector = gui_gc.GuiThreadCollector()
    entered, leave = threading.Event(), threading.Event()

    def import_on_a_worker():
        with gc_paused():
            entered.set()
            leave.wait(10)

    worker = threading.Thread(target=import_on_a_worker)
    worker.start()
    try:
        assert entered.wait(10)
        collector._timer.timeout.emit()
        assert collected == []
        leave.set()
        worker.join()
        collector._timer.timeout.emit()
        assert collected == [1]
    finally:
        leave.set()
        collector.stop()
