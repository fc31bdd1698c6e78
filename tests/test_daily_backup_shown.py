"""The first start of a day backs the data file up (a copy and its check: seconds on a county's file). It runs off
the GUI thread and, when it takes more than a moment, a window says so instead of a program that seems not to
start; its errors still reach the start-up code (a damaged file offers a restore, a full disk is told)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from fedclient.core import backup
from fedclient.ui import opening


def visible_labels() -> list[str]:
    return [
        w.labelText()
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]


def test_the_daily_backup_runs_off_the_gui_thread_and_is_named_while_it_runs(
    qtbot, demo_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(opening, "SHOW_AFTER_MS", 0)
    seen: list[str] = []
    shown = threading.Event()
    threads: list[str] = []
    real = backup.auto_backup_if_due

    def slow_backup(db, folder, now=None):
        threads.append(threading.current_thread().name)
        shown.wait(10)  # the backup waits (at most 10 s) until the window was seen saying so
        return real(db, folder, now)

    def look():
        seen.extend(visible_labels())
        if opening.BACKING_UP in seen:
            shown.set()
        else:
            QTimer.singleShot(10, look)

    monkeypatch.setattr(backup, "auto_backup_if_due", slow_backup)
    QTimer.singleShot(0, look)
    made = opening.backup_shown(demo_db, tmp_path / "backups")
    assert shown.is_set() and threads and threads[0] != threading.main_thread().name
    assert made is not None and made.exists() and made.parent == tmp_path / "backups"
    assert visible_labels() == []  # the window is gone once the backup is made


def test_an_error_of_the_daily_backup_is_raised_at_start_up(qtbot, demo_db, tmp_path, monkeypatch):
    def full_disk(db, folder, now=None):
        raise OSError(28, "磁盘已满")

    monkeypatch.setattr(backup, "auto_backup_if_due", full_disk)
    with pytest.raises(OSError, match="磁盘已满"):
        opening.backup_shown(demo_db, tmp_path / "backups")
    assert visible_labels() == []
