"""One clock that tells every tab when the day changed, so a window left open overnight moves on by itself."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

SLACK_MS = 1_000  # fire just after midnight, never just before
LONGEST_MS = 60 * 60 * 1000  # re-check at least hourly: a clock set by hand or a sleeping laptop


class DayClock(QObject):
    day_changed = Signal(object)  # the new date

    def __init__(self, parent: QObject | None = None, now: Callable[[], datetime] = datetime.now):
        super().__init__(parent)
        self._now = now
        self._today = now().date()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self._arm()

    def today(self) -> date:
        return self._today

    def check(self) -> None:
        """Re-reads the clock: emits ``day_changed`` if the date moved on, and re-arms the timer."""
        today = self._now().date()
        if today != self._today:
            self._today = today
            self.day_changed.emit(today)
        self._arm()

    def stop(self) -> None:
        self._timer.stop()

    def _arm(self) -> None:
        now = self._now()
        midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
        ms = int((midnight - now).total_seconds() * 1000) + SLACK_MS
        self._timer.start(max(SLACK_MS, min(ms, LONGEST_MS)))
