"""The search boxes of the lists: the list is read as the chair types, and shown once her typing pauses.

Each keystroke cancels the list's read for the text before (its SQL is interrupted and its result never shown)
and, once the box has drawn the key, starts the read for the text now in it. The result is held back until the typing pauses (the pause
starts again with each keystroke), so the table does not change under her fingers, and it shows then, or when
the read is done if it takes longer: the read runs during the pause instead of after it, and the table keeps
what it showed until the result for the text now in the box is in. The pause is short enough not to be noticed
(issue 18: at most 100 ms between the last keystroke and the list being shown, when the read is done by then).

A page whose list is read on the GUI thread (no ``ops``) reads it once the typing pauses.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from .operations import OperationRunner

# Below the 100 ms of the issue with room for the event loop's own latency (a precise timer: Qt's default may
# fire up to 5% late).
SEARCH_PAUSE_MS = 90
# The read starts this long after the keystroke: after the box has drawn the key (Qt handles the pending paint
# before a timer). Started at once, the worker's first Python steps made the GUI thread wait for Python's lock
# and the key showed ~0.6 ms later (benchmarks/README.md, "Search read while typing").
READ_AFTER_KEY_MS = 1


class TypingPause(QObject):
    """What ``read_after_typing`` set up for one search box."""

    def __init__(
        self,
        page: QWidget,
        search: QLineEdit,
        reread: Callable[[], object],
        ops: OperationRunner | None,
        key: object,
    ):
        super().__init__(page)
        self._page, self._ops, self._key = page, ops, key
        self._early = ops is not None and key is not None
        self._timer = QTimer(self)  # when the read starts
        self._timer.setSingleShot(True)
        self._timer.setInterval(READ_AFTER_KEY_MS if self._early else SEARCH_PAUSE_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(lambda: reread())
        search.textChanged.connect(self._typed)

    def _typed(self, _text: str) -> None:
        if self._early:
            self._ops.hold(self._page, self._key, SEARCH_PAUSE_MS)  # the next read's result waits
            self._ops.cancel_read(self._page, self._key)  # the read for the text before: out of date
        self._timer.start()

    def stop(self) -> None:
        """The page cleared its search itself and reads its list now: the read for the text typed before is
        out of date (never shown) and the list's next read is shown without a pause."""
        self._timer.stop()
        if self._early:
            self._ops.cancel_read(self._page, self._key)
            self._ops.release(self._page, self._key)


def read_after_typing(
    page: QWidget,
    search: QLineEdit,
    reread: Callable[[], object],
    ops: OperationRunner | None = None,
    key: object = None,
) -> TypingPause:
    """Call ``reread()`` as the chair types in ``search``; with ``ops`` and ``key`` (the ``key`` the page reads
    its list with through ``ops.read``) at each keystroke, its result shown once the typing pauses; without, once
    the typing pauses. The returned object's ``stop()`` is for pages that clear the search themselves."""
    return TypingPause(page, search, reread, ops, key)
