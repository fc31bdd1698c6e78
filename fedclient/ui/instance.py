"""One window per database: a second start is told the program is already open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLockFile


def acquire_instance_lock(db_path: Path) -> QLockFile | None:
    """The held lock, or None when another running program already has this database open."""
    lock = QLockFile(str(Path(db_path).resolve()) + ".lock")
    lock.setStaleLockTime(0)  # a lock left by a crashed program is detected by its dead PID instead
    if lock.tryLock(200):
        return lock
    return None
