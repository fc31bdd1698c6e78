"""Unlocking an encrypted file with the password, and the growing delay after wrong passwords.

Each wrong password in a row makes the next try wait longer (from the third: 2 s, 4 s, 8 s … at most 60 s),
counted per data file across the window and the command line; one right password resets it. Never a lock-out:
the wait is all that grows.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from .. import sqlfile
from .keys import FileKey, derive, header, is_encrypted, remember

FREE_TRIES = 2
MAX_WAIT = 60.0


class WrongPassword(Exception):
    def __init__(self, failures: int):
        self.failures = failures
        super().__init__("开机密码不对，请重新输入（注意大小写和输入法）。")


def opens(path: Path, key: FileKey) -> bool:
    """Whether ``key`` opens ``path`` (SQLCipher checks every page's HMAC: a wrong key reads nothing)."""
    try:
        conn = sqlfile.connect(path, key=key, readonly=True)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
        return True
    except sqlite3.DatabaseError:
        return False


def try_password(path: Path | str, password: str) -> FileKey | None:
    """The key ``password`` gives for the encrypted file ``path``, remembered for this process; None if it
    does not open it. Records nothing (see ``unlock``)."""
    path = Path(path)
    head = header(path)
    if not is_encrypted(path) or head is None:
        raise ValueError(f"{path} is not encrypted")
    key = derive(password, head)
    if not opens(path, key):
        return None
    remember(key)
    return key


def unlock(path: Path | str, password: str) -> FileKey:
    """Unlock ``path`` with ``password`` or raise ``WrongPassword`` (and count it). The caller waits
    ``wait_before(path)`` seconds first."""
    key = try_password(path, password)
    if key is None:
        raise WrongPassword(record_failure(path))
    clear_failures(path)
    _repair_key_file(Path(path), key)
    return key


def _repair_key_file(path: Path, key: FileKey) -> None:
    """A missing or outdated ``.key`` file is written again from the code kept inside (nothing is lost while the
    password is known); a file that cannot say (damaged, not ours) is left to the start-up checks."""
    from .recovery import ensure_sidecar

    try:
        ensure_sidecar(path, key)
    except (sqlite3.Error, OSError):
        pass


def _attempts_file() -> Path:
    from ..paths import data_dir

    return data_dir() / "unlock-attempts.json"


def _load() -> dict[str, dict[str, float]]:
    try:
        return json.loads(_attempts_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _save(data: dict[str, dict[str, float]]) -> None:
    file = _attempts_file()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_suffix(".tmp")
        tmp.write_text(json.dumps(data), encoding="utf-8")
        tmp.replace(file)
    except OSError:
        pass  # a read-only profile: the delay then holds only within this run


def _entry(path: Path | str) -> str:
    return str(Path(path).resolve())


def delay_after(failures: int) -> float:
    return 0.0 if failures <= FREE_TRIES else min(MAX_WAIT, 2.0 ** (failures - FREE_TRIES))


def failures(path: Path | str) -> int:
    return int(_load().get(_entry(path), {}).get("failures", 0))


def record_failure(path: Path | str) -> int:
    data = _load()
    entry = data.setdefault(_entry(path), {"failures": 0, "last": 0.0})
    entry["failures"] = int(entry["failures"]) + 1
    entry["last"] = time.time()
    _save(data)
    return int(entry["failures"])


def clear_failures(path: Path | str) -> None:
    data = _load()
    if data.pop(_entry(path), None) is not None:
        _save(data)


def wait_before(path: Path | str) -> float:
    """Seconds to wait before the next try may be checked (0 when it may go ahead now)."""
    entry = _load().get(_entry(path))
    if not entry:
        return 0.0
    remaining = float(entry["last"]) + delay_after(int(entry["failures"])) - time.time()
    return max(0.0, remaining)


def check_password(path: Path | str, password: str) -> bool:
    """Whether ``password`` is the password of the unlocked file ``path`` (the lock screen, changing the
    password); wrong ones count towards the wait like at start."""
    import hmac

    from .keys import key_for

    key = key_for(path)
    if key is None:
        return False
    right = hmac.compare_digest(derive(password, key.salt).key, key.key)
    if right:
        clear_failures(path)
    else:
        record_failure(path)
    return right
