"""Shared pieces of the paged lists: where one record stands in a filtered, sorted list, asked of SQL.

Selecting a record from a reminder or a link must not page through a county's 50,000 rows on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def row_position(
    session: Session,
    id_column: Any,
    order_by: Sequence[Any],
    where: Sequence[Any],
    record_id: int,
    outer_joins: Sequence[tuple[Any, Any]] = (),
) -> int:
    """0-based row of ``record_id`` in the list ``SELECT … WHERE where ORDER BY order_by``; -1 when filtered out."""
    number = func.row_number().over(order_by=list(order_by)).label("position")
    query = select(id_column.label("record_id"), number)
    for target, on in outer_joins:
        query = query.outerjoin(target, on)
    inner = query.where(*where).subquery()
    found = session.scalar(select(inner.c.position).where(inner.c.record_id == record_id))
    return found - 1 if found else -1
