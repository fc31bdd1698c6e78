"""Backups with SQLite's online backup API (a plain copy of a WAL database can miss committed data).

Automatic backups: at start-up, when the data changed since the last backup and the newest backup is at
least a day old; the last 7 daily and one per week for 4 more weeks are kept.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from . import sqlfile
from .database import Database, now_iso
from .db_faults import Damaged, damaged, is_damage
from .encryption.keys import FileKey, key_for
from .encryption.recovery import ensure_sidecar, store_code, stored_code
from .failures import note_after_saving
from .migrate import DatabaseError, check_revision_known, read_revision
from .safe_write import SaveFailed, cause_of, check_sqlite, saving, sqlite_full, temp_path_for
from .safe_write import _remove as remove_temp

AUTO_PREFIX = "auto-"
STAMP = "%Y%m%d-%H%M%S"
KEEP_DAILY = 7
KEEP_WEEKLY = 4
AUTO_INTERVAL = timedelta(days=1)


class BackupInvalid(DatabaseError):
    pass


class BackupFailed(DatabaseError):
    """A backup could not be written (full or read-only disk, stick pulled out); nothing was recorded."""


def copy_database(src: Path, dest: Path) -> Path:
    """Copy a live database into a single self-contained file, through ``safe_write.saving`` (temporary
    file beside ``dest``, checked by SQLite, flushed, renamed); raises ``SaveFailed`` naming the cause, or
    ``Damaged`` when the copy fails its check because the data file itself is damaged."""
    dest = Path(dest)
    key = key_for(src)  # a copy of an encrypted file is encrypted with the same key
    if key is not None:
        _copy_key_file(Path(src), dest, key)
    source = sqlfile.connect(src, key=key)
    try:
        _copy(source, dest, key)
    except SaveFailed as exc:
        problem = _damage_in(source)
        if problem:  # the copy is damaged because the data file is: say that, not "not written completely"
            raise damaged(Path(src), problem) from exc
        raise
    finally:
        source.close()
    return dest


def _copy_key_file(src: Path, dest: Path, key: FileKey) -> None:
    """The recovery code's ``.key`` file goes with every copy (written first: no copy without it)."""
    from .encryption.recovery import sidecar_of

    ensure_sidecar(src, key)
    if sidecar_of(src).is_file():
        with saving(sidecar_of(dest)) as tmp:
            tmp.write_bytes(sidecar_of(src).read_bytes())


def _damage_in(conn: sqlite3.Connection) -> str | None:
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(3)")]
    except sqlite3.Error as exc:
        return str(exc) if is_damage(exc) else None
    return None if rows == ["ok"] else "完整性检查未通过：" + "；".join(rows)


def _copy(source: sqlite3.Connection, dest: Path, key: FileKey | None) -> None:
    with saving(dest, check_sqlite) as tmp:
        target = sqlfile.connect(tmp, key=key)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # no -wal file beside the backup
            target.commit()
        except sqlite3.Error as exc:
            if sqlite_full(exc):
                raise OSError(errno.ENOSPC, str(exc)) from exc
            raise
        finally:
            target.close()


def _record_backup(db: Database, dest: Path, version: str | None, when: str) -> None:
    db.set_metas({"backed_up_version": version or "0", "last_backup_at": when, "last_backup_path": str(dest)})


def backup_to(db: Database, dest: Path, notes: list[str] | None = None) -> Path:
    """A backup the user asked for (备份到…), e.g. onto a USB stick (a folder gets a dated file name).
    Once the copy is complete on the disk it is the backup: a data file that cannot note the time just now
    (read-only, another program writing) adds a sentence to ``notes`` instead of failing it."""
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / f"村妇联工作台备份_{datetime.now().strftime(STAMP)}.sqlite"
    version = db.meta("data_version")
    try:
        copy_database(db.path, dest)
    except SaveFailed as exc:
        raise BackupFailed(f"未能备份到 {dest}：{exc.cause}。") from exc
    except OSError as exc:
        raise BackupFailed(f"未能备份到 {dest}：{cause_of(exc, dest)}。") from exc
    except sqlite3.Error as exc:
        cause = cause_of(OSError(errno.ENOSPC, ""), dest) if sqlite_full(exc) else f"SQLite 报告：{exc}"
        raise BackupFailed(f"未能备份到 {dest}：{cause}。") from exc
    note = note_after_saving(lambda: _record_backup(db, dest, version, now_iso()), "备份时间")
    if note and notes is not None:
        notes.append(f"备份已完整保存，但数据文件没能记下这次备份的时间：{note}")
    return dest


@dataclass(frozen=True)
class AutoBackup:
    path: Path
    made: datetime


def auto_backups(backup_dir: Path) -> list[AutoBackup]:
    """Automatic backups in the folder, newest first."""
    found = []
    for path in Path(backup_dir).glob(f"{AUTO_PREFIX}*.sqlite"):
        try:
            made = datetime.strptime(path.stem[len(AUTO_PREFIX) :][:15], STAMP)
        except ValueError:
            continue
        found.append(AutoBackup(path, made))
    return sorted(found, key=lambda b: b.made, reverse=True)


def last_backup_time(db: Database) -> datetime | None:
    value = db.meta("last_backup_at")
    return datetime.fromisoformat(value) if value else None


def auto_backup_if_due(db: Database, backup_dir: Path, now: datetime | None = None) -> Path | None:
    now = now or datetime.now()
    version = db.meta("data_version")
    if version is None or version == db.meta("backed_up_version"):
        return None
    existing = auto_backups(backup_dir)
    if existing and now - existing[0].made < AUTO_INTERVAL:
        return None
    dest = Path(backup_dir) / f"{AUTO_PREFIX}{now.strftime(STAMP)}.sqlite"
    copy_database(db.path, dest)
    # A data file that cannot be written just now (read-only) keeps the backup and opens all the same; the
    # chair is told when she saves. Not noted, the next start backs up again.
    note_after_saving(
        lambda: _record_backup(db, dest, version, now.isoformat(timespec="microseconds")), "自动备份"
    )
    prune_auto_backups(backup_dir)
    return dest


def prune_auto_backups(backup_dir: Path) -> list[Path]:
    """Keep the newest 7, then the newest of each of the 4 weeks before them; delete the rest."""
    backups = auto_backups(backup_dir)
    keep = backups[:KEEP_DAILY]
    weeks = set()
    for backup in backups[KEEP_DAILY:]:
        week = backup.made.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.append(backup)
    removed = [b.path for b in backups if b not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
        Path(str(path) + ".key").unlink(missing_ok=True)  # its recovery-code file, when encrypted
    return removed


def sqlite_reason(exc: BaseException) -> str:
    """Why SQLite refused, in Chinese (its own text is English)."""
    text = str(exc)
    if isinstance(exc, OSError) and not isinstance(exc, sqlite3.Error):
        return cause_of(exc, Path(exc.filename or "."))
    if sqlite_full(exc):
        return "磁盘空间不足"
    if "locked" in text or "busy" in text:
        return "文件正被另一个程序使用，请稍后再试"
    if "readonly" in text:
        return "没有写入权限（文件或它所在的文件夹是只读的）"
    if "not a database" in text or is_damage(exc):
        return "不是村妇联工作台的数据文件，或已损坏"
    return f"SQLite 报告：{text}"


def check_backup(path: Path) -> str:
    """Make sure a file is a sound backup this program can use; return its schema revision."""
    path = Path(path)
    if not path.is_file():
        raise BackupInvalid(f"找不到备份文件 {path}。")
    try:
        conn = sqlfile.connect(path, readonly=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupInvalid(f"{path.name} 不是有效的备份文件（{sqlite_reason(exc)}）。") from exc
    if not result or result[0] != "ok":
        raise BackupInvalid(f"备份文件 {path.name} 已损坏（完整性检查未通过），不能用于恢复。")
    try:
        revision = read_revision(path)
    except DatabaseError as exc:
        raise BackupInvalid(str(exc)) from exc
    if revision is None:
        raise BackupInvalid(f"{path.name} 是空的数据文件，不是备份。")
    try:
        check_revision_known(revision, path)
    except DatabaseError as exc:
        raise BackupInvalid(
            f"备份文件 {path.name} 由更新版本的村妇联工作台创建（数据版本 {revision}），"
            "本程序无法使用它。请先安装最新版本再恢复。"
        ) from exc
    return revision


def restore_from(db_path: Path, backup: Path, backup_dir: Path) -> Path:
    """Replace the database at ``db_path`` with ``backup``; returns the safety copy of what it replaced.

    The caller must have closed every connection to ``db_path``; it then re-opens (and so upgrades) it.
    """
    check_backup(backup)
    safety = Path(backup_dir) / f"pre-restore-{datetime.now().strftime(STAMP)}.sqlite"
    try:
        copy_database(db_path, safety)
    except Damaged:  # a damaged file is not copied: it is kept aside as it is (renamed), never wiped
        from .recover import keep_aside

        safety = keep_aside(Path(db_path), checkpoint=False)
    except (OSError, sqlite3.Error) as exc:
        why = exc.cause if isinstance(exc, SaveFailed) else sqlite_reason(exc)
        raise BackupFailed(
            f"未能先把当前数据另存到 {safety}（{why}），所以没有恢复，当前数据没有改动。"
        ) from exc
    key = key_for(db_path)
    code = stored_code(db_path) if key is not None else None
    try:
        _restore_into(Path(backup), Path(db_path))
        if key is not None:  # the current password and recovery code stay those of the data file
            store_code(db_path, code)
            ensure_sidecar(db_path, key)
    except sqlite3.Error as exc:
        raise BackupFailed(f"恢复没有完成（{sqlite_reason(exc)}）。恢复前的数据已另存为 {safety}。") from exc
    return safety


def _restore_into(backup: Path, db_path: Path) -> None:
    """Write the backup's content into the data file, which keeps its own protection: with a 开机密码 the
    restored data is encrypted with the current password's key, without one it is an ordinary file."""
    from .encryption.export import copy_between

    source_key, target_key = key_for(backup), key_for(db_path)
    source = backup
    if (source_key is None) != (target_key is None):  # SQLite's backup API cannot cross that line
        source = temp_path_for(db_path)
        source.unlink()
        copy_between(backup, source_key, source, target_key)
        source_key = target_key
    try:
        reader = sqlfile.connect(source, key=source_key, readonly=source == backup)
        try:
            target = sqlfile.connect(db_path, key=target_key)
            try:
                # SQLite cannot change the page size of a WAL database (a backup with 8 KiB pages failed with
                # "attempt to write a readonly database"): rollback journal for the copy; the next open sets WAL.
                target.execute("PRAGMA journal_mode=DELETE")
                target.execute("PRAGMA synchronous=FULL")
                reader.backup(target)  # one step (pages=-1): all of the backup is written, or none of it
            finally:
                target.close()
        finally:
            reader.close()
    finally:
        if source != backup:
            remove_temp(source)
