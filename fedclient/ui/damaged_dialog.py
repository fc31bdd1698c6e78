"""At start, a data file found damaged: offer to restore the newest good backup (checked first), keep the
damaged file aside, say what happened. Nothing is changed unless the chair agrees."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from fedclient.core.database import Database
from fedclient.core.db_faults import Damaged
from fedclient.core.history.events import record_restore
from fedclient.core.migrate import DatabaseError, open_database
from fedclient.core.paths import backup_dir_for
from fedclient.core.recover import describe_backup, newest_good_backup, replace_damaged

log = logging.getLogger("fedclient")
TITLE = "数据文件已损坏"


def ask_restore(text: str) -> bool:
    """用备份恢复 or 退出 (a function of its own so that tests can answer it)."""
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, text)
    restore = box.addButton("用备份恢复", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("退出", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def offer_restore(exc: Damaged, path: Path) -> Database | None:
    """The opened database after a restore the chair agreed to, or ``None`` (the program then quits)."""
    log.error("启动时发现数据文件损坏：%s（%s）", exc, exc.detail)
    backups = backup_dir_for(path)
    good = newest_good_backup(backups)
    if good is None:
        QMessageBox.critical(
            None,
            TITLE,
            f"{exc}\n\n备份文件夹 {backups} 中没有完好的备份，程序无法自动恢复。数据文件没有改动。\n"
            "如有别处的备份（如U盘上的），请用命令 restore 恢复，或联系技术支持人员。",
        )
        return None
    text = (
        f"{exc}\n\n找到一份完好的备份（已检查）：{describe_backup(good)}。\n"
        f"是否用它恢复？损坏的文件会改名保留在 {path.parent}，不会删除；备份之后录入的内容需要补录。"
    )
    if not ask_restore(text):
        return None
    try:
        notice = replace_damaged(path, good)
        db = open_database(path)
        db.run(record_restore, good.name)  # the restored file's history says where its data now comes from
    except DatabaseError as failure:
        QMessageBox.critical(None, TITLE, f"恢复没有成功：{failure}")
        return None
    log.warning("已从备份恢复损坏的数据文件：%s", notice)
    QMessageBox.information(None, "已从备份恢复", notice)
    return db
