"""Copying a database between an ordinary and an encrypted file, or between two keys.

SQLite's backup API copies between files of one kind (and SQLCipher's between two keys); from an ordinary file
into an encrypted one, or back, only SQLCipher's ``sqlcipher_export`` does it.
"""

from __future__ import annotations

from pathlib import Path

from .. import sqlfile
from .keys import FileKey


def _attach_key(key: FileKey | None) -> str:
    return key.pragma if key is not None else "''"


def copy_between(src: Path, src_key: FileKey | None, dest: Path, dest_key: FileKey | None) -> None:
    """Copy all of ``src`` into the new (or empty) file ``dest``, encrypted with ``dest_key`` (None: ordinary).
    The caller checks and syncs ``dest``; an existing ``dest`` with content is refused by SQLite."""
    if (src_key is None) == (dest_key is None):
        source = sqlfile.connect(src, key=src_key)
        try:
            target = sqlfile.connect(dest, key=dest_key)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        return
    conn = sqlfile.connect(src, key=src_key, cipher=True)
    try:
        conn.isolation_level = None
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("ATTACH DATABASE ? AS target KEY " + _attach_key(dest_key), (str(dest),))
        conn.execute("SELECT sqlcipher_export('target')")
        conn.execute(f"PRAGMA target.user_version = {int(version)}")
        conn.execute("DETACH DATABASE target")
    finally:
        conn.close()
