"""Application-wide notifications, so that one tab's save refreshes what other tabs show."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataSignals(QObject):
    # The domain that changed: "members", "pledges", "mediation", "grids", "profile", "all" (after a restore).
    changed = Signal(str)


data_signals = DataSignals()
