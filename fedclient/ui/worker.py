"""Run long work off the GUI thread with a progress dialog and a 取消 button.

The work is a plain function from ``fedclient.core`` taking a ``progress(done, total, text)`` callback; when
the user cancels, the next call of ``progress`` raises ``Cancelled`` inside the work, which then rolls back.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from fedclient.core.progress import Cancelled


class _Runner(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str, str)
    cancelled = Signal()

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict):
        super().__init__()
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.stop = threading.Event()

    def progress(self, done: int, total: int, text: str = "") -> None:
        if self.stop.is_set():
            raise Cancelled()
        self.progressed.emit(done, total, text)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self.progress, **self.kwargs)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # shown to the user, logged with the traceback
            self.failed.emit(str(exc), traceback.format_exc())
        else:
            self.succeeded.emit(result)


class Task(QObject):
    """One background job; keep a reference until ``finished`` fires."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget,
        title: str,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[str], None] | None = None,
        **kwargs: Any,
    ):
        super().__init__(parent)
        self.result: Any = None
        self.error: str | None = None
        self.was_cancelled = False
        self._on_done, self._on_error = on_done, on_error
        self.dialog = QProgressDialog(title, "取消", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.thread = QThread(self)
        self.runner = _Runner(fn, args, kwargs)
        self.runner.moveToThread(self.thread)
        self.thread.started.connect(self.runner.run)
        self.runner.progressed.connect(self._progress)
        self.runner.succeeded.connect(self._succeeded)
        self.runner.failed.connect(self._failed)
        self.runner.cancelled.connect(self._cancelled)
        self.dialog.canceled.connect(self.cancel)

    def start(self) -> Task:
        self.thread.start()
        return self

    def cancel(self) -> None:
        self.runner.stop.set()
        self.dialog.setLabelText("正在取消，请稍候……")

    def _progress(self, done: int, total: int, text: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if text:
            self.dialog.setLabelText(text)

    def _finish(self) -> None:
        self.thread.quit()
        self.thread.wait()
        self.dialog.close()
        self.finished.emit()

    def _succeeded(self, result: Any) -> None:
        self.result = result
        self._finish()
        if self._on_done:
            self._on_done(result)

    def _failed(self, message: str, details: str) -> None:
        import logging

        logging.getLogger("fedclient").error("后台任务失败\n%s", details)
        self.error = message
        self._finish()
        if self._on_error:
            self._on_error(message)
        else:
            QMessageBox.warning(self.parent(), "未能完成", f"操作未能完成：{message}\n没有写入任何半成品。")

    def _cancelled(self) -> None:
        self.was_cancelled = True
        self._finish()


def run_task(parent: QWidget, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Task:
    """Start ``fn(*args, progress=…, **kwargs)`` in a thread; ``on_done``/``on_error`` run on the GUI thread."""
    return Task(parent, title, fn, *args, **kwargs).start()
