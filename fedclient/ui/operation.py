"""One piece of work handed to the operation runner, and how its failure is worded for the chair."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from fedclient.core.changes import Area
from fedclient.core.failures import explain, log_path, unexpected
from fedclient.core.progress import Cancelled

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


class Operation:
    """Created and finished on the GUI thread; run on a worker thread. ``cancel()`` may come from either."""

    def __init__(
        self,
        kind: str,  # "read", "write" or "progress"
        fn: Callable[..., Any],
        args: tuple,
        *,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        parent: QWidget | None,
        changes: Area | None = None,
        title: str = "",
    ):
        self.kind, self.fn, self.args = kind, fn, args
        self.on_done, self.on_error, self.parent = on_done, on_error, parent
        self.on_cancel: Callable[[], None] | None = None
        self.changes, self.title = changes, title
        self.key: tuple | None = None
        self.takes = "session"
        self.progress: Callable[..., None] | None = None
        self.lock = threading.Lock()
        self.last_progress: tuple[int, int, str] = (0, 0, "")
        self.progress_posted = False
        self.finished = False
        self.dialog: QProgressDialog | None = None
        self.timer: QTimer | None = None
        self._cancel = threading.Event()
        self._connection: Any = (
            None  # the sqlite3 connection while a read runs, so that cancel can interrupt it
        )
        self._others: list[Any] = []  # the read's other connections while they run (``listing``)

    @property
    def is_read(self) -> bool:
        return self.kind == "read" or (self.kind == "progress" and self.changes is None)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self, interrupt: bool = False) -> None:
        """Asks the work to stop: long work stops at its next ``progress`` call; with ``interrupt`` a read's
        running SQL statement is aborted too (never a write's: a write is all or nothing anyway)."""
        with self.lock:
            self._cancel.set()
            if interrupt:
                for connection in [self._connection, *self._others]:
                    if connection is not None:
                        connection.interrupt()

    def attach(self, session: Any) -> None:
        if not self.is_read:
            return
        connection = session.connection().connection.dbapi_connection
        with self.lock:
            self._connection = connection
        from fedclient.core.listing import ALSO_INTERRUPTED  # (SQLAlchemy's: not imported before the window)

        session.info[ALSO_INTERRUPTED] = self._also_interrupted

    def _also_interrupted(self, connection: Any) -> Callable[[], None]:
        """A connection the read opened beside its session's (on another thread), interrupted with it."""
        with self.lock:
            if self._cancel.is_set():
                raise Cancelled()  # cancelled before that statement started: it is not run
            self._others.append(connection)

        def forget() -> None:
            with self.lock:
                self._others.remove(connection)

        return forget

    def detach(self) -> None:
        with self.lock:
            self._connection = None

    def alive(self) -> bool:
        """False once the widget that asked for the work has been deleted: its callbacks must not run."""
        return self.parent is None or shiboken6.isValid(self.parent)


def user_message(exc: BaseException) -> str:
    """The services word their refusals in Chinese; anything else is unexpected and its text (English) stays
    in the log."""
    errors = getattr(exc, "errors", None)
    if isinstance(errors, dict) and errors:
        return "；".join(str(message) for message in errors.values() if message)
    known = explain(exc)  # a file that could not be saved, data held by another program, a full disk
    if known:
        return known
    if isinstance(exc, OSError) and exc.errno is not None:  # the system's, whatever the file is called
        return file_trouble(exc)
    text = str(exc)
    if _CHINESE.search(text):
        return text
    return unexpected(log_path())


def file_trouble(exc: OSError) -> str:
    """A file that could not be read or written outside ``safe_write`` (which words its own), in Chinese:
    the system's text is English on many machines."""
    name = f" {PurePath(exc.filename).name}" if exc.filename else ""
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件{name}（在U盘上的话，请检查U盘是否插好），请重新选择。"
    if isinstance(exc, PermissionError):
        return f"没有权限使用文件{name}，或它正被其他程序（如 Excel、WPS）占用，请关闭后重试。"
    return f"文件{name}读写出错（{exc.strerror or exc}），请重试或换一个文件。"
