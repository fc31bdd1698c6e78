"""Repairing a data file by itself: a half-made file (below), or a damaged one with the chair's consent.

A damaged file (``Damaged``: SQLite's integrity check failed, or the file cannot be read) is never wiped:
``newest_good_backup`` finds the newest copy in the backups folder (automatic, pre-migration, pre-restore)
that passes ``integrity_check`` and has a revision this program knows; ``replace_damaged`` upgrades a copy of
it beside the data file, renames the damaged file (with its ``-wal``/``-shm``) to ``<name>.damaged-<time>``
and puts the copy in its place, and returns the Chinese sentence that says so.

A data file left half-made (our tables but no usable schema version) is repaired by itself.

Older versions of the program committed each schema statement on its own, so a kill during the first start or
an upgrade left tables without their version and every later start failed with "table … already exists".
Such a file is kept aside (renamed ``<name>.damaged-<time>``, never deleted) and replaced by the newest
pre-migration copy in the backups folder that passes ``integrity_check``; when the file holds no rows at all
(a killed first start) a new one is simply created. The returned Chinese sentence says what was done.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from . import db_faults, sqlfile
from .encryption.keys import PasswordNeeded, key_for
from .migrate import DatabaseError, check_revision_known, read_revision

PREFIX = "pre-migration-"
SIDE_FILES = ("-wal", "-shm", "-journal")


def _rows(path: Path) -> int:
    """How many rows the file's own tables hold (schema version and program metadata excluded)."""
    conn = sqlfile.connect(path, readonly=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        skip = {"alembic_version", "app_meta"}
        return sum(
            conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in tables
            if t not in skip and not t.startswith("sqlite_")
        )
    finally:
        conn.close()


def _good_copy(path: Path) -> bool:
    try:
        conn = sqlfile.connect(path, readonly=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return False
        finally:
            conn.close()
        revision = read_revision(path)
        check_revision_known(revision, path)
        return revision is not None
    except (sqlite3.Error, DatabaseError, PasswordNeeded):
        return False


def good_backups(backups: Path) -> list[Path]:
    """Intact pre-migration copies, newest first (names end with the time: …-YYYYmmdd-HHMMSS.sqlite)."""
    if not backups.is_dir():
        return []
    copies = sorted(backups.glob(f"{PREFIX}*.sqlite"), key=lambda p: p.stem[-15:], reverse=True)
    return [copy for copy in copies if _good_copy(copy)]


def _upgraded_copy(backup: Path, path: Path) -> Path | None:
    """``backup`` copied beside ``path`` (a temporary file of ours) and upgraded to head; None when that copy
    is half-made too (older versions backed up the damaged file again at every failed start)."""
    from .migrate import HalfMade, upgrade_to_head
    from .safe_write import _remove, fsync_file, temp_path_for

    tmp = temp_path_for(path)
    try:
        key = key_for(backup)
        source, target = sqlfile.connect(backup, key=key), sqlfile.connect(tmp, key=key)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        upgrade_to_head(tmp)  # its engine is disposed: the -wal is checkpointed and gone
        fsync_file(tmp)
        return tmp
    except HalfMade:
        _remove(tmp)
        return None
    except BaseException:
        _remove(tmp)
        raise


def keep_aside(path: Path, checkpoint: bool = True) -> Path:
    """Rename the damaged file (and SQLite's files beside it, paired) out of the way; nothing is deleted.
    A half-made file first gets its -wal folded in; a damaged one is kept exactly as it was found."""
    if checkpoint:
        conn = sqlfile.connect(path)  # fold a -wal into the file, so the kept file is whole on its own
        try:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass  # damaged beyond that: its -wal and -shm are renamed with it below
        finally:
            conn.close()
    base = f"{path.name}.damaged-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    aside, n = path.with_name(base), 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{base}-{n}")
    for extra in SIDE_FILES:
        side = Path(str(path) + extra)
        if side.exists():
            os.replace(side, Path(str(aside) + extra))
    os.replace(path, aside)
    return aside


def recover_half_made(path: Path, backups: Path, what: str) -> str:
    """Repair ``path`` as the module text says; the Chinese sentence to show, or ``DatabaseError``."""
    from .safe_write import fsync_folder

    try:
        empty = _rows(path) == 0
    except sqlite3.Error:
        empty = False
    if empty:
        aside = keep_aside(path)
        return f"{what}其中没有任何数据，已重新创建数据文件；原来的文件保留为 {aside.name}。"
    for backup in good_backups(backups):
        fixed = _upgraded_copy(backup, path)
        if fixed is not None:
            aside = keep_aside(path)
            os.replace(fixed, path)
            fsync_folder(path.parent)
            return f"{what}已自动用升级前的备份 {backup.name} 恢复并升级；原来的文件保留为 {aside.name}（未删除）。"
    raise DatabaseError(
        f"{what}备份文件夹 {backups} 中没有可用的升级前备份，无法自动恢复。"
        "文件未作任何改动；请用“从备份恢复”选择一份备份，或联系技术支持。"
    )


STAMP_FORMAT = "%Y%m%d-%H%M%S"


def _made(copy: Path) -> datetime | None:
    try:
        return datetime.strptime(copy.stem[-15:], STAMP_FORMAT)
    except ValueError:
        return None


def newest_good_backup(backups: Path) -> Path | None:
    """The newest copy in the backups folder that passes SQLite's integrity check and that this program can
    open (automatic ``auto-…``, ``pre-migration-…``, ``pre-restore-…``); the others are left alone."""
    if not backups.is_dir():
        return None
    dated = [(made, copy) for copy in backups.glob("*.sqlite") if (made := _made(copy)) is not None]
    for _made_at, copy in sorted(dated, reverse=True):
        if _good_copy(copy):
            return copy
    return None


def describe_backup(copy: Path) -> str:
    made = _made(copy)
    return f"{copy.name}（{made:%Y年%m月%d日 %H:%M} 的备份）" if made else copy.name


def replace_damaged(path: Path, backup: Path) -> str:
    """Put an upgraded copy of ``backup`` in place of the damaged ``path``, which is kept aside untouched;
    the Chinese sentence to show. Raises ``DatabaseError`` (nothing changed) when the backup is not usable."""
    from .safe_write import fsync_folder

    if not _good_copy(backup):
        raise DatabaseError(
            f"备份 {backup} 不能使用（已损坏，或不是本程序能打开的数据文件）。数据文件没有改动。"
        )
    fixed = _upgraded_copy(backup, path)
    if fixed is None:
        raise DatabaseError(f"备份 {backup} 的数据结构不完整，不能使用。数据文件没有改动。")
    aside = keep_aside(path, checkpoint=False) if path.exists() else None
    os.replace(fixed, path)
    fsync_folder(path.parent)
    db_faults.damage_seen = False  # what was damaged is aside now
    kept = f"损坏的文件已改名保留为 {aside.name}（未删除），" if aside else ""
    return f"已用 {describe_backup(backup)} 恢复数据文件；{kept}备份之后录入的内容不在其中，请核对并补录。"
