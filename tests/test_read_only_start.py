"""A data file the program may not write (read-only file, read-only folder): the window opens, is not held up by
a dialog or made taller, and says at once, beside the menus, that she can look but not save, why, and (怎么办？)
what to do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from fedclient.ui.read_only_notice import warn_if_read_only
from tests.read_only import read_only

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow
from fedclient.ui.app_setup import make_application
from fedclient.app import main

def look():
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    if not windows or not windows[0].painted:
        QTimer.singleShot(50, look)
        return
    window = windows[0]
    QTimer.singleShot(1500, lambda: report(window))  # the first start's questions would be up by then

def report(window):
    notice = getattr(window, "read_only_notice", None)
    print("NOTICE:", notice.text() + " " + notice.toolTip() if notice is not None and notice.isVisible() else "")
    modal = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]
    print("DIALOGS:", len(modal))
    window.close()

app = make_application()
QTimer.singleShot(0, look)
QTimer.singleShot(60_000, lambda: sys.exit(3))
sys.exit(main(["--db", sys.argv[1]]))
"""


def start_window(db: Path, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(db)], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT
    )


def test_the_window_opens_on_a_read_only_data_file_and_says_so_at_once(demo_db, tmp_path):
    demo_db.dispose()
    with read_only(demo_db.path):
        result = start_window(demo_db.path, tmp_path / "home")
    assert result.returncode == 0, result.stderr
    notice = next(line for line in result.stdout.splitlines() if line.startswith("NOTICE:"))
    assert "只能查看，不能保存" in notice and "数据文件是只读的" in notice and str(demo_db.path) in notice
    assert "去掉“只读”" in notice
    # neither the first start's questions (village profile, 开机密码), which could not be saved, nor any other
    assert "DIALOGS: 0" in result.stdout


def test_a_read_only_folder_is_named_with_what_to_do_and_the_window_is_no_taller(
    main_window, qtbot, demo_db, monkeypatch
):
    tallest = main_window.minimumSizeHint().height()
    with read_only(demo_db.path.parent):
        assert warn_if_read_only(main_window, demo_db.path)
    notice = main_window.read_only_notice
    assert notice.isVisible() and main_window.menuBar().isAncestorOf(notice)
    assert "只能查看，不能保存" in notice.text() and "数据文件所在的文件夹是只读的" in notice.text()
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _parent, title, text: told.append((title, text)))
    notice.linkActivated.emit("what")
    assert told and told[0][0] == "只能查看，不能保存" and "请管理员给这个文件夹写入权限" in told[0][1]
    assert (
        main_window.minimumSizeHint().height() <= tallest
    )  # (694 px on a 768 px screen: no room for a band)


def test_a_writable_data_file_gets_no_notice(main_window, demo_db):
    assert not warn_if_read_only(main_window, demo_db.path)
    assert getattr(main_window, "read_only_notice", None) is None
