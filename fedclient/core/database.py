"""Engine and sessions for the local SQLite file.

Every connection gets foreign keys, WAL and synchronous=FULL in a ``connect`` event: the pragmas are silent
no-ops once a transaction is open, so they cannot be set later.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from fedclient.core.history import recorder  # noqa: F401 - registers the session events that keep the history

from . import sqlfile
from .encryption.keys import FileKey, is_encrypted, key_for

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")


def apply_pragmas(dbapi_conn: sqlite3.Connection, foreign_keys: bool = True) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(path: Path | str, foreign_keys: bool = True, track_changes: bool = True) -> Engine:
    """An engine on ``path``; an encrypted file opens with the key unlocked for it (``PasswordNeeded`` if none)."""
    path = Path(path)
    key = key_for(path)
    if key is None:
        engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    else:
        engine = create_engine(
            f"sqlite:///{path}", creator=lambda: sqlfile.connect(path, key=key, check_same_thread=False)
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # pysqlite opens transactions implicitly; pragmas must run outside one.
        level = dbapi_conn.isolation_level
        dbapi_conn.isolation_level = None
        apply_pragmas(dbapi_conn, foreign_keys)
        dbapi_conn.isolation_level = level

    if track_changes:
        _track_changes(engine)
    return engine


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _track_changes(engine: Engine) -> None:
    """Count write transactions in ``app_meta.data_version``, inside the transaction that writes.

    A backup records the count it saw, so "changed since the last backup" needs no clock.
    """

    @event.listens_for(engine, "after_cursor_execute")
    def _after(conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if conn.info.get("changed") or "app_meta" in statement:
            return
        if statement.lstrip()[:7].upper().startswith(_WRITES):
            conn.info["changed"] = True
            # A fresh cursor: the statement's own cursor may still hold RETURNING rows.
            cursor.connection.cursor().execute(
                "INSERT INTO app_meta(key, value) VALUES('data_version', '1') "
                "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
            )

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _reset(conn: Any) -> None:
        conn.info.pop("changed", None)


class Database:
    """A database file opened (and migrated) for use. Sessions are short: one per unit of work."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.notice: str | None = None  # set when opening repaired the file: tell the user (Chinese)
        self.engine = make_engine(self.path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back entirely on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call ``fn(session, *args)`` in its own transaction and return its result."""
        with self.session() as session:
            return fn(session, *args, **kwargs)

    @property
    def encrypted(self) -> bool:
        return is_encrypted(self.path)

    @property
    def key(self) -> FileKey | None:
        return key_for(self.path)

    def dispose(self) -> None:
        self.engine.dispose()

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT value FROM app_meta WHERE key=:k"), {"k": key}).scalar()

    def set_meta(self, key: str, value: str) -> None:
        with self.engine.begin() as conn:
            set_meta(conn, key, value)


def set_meta(conn: Any, key: str, value: str) -> None:
    conn.execute(
        text("INSERT INTO app_meta(key, value) VALUES(:k, :v) ON CONFLICT(key) DO UPDATE SET value=:v"),
        {"k": key, "v": value},
    )


def now_iso() -> str:
    return datetime.now().isoformat(timespec="microseconds")
