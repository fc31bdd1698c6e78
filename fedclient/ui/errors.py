"""The window's last resort: anything no handler caught (on the GUI thread, in a worker thread, in Qt's
callbacks) is written with its traceback to the rotating log and shown to the user as one Chinese sentence
with the log file's path. No traceback ever reaches the screen."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from fedclient.core.failures import quiet_unraisable
from fedclient.core.failures import setup_logging as setup_logging  # the window's log, the CLI's too

from .operation import user_message

log = logging.getLogger("fedclient")
TITLE = "程序出错"
GO_ON = "已经保存过的数据不受影响，可以继续使用（刚才正在做的操作可能没有完成，请核对一下）。"
PENDING_MS = 300


def last_resort_message(exc: BaseException, log_path: Path | None) -> str:
    text = user_message(exc)
    if log_path is not None and str(log_path) not in text:
        text += f"\n详细情况已写入日志文件：{log_path}，请把它发给技术支持人员。"
    return f"{text}\n\n{GO_ON}"


def install_excepthook(log_path: Path) -> None:
    """``sys.excepthook`` and ``threading.excepthook``: log, then tell the user. Qt may be used only on the
    GUI thread, so an error of another thread waits for a timer of the GUI thread to show it. One message
    box at a time: an error repeated by every repaint does not stack dialogs."""
    pending: list[str] = []
    showing = False

    def show(text: str) -> None:
        nonlocal showing
        if showing:
            return
        showing = True
        try:
            QMessageBox.critical(None, TITLE, text)
        finally:
            showing = False

    def hook(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        try:
            log.error("未处理的异常\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
            text = last_resort_message(exc, log_path)
        except Exception:  # noqa: BLE001 - the last resort itself must never raise
            text = f"程序遇到了一个意外错误。详细情况已写入日志文件：{log_path}\n\n{GO_ON}"
        if QApplication.instance() is None:
            return
        if threading.current_thread() is threading.main_thread():
            show(text)
        else:
            pending.append(text)  # list.append is atomic: no lock needed

    def show_pending() -> None:
        while pending:
            show(pending.pop(0))

    app = QApplication.instance()
    if app is not None:
        timer = QTimer(app)
        timer.setInterval(PENDING_MS)
        timer.timeout.connect(show_pending)
        timer.start()
    sys.excepthook = hook
    threading.excepthook = lambda args: hook(args.exc_type, args.exc_value, args.exc_traceback)
    quiet_unraisable()
