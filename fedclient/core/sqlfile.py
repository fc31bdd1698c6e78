"""Opening a SQLite file, ordinary or encrypted: the one place that calls ``sqlite3.connect``'s counterpart.

An ordinary file opens with Python's ``sqlite3`` exactly as before. An encrypted one opens with ``sqlcipher3``
(imported only then) and its raw key; the connection is wrapped so that its errors are ``sqlite3``'s own
classes: every ``except sqlite3.Error`` in the program (and SQLAlchemy's error translation, which uses the
``sqlite3`` module) works the same on both kinds of file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .encryption.keys import FileKey, key_for

AUTO: Any = object()  # the key: found from the file's first bytes (keys.key_for)


def connect(
    path: Path | str,
    *,
    key: FileKey | None = AUTO,
    readonly: bool = False,
    cipher: bool = False,
    check_same_thread: bool = True,
) -> Any:
    """A DB-API connection to ``path``. ``key``: AUTO (from the file), None (ordinary) or the key for a new
    file; ``cipher``: open an ordinary file with sqlcipher3 too (to copy it into an encrypted one)."""
    path = Path(path)
    if key is AUTO:
        key = key_for(path)
    target, uri = (f"{path.resolve().as_uri()}?mode=ro", True) if readonly else (str(path), False)
    if key is None and not cipher:
        return sqlite3.connect(target, uri=uri, check_same_thread=check_same_thread)
    from sqlcipher3 import dbapi2

    raw = dbapi2.connect(target, uri=uri, check_same_thread=check_same_thread)
    try:
        raw.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a line on stderr
        if key is not None:
            raw.execute(f"PRAGMA key = {key.pragma}")
    except BaseException:
        raw.close()
        raise
    return CipherConnection(raw)


def _translated(exc: BaseException) -> sqlite3.Error:
    cls = getattr(sqlite3, type(exc).__name__, sqlite3.Error)
    if not (isinstance(cls, type) and issubclass(cls, sqlite3.Error)):
        cls = sqlite3.Error
    new = cls(*exc.args)
    for attr in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(exc, attr):
            setattr(new, attr, getattr(exc, attr))
    return new


def _call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    from sqlcipher3 import dbapi2

    try:
        return fn(*args, **kwargs)
    except dbapi2.Error as exc:
        raise _translated(exc) from exc


class _Wrapped:
    """Forwards everything to the sqlcipher3 object, translating its errors into ``sqlite3``'s."""

    def __init__(self, raw: Any):
        object.__setattr__(self, "_raw", raw)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._raw, name)
        if callable(value):
            return lambda *args, **kwargs: _call(value, *args, **kwargs)
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._raw, name, value)


class CipherCursor(_Wrapped):
    def __init__(self, raw: Any, connection: CipherConnection):
        super().__init__(raw)
        object.__setattr__(self, "connection", connection)

    def execute(self, *args: Any) -> CipherCursor:
        _call(self._raw.execute, *args)
        return self

    def executemany(self, *args: Any) -> CipherCursor:
        _call(self._raw.executemany, *args)
        return self

    def executescript(self, *args: Any) -> CipherCursor:
        _call(self._raw.executescript, *args)
        return self

    def __iter__(self) -> Iterator[Any]:
        while True:
            row = _call(self._raw.fetchone)
            if row is None:
                return
            yield row


class CipherConnection(_Wrapped):
    def cursor(self, *args: Any) -> CipherCursor:
        return CipherCursor(_call(self._raw.cursor, *args), self)

    def execute(self, *args: Any) -> CipherCursor:
        return self.cursor().execute(*args)

    def executemany(self, *args: Any) -> CipherCursor:
        return self.cursor().executemany(*args)

    def executescript(self, *args: Any) -> CipherCursor:
        return self.cursor().executescript(*args)

    def backup(self, target: Any, **kwargs: Any) -> None:
        _call(self._raw.backup, getattr(target, "_raw", target), **kwargs)

    def __enter__(self) -> CipherConnection:
        _call(self._raw.__enter__)
        return self

    def __exit__(self, *exc: Any) -> Any:
        return _call(self._raw.__exit__, *exc)
