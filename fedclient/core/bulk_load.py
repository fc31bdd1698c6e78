"""Writing tens of thousands of rows in one transaction (an import): two things that cost seconds otherwise.

- ``indexes_set_aside``: a table's own indexes dropped before the rows go in and made again after, inside the
  same transaction, when the rows added are many beside those stored. Filling an index row by row costs a
  random B-tree insert per row and index (and, past SQLite's page cache, a read of the page); building it
  once after sorts. Measured for 50,000 members (7 indexes): into an empty table 1.2 → 0.95 s, beside 50,000
  stored 2.5 → 1.0 s; for a few rows beside many the rebuild would cost more, so they are left alone.
  Constraints' own indexes (UNIQUE) stay and keep checking every row. The indexes are made again however
  the block ends; an error rolls the whole transaction back anyway (DDL is transactional in SQLite), and
  other connections never see the table without them (WAL: they read the last commit).
- ``written_behind``: the statements of a chunk (``history.bulk.insert_recorded``: the rows and their history
  rows, each statement many rows at once) run on a writer thread while the caller prepares the next chunk.
  sqlite3 lets go of Python's lock while SQLite steps a statement, so the two share the machine's cores;
  one statement per many rows keeps the writer from waiting for the lock row by row. One connection, one
  transaction, used by one thread at a time: the caller waits for the previous chunk before handing over the
  next, and for the last before the block ends (an error in the writer is raised in the caller then, and a
  cancel or an error in the caller waits for the writer before the transaction is rolled back).
  While the block runs the interpreter's switch interval is 0.5 ms instead of 5 ms (``shorter_switches``,
  process-wide, given back when the last such block ends): after each SQLite step the writer needs Python's
  lock back, and the caller's thread, busy preparing the next chunk, would keep it up to a whole interval
  (0.2-0.4 s of a 50,000-row import's writing). The window's own thread gets the lock sooner too (its
  repaints and 取消 answer sooner while an import writes). On Windows CPython waits for the lock in whole
  milliseconds: 0.5 ms rounds to 0 there, the waiting thread asks for the lock at once (not measured).
- ``gc_paused`` (``gc_pause``): Python's cyclic garbage collector off while the rows are read, checked and
  written, the window's own collector waiting too.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Table, func, select, text
from sqlalchemy.orm import Session

from .gc_pause import gc_paused as gc_paused  # where the importers take it from
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


class Writer:
    """Runs the statements handed to ``run`` on a helper thread (inside ``written_behind``) or at once."""

    def __init__(self, behind: bool = False):
        self.behind = behind
        self.next_key: dict[str, int] = {}  # table -> the key its next new row gets (``insert_recorded``)
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    def run(self, connection: Connection, statements: Sequence[tuple[str, Any]]) -> None:
        self.wait()
        if not self.behind:
            _execute(connection, statements)
            return

        def work() -> None:
            try:
                _execute(connection, statements)
            except BaseException as exc:  # raised in the caller's thread by ``wait``
                self._error = exc

        self._thread = threading.Thread(target=work, name="fedclient-write", daemon=True)
        self._thread.start()

    def wait(self) -> None:
        """Until the statements handed over are done; their error, if any, raised here."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error


def _execute(connection: Connection, statements: Sequence[tuple[str, Any]]) -> None:
    for sql, parameters in statements:
        connection.exec_driver_sql(sql, parameters)


_WRITER = "bulk_writer"


def writing(session: Session) -> Writer:
    """The writer of the ``written_behind`` block the session is in, else one that writes at once."""
    return session.info.get(_WRITER) or Writer()


@contextmanager
def written_behind(session: Session) -> Iterator[None]:
    writer = session.info[_WRITER] = Writer(behind=True)
    with shorter_switches():
        try:
            yield
        except BaseException:
            try:
                writer.wait()
            except Exception:  # noqa: S110 - the caller's own error is the one raised; all is rolled back
                pass
            raise
        finally:
            session.info.pop(_WRITER, None)
        writer.wait()


# Seconds a thread may keep Python's lock while another waits for it, while writing behind (5 ms by default).
SWITCH_INTERVAL = 0.0005


class _Switches:
    """The process's switch interval, shortened while any ``shorter_switches`` block runs (in any thread) and
    given back as it was when the last one ends; a shorter interval set by someone else is kept."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.before = 0.0
        self.changed = False

    @contextmanager
    def shorter(self) -> Iterator[None]:
        with self.lock:
            if not self.running:
                self.before = sys.getswitchinterval()
                self.changed = self.before > SWITCH_INTERVAL
                if self.changed:
                    sys.setswitchinterval(SWITCH_INTERVAL)
            self.running += 1
        try:
            yield
        finally:
            with self.lock:
                self.running -= 1
                if not self.running and self.changed:
                    sys.setswitchinterval(self.before)


shorter_switches = _Switches().shorter
