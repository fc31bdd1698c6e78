"""Lists on a list of ids: the filter and sort run once in SQL and give the ordered ids of the whole list;
the rows on screen are then read by id, a page at a time (``rows_by_ids`` in each domain).

"Where does this record stand" is then a lookup in the id list, never another query, and a selection can be
kept by id across refreshes. 50,000 ids are ~0.4 MB in memory.
"""

from __future__ import annotations

import contextlib
import os
import threading
from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from concurrent.futures import Future
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import ColumnElement, UnaryExpression

R = TypeVar("R")

# SQLite allows 32,766 bound parameters; a screen needs a few hundred rows.
IDS_PER_QUERY = 900
IDS_PER_FETCH = 4096


def fetch_ids(session: Session, query: Select) -> array:
    """The ids a filtered, sorted ``select(X.id)…`` gives, in its order, as machine integers read a few thousand
    at a time: 50,000 ids as rows, then Python ints, would take ~5 MB at once on the worker, memory the program
    keeps after the read (issue 18)."""
    result = session.connection().execute(query)
    try:
        ids = array("q")
        while rows := result.cursor.fetchmany(IDS_PER_FETCH):
            ids.extend(map(itemgetter(0), rows))
        return ids
    finally:
        result.close()


def fetch_rows(session: Session, query: Select) -> list[tuple]:
    """The plain rows of ``query``, read from the driver's cursor: making a result row of each would take
    longer than SQLite's own work for 50,000 ids."""
    result = session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def prepared_rows(
    session: Session, shape: Hashable, build: Callable[[], Select], **values: Any
) -> list[tuple]:
    """The plain rows of the statement ``build()`` makes, run with ``values`` for its named bind parameters
    (``bindparam("name")``; a list for ``bindparam("ids", expanding=True)``).

    A search runs a list's statements after every pause in the typing. Building the statement, SQLAlchemy's
    cache key of it, its execution context and its result rows cost ~1-1.5 ms a statement beside SQLite's own
    work; here the statement is built and compiled for SQLite once per ``shape`` (the key saying which
    conditions and order it has: the same shape must build the same SQL) and then sent as its SQL text through
    ``exec_driver_sql`` (engine events see it as any other statement). Values come back as SQLAlchemy would
    give them (dates as dates, booleans as booleans), after the session's pending changes are flushed as
    ``session.execute`` would."""
    if session.autoflush:
        session.flush()
    return _run(session.connection(), shape, build, values)


def _run(connection: Connection, shape: Hashable, build: Callable[[], Select], values: dict) -> list[tuple]:
    return _fetched(*_started(connection, shape, build, values))


def _started(connection: Connection, shape: Hashable, build: Callable[[], Select], values: dict) -> tuple:
    """The statement executed up to its first row (for a sorted search: SQLite's whole scan and sort, done
    without Python's lock), and how its values are converted."""
    entry = _compiled.get(shape)
    if entry is None:
        statement = build()
        dialect = connection.dialect
        processors = [
            (i, processor)
            for i, column in enumerate(statement.selected_columns)
            if (processor := column.type.dialect_impl(dialect).result_processor(dialect, None)) is not None
        ]
        entry = _compiled[shape] = (statement.compile(dialect=dialect), processors, {})
    compiled, processors, by_length = entry
    ids = next(iter(values.values())) if len(values) == 1 else None
    if isinstance(ids, list) and compiled.positiontup == list(values):
        # Rows by id: the list is the statement's only parameter, and its SQL is kept for each length.
        sql = by_length.get(len(ids))
        if sql is None:
            sql = by_length[len(ids)] = compiled.construct_expanded_state(values).statement
        parameters = tuple(ids)
    else:
        state = compiled.construct_expanded_state(values)  # an expanding list rendered for its length
        sql, parameters = state.statement, state.positional_parameters
    return connection.exec_driver_sql(sql, parameters), processors


def _fetched(result: Any, processors: list[tuple[int, Callable[[Any], Any]]]) -> list[tuple]:
    try:
        rows = result.cursor.fetchall()
    finally:
        result.close()
    if processors:
        rows = [_processed(row, processors) for row in rows]
    return rows


def prepared_ids(session: Session, shape: Hashable, build: Callable[[], Select], **values: Any) -> list[int]:
    """``fetch_ids`` through ``prepared_rows``."""
    return list(map(itemgetter(0), prepared_rows(session, shape, build, **values)))


def scanned_in_halves(
    session: Session,
    shape: Hashable,
    build: Callable[[], Select],
    table_id: ColumnElement,
    order: Callable[[tuple], Any],
    descending: bool = False,
    in_half: Callable[[Callable[[ColumnElement], ColumnElement], bool], Select] | None = None,
    **values: Any,
) -> list[tuple]:
    """``prepared_rows`` of a search that tests every row of its table, run as two halves of the table (by id)
    on two connections at once: SQLite works without Python's lock, so with two cores the search takes a little
    more than half as long. ``build()`` must order by some values and then the id ascending (or by values no two
    rows share); it selects the id first and then what ``order(row)`` gives those values from, as SQLite
    compares them (``sqlite_order`` where one can be NULL). Each half is sorted by SQLite; the two are merged by
    ``order`` (``descending`` when the statement sorts by it descending), equal values keeping the lower half
    first, as the id would order them.

    ``in_half(keep, lower)``, for a search that finds its rows through the rows of another table (a subquery of
    the ids found there): ``table_id`` is then that table's id, the one split in two, and ``in_half`` gives the
    statement of one half, with ``keep(table_id)`` the condition keeping to it and ``lower`` true for the lower
    half (where the tests of the list's own table go). A row can then be found by both halves: the merge keeps
    it once, where it first comes.

    The halves scale only if SQLite sorts what it found (``unindexed``), so that the whole scan runs before the
    first row comes back: the lower half's rows are read after the upper half's (two threads reading rows at
    once hand Python's lock back and forth for every row), so a statement walking an index in list order, whose
    scan happens while its rows are read, would run its halves one after the other. And only if the statement
    allocates nothing per row tested: SQLite counts every allocation under one lock shared by all connections,
    so a per-row ``' ' || column`` has the halves wait on each other (slower than one statement).

    Each half reads in its own snapshot: a write committed between the two starts shows in one half only, as if
    that half had been read a moment later; every row of the split table is in exactly one half (its id never
    changes), so nothing is left out. Read in one go instead: a small table, a session that has written (the
    other connection would not see it), and on one core (measured on two busy cores too: the halves then wait for
    each other's core and gain nothing). A half that fails (an interrupted read: the chair typed on) interrupts
    the other and fails the whole; an interrupt of the session's read reaches the upper half's connection too,
    where the reader asked for it (``ALSO_INTERRUPTED``)."""
    if session.autoflush:
        session.flush()
    connection = session.connection()
    ((low, high),) = _run(connection, ("halves", table_id), lambda: _bounds(table_id), {})
    if (
        low is None
        or high - low < 2 * MIN_HALF
        or connection.connection.dbapi_connection.in_transaction
        or _cores() < 2
    ):
        return _run(connection, shape, build, values)
    values["split"] = (low + high) // 2
    overlapping = in_half is not None
    if in_half is None:

        def in_half(keep: Callable[[ColumnElement], ColumnElement], _lower: bool) -> Select:
            return build().where(keep(table_id))

    engine = connection.engine
    other: list[Connection] = []

    def upper() -> list[tuple]:
        with engine.connect() as upper_connection, _interrupted_with(session, upper_connection):
            other.append(upper_connection)
            return _run(upper_connection, (shape, ">"), lambda: in_half(_above_split, False), values)

    future: Future[list[tuple]] = Future()
    thread = threading.Thread(target=_settle, args=(future, upper), name="fedclient-read-half")
    thread.start()
    started = None
    try:
        started = _started(connection, (shape, "<="), lambda: in_half(_up_to_split, True), values)
        # The upper half's rows are read while this thread waits: two threads reading rows at once would hand
        # Python's lock back and forth for every row (5,000 rows: ~10 ms lost).
        upper_rows = future.result()
    except BaseException:
        if started is not None:
            started[0].close()
        elif other:
            other[0].connection.dbapi_connection.interrupt()
        with contextlib.suppress(Exception):
            future.result()
        raise
    finally:
        thread.join()  # nothing of a read outlives it (the runner's shutdown waits for its own threads only)
    rows = _fetched(*started)
    rows += upper_rows
    rows.sort(key=order, reverse=descending)  # two sorted runs: one pass of merging
    if overlapping:
        seen: set = set()
        rows = [row for row in rows if row[0] not in seen and not seen.add(row[0])]
    return rows


# ``session.info[ALSO_INTERRUPTED](dbapi_connection)``, where whoever may interrupt the session's read (the window's
# operation runner, when the chair types on) put it: the read's other connections are interrupted with it. It
# returns what forgets the connection again, or raises if the read was cancelled already.
ALSO_INTERRUPTED = "fedclient.also_interrupted"


@contextlib.contextmanager
def _interrupted_with(session: Session, connection: Connection):
    """While the upper half runs, an interrupt of the session's read stops its statement too (without this it ran
    on to its end when the interrupt came while the lower half waited for it)."""
    register = session.info.get(ALSO_INTERRUPTED)
    forget = register(connection.connection.dbapi_connection) if register is not None else None
    try:
        yield
    finally:
        if forget is not None:
            forget()


def _up_to_split(ids: ColumnElement) -> ColumnElement:
    return ids <= bindparam("split")


def _above_split(ids: ColumnElement) -> ColumnElement:
    return ids > bindparam("split")


def _bounds(table_id: ColumnElement) -> Select:
    # Two subqueries: SQLite reads a lone min() or max() of the key from the ends of the table; both in one
    # SELECT, it reads the whole table.
    return select(select(func.min(table_id)).scalar_subquery(), select(func.max(table_id)).scalar_subquery())


def _cores() -> int:
    """The processor cores this program may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def sqlite_order(value: Any) -> tuple:
    """A value as SQLite orders it among the others of its column: NULL before anything else."""
    return (0,) if value is None else (1, value)


MIN_HALF = (
    2000  # ids: a table of fewer than twice as many is read in one go (a second connection costs ~0.2 ms)
)


def _settle(future: Future, work: Callable[[], Any]) -> None:
    try:
        future.set_result(work())
    except BaseException as error:  # handed to the thread that waits for it
        future.set_exception(error)


# Statements compiled by ``prepared_rows``, by shape: a few dozen at most (filters x sorts of a few lists).
_compiled: dict[Hashable, tuple[Any, list[tuple[int, Callable[[Any], Any]]], dict[int, str]]] = {}


def _processed(row: tuple, processors: list[tuple[int, Callable[[Any], Any]]]) -> tuple:
    values = list(row)
    for i, processor in processors:
        values[i] = processor(values[i])
    return tuple(values)


def unindexed(expr: ColumnElement) -> ColumnElement:
    """``+expr``: the same value, but SQLite will not walk an index to give this order. For a search, which reads
    every row anyway, sorting the rows found beats walking the whole list in index order, row by row."""
    return UnaryExpression(expr, operator=operators.custom_op("+"))


def rows_in_order(
    ids: Sequence[int], read: Callable[[list[int]], Iterable[R]], key: Callable[[R], int] = lambda r: r.id
) -> list[R]:
    """``read(some_ids)`` in chunks, then the rows put in the order of ``ids`` (ids no longer found are left
    out: a record deleted since the ids were read)."""
    ids = list(ids)
    found: dict[int, R] = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        for row in read(ids[start : start + IDS_PER_QUERY]):
            found[key(row)] = row
    return [found[i] for i in ids if i in found]
