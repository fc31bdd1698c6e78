"""Why a data file cannot be opened or used, named by its real cause.

SQLite reports very different faults with the same few words: a completely full disk makes even a read-only
open fail with "disk I/O error" (SQLite cannot create the ``-shm`` file beside a WAL database), a read-only
folder gives "attempt to write a readonly database" or "unable to open database file", a damaged file
"database disk image is malformed". ``classify(path, exc)`` looks at the file and its folder to tell the user
what is really wrong: the disk is full, the file is not ours, it is damaged, another program holds it, or the
program may not write there. Every class is a ``DatabaseError`` whose message is the Chinese sentence.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from .safe_write import sqlite_full

SQLITE_HEADER = b"SQLite format 3\x00"
# Set when SQLite reported the data file damaged while the program ran: the data lock then stays marked, so
# the next start checks the file (``data_lock``).
damage_seen = False
INTEGRITY_FAILED = "完整性检查未通过"
LOW_SPACE = 1024 * 1024  # less than this free beside the file while SQLite fails: the disk is full


class DatabaseError(Exception):
    """A database file the program cannot use; the message is for the user, in Chinese."""


class DatabaseTooNew(DatabaseError):
    pass


class HalfMade(DatabaseError):
    """Our tables without a usable schema version: a creation or upgrade that was killed (older versions)."""


class NotOurs(DatabaseError):
    """Another program's file (or not a database at all); left untouched."""


class Damaged(DatabaseError):
    """The file is ours but SQLite finds it damaged; ``path`` and SQLite's own words in ``detail``."""

    def __init__(self, message: str, path: Path, detail: str = ""):
        super().__init__(message)
        self.path = Path(path)
        self.detail = detail


class DiskFull(DatabaseError):
    pass


class NoPermission(DatabaseError):
    pass


class InUse(DatabaseError):
    pass


def disk_full_sentence(path: Path) -> str:
    return (
        f"磁盘空间不足（{Path(path).parent} 所在的磁盘已满），无法打开或写入数据文件 {Path(path).name}。"
        "数据文件本身没有问题，也没有改动；请删除一些文件腾出空间后重试。"
    )


def is_damage(exc: BaseException) -> bool:
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def damaged(path: Path, detail: str) -> Damaged:
    """``detail``: SQLite's words; an integrity check's page list is kept on the exception (for the log), the
    sentence only says that the check failed."""
    global damage_seen
    damage_seen = True
    detail = "；".join(line.strip("* ") for line in str(detail).splitlines() if line.strip("* "))
    check = INTEGRITY_FAILED in detail
    summary = "SQLite 的完整性检查未通过" if check else f"SQLite 报告：{detail}"
    return Damaged(
        f"数据文件 {path} 已损坏（{summary}）。请不要删除它：可以从备份恢复，原文件会被改名保留。",
        path,
        detail,
    )


def not_ours(path: Path, why: str) -> NotOurs:
    return NotOurs(f"{path} 不是村妇联工作台的数据文件（{why}）。文件未作任何改动；请检查选择的文件。")


def _free(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _header(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read(len(SQLITE_HEADER))
    except OSError:
        return None


def _may_write(path: Path) -> bool:
    return read_only_reason(path) is None and (not path.exists() or os.access(path, os.R_OK))


def read_only_reason(path: Path) -> str | None:
    """Why this program may not write the data file at ``path`` (its "只读" attribute, an immutable file, a
    read-only folder or disk), in a few Chinese words; ``None`` when it may. (On Windows a folder's permissions
    are not seen here: SQLite's own refusal is worded when she saves.)"""
    path = Path(path)
    if path.exists() and not os.access(path, os.W_OK):
        return "数据文件是只读的"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "数据文件所在的文件夹是只读的（不允许写入）"
    return None


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
    return sqlite_full(exc)


def classify(path: Path, exc: BaseException) -> DatabaseError:
    """The ``DatabaseError`` that says what is really wrong when ``exc`` came from opening or using ``path``."""
    path = Path(path)
    exc = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    if isinstance(exc, DatabaseError):
        return exc
    text = str(exc)
    lowered = text.lower()
    free = _free(path.parent)
    if is_disk_full(exc) or (
        free is not None and free < LOW_SPACE and ("i/o error" in lowered or "unable to open" in lowered)
    ):
        return DiskFull(disk_full_sentence(path))
    if "locked" in lowered or "busy" in lowered:
        return InUse(f"数据文件 {path} 正被另一个程序使用（例如打开着的窗口或另一个命令），请稍后再试。")
    if (
        "readonly" in lowered
        or "read-only" in lowered
        or isinstance(exc, PermissionError)
        or not _may_write(path)
    ):
        return NoPermission(
            f"没有权限写入数据文件 {path}（文件或它所在的文件夹是只读的）。文件没有改动；"
            "请把它复制到可以写入的文件夹（如“文档”），或检查文件属性中的“只读”。"
        )
    foreign = path.exists() and path.stat().st_size > 0 and _header(path) not in (SQLITE_HEADER, None)
    if foreign and ("not a database" in lowered or "encrypted" in lowered):
        return not_ours(path, "不是 SQLite 数据库；如果它原本是数据文件，则已损坏")
    if is_damage(exc):
        return damaged(path, text)
    if not path.parent.is_dir():
        return DatabaseError(f"数据文件所在的文件夹不存在：{path.parent}")
    return DatabaseError(f"无法使用数据文件 {path}（SQLite 报告：{text}）。文件没有改动。")
