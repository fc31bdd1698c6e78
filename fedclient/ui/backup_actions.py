"""文件 → 备份到… / 从备份恢复…"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from fedclient.core.backup import BackupInvalid, backup_to, check_backup, restore_from
from fedclient.core.history.events import record_restore
from fedclient.core.migrate import DatabaseError, open_database
from fedclient.core.paths import backup_dir_for, documents_dir

if TYPE_CHECKING:
    from .main_window import MainWindow

FILTER = "村妇联工作台备份 (*.sqlite *.db);;所有文件 (*)"


def backup_to_file(window: MainWindow) -> None:
    suggested = documents_dir() / f"村妇联工作台备份_{date.today():%Y%m%d}.sqlite"
    path, _ = QFileDialog.getSaveFileName(window, "备份到", str(suggested), FILTER)
    if not path:
        return

    def done(made: tuple[Path, list[str]]) -> None:
        dest, notes = made
        window.refresh_backup_label()
        text = "\n\n".join([f"数据已备份到：\n{dest}", *notes])
        QMessageBox.information(window, "备份完成", text)

    window.ops.with_progress("正在备份……", _backup, Path(path), on_done=done, parent=window, takes="database")


def _backup(db, dest: Path, progress) -> tuple[Path, list[str]]:
    notes: list[str] = []
    return backup_to(db, dest, notes), notes


def restore_from_file(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "从备份恢复", str(documents_dir()), FILTER)
    if path:
        restore_checked(window, Path(path))


def restore_checked(window: MainWindow, source: Path) -> bool:
    try:
        check_backup(source)
    except BackupInvalid as exc:
        QMessageBox.warning(window, "不能恢复", f"{exc}\n\n当前数据没有任何改动。")
        return False
    answer = QMessageBox.question(
        window,
        "从备份恢复",
        f"将用备份文件\n{source}\n替换当前的全部数据。\n\n当前数据会先另存一份到备份文件夹。确定恢复吗？",
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False
    db_path = window.db.path
    window.close_database()  # stops and waits for everything running on the data about to be replaced
    try:
        safety = restore_from(db_path, source, backup_dir_for(db_path))
        db = open_database(db_path)
        db.run(record_restore, source.name)
    except DatabaseError as exc:
        QMessageBox.critical(window, "恢复失败", str(exc))
        window.set_database(open_database(db_path))
        return False
    window.set_database(db)
    QMessageBox.information(window, "恢复完成", f"已从备份恢复。恢复前的数据另存为：\n{safety}")
    return True
