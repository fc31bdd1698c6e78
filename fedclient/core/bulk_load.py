"""Writing tens of thousands of rows in one transaction (an import): two things that cost seconds otherwise.

- ``indexes_set_aside``: a table's own indexes dropped before the rows go in and made again after, inside the
  same transaction, when the rows added are many beside those stored. Filling an index row by row costs a
  random B-tree insert per row and index (and, past SQLite's page cache, a read of the page); building it
  once after sorts. Measured for 50,000 members (7 indexes): into an empty table 1.2 → 0.95 s, beside 50,000
  stored 2.5 → 1.0 s; for a few rows beside many the rebuild would cost more, so they are left alone.
  Constraints' own indexes (UNIQUE) stay and keep checking every row. The indexes are made again however
  the block ends; an error rolls the whole transaction back anyway (DDL is transactional in SQLite), and
  other connections never see the table without them (WAL: they read the last commit).
- ``gc_paused``: Python's cyclic garbage collector off while the rows are read, checked and written: with a
  50,000-row sheet, its rows and their preview in memory, every full collection walks millions of objects
  that are not garbage (~0.8 s of an import). Turned back on when the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.orm import Session

from .progress import Progress, no_progress

SET_ASIDE_SHARE = 0.5  # indexes rebuilt when the rows added are at least half the rows stored


@contextmanager
def indexes_set_aside(
    session: Session, table: Table, adding: int, progress: Progress = no_progress, what: str = ""
) -> Iterator[None]:
    """``what``: the table in the chair's words, for the progress reports while its indexes are made."""
    connection = session.connection()
    stored = connection.execute(select(func.count()).select_from(table)).scalar() or 0
    indexes: list[tuple[str, str]] = []
    if adding and adding >= SET_ASIDE_SHARE * stored:
        indexes = connection.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL"
            ),
            {"t": table.name},
        ).all()
    if indexes and not connection.connection.dbapi_connection.in_transaction:
        # The driver begins a transaction only before INSERT/UPDATE/DELETE: a DROP INDEX first would be
        # committed at once, outside the transaction that a cancel rolls back.
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    quote = connection.dialect.identifier_preparer.quote
    for name, _sql in indexes:
        connection.exec_driver_sql(f"DROP INDEX {quote(name)}")
    try:
        yield
    except BaseException:
        try:
            _make(connection, indexes)
        except Exception:  # noqa: S110 - the transaction is rolled back with the first error
            pass
        raise
    _make(connection, indexes, progress, what)


def _make(connection: Connection, indexes: list, progress: Progress = no_progress, what: str = "") -> None:
    for i, (_name, sql) in enumerate(indexes):
        progress(i, len(indexes), f"正在整理{what}的索引（{i + 1} / {len(indexes)}）……")
        connection.exec_driver_sql(sql)


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
