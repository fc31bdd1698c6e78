"""The search boxes of the lists: the list is read again once the chair pauses in her typing.

Each keystroke restarts the pause, so a word typed at speed starts one query, not one per letter; and it
cancels the list's query still running for the text before (its SQL is interrupted and its result never shown:
the table keeps what it showed until the query for the text now in the box is in). The pause is short enough
not to be noticed (issue 18: at most 100 ms between the last keystroke and the query starting).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit, QWidget

from .operations import OperationRunner

# Below the 100 ms of the issue with room for the event loop's own latency (a precise timer: Qt's default may
# fire up to 5% late).
SEARCH_PAUSE_MS = 90


def read_after_typing(
    page: QWidget,
    search: QLineEdit,
    reread: Callable[[], object],
    ops: OperationRunner | None = None,
    key: object = None,
) -> QTimer:
    """Call ``reread()`` once the typing in ``search`` pauses; with ``ops`` and ``key`` (the ``key`` the page
    reads its list with) a keystroke also cancels the list's read in progress. The timer is returned (tests,
    and pages that restart it themselves)."""
    timer = QTimer(page)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_PAUSE_MS)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(lambda: reread())

    def typed(_text: str) -> None:
        timer.start()
        if ops is not None and key is not None:
            ops.cancel_read(page, key)

    search.textChanged.connect(typed)
    return timer
