"""Engine and sessions for the local SQLite file.

Every connection gets foreign keys, WAL and synchronous=FULL in a ``connect`` event: the pragmas are silent
no-ops once a transaction is open, so they cannot be set later.

SQLAlchemy (and the models, through the history recorder) is imported when a ``Database``'s engine is first
needed, not when the file is opened: the window shows before that, and reads ``app_meta`` (backups) with
plain ``sqlite3``.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import sqlfile
from .encryption.keys import FileKey, is_encrypted, key_for

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

BUSY_TIMEOUT_MS = 10_000
T = TypeVar("T")


def apply_pragmas(dbapi_conn: sqlite3.Connection, foreign_keys: bool = True) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.close()


def load_engine_modules() -> None:
    """Import what the first engine needs: SQLAlchemy, its ORM and the models (through the history recorder, which
    registers the session events that keep the history). About half a second of a village laptop's CPU, paid once
    per process; ``ui.opening`` does it while the chair already waits for the day's first backup."""
    import sqlalchemy.orm  # noqa: F401

    from fedclient.core.history import recorder  # noqa: F401


def make_engine(
    path: Path | str,
    foreign_keys: bool = True,
    track_changes: bool = True,
    page_cache_kib: Callable[[], int | None] = lambda: None,
) -> Engine:
    """An engine on ``path``; an encrypted file opens with the key unlocked for it (``PasswordNeeded`` if none).
    ``page_cache_kib()``, asked as each connection opens: the most memory SQLite may keep of the file's pages
    for that connection (None: SQLite's default, 2,000 KiB)."""
    load_engine_modules()
    from sqlalchemy import create_engine, event

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
        if (kib := page_cache_kib()) is not None:
            dbapi_conn.execute(f"PRAGMA cache_size=-{int(kib)}")
        dbapi_conn.isolation_level = level

    if track_changes:
        _track_changes(engine)
    return engine


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def _track_changes(engine: Engine) -> None:
    """Count write transactions in ``app_meta.data_version``, inside the transaction that writes.

    A backup records the count it saw, so "changed since the last backup" needs no clock.
    """
    from sqlalchemy import event

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
        self.page_cache_kib: int | None = None  # KiB of pages per connection (``limit_page_cache``)
        key_for(self.path)  # an encrypted file not unlocked refuses here (PasswordNeeded), as it always did
        self._engine: Engine | None = None
        self._sessions: Any = None
        self._making = threading.Lock()  # the GUI thread and a worker may ask for the engine at once

    @property
    def engine(self) -> Engine:
        """Made (and SQLAlchemy imported) on first use."""
        if self._engine is None:
            with self._making:
                if self._engine is None:
                    from sqlalchemy.orm import sessionmaker

                    engine = make_engine(self.path, page_cache_kib=lambda: self.page_cache_kib)
                    self._sessions = sessionmaker(engine, expire_on_commit=False)
                    self._engine = engine
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back entirely on any exception."""
        self.engine  # noqa: B018 - makes the engine and its session factory on first use
        with self._sessions() as session, session.begin():
            yield session

    def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Call ``fn(session, *args)`` in its own transaction and return its result."""
        with self.session() as session:
            return fn(session, *args, **kwargs)

    def limit_page_cache(self, kib: int) -> None:
        """Each connection keeps at most ``kib`` KiB of the file's pages; connections already open and idle in the
        pool are closed (the next use opens one with the limit)."""
        self.page_cache_kib = kib
        if self._engine is not None:
            self._engine.pool.dispose()

    @property
    def encrypted(self) -> bool:
        return is_encrypted(self.path)

    @property
    def key(self) -> FileKey | None:
        return key_for(self.path)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

    @contextmanager
    def _plain(self) -> Iterator[sqlite3.Connection]:
        """A short ``sqlite3`` connection with the engine's pragmas (no SQLAlchemy needed): ``app_meta``, the title."""
        conn = sqlfile.connect(self.path)
        try:
            apply_pragmas(conn)  # outside any transaction: sqlite3 opens one only before a write
            with conn:  # committed when the block ends
                yield conn
        finally:
            conn.close()

    def read_row(self, sql: str, params: dict[str, Any] | None = None) -> tuple | None:
        """The first row of ``sql`` (or None), read with ``sqlite3``: no SQLAlchemy, no engine."""
        with self._plain() as conn:
            return conn.execute(sql, params or {}).fetchone()

    def meta(self, key: str) -> str | None:
        row = self.read_row("SELECT value FROM app_meta WHERE key=:k", {"k": key})
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.set_metas({key: value})

    def set_metas(self, values: dict[str, str]) -> None:
        """Several ``app_meta`` values in one transaction."""
        with self._plain() as conn:
            for key, value in values.items():
                conn.execute(SET_META_SQL, {"k": key, "v": value})


# Named parameters: the same statement runs through sqlite3 and through SQLAlchemy's ``text``.
SET_META_SQL = "INSERT INTO app_meta(key, value) VALUES(:k, :v) ON CONFLICT(key) DO UPDATE SET value=:v"


def set_meta(conn: Any, key: str, value: str) -> None:
    """The same, inside a SQLAlchemy connection's transaction."""
    from sqlalchemy import text

    conn.execute(text(SET_META_SQL), {"k": key, "v": value})


def now_iso() -> str:
    return datetime.now().isoformat(timespec="microseconds")
