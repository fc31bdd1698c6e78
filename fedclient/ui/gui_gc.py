"""Python's cyclic garbage collector runs on the GUI thread only, while worker threads exist.

Left automatic, a collection starts on whichever thread happens to allocate. On a worker thread it can free
a cycle that holds a Qt wrapper: the C++ destructor then takes Qt's locks there, while the GUI thread, holding
the GIL, waits for the same locks inside a Qt call, and both threads stop for good (seen in the suite: a
dialog being built on the GUI thread, a read collecting garbage on a worker). Anki does the same for the
same reason. Objects without cycles are still freed at once by reference counting.

While the window waits for 首页's first figures the collector is held (``hold``): the worker reading them has just
imported SQLAlchemy and the models, hundreds of thousands of young objects, and a collection of them on the GUI
thread (10-50 ms, holding Python's lock) would hold the read up by as much. It runs once they are shown. It also
waits while an import has paused collection (``core.gc_pause``): it would walk the import's rows, ~120 ms on the
GUI thread for 50,000.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QObject, QTimer

from fedclient.core.gc_pause import collection_paused

INTERVAL_MS = 500
_active = 0  # collectors alive (tests open several windows one after another)


def collect_due() -> None:
    """One collection of the oldest generation whose count has passed its threshold, as Python would."""
    counts, thresholds = gc.get_count(), gc.get_threshold()
    due = [g for g in range(3) if thresholds[g] and counts[g] >= thresholds[g]]
    if due:
        gc.collect(max(due))


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None):
        global _active
        super().__init__(parent)
        _active += 1
        gc.disable()
        self._stopped = False
        self._held_until = 0.0  # time.monotonic() before which nothing is collected (``hold``)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        if not self.held and not collection_paused():  # an import's rows are not garbage
            collect_due()

    @property
    def held(self) -> bool:
        return time.monotonic() < self._held_until

    def hold(self, most_ms: int) -> None:
        """No collection until ``release()``, and for ``most_ms`` at most (a read that never ends does not stop
        the collector for good)."""
        self._held_until = time.monotonic() + most_ms / 1000

    def release(self) -> None:
        self._held_until = 0.0

    def stop(self) -> None:
        """After the worker threads have ended: automatic collection again when no collector is left."""
        global _active
        if self._stopped:
            return
        self._stopped = True
        self._timer.stop()
        _active -= 1
        if _active == 0:
            gc.enable()
