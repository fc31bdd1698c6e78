"""Results of keyed reads held back for a moment (``OperationRunner.hold``).

A search box starts its list's read at each keystroke, while the chair is still typing, and shows the result of
the last one once her typing pauses: the read has had the pause to run in, and the table does not change under
her fingers. Each key (a page's list) has a timer ending its wait and, once in, the delivery of its newest
result.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer


class _Held:
    def __init__(self, parent: QObject):
        self.timer = QTimer(parent)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # Qt's default may fire up to 5% late
        self.deliver: Callable[[], None] | None = None


class HeldResults:
    def __init__(self, parent: QObject):
        self._parent = parent
        self._held: dict[tuple, _Held] = {}

    def hold(self, key: tuple, ms: int) -> None:
        """Hold ``key``'s results until ``ms`` from now (a wait already running starts again)."""
        held = self._held.get(key)
        if held is None:
            held = self._held[key] = _Held(self._parent)
            held.timer.timeout.connect(lambda: self.release(key))
        held.timer.start(ms)

    def keep(self, key: tuple, deliver: Callable[[], None]) -> bool:
        """If ``key`` is held, keep ``deliver`` (a result's delivery) for its release and say so."""
        held = self._held.get(key)
        if held is None:
            return False
        held.deliver = deliver  # (a newer read dropped the one held before it: ``drop``)
        return True

    def drop(self, key: tuple) -> None:
        """The result held for ``key`` is out of date: ``deliver`` it now (its read was cancelled, so the
        runner only finishes it, showing nothing)."""
        held = self._held.get(key)
        if held is not None and held.deliver is not None:
            deliver, held.deliver = held.deliver, None
            deliver()

    def release(self, key: tuple) -> None:
        """End the wait: the result held, if any, is delivered now."""
        held = self._held.pop(key, None)
        if held is None:
            return
        held.timer.stop()
        held.timer.deleteLater()
        if held.deliver is not None:
            held.deliver()

    def clear(self) -> None:
        """Closing: nothing held is delivered."""
        for held in self._held.values():
            held.timer.stop()
        self._held.clear()
