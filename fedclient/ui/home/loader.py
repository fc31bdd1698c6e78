"""Read 首页's figures off the GUI thread, quietly (no progress dialog: it is not something the chair asked for).

Only the newest request's answer is applied, so a slow old load cannot overwrite a newer one.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from fedclient.core.dashboard import Dashboard, load_dashboard
from fedclient.core.database import Database

from ..background import BackgroundRead


def _load(session: Session, today: date) -> Dashboard:
    return load_dashboard(session, today)  # looked up at call time, so tests can substitute it


class DashboardLoader(QObject):
    loaded = Signal(object)  # Dashboard
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._read: BackgroundRead | None = None

    @property
    def busy(self) -> bool:
        return self._read is not None and self._read.busy

    def load(self, db: Database, today: date) -> None:
        if self._read is None or self._read.db is not db:
            self._read = BackgroundRead(db, self)
            self._read.failed.connect(self.failed)
        self._read.start(self.loaded.emit, _load, today)
