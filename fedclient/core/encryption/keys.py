"""The key of an encrypted file: derived from the password and the file's salt, remembered for the process.

SQLCipher leaves a file's first 16 bytes (its salt) unencrypted; an ordinary SQLite file starts with
``SQLite format 3``. So the first bytes tell whether a file is encrypted and which key opens it: every copy
of one data file shares its salt and key, and one key derivation at unlock serves them all.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
SALT_BYTES = 16
PAGE_SIZE = (
    4096  # SQLCipher 4's default; an encrypted file is whole pages, anything else is no SQLCipher file
)
# scrypt with N=2^15, r=8, p=1 (32 MiB): ~0.15 s on a 2-core laptop, the bulk of the start-up cost of a password.
# Changing these needs a new file format: keys are never stored, only derived.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


class PasswordNeeded(Exception):
    """An encrypted file whose key this process does not know (no password given, or another password)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        super().__init__(f"数据文件 {self.path.name} 已加密（设置了开机密码），需要输入开机密码才能打开。")


@dataclass(frozen=True, repr=False)
class FileKey:
    key: bytes
    salt: bytes

    @property
    def pragma(self) -> str:
        """The value of ``PRAGMA key``: SQLCipher's raw key with its salt (no key derivation)."""
        return f"\"x'{self.key.hex()}{self.salt.hex()}'\""

    def __repr__(self) -> str:  # never print a key into a log
        return f"FileKey(salt={self.salt.hex()})"


def normalized(password: str) -> bytes:
    """The same password typed with another input method gives the same bytes (full-width forms, NFKC)."""
    return unicodedata.normalize("NFKC", password).encode("utf-8")


def derive(password: str, salt: bytes) -> FileKey:
    import hashlib  # OpenSSL's libcrypto: mapped when a password is first used, not by every start (issue 18)

    key = hashlib.scrypt(
        normalized(password), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 2**20, dklen=32
    )
    return FileKey(key, salt)


def new_key(password: str) -> FileKey:
    return derive(password, os.urandom(SALT_BYTES))


def header(path: Path | str) -> bytes | None:
    """A file's first 16 bytes; None when it is missing or shorter (a new database), b"" when it is neither
    SQLite nor SQLCipher (not whole pages)."""
    try:
        with open(path, "rb") as f:
            head = f.read(SALT_BYTES)
            size = f.seek(0, 2)
    except (FileNotFoundError, IsADirectoryError):
        return None
    if len(head) < SALT_BYTES:
        return None
    if head != SQLITE_MAGIC and size % PAGE_SIZE:
        return b""  # neither kind: SQLite itself says it is no database
    return head


def is_encrypted(path: Path | str) -> bool:
    head = header(path)
    return bool(head) and head != SQLITE_MAGIC


_known: dict[bytes, FileKey] = {}


def remember(key: FileKey) -> None:
    """Keep a checked key for this process: every file with its salt opens with it from now on."""
    _known[key.salt] = key


def key_for(path: Path | str) -> FileKey | None:
    """The key that opens ``path``: None for an ordinary (or new) SQLite file; ``PasswordNeeded`` when the
    file is encrypted with a key not unlocked in this process."""
    head = header(path)
    if not head or head == SQLITE_MAGIC:
        return None
    if head in _known:
        return _known[head]
    raise PasswordNeeded(Path(path))


def forget_all() -> None:
    """Forget every key of this process (tests; a new process starts like this)."""
    _known.clear()
