"""Unexpected errors: written with the traceback to a rotating log, shown to the user in Chinese."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from fedclient.core.failures import setup_logging as setup_logging  # the window's log, the CLI's too

log = logging.getLogger("fedclient")


def install_excepthook(log_path: Path) -> None:
    def show(exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.error("未处理的异常\n%s", "".join(traceback.format_exception(exc_type, exc, tb)))
        if QApplication.instance() is None or threading.current_thread() is not threading.main_thread():
            return
        QMessageBox.critical(
            None,
            "程序出错",
            f"程序遇到了一个意外错误：{exc}\n\n"
            "已经保存过的数据不受影响，可以继续使用（刚才正在做的操作可能没有完成，请核对一下）。\n"
            f"请把下面的日志文件发给技术支持人员：\n{log_path}",
        )

    sys.excepthook = show
    threading.excepthook = lambda args: show(args.exc_type, args.exc_value, args.exc_traceback)
