"""Setting, changing and removing the 开机密码: the data file is re-encrypted into a new file, checked, then
put in its place with one rename, so a kill at any moment leaves either the old file or the new one, whole.

The caller holds the data file's lock and has closed every connection to it (``Database.dispose``).
Backups in the program's backups folder that had the old protection get the new one the same way, one by one
(a kill leaves each one old or new, never half): while the data is encrypted the folder holds no plain copy.
"""

from __future__ import annotations

import gc
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from .. import sqlfile
from ..db_faults import read_only_reason
from ..safe_write import _remove, fsync_file, fsync_folder, temp_path_for
from . import recovery
from .export import copy_between
from .keys import FileKey, key_for, new_key, remember
from .unlock import opens

# Tests set this to a callable that raises (or blocks) at a named step, to simulate a kill there.
fault_hook: Callable[[str], None] | None = None


class RekeyFailed(Exception):
    """The new file did not check out; the data file was not touched. The message is for the user."""


def _step(name: str) -> None:
    if fault_hook is not None:
        fault_hook(name)


def _counts(path: Path, key: FileKey | None) -> dict[str, int]:
    conn = sqlfile.connect(path, key=key, readonly=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        # app_meta is left out: the recovery code is added to it or taken out of it on the way
        return {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "app_meta"
        }
    finally:
        conn.close()


def _checked_copy(path: Path, old: FileKey | None, new: FileKey | None, code: str | None) -> Path:
    """``path`` re-encrypted into a temporary file beside it, with ``code`` kept inside, checked and synced."""
    tmp = temp_path_for(path)
    try:
        tmp.unlink()
        copy_between(path, old, tmp, new)
        _step("copied")
        if new is not None and code is not None:
            conn = sqlfile.connect(tmp, key=new)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if "app_meta" in tables:
                    with conn:
                        recovery._set_meta(conn, recovery.CODE_META, recovery.normalized(code))
                        recovery._set_meta(conn, recovery.SIDECAR_META, None)
            finally:
                conn.close()
        elif new is None:
            conn = sqlfile.connect(tmp, key=None)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if "app_meta" in tables:
                    with conn:
                        recovery._set_meta(conn, recovery.CODE_META, None)
                        recovery._set_meta(conn, recovery.SIDECAR_META, None)
            finally:
                conn.close()
        if new is not None and not opens(tmp, new):
            raise RekeyFailed("加密后的文件无法用新密码打开，数据文件没有改动。")
        conn = sqlfile.connect(tmp, key=new, readonly=True)
        try:
            intact = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
        if not intact or _counts(tmp, new) != _counts(path, old):
            raise RekeyFailed("重新加密后的文件检查没有通过（行数不一致），数据文件没有改动。")
        fsync_file(tmp)
        _step("checked")
        return tmp
    except BaseException:
        _remove(tmp)
        raise


def _checkpoint(path: Path, key: FileKey | None) -> None:
    """Fold the -wal into the file and drop it, so the new file never meets the old file's -wal."""
    conn = sqlfile.connect(path, key=key)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")  # leaves no -wal behind when this connection closes
    finally:
        conn.close()


def _swap(tmp: Path, path: Path) -> None:
    for extra in ("-wal", "-shm"):
        side = Path(str(path) + extra)
        if side.exists() and extra == "-wal" and side.stat().st_size:
            _remove(tmp)
            raise RekeyFailed("数据文件正被另一个程序使用，请关闭后重试。")
        side.unlink(missing_ok=True)
    _step("swap")
    os.replace(tmp, path)
    fsync_folder(path.parent)
    _step("swapped")


def reencrypt(path: Path, new: FileKey | None, code: str | None) -> None:
    """Give the file at ``path`` the protection ``new`` (None: an ordinary file), keeping ``code`` inside."""
    path = Path(path)
    refused = read_only_reason(path)  # (an immutable file gives SQLite's bare "disk I/O error")
    if refused:
        raise RekeyFailed(
            f"没有权限写入数据文件（{refused}），开机密码和数据文件都没有改动。"
            "请去掉数据文件属性中的“只读”，或请管理员给它所在的文件夹写入权限，然后重试。"
        )
    old = key_for(path)
    gc.collect()  # a connection nobody refers to any more is closed only when collected; it would hold the file
    _checkpoint(path, old)
    tmp = _checked_copy(path, old, new, code)
    _swap(tmp, path)
    if new is not None:
        remember(new)


def set_password(path: Path, password: str | None, code: str | None = None) -> FileKey | None:
    """Set, change (``code`` None keeps the current recovery code) or remove (``password`` None) the password
    of the data file at ``path``, then give its backups folder's copies the same protection. Returns the new
    key (None without password)."""
    path = Path(path)
    old = key_for(path)
    if password is not None and code is None:
        code = recovery.stored_code(path) if old is not None else None
        if code is None:
            raise RekeyFailed("没有恢复码：请在设置开机密码时生成恢复码。")
    new = new_key(password) if password is not None else None
    reencrypt(path, new, code)
    if new is not None:
        recovery.ensure_sidecar(path, new)
    else:
        recovery.sidecar_of(path).unlink(missing_ok=True)
    protect_backups(path, old, new)
    return new


def protect_backups(path: Path, old: FileKey | None, new: FileKey | None) -> list[Path]:
    """Re-encrypt the copies in ``path``'s backups folder that had the old protection; when the password is
    removed they keep theirs (they still open with the old password). Returns the files changed."""
    from ..paths import backup_dir_for

    if new is None:
        return []
    folder = backup_dir_for(path)
    changed = []
    for backup in sorted(folder.glob("*.sqlite")) if folder.is_dir() else []:
        try:
            if key_for(backup) != old:
                continue
        except Exception:  # noqa: BLE001 - another key (an older password): left as it is
            continue
        try:
            tmp = _checked_copy(backup, old, new, None)
            os.replace(tmp, backup)
            fsync_folder(folder)
        except (sqlite3.Error, RekeyFailed, OSError):
            continue  # a damaged copy is left alone; the next change tries again
        sidecar = recovery.sidecar_of(path)
        if sidecar.is_file():
            from ..safe_write import saving

            with saving(recovery.sidecar_of(backup)) as out:
                out.write_bytes(sidecar.read_bytes())
        changed.append(backup)
    return changed
