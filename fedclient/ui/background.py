"""Loading a page's data when it is first shown, and reading slow data off the GUI thread.

The tabs are built at start-up with the whole window; nothing they show is read until the
chair opens them. ``LoadOnShow`` gives a page that behaviour; ``BackgroundRead`` runs one read-only service
call in a QThread (for page loads: no progress dialog — fedclient.ui.worker.run_task is for work the user
starts and may cancel).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal

from fedclient.core.database import Database


class LoadOnShow:
    """Mixin for a QWidget page (list it before QWidget): ``load()`` runs the first time the page is
    shown; ``reload_when_shown()`` reloads now if the page is on screen, else at its next show.
    Code that needs the data before the page was shown (select a record…) calls ``ensure_loaded()``."""

    _needs_load = True

    def load(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def ensure_loaded(self) -> None:
        if self._needs_load:
            self._needs_load = False
            self.load()

    def reload_when_shown(self) -> None:
        self._needs_load = True
        if self.isVisible():
            self.ensure_loaded()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_loaded()


class _Runner(QThread):
    """Kept alive in ``_ALIVE`` until it has finished, even if the page that started it is closed first:
    a QThread destroyed while running aborts the program."""

    finished_with = Signal(int, object, object)  # generation, result, error

    def __init__(self, generation: int, fn: Callable[[], Any]):
        super().__init__()
        self.generation = generation
        self.fn = fn

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            self.finished_with.emit(self.generation, None, exc)
        else:
            self.finished_with.emit(self.generation, result, None)


_ALIVE: set[_Runner] = set()


class BackgroundRead(QObject):
    """Runs ``db.run(fn, *args)`` in a thread and calls ``on_done(result)`` on the GUI thread.

    A newer ``start`` supersedes an older one still running: only the latest result is delivered, so a
    quick second refresh never shows stale data. ``wait()`` (tests, closing) blocks until all are done.
    """

    failed = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self._generation = 0
        self._on_done: Callable[[Any], None] | None = None
        self._runners: dict[int, _Runner] = {}

    @property
    def busy(self) -> bool:
        return bool(self._runners)

    def start(self, on_done: Callable[[Any], None], fn: Callable[..., Any], *args: Any) -> None:
        self._generation += 1
        self._on_done = on_done
        runner = _Runner(self._generation, lambda: self.db.run(fn, *args))
        _ALIVE.difference_update([r for r in _ALIVE if r.isFinished()])
        _ALIVE.add(runner)
        self._runners[self._generation] = runner
        # A bound method of this QObject (living in the GUI thread): the call is queued to the GUI thread.
        runner.finished_with.connect(self._delivered)
        runner.start()

    def _delivered(self, generation: int, result: Any, error: Exception | None) -> None:
        runner = self._runners.pop(generation, None)
        if runner is not None:
            runner.wait()  # already past run(): emitting was its last act
            _ALIVE.discard(runner)
            runner.deleteLater()
        if generation != self._generation or self._on_done is None:
            return
        if error is not None:
            logging.getLogger("fedclient").error("后台读取失败", exc_info=error)
            self.failed.emit(str(error))
        else:
            self._on_done(result)

    def wait(self) -> None:
        """Blocks until every started read has finished and been delivered."""
        while self._runners:
            for runner in list(self._runners.values()):
                runner.wait()
            QCoreApplication.processEvents()
