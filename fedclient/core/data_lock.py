"""One lock per data file, taken by the window for its whole life and by every command that writes.

The lock is an advisory lock of the operating system on ``<data file>.lock`` (``flock`` on Linux/macOS,
``msvcrt.locking`` on Windows). The system drops it when the process ends in any way, even ``kill -9`` or a
crash, so there are no stale locks to clean up (a PID written in a file would be, and Wine reuses PIDs).
The lock file itself stays beside the data file and is never deleted (deleting it would let two programs
lock two different files of the same name).

The lock file also tells whether the last holder ended cleanly: while the lock is held it holds the
holder's process id and start time (flushed to the disk), and a clean release empties it. A holder that finds
it not empty (``ended_uncleanly``: killed, crashed, power lost, or damage seen while it ran) has the data file
checked before it is used (``open_database(check=True)``); an ordinary start reads only the schema revision.

Commands that only read (backup, export-month, print-*, case-pdf, consolidate, import-roster --dry-run) take
no lock: SQLite keeps what they read consistent, and the chair may run them while the window is open.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from . import db_faults

WAIT_SECONDS = 5.0
POLL_SECONDS = 0.1
WAITING = "数据文件正被村妇联工作台窗口或另一个命令使用，正在等待……"
BUSY = "数据文件正被村妇联工作台窗口或另一个命令使用。请先关闭村妇联工作台窗口（或等另一个命令结束）再运行此命令。"


class DataFileBusy(Exception):
    """Another program holds the data file's lock; the message is the Chinese sentence for the user."""

    def __init__(self, message: str = BUSY):
        super().__init__(message)


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path).resolve()
    return db_path.with_name(db_path.name + ".lock")


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # the first byte; locking past the end is allowed
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096)


def _write_marker(fd: int, content: bytes) -> None:
    os.ftruncate(fd, 0)
    if content:
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, content)
    os.fsync(fd)  # a power cut right after must still find the marker


class DataLock:
    """The exclusive lock of one data file. Each ``DataLock`` opens the lock file itself, so two of them
    exclude each other even inside one process."""

    def __init__(self, db_path: Path):
        self.path = lock_path(db_path)
        self.data_path = Path(db_path)
        self._fd: int | None = None
        self.ended_uncleanly = False  # the previous holder did not release the lock cleanly

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; ``False`` (at once) when another holder has it."""
        if self._fd is not None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:  # a read-only data folder, a full disk: said as what it means for the data
            raise db_faults.classify(self.data_path, exc) from exc
        if _try_lock(fd):
            self._fd = fd
            try:
                self.ended_uncleanly = _read_all(fd) != b""
                _write_marker(fd, f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')}\n".encode())
            except OSError:
                self.ended_uncleanly = True  # cannot tell: check the file rather than trust it
            return True
        os.close(fd)
        return False

    def acquire(
        self,
        wait: float | None = None,
        on_wait: Callable[[], None] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        """Take the lock, waiting up to ``wait`` seconds (``on_wait`` is called once when it has to wait);
        raises ``DataFileBusy`` if it stays taken."""
        wait = WAIT_SECONDS if wait is None else wait
        if self.try_acquire():
            return
        if on_wait is not None:
            on_wait()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            sleep(POLL_SECONDS)
            if self.try_acquire():
                return
        raise DataFileBusy()

    def release(self, clean: bool = True) -> None:
        """Free the lock; a clean release (nothing seen damaged meanwhile) empties the marker."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            if clean and not db_faults.damage_seen:
                try:
                    _write_marker(fd, b"")
                except OSError:
                    pass  # the next start checks the file: harmless
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> DataLock:
        self.acquire()
        return self

    def __exit__(self, *exc) -> None:
        self.release()
