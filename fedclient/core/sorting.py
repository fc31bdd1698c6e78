"""A list's sort choice: the column the chair clicked and its direction, as ``(key, descending)``.

Every list offers its columns' keys in its domain's ``SORTS`` (key -> SQL expression, or a function of a row
for the few lists worked out whole in Python: 志愿积分, 年度履职考核, 述职评议). Both orders are the same:
- the chosen value ascending or descending, then the list's own order (which ends with the id), so rows with
  the same value keep the order the chair knows;
- empty values (NULL, '') come first ascending and last descending, as SQLite orders them (the roster too);
- names by their pinyin initials (``name_initials``, ``initials_index``), as the roster does.
A key the list does not offer (``NO_SORT``: no column chosen) gives the list's own order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

R = TypeVar("R")

Sort = tuple[str, bool]  # (the column's key in the list's SORTS, descending)
NO_SORT: Sort = ("", False)


def sort_order(sorts: Mapping[str, Any], sort: Sort, default: Sequence[Any]) -> list:
    """ORDER BY for ``sort``: the chosen column's expression, then ``default`` (the list's own order, ending
    with the id)."""
    key, descending = sort
    expr = sorts.get(key)
    if expr is None:
        return list(default)
    return [expr.desc() if descending else expr.asc(), *default]


def sorted_rows(rows: Iterable[R], sorts: Mapping[str, Callable[[R], Any]], sort: Sort) -> list[R]:
    """``rows`` (in the list's own order) in the order of ``sort``, as ``sort_order`` would give them in SQL."""
    rows = list(rows)
    value = sorts.get(sort[0])
    if value is None:
        return rows
    # Stable, in both directions: equal values keep the list's own order.
    return sorted(rows, key=lambda row: _as_sqlite_orders(value(row)), reverse=sort[1])


def _as_sqlite_orders(value: Any) -> tuple:
    return (0,) if value is None or value == "" else (1, value)
