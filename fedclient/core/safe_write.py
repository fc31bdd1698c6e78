"""Every file the program writes (PDF, workbook, backup, refused rows) is saved the same way, here.

``saving(target, check)`` gives the writer a temporary file in the destination folder (made when missing). When the writer is
done the file is checked (not empty, and ``check`` for its kind: a PDF ends with ``%%EOF``, a workbook is a
complete zip with its parts, a backup is a SQLite file), flushed to the disk (``fsync`` of the file, then of
the folder on POSIX) and only then renamed over the target. On any failure the temporary file is deleted,
an existing file at the target is left exactly as it was, and one ``SaveFailed`` is raised whose Chinese
message names the cause ("磁盘空间不足", "没有写入权限", ...). Nothing is ever reported as saved that is not
complete on the disk.

Temporary files are named ``.<target name>.<random>.fedclient-part`` so that leftovers of a killed run can
be recognised (``is_own_leftover``) and removed without touching anything the program did not write.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_SUFFIX = ".fedclient-part"
# .<target>.<process id>-<mkstemp's 8 random [a-z0-9_]>.fedclient-part, SQLite's -journal/-wal/-shm beside
# a backup; the process id tells the clean-up whether the writer may still be running.
LEFTOVER = re.compile(r"^\..+\.(\d+)-[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"(-journal|-wal|-shm)?$")
LOW_SPACE = 1024 * 1024  # an incomplete file with less than this free beside it: the disk filled up
WINDOWS_LOCKED = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

Check = Callable[[Path], None]


class SaveFailed(OSError):
    """A file could not be saved; the message (Chinese) names the file and the cause."""

    def __init__(self, message: str, path: Path | None = None, cause: str = ""):
        super().__init__(message)
        self.message = message
        self.path = path
        self.cause = cause or message  # the reason alone ("磁盘空间不足，…"), for messages that name the file

    def __str__(self) -> str:
        return self.message


class Incomplete(Exception):
    """A check found the written file incomplete or unreadable (message: why, in Chinese)."""


def cause_of(exc: OSError, path: Path) -> str:
    """Why writing ``path`` failed, in Chinese (the system's own text is English on many machines)."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘空间不足，请删除一些文件或换一个位置（如另一个磁盘或U盘）后重试"
    if getattr(exc, "winerror", None) in WINDOWS_LOCKED:
        return "文件被其他程序占用（如 Excel、WPS 或 PDF 阅读器），请关闭后重试"
    if isinstance(exc, PermissionError) or code in (errno.EACCES, errno.EPERM):
        if sys.platform == "win32" and path.exists():
            return (
                "没有写入权限，或文件被其他程序占用（如 Excel、WPS 或 PDF 阅读器），请关闭后重试或换一个位置"
            )
        return "没有写入权限，请换一个位置保存"
    if code == errno.EROFS:
        return "这个位置是只读的（没有写入权限），请换一个位置保存"
    if isinstance(exc, FileNotFoundError) or not path.parent.is_dir():
        return f"文件夹不存在，也无法新建：{path.parent}（在U盘上的话，请检查U盘是否插好），请换一个位置保存"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，请输入文件名"
    return f"系统报告：{exc.strerror or exc}"


def failed(exc: OSError, path: Path) -> SaveFailed:
    cause = cause_of(exc, path)
    return SaveFailed(f"未能保存 {path.name}：{cause}。", path, cause)


def _free_space(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _incomplete(reason: str, path: Path) -> SaveFailed:
    free = _free_space(path.parent)
    if free is not None and free < LOW_SPACE:
        return failed(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)), path)
    return SaveFailed(
        f"未能保存 {path.name}：{reason}，原来的文件没有改动。", path, f"{reason}，原来的文件没有改动"
    )


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:  # Windows flushes only through a handle opened for writing
        os.fsync(f.fileno())


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles for this)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some file systems cannot sync a folder; the file itself is on the disk
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def temp_path_for(target: Path) -> Path:
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}-", suffix=TEMP_SUFFIX, dir=target.parent
    )
    os.close(fd)
    return Path(name)


def _remove(path: Path) -> None:
    for extra in ("", "-journal", "-wal", "-shm"):
        file = Path(str(path) + extra)
        try:
            file.unlink(missing_ok=True)
        except OSError:  # Windows: a writer that failed may still hold it open until collected
            gc.collect()
            try:
                file.unlink(missing_ok=True)
            except OSError:
                pass  # left for the clean-up at the next start (is_own_leftover)


@contextmanager
def saving(target: Path | str, check: Check | None = None) -> Iterator[Path]:
    """``with saving(out, check_pdf) as tmp: write(tmp)`` — see the module text."""
    target = Path(target)
    from .leftovers import remove_leftovers  # what killed runs left in this folder, before adding to it

    remove_leftovers([target.parent])
    if target.is_dir():
        raise SaveFailed(f"未能保存：{target} 是一个文件夹，请输入文件名。", target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # a folder named on the command line is made
        tmp = temp_path_for(target)
    except OSError as exc:  # a drive that is gone, a read-only disk: said here, in Chinese
        raise failed(exc, target) from exc
    try:
        yield tmp
        if tmp.stat().st_size == 0:
            raise Incomplete("写出的文件是空的")
        if check is not None:
            check(tmp)
        fsync_file(tmp)
        os.replace(tmp, target)
    except Incomplete as exc:
        raise _incomplete(str(exc), target) from exc
    except SaveFailed:
        raise
    except OSError as exc:
        raise failed(exc, target) from exc
    finally:
        _remove(tmp)
    try:
        fsync_folder(target.parent)
    except OSError as exc:
        raise failed(exc, target) from exc


def sqlite_full(exc: BaseException) -> bool:
    """SQLite's own "database or disk is full" (SQLITE_FULL), which is not an OSError."""
    code = getattr(exc, "sqlite_errorcode", None)
    return isinstance(exc, sqlite3.Error) and (
        (code is not None and code & 0xFF == 13) or "is full" in str(exc)
    )


def check_pdf(path: Path) -> None:
    """A PDF is complete when it starts with ``%PDF-`` and ends with its cross-reference and ``%%EOF``."""
    with open(path, "rb") as f:
        head = f.read(5)
        f.seek(max(0, path.stat().st_size - 2048))
        tail = f.read()
    if head != b"%PDF-" or b"startxref" not in tail or not tail.rstrip().endswith(b"%%EOF"):
        raise Incomplete("PDF 没有完整写入")


XLSX_PARTS = ("[Content_Types].xml", "xl/workbook.xml")


def check_xlsx(path: Path) -> None:
    """A workbook is complete when it opens as a zip whose members are intact and include its main parts."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if any(part not in names for part in XLSX_PARTS) or zf.testzip() is not None:
                raise Incomplete("Excel 文件没有完整写入")
    except (zipfile.BadZipFile, EOFError) as exc:
        raise Incomplete("Excel 文件没有完整写入") from exc


def check_sqlite(path: Path) -> None:
    """A database copy is complete when SQLite opens it read-only (with its key, when encrypted) and finds
    it intact."""
    from . import sqlfile
    from .encryption.keys import PasswordNeeded, header

    if header(path) in (None, b"", b"\x00" * 16):
        raise Incomplete("备份文件没有完整写入")
    try:
        con = sqlfile.connect(path, readonly=True)
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except (sqlite3.Error, PasswordNeeded) as exc:
        raise Incomplete("备份文件没有完整写入") from exc
    if not ok:
        raise Incomplete("备份文件没有完整写入")


def leftover_owner(path: Path) -> int | None:
    """The process id in the name of a temporary file of ``saving``; None for any other file."""
    match = LEFTOVER.match(path.name)
    return int(match.group(1)) if match else None


def is_own_leftover(path: Path) -> bool:
    """A temporary file of ``saving`` (and nothing else)."""
    return leftover_owner(path) is not None
