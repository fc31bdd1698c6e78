from __future__ import annotations

import logging
import sys
import threading

from PySide6.QtWidgets import QMessageBox

from fedclient.ui.errors import install_excepthook, setup_logging


def test_unexpected_error_is_logged_and_shown_in_chinese(qapp, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    log_path = setup_logging(tmp_path)
    try:
        install_excepthook(log_path)
        try:
            raise RuntimeError("磁盘已满")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        for handler in logging.getLogger().handlers[:]:
            if getattr(handler, "baseFilename", "") == str(log_path):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert shown and shown[0][0] == "程序出错"
    assert str(log_path) in shown[0][1] and "磁盘已满" in shown[0][1]
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: 磁盘已满" in logged
