"""Lists on a list of ids: the filter and sort run once in SQL and give the ordered ids of the whole list;
the rows on screen are then read by id, a page at a time (``rows_by_ids`` in each domain).

"Where does this record stand" is then a lookup in the id list, never another query, and a selection can be
kept by id across refreshes. 50,000 ids are ~0.4 MB in memory.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterable, Sequence
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import Select
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
    connection = session.connection()
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
    result = connection.exec_driver_sql(sql, parameters)
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
