"""What the user is told when something fails, and the log file where the details go (no Qt here: the
command line uses this directly, the window through ``ui.errors``).

``explain(exc)`` gives one Chinese sentence for the failures the program knows (a file that could not be
saved, a database that another program is using, a full disk, a damaged data file) or ``None`` for an
unexpected one; ``unexpected(log_path)`` is the sentence for the rest. No Python traceback is ever shown:
it goes to the log file.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from collections.abc import Callable, Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import db_faults
from .data_lock import DataFileBusy
from .encryption.keys import PasswordNeeded
from .paths import log_dir
from .safe_write import SaveFailed, sqlite_full

LOG_NAME = "fedclient.log"
LOCKED = "数据文件正被另一个程序使用（例如打开着的窗口或另一个命令），请稍后再试。"
DISK_FULL = "磁盘空间不足，操作没有完成，已保存的数据没有改动。请删除一些文件后重试。"
DAMAGED = (
    "数据文件已损坏（SQLite 报告：{detail}），操作没有完成。请关闭程序后重新打开："
    "程序会检查数据文件，并提供用最近一份完好的备份恢复（损坏的文件会保留，不会删除）。"
)
READ_ONLY = (
    "没有权限写入数据文件（文件或它所在的文件夹是只读的），这次没有保存任何内容，已保存的数据没有改动。"
    "请去掉数据文件属性中的“只读”，或请管理员给它所在的文件夹写入权限，然后重试。"
)
DUPLICATE = (
    "要保存的内容与另一个窗口或命令刚保存的内容重复（同一条记录不能保存两次），这次没有保存任何内容。"
    "请刷新后核对，再重试。"
)

log = logging.getLogger("fedclient")
_log_path: Path | None = None  # where this process logs, once ``setup_logging`` ran


def setup_logging(folder: Path | None = None) -> Path:
    """Log to ``fedclient.log`` (rotating) in the user's log folder; returns its path. Called once per
    process; calling it again for the same file adds no second handler."""
    global _log_path
    folder = Path(folder) if folder else log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    _log_path = path
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (SQLAlchemy's ``orig``) and what caused it."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        yield item
        todo += [getattr(item, "orig", None), item.__cause__, item.__context__]


def explain(exc: BaseException) -> str | None:
    """One Chinese sentence for a failure the program knows, else ``None``."""
    from .db_faults import DatabaseError

    for item in _chain(exc):
        if isinstance(item, SaveFailed | DataFileBusy | PasswordNeeded):
            return str(item)
        if isinstance(item, sqlite3.OperationalError) and "locked" in str(item):
            return LOCKED
        if isinstance(item, sqlite3.OperationalError) and "readonly" in str(item):
            return READ_ONLY
        if sqlite_full(item) or (isinstance(item, OSError) and item.errno in (errno.ENOSPC, errno.EDQUOT)):
            return DISK_FULL
        if isinstance(item, DatabaseError):
            return str(item)
        if isinstance(item, sqlite3.DatabaseError) and db_faults.is_damage(item):
            db_faults.damage_seen = True  # the data lock stays marked: the next start checks the file
            return DAMAGED.format(detail=item)
        if isinstance(item, sqlite3.IntegrityError) and "UNIQUE" in str(item):
            return DUPLICATE
    return None


def note_after_saving(write: Callable[[], None], what: str) -> str | None:
    """Write a note about a file that is already complete on the disk (when a month was exported, when
    the last backup was made). A data file that cannot take it just now (read-only, another program
    writing, a full disk) costs only the note: the file is not reported as failed, the reason comes back
    (one Chinese sentence) for the message. Anything else is raised."""
    try:
        write()
    except Exception as exc:  # noqa: BLE001 - only the failures the program knows are kept back
        known = explain(exc)
        if known is None:
            raise
        log.warning("%s 没有记下：%s", what, known, exc_info=(type(exc), exc, exc.__traceback__))
        return SHORT.get(known, known)
    return None


SHORT = {  # the reason alone, for a note that follows "saved"
    LOCKED: "数据文件正被另一个程序使用",
    READ_ONLY: "数据文件是只读的（没有写入权限）",
    DISK_FULL: "数据文件所在的磁盘空间不足",
}


def log_path() -> Path | None:
    """The log file of this process, or ``None`` before logging was set up."""
    return _log_path


def unexpected(log_path: Path | None) -> str:
    where = f"详细情况已写入日志文件：{log_path}" if log_path else "详细情况没能写入日志文件"
    return f"程序遇到了一个意外错误，操作没有完成（已保存的数据不受影响）。{where}，请把它发给技术支持人员。"


def log_failure(exc: BaseException, what: str) -> None:
    log.error("%s 失败", what, exc_info=(type(exc), exc, exc.__traceback__))


def quiet_unraisable() -> None:
    """Errors Python can only report while cleaning up (a file closed on a full disk, ...) go to the log,
    never as a traceback on the console."""

    def hook(unraisable) -> None:
        exc = unraisable.exc_value
        if exc is not None:
            log.warning(
                "清理时出错（已忽略）：%s",
                unraisable.err_msg or "",
                exc_info=(type(exc), exc, exc.__traceback__),
            )

    sys.unraisablehook = hook
    logging.raiseExceptions = False  # a log that cannot be written (full disk) must not print a traceback
    logging.lastResort = None  # nor a warning logged before (or without) a log file: Python prints those
