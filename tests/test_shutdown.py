"""Closing the program at any moment ends it cleanly, and a restore leaves one window with one of each tab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox

from fedclient.core.backup import backup_to
from fedclient.ui import backup_actions
from fedclient.ui.main_window import TABS
from tests.conftest import copy_sqlite

ROOT = Path(__file__).resolve().parent.parent

# argv: database, delay in ms, "restore" to restore a backup first (the delay then counts from the restore).
CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox
from fedclient.ui.app_setup import make_application
from fedclient.app import main

db, delay, restore = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "restore"

def windows():
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow)]

def close_windows():
    for window in windows():
        window.close()
    QTimer.singleShot(20, close_windows)  # not built yet: try again

def restore_then_close():
    if not windows():
        QTimer.singleShot(20, restore_then_close)
        return
    from fedclient.core.backup import backup_to
    from fedclient.ui import backup_actions
    QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.Yes
    QMessageBox.information = lambda *a, **k: None
    window = windows()[0]
    copy = backup_to(window.db, Path(db).with_name("copy.sqlite"))
    assert backup_actions.restore_checked(window, copy)
    QTimer.singleShot(delay, close_windows)

app = make_application()
QTimer.singleShot(300 if restore else delay, restore_then_close if restore else close_windows)
QTimer.singleShot(60_000, lambda: sys.exit(3))
sys.exit(main(["--db", db]))
"""


@pytest.fixture
def demo_file(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "village" / "fedclient.sqlite"
    path.parent.mkdir()
    copy_sqlite(demo_template, path)
    return path


def run_and_close(db: Path, delay_ms: int, home: Path, restore: bool = False) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    args = [sys.executable, "-c", CHILD, str(db), str(delay_ms), "restore" if restore else "-"]
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize("delay_ms", [0, 400])
def test_closing_the_window_during_start_up_exits_cleanly(demo_file, tmp_path, delay_ms):
    """Before the window exists, while 首页 reads its figures, once it has them: always exit status 0."""
    proc = run_and_close(demo_file, delay_ms, tmp_path / "home")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "QThread: Destroyed" not in proc.stderr


@pytest.mark.parametrize("delay_ms", [0])
def test_closing_the_window_right_after_a_restore_exits_cleanly(demo_file, tmp_path, delay_ms):
    proc = run_and_close(demo_file, delay_ms, tmp_path / "home", restore=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "QThread: Destroyed" not in proc.stderr


def test_after_a_restore_there_is_exactly_one_of_each_tab(qtbot, main_window, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    old_tabs = main_window.all_tabs()
    old_ops = main_window.ops
    main_window.select_tab("成员")  # a tab that has read its data, with reads of its own
    copy = backup_to(main_window.db, tmp_path / "copy.sqlite")
    assert backup_actions.restore_checked(main_window, copy)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    main_window.all_tabs()  # the new tabs, built now or later
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for spec in TABS:
        assert len(main_window.findChildren(spec.load())) == 1, spec.title
    assert [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())] == [s.title for s in TABS]
    assert not any(shiboken6.isValid(tab) for tab in old_tabs), "the old tabs are deleted, not just hidden"
    assert old_ops.closed and main_window.ops is not old_ops
    main_window.select_tab("成员")
    main_window.ops.wait_idle()
    assert main_window.all_tabs()[1].roster.model.rowCount() > 0, "the new tabs read the restored data"


def test_closing_the_window_stops_its_timers_and_operations(qtbot, main_window):
    from PySide6.QtCore import QTimer

    main_window.select_tab("调解")  # reads of its own are under way
    main_window.tab_by_key("mediation").search.setText("wxh")  # and a search waiting for the typing to pause
    main_window.close()
    assert main_window.ops.closed and not main_window.ops.busy
    assert [t for t in main_window.findChildren(QTimer) if t.isActive()] == []
