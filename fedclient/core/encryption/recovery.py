"""The recovery code and the ``<file>.key`` file beside every encrypted file.

The code: 24 characters from 32 letters and digits that cannot be confused when read aloud or copied by hand
(no 0/O, 1/I), 120 random bits, printed in groups of four. The ``.key`` file is itself a small SQLCipher file
encrypted with the code (SQLCipher's own key derivation), holding the data file's key: so the code opens the
data file, or a backup, when the password is forgotten. The data file keeps the code inside (encrypted), so
the program writes a missing or outdated ``.key`` file again whenever the data is unlocked.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

from .. import sqlfile
from .keys import FileKey

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
LENGTH = 24
SIDECAR_SUFFIX = ".key"
CODE_META = "recovery_code"
SIDECAR_META = "recovery_key_file_sha256"


def new_code() -> str:
    import secrets  # with hmac and OpenSSL's libcrypto: loaded when a code is made, not by every start (issue 18)

    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalized(code: str) -> str:
    """What she typed, without spaces, dashes or full-width forms, in capitals."""
    text = unicodedata.normalize("NFKC", code).upper()
    return "".join(ch for ch in text if ch in ALPHABET)


def grouped(code: str) -> str:
    code = normalized(code)
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def sidecar_of(path: Path | str) -> Path:
    return Path(str(path) + SIDECAR_SUFFIX)


def _passphrase(code: str) -> str:
    return f"'{normalized(code)}'"  # only letters and digits: safe inside the pragma


def _write(target: Path, key: FileKey, code: str) -> None:
    conn = sqlfile.connect(target, key=None, cipher=True)
    try:
        conn.execute(f"PRAGMA key = {_passphrase(code)}")
        conn.execute("CREATE TABLE file_key(key BLOB NOT NULL, salt BLOB NOT NULL)")
        conn.execute("INSERT INTO file_key VALUES(?, ?)", (key.key, key.salt))
        conn.commit()
    finally:
        conn.close()


def read_sidecar(sidecar: Path, code: str) -> FileKey | None:
    """The key kept in ``sidecar``; None when the code does not open it (or it is damaged)."""
    if len(normalized(code)) != LENGTH or not sidecar.is_file():
        return None
    try:
        conn = sqlfile.connect(sidecar, key=None, cipher=True, readonly=True)
        try:
            conn.execute(f"PRAGMA key = {_passphrase(code)}")
            row = conn.execute("SELECT key, salt FROM file_key").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return FileKey(bytes(row[0]), bytes(row[1])) if row else None


def write_sidecar(path: Path, key: FileKey, code: str) -> str:
    """Write ``<path>.key`` (atomically, checked); returns its SHA-256 for the data file to remember."""
    from ..safe_write import Incomplete, saving

    sidecar = sidecar_of(path)

    def check(tmp: Path) -> None:
        if read_sidecar(tmp, code) != key:
            raise Incomplete("恢复密钥文件没有完整写入")

    with saving(sidecar, check) as tmp:
        tmp.unlink()
        _write(tmp, key, code)
    return file_sha256(sidecar)


def file_sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _meta(conn, name: str) -> str | None:
    row = conn.execute("SELECT value FROM app_meta WHERE key=?", (name,)).fetchone()
    return row[0] if row else None


def _set_meta(conn, name: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM app_meta WHERE key=?", (name,))
    else:
        conn.execute(
            "INSERT INTO app_meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (name, value),
        )


def stored_code(path: Path) -> str | None:
    conn = sqlfile.connect(path, readonly=True)
    try:
        return _meta(conn, CODE_META)
    finally:
        conn.close()


def store_code(path: Path, code: str | None) -> None:
    """Keep ``code`` inside the (encrypted) file, or forget it (None); the ``.key`` file is rewritten by
    ``ensure_sidecar``."""
    conn = sqlfile.connect(path)
    try:
        with conn:
            _set_meta(conn, CODE_META, normalized(code) if code else None)
            _set_meta(conn, SIDECAR_META, None)
    finally:
        conn.close()


def ensure_sidecar(path: Path, key: FileKey) -> bool:
    """Make sure ``<path>.key`` opens ``path`` with the code kept inside it; True when it was (re)written.
    Cheap when all is well: a hash of the file compared with the one the data file remembers."""
    sidecar = sidecar_of(path)
    conn = sqlfile.connect(path)
    try:
        code, known = _meta(conn, CODE_META), _meta(conn, SIDECAR_META)
        if code is None:
            return False
        if known is not None and sidecar.is_file() and file_sha256(sidecar) == known:
            return False
        digest = write_sidecar(path, key, code)
        with conn:
            _set_meta(conn, SIDECAR_META, digest)
        return True
    finally:
        conn.close()


def key_files_for(path: Path) -> list[Path]:
    """Where a ``.key`` file for ``path`` may be: beside it, then beside its backups (newest first; those
    made since the last password change hold the same key)."""
    from ..paths import backup_dir_for

    found = [sidecar_of(path)]
    folder = backup_dir_for(path)
    if folder.is_dir():
        found += sorted(
            folder.glob(f"*.sqlite{SIDECAR_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True
        )
    return [p for p in found if p.is_file()]


def unlock_with_code(path: Path, code: str) -> FileKey | None:
    """The key of ``path`` from the recovery code and a ``.key`` file that holds it; remembered. None when the
    code is wrong or no ``.key`` file for this file's key is left."""
    from .keys import header, remember
    from .unlock import opens

    salt = header(path)
    for sidecar in key_files_for(path):
        key = read_sidecar(sidecar, code)
        if key is not None and key.salt == salt and opens(path, key):
            remember(key)
            return key
    return None


def unlock_copy(
    copy: Path, password: str | None = None, code: str | None = None, data_file: Path | None = None
) -> bool:
    """Make an encrypted copy (a backup) readable in this process, if any way in works: a key already
    unlocked, ``password`` (the password when it was made), ``code`` with the copy's ``.key`` file, or the
    recovery code kept inside the unlocked ``data_file``. Wrong tries are not counted: a backup on a stick is
    not the data file. True when the copy can now be read (an ordinary file always can)."""
    from .keys import PasswordNeeded, header, is_encrypted, key_for, remember
    from .unlock import opens, try_password

    copy = Path(copy)
    if not is_encrypted(copy):
        return True
    try:
        key_for(copy)
        return True
    except PasswordNeeded:
        pass
    if password and try_password(copy, password) is not None:
        return True
    codes = [code] if code else []
    if data_file is not None:
        try:
            inside = stored_code(data_file)
        except (sqlite3.Error, PasswordNeeded):
            inside = None
        if inside:
            codes.append(inside)
    for candidate in codes:
        key = read_sidecar(sidecar_of(copy), candidate)
        if key is not None and key.salt == header(copy) and opens(copy, key):
            remember(key)
            return True
    return False
