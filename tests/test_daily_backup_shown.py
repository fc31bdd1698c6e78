"""The first start of a day backs the data file up (a copy and its check: seconds on a county's file). It runs off
the GUI thread and, when it takes more than a moment, a window says so instead of a program that seems not to
start; its errors still reach the start-up code (a damaged file offers a restore, a full disk is told)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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


# A fresh process (this one has SQLAlchemy already): the day's backup through ``backup_shown``, taking ``seconds``
# before it copies; then which thread imported the engine's modules, and whether they are loaded.
PRELOAD_PROBE = """
import json, sys, threading, time
from PySide6.QtWidgets import QApplication
app = QApplication(["probe"])
from fedclient.core import backup, database
from fedclient.core.database import Database
from fedclient.ui import opening
importers = []
real_load, real_backup = database.load_engine_modules, backup.auto_backup_if_due
def load():
    importers.append(threading.current_thread().name)
    real_load()
def backing_up(db, folder, now=None):
    time.sleep(float(sys.argv[2]))  # a county's file takes seconds to copy and check
    return real_backup(db, folder, now)
database.load_engine_modules, backup.auto_backup_if_due = load, backing_up
opening.SHOW_AFTER_MS = int(sys.argv[4])
made = opening.backup_shown(Database(sys.argv[1]), opening.Path(sys.argv[3]))
print(json.dumps({"made": made is not None, "importers": importers,
                  "loaded": [m for m in ("sqlalchemy.orm", "fedclient.core.models") if m in sys.modules],
                  "still_running": [t.name for t in threading.enumerate() if t is not threading.main_thread()]}))
"""


def run_preload_probe(db, seconds: float, backups, show_after_ms: int = opening.SHOW_AFTER_MS) -> dict:
    db.dispose()
    result = subprocess.run(
        [sys.executable, "-c", PRELOAD_PROBE, str(db.path), str(seconds), str(backups), str(show_after_ms)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_while_a_long_daily_backup_is_shown_sqlalchemy_and_the_models_are_imported_beside_it(
    demo_db, tmp_path
):
    report = run_preload_probe(demo_db, 1.5, tmp_path / "backups")
    assert report["made"]
    assert report["importers"] == ["fedclient-preload"]  # not the GUI thread, not the backup's
    assert report["loaded"] == ["sqlalchemy.orm", "fedclient.core.models"]
    assert report["still_running"] == []  # ended before the window is built


def test_a_quick_daily_backup_imports_nothing_beside_the_window(demo_db, tmp_path):
    # "Quick": over before the window would show (a loaded test machine can take 0.4 s to copy the demo's 2 MB).
    report = run_preload_probe(demo_db, 0, tmp_path / "backups", show_after_ms=60_000)
    assert report["made"] and report["importers"] == [] and report["loaded"] == []
