"""Clean up what killed runs of this program left behind, and nothing else (issue 13, defect 6).

Only files named the way ``safe_write.saving`` names its temporary files are ever removed, and only when
the process that wrote them is no longer running (its id is in the name; on Windows, where that cannot be
asked safely without extra libraries, when the file has not changed for an hour). Backups written by
earlier versions used ``<backup name>.part``: in the backup folder those exact names are removed too once
they are an hour old; openpyxl's streamed-sheet files live in ``scratch_dir`` under the same rule. Called at start (window and command line) for the data and backup folders, and by
``saving`` for the folder it writes into.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .safe_write import leftover_owner

STALE_SECONDS = 3600
# Earlier versions' backup copies: auto-20261130-023000.sqlite.part, pre-restore-….sqlite.part(-journal)
OLD_BACKUP_PART = re.compile(r"^(auto|pre-restore)-\d{8}-\d{6}\.sqlite\.part(-journal)?$")

# openpyxl and xlsxwriter stream big sheets through temporary files; they go to a folder of our own in the
# system's temp folder, named <prefix>.<process id>-<random> (xlsxwriter's: a folder of that name), so that a
# killed export's are recognised and removed.
SCRATCH_NAME = re.compile(r"^[a-z]+\.(\d+)-[a-z0-9_]{8}")

log = logging.getLogger(__name__)


def scratch_dir() -> Path:
    user = f"-{os.getuid()}" if hasattr(os, "getuid") else ""  # /tmp is shared between users on Linux
    return Path(tempfile.gettempdir()) / f"fedclient-scratch{user}"


def scratch_file(prefix: str, suffix: str = "") -> str:
    """A new empty temporary file for a library's own use, in ``scratch_dir`` when possible."""
    try:
        folder = scratch_dir()
        folder.mkdir(mode=0o700, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{prefix}{os.getpid()}-", suffix=suffix, dir=folder)
    except OSError:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix)
    os.close(fd)
    return name


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # exists but belongs to someone else
        return True
    return True


def _stale(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def abandoned(path: Path, scratch: bool = False) -> bool:
    """A temporary file of this program whose writer is gone."""
    match = SCRATCH_NAME.match(path.name) if scratch else None
    pid = int(match.group(1)) if match else leftover_owner(path)
    if pid is None:
        return False
    if os.name == "posix":
        return not _running(pid)
    return pid != os.getpid() and _stale(path)  # os.kill(pid, 0) would end the process on Windows


def remove_leftovers(folders: Iterable[Path], backups: bool = False, scratch: bool = False) -> list[Path]:
    """Delete this program's abandoned temporary files in ``folders`` (not their subfolders); with
    ``backups`` also earlier versions' ``.part`` backup copies. Returns what was deleted."""
    removed = []
    for folder in folders:
        try:
            entries = list(Path(folder).iterdir())
        except OSError:
            continue
        for path in entries:
            old_part = backups and OLD_BACKUP_PART.match(path.name) and _stale(path)
            if not (old_part or abandoned(path, scratch)):
                continue
            if scratch and path.is_dir():  # xlsxwriter's row files of a killed export: a folder of its own
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
                continue
            if not path.is_file():
                continue
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    if removed:
        log.info("已清理上次中断时留下的临时文件：%s", ", ".join(str(p) for p in removed))
    return removed


def clean_at_start(db_path: Path) -> list[Path]:
    from .paths import backup_dir_for

    db_path = Path(db_path)
    return (
        remove_leftovers([db_path.parent])
        + remove_leftovers([backup_dir_for(db_path)], backups=True)
        + remove_leftovers([scratch_dir()], scratch=True)
    )
