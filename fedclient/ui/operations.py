"""One runner for every piece of database work a screen starts.

Screens never touch the database themselves: they hand a core function (taking a ``Session`` first) to the
window's ``OperationRunner`` (``ops``), which runs it on a worker thread in its own transaction and calls back
on the GUI thread. Reads run side by side; writes run one at a time, and after each successful write the
runner announces once which ``Area``s changed (``ops.changed``), so every page showing them can refresh.
A keyed read's result can be held back for a moment (``hold``): a search box starts its list's read at each
keystroke and shows the last one's result once the typing pauses.

Long work goes through ``with_progress``: the function gets a ``progress(done, total, text)`` callback; a
progress dialog appears after ~300 ms, and its 取消 makes the next ``progress`` call raise ``Cancelled``,
which rolls the whole transaction back. ``shutdown()`` cancels what can be cancelled and waits for every
thread before the window disposes the database: no worker ever outlives the runner.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from fedclient.core.changes import Area
from fedclient.core.database import Database
from fedclient.core.history.source import set_source
from fedclient.core.progress import Cancelled
from fedclient.core.refusal import SaveRefused

from .day_clock import DayClock
from .gui_gc import GuiThreadCollector
from .held_results import HeldResults
from .operation import Operation, user_message
from .wakeup import Wakeup

log = logging.getLogger("fedclient")

PROGRESS_DELAY_MS = 300
READ_THREADS = 2
# Pages of the database file each of the window's connections keeps (SQLite's default 2,000 KiB). The pool keeps
# a connection per worker for as long as the window is open, so each cache fills and stays (issue 18: 2 x 2 MiB
# at county scale). A list's search reads more pages than either size holds (it reads them from the system's
# file cache either way); the pages of a screen of rows and the indexes' upper levels fit in this.
PAGE_CACHE_KIB = 500
PUMP_MS = 10  # how often posted results are looked for when no wake-up can be rung (a safety net otherwise)


class OperationRunner(QObject):
    changed = Signal(object)  # an Area: emitted on the GUI thread once after each successful write
    idle = Signal()  # nothing is running any more (tests, closing)

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        db.limit_page_cache(PAGE_CACHE_KIB)
        self.clock: DayClock | None = None  # the window's day clock: pages reach it through their ops
        self._readers = ThreadPoolExecutor(READ_THREADS, thread_name_prefix="fedclient-read")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="fedclient-write")
        self._running: set[Operation] = set()
        self._latest: dict[tuple, Operation] = {}
        self._held = HeldResults(self)
        self._closed = False
        self._queue: list[Callable[[], None]] = []
        self._queue_lock = threading.Lock()
        # What the workers hand over runs on the GUI thread as soon as they ring; the pump looks while work runs.
        self._wakeup = Wakeup(self._run_posted, self)
        self._pump = QTimer(self)
        self._pump.setInterval(PUMP_MS if not self._wakeup.works else 10 * PUMP_MS)
        self._pump.timeout.connect(self._run_posted)
        self._collector = GuiThreadCollector(self)  # no garbage collection on the worker threads

    # --- starting work ----------------------------------------------------------------------------------
    def read(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
        parent: QWidget | None = None,
        key: object = None,
        takes: str = "session",
    ) -> Operation | None:
        """Quiet read; with a ``key`` (scoped to ``parent``) a newer read supersedes an older one: the older is
        cancelled and its result never delivered. ``takes="database"``: ``fn`` gets the ``Database`` instead of a
        session (a read with ``sqlite3`` that need not wait for the engine)."""
        op = Operation("read", fn, args, on_done=on_done, on_error=on_error, parent=parent)
        op.takes = takes
        if key is not None:
            op.key = (id(parent), key)
            self._cancel_latest(op.key)
            self._latest[op.key] = op
        return self._submit(op, self._readers)

    def cancel_read(self, parent: QWidget | None, key: object) -> None:
        """Cancel the read started with this ``key`` for ``parent`` (its result is out of date, as when the
        chair types on in a search box): its SQL is interrupted and its result never delivered."""
        self._cancel_latest((id(parent), key))

    def _cancel_latest(self, key: tuple) -> None:
        op = self._latest.get(key)
        if op is not None:
            op.cancel(interrupt=True)
        self._held.drop(key)  # a result held back for it is finished, never shown

    def hold(self, parent: QWidget | None, key: object, ms: int) -> None:
        """The results of the reads with this ``key`` for ``parent`` wait until ``ms`` from now (each call starts
        the wait again) or ``release``: a read done meanwhile is shown then, unless a newer read with the key
        superseded it; one still running is shown when done. A held read counts as running (``busy``)."""
        self._held.hold((id(parent), key), ms)

    def release(self, parent: QWidget | None, key: object) -> None:
        """End ``hold`` now: the result it held back, if any, is shown."""
        self._held.release((id(parent), key))

    def hold_collection(self, most_ms: int) -> None:
        """No garbage collection on the GUI thread until ``release_collection()`` (``most_ms`` at most): the window
        holds it while 首页's first figures are read (``gui_gc``)."""
        self._collector.hold(most_ms)

    def release_collection(self) -> None:
        self._collector.release()

    def read_now(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A small read a dialog needs before it can be built (one record, a short choice list), on the GUI
        thread. Anything that can take time goes through ``read``."""
        return self.db.run(fn, *args)

    def write(
        self,
        fn: Callable[..., Any],
        *args: Any,
        changes: Area | None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        parent: QWidget | None = None,
    ) -> Operation | None:
        """A write, run after every write started before it; ``changes`` is announced once it committed."""
        op = Operation("write", fn, args, on_done=on_done, on_error=on_error, parent=parent, changes=changes)
        return self._submit(op, self._writer)

    def with_progress(
        self,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        changes: Area | None = None,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        parent: QWidget | None = None,
        takes: str = "session",
    ) -> Operation | None:
        """Long work that may be cancelled: ``fn(session, *args, progress=…)``. With ``changes`` it is a write
        (serialised with the others); without, a read. ``takes="database"``: ``fn`` gets the ``Database``
        instead of a session (backups, exports that open their own sessions); ``takes="nothing"``: ``fn``
        works on files only (the township consolidation)."""
        op = Operation(
            "progress",
            fn,
            args,
            on_done=on_done,
            on_error=on_error,
            parent=parent,
            changes=changes,
            title=title,
        )
        op.takes = takes
        op.on_cancel = on_cancel
        op.progress = lambda done, total, text="": self._progress(op, done, total, text)
        submitted = self._submit(op, self._writer if changes is not None else self._readers)
        if submitted is not None:
            op.timer = QTimer(self)
            op.timer.setSingleShot(True)
            op.timer.timeout.connect(lambda: self._show_dialog(op))
            op.timer.start(PROGRESS_DELAY_MS)
        return submitted

    def _submit(self, op: Operation, pool: ThreadPoolExecutor) -> Operation | None:
        if self._closed:
            log.warning("窗口正在关闭，不再开始新的操作：%s", getattr(op.fn, "__name__", op.fn))
            return None
        self._running.add(op)
        pool.submit(self._work, op)
        if not self._pump.isActive():
            self._pump.start()
        return op

    # --- on the worker thread ---------------------------------------------------------------------------
    def _work(self, op: Operation) -> None:
        outcome, value, details = "cancelled", None, ""
        if not op.cancelled:
            try:
                kwargs = {"progress": op.progress} if op.progress is not None else {}
                if op.takes == "session":
                    with self.db.session() as session:
                        if not op.is_read:
                            set_source(session, "window")
                        op.attach(session)
                        value = op.fn(session, *op.args, **kwargs)
                        op.detach()
                else:
                    first = (self.db,) if op.takes == "database" else ()
                    value = op.fn(*first, *op.args, **kwargs)
                outcome = "done"
            except Cancelled:
                pass
            except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread, logged and shown there
                if not op.cancelled:  # an interrupted read fails with "interrupted": that is a cancel
                    outcome, value, details = "failed", exc, traceback.format_exc()
            finally:
                op.detach()
        self._post(lambda: self._finish(op, outcome, value, details))

    def _progress(self, op: Operation, done: int, total: int, text: str) -> None:
        if op.cancelled:
            raise Cancelled()
        with op.lock:
            op.last_progress = (done, total, text)
            if op.progress_posted:
                return
            op.progress_posted = True
        self._post(lambda: self._update_dialog(op))

    def _post(self, fn: Callable[[], None]) -> None:
        """Hand ``fn`` to the GUI thread, woken at once (``wakeup``). Worker threads make no Qt call at all:
        with PySide6 6.12, signals emitted from a Python thread corrupt reference counts and
        abort the interpreter at exit ("bool_dealloc")."""
        with self._queue_lock:
            self._queue.append(fn)
        self._wakeup.ring()

    # --- back on the GUI thread -------------------------------------------------------------------------
    def _run_posted(self) -> None:
        with self._queue_lock:
            queue, self._queue = self._queue, []
        for fn in queue:
            try:
                fn()
            except Exception:  # a callback's bug: reported like any other, the other callbacks still run
                sys.excepthook(*sys.exc_info())
        if not self._running and not self._queue:
            self._pump.stop()

    def _finish(self, op: Operation, outcome: str, value: Any, details: str) -> None:
        if (
            op.key is not None
            and self._latest.get(op.key) is op
            and not op.cancelled
            and self._held.keep(op.key, lambda: self._finish(op, outcome, value, details))
        ):
            return  # delivered when the hold ends (its key is no longer held then)
        self._running.discard(op)
        op.finished = True
        self._close_dialog(op)
        if op.key is not None and self._latest.get(op.key) is op:
            del self._latest[op.key]
        try:
            if self._closed or outcome == "cancelled" or (op.key is not None and op.cancelled):
                if outcome == "cancelled" and op.on_cancel is not None and not self._closed and op.alive():
                    op.on_cancel()
                return
            if outcome == "failed":
                self._failed(op, value, details)
                return
            try:
                if op.on_done is not None and op.alive():
                    op.on_done(value)
            finally:
                if op.changes:
                    self.changed.emit(op.changes)
        finally:
            if not self._running:
                self.idle.emit()

    def _failed(self, op: Operation, exc: Exception, details: str) -> None:
        if isinstance(exc, SaveRefused):  # the chair's typing, told to her beside the fields: not a fault
            log.info("未保存（%s）：%s", getattr(op.fn, "__name__", ""), exc)
        else:
            log.error(
                "%s失败：%s\n%s",
                "读取" if op.kind == "read" else "操作",
                getattr(op.fn, "__name__", ""),
                details,
            )
        if not op.alive():
            return
        if op.on_error is not None:
            op.on_error(exc)
            return
        parent = op.parent if op.parent is not None else None
        if op.kind == "read":
            QMessageBox.warning(parent, "读取失败", f"读取数据时出错：{user_message(exc)}")
        else:
            QMessageBox.warning(
                parent, "未能完成", f"操作未能完成：{user_message(exc)}\n没有写入任何半成品。"
            )

    def _show_dialog(self, op: Operation) -> None:
        if op.finished or op.dialog is not None or self._closed:
            return
        parent = op.parent if op.alive() else None
        dialog = QProgressDialog(op.title, "取消", 0, 0, parent)
        dialog.setWindowTitle(op.title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(lambda: self._cancel_from_dialog(op))
        op.dialog = dialog
        self._update_dialog(op)
        dialog.show()

    def _update_dialog(self, op: Operation) -> None:
        with op.lock:
            op.progress_posted = False
            done, total, text = op.last_progress
        dialog = op.dialog
        if dialog is None or op.finished:
            return
        dialog.setMaximum(max(total, 0))
        # A modal dialog's setValue runs the event loop: the work may end (and the dialog close) in it.
        dialog.setValue(min(done, total) if total else 0)
        if text and not op.cancelled and not op.finished:
            dialog.setLabelText(text)

    def _cancel_from_dialog(self, op: Operation) -> None:
        if op.finished:
            return
        op.cancel()
        if op.dialog is not None:
            op.dialog.setLabelText("正在取消，请稍候……")

    def _close_dialog(self, op: Operation) -> None:
        if op.timer is not None:
            op.timer.stop()
            op.timer.deleteLater()
            op.timer = None
        if op.dialog is not None:
            dialog, op.dialog = op.dialog, None
            if shiboken6.isValid(dialog):
                dialog.canceled.disconnect()
                dialog.hide()
                dialog.deleteLater()

    # --- state, waiting, closing ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._running)

    @property
    def progress_dialogs(self) -> list[QProgressDialog]:
        return [op.dialog for op in self._running if op.dialog is not None]

    def wait_idle(self, timeout: float = 30.0) -> None:
        """Block, processing events, until every operation has finished and been delivered."""
        deadline = time.monotonic() + timeout
        # An event loop's own processEvents: with PySide6 6.12 on Python 3.11 the static
        # QCoreApplication.processEvents() loses a reference to None on every call, and after a few thousand
        # calls the interpreter aborts ("none_dealloc").
        loop = QEventLoop()
        while self._running:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(self._running)} 个操作仍未结束")
            loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.002)

    def shutdown(self) -> None:
        """Cancel reads and long work, let short writes already asked for finish, and wait for every thread.
        Nothing is delivered afterwards and nothing new starts; then the database may be disposed."""
        if self._closed:
            return
        self._closed = True
        for op in list(self._running):
            if op.kind != "write":
                op.cancel(interrupt=op.is_read)
            self._close_dialog(op)
        self._readers.shutdown(wait=True)
        self._writer.shutdown(wait=True)
        self._running.clear()
        self._latest.clear()
        self._held.clear()
        self._pump.stop()
        with self._queue_lock:
            self._queue.clear()
        self._wakeup.close()
        self._collector.stop()
        log.info("后台操作已全部结束")

    @property
    def closed(self) -> bool:
        return self._closed
