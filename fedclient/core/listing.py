"""Lists on a list of ids: the filter and sort run once in SQL and give the ordered ids of the whole list;
the rows on screen are then read by id, a page at a time (``rows_by_ids`` in each domain).

"Where does this record stand" is then a lookup in the id list, never another query, and a selection can be
kept by id across refreshes. 50,000 ids are ~0.4 MB in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import itemgetter
from typing import TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.expression import ColumnElement, UnaryExpression

R = TypeVar("R")

# SQLite allows 32,766 bound parameters; a screen needs a few hundred rows.
IDS_PER_QUERY = 900


def fetch_ids(session: Session, query: Select) -> list[int]:
    """The ids a filtered, sorted ``select(X.id)…`` gives, in its order."""
    return list(map(itemgetter(0), fetch_rows(session, query)))


def fetch_rows(session: Session, query: Select) -> list[tuple]:
    """The plain rows of ``query``, read from the driver's cursor: making a result row of each would take
    longer than SQLite's own work for 50,000 ids."""
    result = session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


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
