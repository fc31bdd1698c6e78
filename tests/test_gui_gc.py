"""Garbage is collected on the GUI thread only while the operation runner's workers exist (a collection on a
worker thread can free a Qt object there and deadlock with the GUI thread)."""

from __future__ import annotations

import gc
import threading

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
