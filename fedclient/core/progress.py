"""Progress reporting for long work (import, export, printing), so the GUI can show it and cancel it."""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """Raised inside long work when the user pressed 取消; the work must leave nothing half-written."""


class Progress(Protocol):
    def __call__(self, done: int, total: int, text: str = "") -> None: ...


def no_progress(done: int, total: int, text: str = "") -> None:
    return None
