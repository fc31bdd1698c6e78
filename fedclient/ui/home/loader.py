"""Read 首页's figures off the GUI thread, quietly (no progress dialog: it is not something the chair asked for).

The queries run in Qt's thread pool in their own session; the result comes back to the GUI thread through a
queued signal. Only the newest request's answer is applied, so a slow old load cannot overwrite a newer one.
"""

from __future__ import annotations

import logging
import traceback
from datetime import date

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fedclient.core.dashboard import Dashboard, load_dashboard
from fedclient.core.database import Database

log = logging.getLogger("fedclient")


class _Relay(QObject):
    done = Signal(int, object)
    failed = Signal(int, str)


class _Load(QRunnable):
    def __init__(self, db: Database, today: date, generation: int, relay: _Relay):
        super().__init__()
        self.db, self.today, self.generation, self.relay = db, today, generation, relay

    def run(self) -> None:
        try:
            result = self.db.run(load_dashboard, self.today)
        except Exception as exc:
            log.error("首页统计失败\n%s", traceback.format_exc())
            self._emit(self.relay.failed, str(exc))
        else:
            self._emit(self.relay.done, result)

    def _emit(self, signal, payload) -> None:
        try:
            signal.emit(self.generation, payload)
        except RuntimeError:  # the tab was closed while the figures were being read
            pass


class DashboardLoader(QObject):
    loaded = Signal(object)  # Dashboard
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.generation = 0
        self.busy = False
        self._relay = _Relay(self)
        self._relay.done.connect(self._done)
        self._relay.failed.connect(self._failed)

    def load(self, db: Database, today: date) -> None:
        self.generation += 1
        self.busy = True
        QThreadPool.globalInstance().start(_Load(db, today, self.generation, self._relay))

    def _done(self, generation: int, result: Dashboard) -> None:
        if generation == self.generation:
            self.busy = False
            self.loaded.emit(result)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.busy = False
            self.failed.emit(message)
