"""The window's last resort: an error nobody caught is logged with its traceback and shown as one Chinese
sentence with the log file's path, from the GUI thread or any other thread (issue 13, defect 3)."""

from __future__ import annotations

import logging
import sqlite3
import sys
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from fedclient.ui.errors import install_excepthook, setup_logging


@pytest.fixture
def shown(qapp, tmp_path, monkeypatch):
    messages: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: messages.append((title, text)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    log_path = setup_logging(tmp_path)
    install_excepthook(log_path)
    yield messages, log_path
    for handler in logging.getLogger().handlers[:]:
        if getattr(handler, "baseFilename", "") == str(log_path):
            logging.getLogger().removeHandler(handler)
            handler.close()


def raise_uncaught(exc: Exception) -> None:
    try:
        raise exc
    except Exception:
        sys.excepthook(*sys.exc_info())


def test_an_unexpected_error_is_one_chinese_sentence_with_the_log_file(shown):
    messages, log_path = shown
    raise_uncaught(KeyError("row_count"))
    title, text = messages[0]
    assert title == "程序出错"
    assert str(log_path) in text and "意外错误" in text
    assert "Traceback" not in text and "KeyError" not in text and "row_count" not in text
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "KeyError: 'row_count'" in logged


def test_a_chinese_message_of_the_program_is_shown_with_the_log_file(shown):
    messages, log_path = shown
    raise_uncaught(RuntimeError("磁盘已满"))
    assert "磁盘已满" in messages[0][1] and str(log_path) in messages[0][1]


def test_a_known_failure_gets_its_own_sentence(shown):
    messages, _log_path = shown
    raise_uncaught(sqlite3.OperationalError("database or disk is full"))
    assert "磁盘空间不足" in messages[0][1] and "database" not in messages[0][1]


def test_an_error_in_another_thread_is_shown_by_the_gui_thread(shown, qtbot):
    messages, log_path = shown

    def work() -> None:
        raise ValueError("bad state")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert messages == [], "Qt is never called from the worker thread"
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=3000)
    assert str(log_path) in messages[0][1] and "bad state" not in messages[0][1]
