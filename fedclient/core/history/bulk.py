"""Recording a bulk insert (an import's thousands of new records) from the values inserted, without reading the
rows back or building ORM objects.

``insert_recorded`` inserts the rows and writes their history rows at once, in the same transaction: the same
log rows as the session events write (``recorder.log_rows``: the values masked the same way, the same label,
the same JSON text, the session's source). The keys are given with the rows, the ones SQLite would choose
(the largest stored + 1 …), so the history rows are made before the rows go in and nothing is read back
(a table whose key SQLite cannot be told, or whose columns the database fills, has its new rows read back).
The generic path keeps every record's values until the commit and reads inserted rows back; for 50,000 rows
that costs seconds and hundreds of megabytes. Values and log rows go to SQLite as tuples, converted column by
column (a date column converts each distinct date once), many rows per statement, the history's JSON built
from pieces made once per column (``encode.created_changes``). Inside ``bulk_load.written_behind`` the
statements run on its writer thread while the caller prepares the next chunk.

The rows are logged when inserted, so the path is for records nothing else in the same transaction changes
again (an import's new people): a later update of one of them would be logged as a second row instead of
being folded into its creation.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from itertools import chain, repeat
from typing import Any

from sqlalchemy import Connection, Integer, Table, func, insert, literal_column, select
from sqlalchemy.orm import Session

from ..bulk_load import writing
from .encode import created_changes, each_distinct_once
from .labels import record_labels
from .masking import masked_reference
from .recorder import _LOG
from .references import names_key, read_names
from .source import get_source
from .tables import TableInfo, table_info

_ROWID = literal_column("rowid")
_LOG_COLUMNS = (
    "at",
    "action",
    "record_kind",
    "record_id",
    "owner_kind",
    "owner_id",
    "label",
    "changes",
    "source_kind",
    "source_detail",
)
# Rows per INSERT statement at most (each statement's program is kept by the driver). Inside ``written_behind``
# each statement costs the writer thread a wait for Python's lock after SQLite's step (up to the interpreter's
# switch interval while the caller's thread works), so a statement takes as many rows as SQLite's parameters
# allow: 1,424 members (23 columns) or 3,276 history rows (10 columns) with SQLite 3.32 or later.
STATEMENT_ROWS = 4000
# Benchmarks switch it off to show what the history costs; the program never does.
record_bulk = True


def insert_recorded(
    session: Session, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (each a sequence of values in the order of ``columns``) into ``table`` and record each
    as created by the session's source. Inside ``bulk_load.written_behind`` the statements run on its writer
    thread while the caller goes on (this returns once the previous call's statements are done)."""
    if not rows:
        return
    connection = session.connection()
    writer = writing(session)
    info = table_info(table.name)
    if not _scalar_defaults(table, columns):  # SQLAlchemy computes them, on this thread
        writer.wait()
    if info is None or not record_bulk:
        writer.run(connection, insert_statements(connection, table, columns, rows))
        return
    defaults, read = _missing_columns(info, columns)
    if _numbered_here(info, columns, read) and _scalar_defaults(table, columns):
        # The keys SQLite would give (above the largest stored and, with AUTOINCREMENT, above the largest
        # ever given: one writer in the transaction), given here, so that the history rows are made before
        # the rows are in. A key given above ``sqlite_sequence`` moves it on by itself.
        first = writer.next_key.get(table.name)
        if first is None:
            writer.wait()
            first = _next_key(connection, table)
        keys = list(range(first, first + len(rows)))
        writer.next_key[table.name] = first + len(rows)
        key = info.keys[0]
        values = list(zip(*rows, strict=True))  # column by column, in C
        given = dict(zip(columns, values, strict=True))
        given[key] = keys
        recorded = [given[c] if c in given else [defaults[c]] * len(rows) for c in info.columns]
        numbered = list(zip(keys, *values, strict=True))
        if info.foreign:  # the names referred to are read (``_referred_names``): nothing may run beside
            writer.wait()
        statements = insert_statements(connection, table, (key, *columns), numbered)
        statements += insert_statements(connection, _LOG, _LOG_COLUMNS, _log_rows(session, info, recorded))
        writer.run(connection, statements)
        return
    writer.wait()  # rows read back: nothing may run beside
    writer.next_key.pop(table.name, None)
    last = connection.execute(select(func.max(_ROWID)).select_from(table)).scalar() or 0
    execute_many(connection, table, columns, rows)
    back = [c for c in info.keys if c not in columns] + read
    stored = connection.execute(
        select(*[table.c[c] for c in back]).where(last < _ROWID).order_by(_ROWID)
    ).all()
    if len(stored) != len(rows):  # not our rows alone (cannot happen in one write transaction)
        raise RuntimeError(f"bulk insert into {table.name}: {len(rows)} rows, {len(stored)} found")
    # Every row's recorded columns, in the table's order (as a row read back has them).
    given = {c: i for i, c in enumerate(columns)}
    recorded = [_column_values(c, given, rows, defaults, back, stored) for c in info.columns]
    execute_many(connection, _LOG, _LOG_COLUMNS, _log_rows(session, info, recorded))


def _numbered_here(info: TableInfo, columns: Sequence[str], read: list[str]) -> bool:
    """Whether the new rows' keys can be given here: one integer key (SQLite's rowid) that the rows leave
    out, nothing else computed by the database."""
    table = info.table
    if len(info.keys) != 1 or info.keys[0] in columns or read:
        return False
    key = table.c[info.keys[0]]
    return key.type._type_affinity is Integer and key.default is None and key.server_default is None


def _next_key(connection: Connection, table: Table) -> int:
    """The key SQLite would give the next row: above the largest stored, and for an AUTOINCREMENT table
    (every table the history names by id: revision 0008) above the largest it ever gave, so that a deleted
    record's id never comes back."""
    last = connection.execute(select(func.max(_ROWID)).select_from(table)).scalar() or 0
    if table.dialect_options["sqlite"].get("autoincrement"):
        given = connection.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = ?", (table.name,)
        ).scalar()
        last = max(last, given or 0)
    return last + 1


def _column_values(
    name: str, given: dict[str, int], rows: Sequence[Sequence[Any]], defaults: dict, back: list, stored: list
) -> list[Any]:
    if name in given:
        i = given[name]
        return [row[i] for row in rows]
    if name in defaults:
        return [defaults[name]] * len(rows)
    i = back.index(name)
    return [row[i] for row in stored]


def _log_rows(session: Session, info: TableInfo, recorded: list[list[Any]]) -> list[tuple]:
    """The log rows ``recorder.log_rows`` writes for these records created (``recorded[i]``: column
    ``info.columns[i]`` of every record)."""
    source, at = get_source(session), datetime.now()
    table, columns = str(info.name), info.columns  # a plain str: SQLite binds a subclass slowly
    skip = info.keys if len(info.keys) == 1 else ()  # a single id says nothing; both ids of a link do
    named, names = _referred_names(session, info, recorded)
    changes = created_changes(
        table, [*columns, *named], [*recorded, *_named_values(info, named, recorded, names)], skip
    )
    keys = [recorded[columns.index(k)] for k in info.keys]
    ids = (
        [str(k) for k in keys[0]]
        if len(keys) == 1
        else [":".join(map(str, k)) for k in zip(*keys, strict=True)]
    )
    owners = [table] * len(ids), ids
    if info.owner is not None:
        kind = info.foreign[info.owner]
        owned = recorded[columns.index(info.owner)]
        owners = (
            [table if o is None else kind for o in owned],
            [i if o is None else str(o) for i, o in zip(ids, owned, strict=True)],
        )
    labels = record_labels(table, columns, recorded, info.foreign, names)
    if not len(ids) == len(labels) == len(changes):
        raise RuntimeError(
            f"bulk history of {table}: {len(ids)} ids, {len(labels)} labels, {len(changes)} texts"
        )
    same = repeat(at), repeat("create"), repeat(table)
    return list(
        zip(*same, ids, *owners, labels, changes, repeat(source.kind), repeat(source.detail), strict=False)
    )


def _referred_names(session: Session, info: TableInfo, recorded: list[list[Any]]) -> tuple[list[str], dict]:
    """The names the events keep beside foreign keys (``references.with_names``): one query per referred kind,
    none for a table without foreign keys (an import's members)."""
    if not info.foreign:
        return [], {}
    wanted = {
        (referred, value)
        for column, referred in info.foreign.items()
        for value in set(recorded[info.columns.index(column)])
        if value is not None
    }
    names = read_names(session, wanted)
    named = [names_key(c) for c in info.columns if c in info.foreign]
    return named, names


def _named_values(info: TableInfo, named: list[str], recorded: list[list[Any]], names: dict) -> list[list]:
    found = []
    for key in named:
        column = key[1:]
        referred = info.foreign[column]
        values = recorded[info.columns.index(column)]
        found.append([masked_reference(info.name, column, names.get((referred, str(v)))) for v in values])
    return found


def _scalar_defaults(table: Table, columns: Sequence[str]) -> bool:
    return all(c.default is None or c.default.is_scalar for c in table.columns if c.name not in columns)


def insert_statements(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[tuple[str, tuple]]:
    """``INSERT INTO table (columns) VALUES (?, …), (?, …) …`` for every row, each statement as many rows as
    SQLite takes parameters (one step of SQLite without Python's lock: ``written_behind`` overlaps it), run
    through SQLAlchemy's connection (its events see the write); the values converted by each column's type
    column by column instead of SQLAlchemy's work per row and value. Columns left out get their model's
    default, as an ORM insert gives them (one computed in Python per row: SQLAlchemy's insert, at once)."""
    defaults = [c for c in table.columns if c.name not in columns and c.default is not None]
    if not _scalar_defaults(table, columns):
        connection.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])
        return []
    if defaults:
        columns = [*columns, *(c.name for c in defaults)]
        constant = tuple(c.default.arg for c in defaults)
        rows = [(*row, *constant) for row in rows]
    dialect = connection.dialect
    convert = {
        i: f
        for i, name in enumerate(columns)
        if (f := table.c[name].type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    if convert:
        values = list(zip(*rows, strict=True))
        for i, f in convert.items():
            values[i] = _bound(values[i], f)
        rows = list(zip(*values, strict=True))
    quote = dialect.identifier_preparer.quote
    head = f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) VALUES "
    one = f"({', '.join('?' * len(columns))})"
    step = max(1, min(STATEMENT_ROWS, _parameter_limit(dialect) // len(columns)))
    return [
        (head + ", ".join([one] * len(part)), tuple(chain.from_iterable(part)))
        for part in (rows[start : start + step] for start in range(0, len(rows), step))
    ]


def _bound(values: Sequence[Any], convert: Callable[[Any], Any]) -> Sequence[Any]:
    """``convert`` (a column type's bind processor) of each value, each distinct value once; a column of dates
    (birth dates are mostly distinct) by ``date.isoformat`` in C when the type writes a date so (SQLite's DATE,
    YYYY-MM-DD: tried on two dates, so a DATETIME or another format keeps its own conversion)."""
    if set(map(type, values)) == {date} and _writes_iso_dates(convert):
        return list(map(date.isoformat, values))
    return each_distinct_once(values, convert)


def _writes_iso_dates(convert: Callable[[Any], Any]) -> bool:
    try:
        return convert(date(1, 2, 3)) == "0001-02-03" and convert(date(2026, 11, 30)) == "2026-11-30"
    except Exception:  # a type that takes no date
        return False


def execute_many(
    connection: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """``insert_statements`` run at once."""
    for sql, parameters in insert_statements(connection, table, columns, rows):
        connection.exec_driver_sql(sql, parameters)


def _parameter_limit(dialect: Any) -> int:
    """SQLITE_MAX_VARIABLE_NUMBER: 32766 since SQLite 3.32, 999 before."""
    version = getattr(dialect.dbapi, "sqlite_version_info", (3, 0, 0))
    return 32766 if version >= (3, 32) else 999


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
