"""Recording a bulk insert (an import's thousands of new records) from the values inserted, without reading the
rows back or building ORM objects.

``insert_recorded`` inserts the rows with one ``executemany`` and writes their history rows at once, in the same
transaction, with another: the same log rows as the session events write (``recorder.log_rows``: the values
masked the same way, the same label, the session's source), only the keys the database gave are read back.
The generic path keeps every record's values until the commit and reads inserted rows back; for 50,000 rows
that costs seconds and hundreds of megabytes.

The rows are logged when inserted, so the path is for records nothing else in the same transaction changes
again (an import's new people): a later update of one of them would be logged as a second row instead of
being folded into its creation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, func, insert, literal_column, select
from sqlalchemy.orm import Session

from .recorder import _LOG, log_rows
from .tables import TableInfo, table_info

_ROWID = literal_column("rowid")
# Benchmarks switch it off to show what the history costs; the program never does.
record_bulk = True


def insert_recorded(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (column -> value, every row the same columns) into ``table`` and record each as created
    by the session's source."""
    if not rows:
        return
    connection = session.connection()
    info = table_info(table.name)
    if info is None or not record_bulk:
        execute_many(connection, table, rows)
        return
    last = connection.execute(select(func.max(_ROWID)).select_from(table)).scalar() or 0
    execute_many(connection, table, rows)
    given = rows[0].keys()
    defaults, read = _missing_columns(info, given)
    back = [c for c in info.keys if c not in given] + read
    stored = (
        connection.execute(select(*[table.c[c] for c in back]).where(last < _ROWID).order_by(_ROWID)).all()
        if back
        else []
    )
    if back and len(stored) != len(rows):  # not our rows alone (cannot happen in one write transaction)
        raise RuntimeError(f"bulk insert into {table.name}: {len(rows)} rows, {len(stored)} found")
    pending: dict[tuple[str, str], list] = {}
    for i, row in enumerate(rows):
        after = {c: row[c] for c in info.columns if c in given}
        after.update(defaults)
        if back:
            after.update(zip(back, stored[i], strict=True))
        after = {c: after[c] for c in info.columns}  # the columns' order, as a row read back has them
        pending[(info.name, info.key_of(after))] = [None, after]
    logged = log_rows(session, pending)
    if logged:
        execute_many(connection, _LOG, logged)


def execute_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """``connection.execute(insert(table), rows)``, with the values converted by each column's type once per
    column instead of SQLAlchemy's work per row and value (a third of an import's writing time)."""
    columns = list(rows[0].keys())
    compiled = insert(table).compile(dialect=connection.dialect, column_keys=columns)
    order = compiled.positiontup or []
    if sorted(order) != sorted(columns) or connection.dialect.paramstyle != "qmark":  # defaults to fill in
        connection.execute(insert(table), rows)
        return
    convert = [table.c[c].type.bind_processor(connection.dialect) for c in order]
    if any(convert):
        pairs = list(zip(order, convert, strict=True))
        values = [tuple(f(row[c]) if f else row[c] for c, f in pairs) for row in rows]
    else:
        values = [tuple(row[c] for c in order) for row in rows]
    connection.exec_driver_sql(str(compiled), values)


def _missing_columns(info: TableInfo, given: Any) -> tuple[dict[str, Any], list[str]]:
    """For the recorded columns the rows do not give: the value the database stores (a column's plain default,
    or NULL), or, for a default computed on insert, the column to read back."""
    constant: dict[str, Any] = {}
    read: list[str] = []
    for name in info.columns:
        if name in given or name in info.keys:
            continue
        column = info.table.c[name]
        if column.server_default is not None or (column.default is not None and not column.default.is_scalar):
            read.append(name)
        else:
            constant[name] = column.default.arg if column.default is not None else None
    return constant, read
