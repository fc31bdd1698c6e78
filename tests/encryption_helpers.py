"""Shared by the encryption tests: an encrypted copy of the demo village, and what must never be readable."""

from __future__ import annotations

import shutil
from pathlib import Path

from fedclient.core.encryption import keys
from fedclient.core.encryption.recovery import new_code
from fedclient.core.encryption.rekey import set_password

PASSWORD = "桂花2026"
SQLITE_MAGIC = b"SQLite format 3\x00"


def secrets_of(path: Path) -> list[bytes]:
    """Names, ID numbers and party names the demo village holds (read before it is encrypted)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        values = [r[0] for r in conn.execute("SELECT name FROM members LIMIT 20")]
        values += [
            r[0] for r in conn.execute("SELECT id_number FROM members WHERE id_number IS NOT NULL LIMIT 20")
        ]
        values += [r[0] for r in conn.execute("SELECT name FROM case_parties LIMIT 20")]
        values += [r[0] for r in conn.execute("SELECT name FROM helped_people LIMIT 10")]
    finally:
        conn.close()
    assert len(values) > 40
    return [v.encode("utf-8") for v in values]


def encrypted_demo(demo_template: Path, path: Path) -> tuple[list[bytes], str]:
    """A copy of the demo village at ``path`` with the password set; its secrets and its recovery code."""
    shutil.copyfile(demo_template, path)
    found = secrets_of(path)
    code = new_code()
    set_password(path, PASSWORD, code)
    keys.forget_all()  # as a new process: nothing unlocked
    return found, code


def readable_in(path: Path, secrets: list[bytes]) -> list[bytes]:
    """Which secrets can be found in the bytes of ``path`` and of SQLite's files beside it."""
    data = b""
    for extra in ("", "-wal", "-journal"):
        file = Path(str(path) + extra)
        if file.exists():
            data += file.read_bytes()
    return [s for s in secrets if s in data]
