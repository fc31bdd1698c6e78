"""Starting the window: ``python main.py [--db PATH]``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

log = logging.getLogger("fedclient")


def parse_args(argv: list[str]) -> argparse.Namespace:
    from fedclient.cli.common import chinese_argparse

    chinese_argparse()
    parser = argparse.ArgumentParser(prog="fedclient", description="村妇联工作台")
    parser.add_argument("--db", type=Path, default=None, help="数据文件路径")
    parser.add_argument("--tab", default=None, help="启动后显示的页（首页、成员、承诺、调解、网格）")
    args, _qt_args = parser.parse_known_args(argv)
    return args


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from fedclient import __version__
    from fedclient.core.data_lock import DataLock
    from fedclient.core.db_faults import Damaged
    from fedclient.core.encryption.keys import is_encrypted
    from fedclient.core.leftovers import clean_at_start
    from fedclient.core.migrate import DatabaseError
    from fedclient.core.paths import backup_dir_for, default_db_path

    from .ui.app_setup import make_application
    from .ui.errors import install_excepthook, setup_logging
    from .ui.main_window import MainWindow
    from .ui.opening import backup_shown, open_shown
    from .ui.read_only_notice import warn_if_read_only

    args = parse_args(sys.argv[1:] if argv is None else argv)
    log_path = setup_logging()
    app = make_application()
    install_excepthook(log_path)
    db_path = (args.db or default_db_path()).resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = DataLock(db_path)  # held for the window's whole life: commands that write wait or refuse
    if not lock.try_acquire():
        QMessageBox.information(
            None,
            "村妇联工作台",
            "村妇联工作台已经打开了（同一份数据只能打开一个窗口）。\n请在任务栏中找到它。"
            "\n（如果正在运行写入数据的命令，请等它结束后再打开。）",
        )
        return 1
    if is_encrypted(db_path):
        from .ui.lock.unlock_dialog import UnlockDialog

        if UnlockDialog(db_path).exec() != UnlockDialog.DialogCode.Accepted:
            lock.release()
            return 0
    try:
        # checked after a crash or a kill; a check, upgrade or creation shown while it runs
        db = open_shown(db_path, check=lock.ended_uncleanly)
    except Damaged as exc:
        from .ui.damaged_dialog import offer_restore  # (its imports only when the file is damaged)

        db = offer_restore(exc, db_path)
        if db is None:
            lock.release(clean=False)  # still damaged: checked again next time
            return 2
    except DatabaseError as exc:
        QMessageBox.critical(None, "无法打开数据", str(exc))
        return 2
    if db.notice:
        log.warning("数据文件已自动修复：%s", db.notice)
        QMessageBox.information(None, "数据文件已自动修复", db.notice)
    clean_at_start(db_path)  # temporary files of killed runs (only this program's own)
    try:
        made = backup_shown(db, backup_dir_for(db_path))  # off the GUI thread, named when it takes a moment
        if made:
            log.info("自动备份：%s", made)
    except Damaged as exc:  # the backup's check found the data file damaged
        db.dispose()
        from .ui.damaged_dialog import offer_restore

        db = offer_restore(exc, db_path)
        if db is None:
            lock.release(clean=False)
            return 2
    except OSError as exc:  # a full disk must not stop the chair from working; she is told
        log.exception("自动备份失败")
        QMessageBox.warning(
            None, "自动备份失败", f"自动备份没有成功：{exc}\n请尽快用“文件→备份到…”手动备份。"
        )
    window = MainWindow(db)
    read_only = warn_if_read_only(window, db_path)  # she can look, she is told at once that she cannot save
    if args.tab:
        window.select_tab(args.tab)
    if window.has_saved_geometry:
        window.show()
    else:
        window.showMaximized()  # a village laptop's screen is small: use all of it the first time
    log.info("主窗口已打开（版本 %s，数据文件 %s）", __version__, db_path)
    if not read_only:  # (a profile or a 开机密码 asked for now could not be saved)
        window.ask_profile_if_missing()
    status = app.exec()
    window.shutdown()  # already done if the window was closed; waits for every operation still running
    window.db.dispose()  # (after a restore the window holds another Database than the one opened here)
    lock.release()
    return status
