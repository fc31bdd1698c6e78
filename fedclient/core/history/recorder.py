"""Records every create, update and delete of the recorded tables, in the transaction that makes it.

Session events see every way the services write: objects flushed by the unit of work (``after_flush``,
``before_flush`` for what is deleted), ORM ``insert``/``update``/``delete`` statements (``do_orm_execute``),
and the rows the database deletes or nulls along with a deleted record (foreign keys' ``ON DELETE``). What a
transaction changed is gathered per record (first value before, last value after) and written once, just
before the commit: a record created and deleted again leaves nothing, a party deleted and added back with the
same values (a case's parties are saved by replacing them) leaves nothing either.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import event, func, insert, inspect, literal_column, select, tuple_
from sqlalchemy.orm import Session

from fedclient.core.models import ChangeLog

from .labels import record_label
from .masking import masked, masker
from .references import names_when_recorded, with_names
from .source import get_source
from .tables import TableInfo, table_info

_PENDING = "history_pending"
_LOG = ChangeLog.__table__


def _pending(session: Session) -> dict[tuple[str, str], list]:
    return session.info.setdefault(_PENDING, {})


def note(session: Session, info: TableInfo, before: dict | None, after: dict | None) -> None:
    """``before``/``after``: the record's column values (None: it did not exist)."""
    key = (info.name, info.key_of(after if after is not None else before))
    entry = _pending(session).get(key)
    if entry is None:
        _pending(session)[key] = [before, after]
    else:
        entry[1] = after


def _object_values(info: TableInfo, obj: Any, load: bool = False) -> dict:
    state = inspect(obj)
    values = {}
    for prop in state.mapper.column_attrs:
        name = prop.columns[0].name
        if name in info.columns:
            values[name] = getattr(obj, prop.key) if load else state.dict.get(prop.key)
    return values


def _rows(session: Session, info: TableInfo, where: Any) -> list[dict]:
    table = info.table
    query = select(*[table.c[c] for c in info.columns]).where(where)
    return [dict(row._mapping) for row in session.connection().execute(query)]


def _with_dependants(session: Session, info: TableInfo, rows: list[dict]) -> None:
    """Note ``rows`` as deleted, with the rows the database will delete or null along with them."""
    for row in rows:
        note(session, info, row, None)
    for child, column, ours in info.cascades:
        values = [r[ours] for r in rows if r.get(ours) is not None]
        if values:
            child_info = table_info(child.name)
            _with_dependants(session, child_info, _rows(session, child_info, child.c[column].in_(values)))
    for child, column, ours in info.nulls:
        values = [r[ours] for r in rows if r.get(ours) is not None]
        if values:
            child_info = table_info(child.name)
            for row in _rows(session, child_info, child.c[column].in_(values)):
                note(session, child_info, row, {**row, column: None})


# --- the unit of work -------------------------------------------------------------------------------------
@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    for obj in session.deleted:
        info = table_info(inspect(obj).mapper.local_table.name)
        if info is not None:
            _with_dependants(session, info, [_object_values(info, obj, load=True)])


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context: Any) -> None:
    for obj in session.new:
        info = table_info(inspect(obj).mapper.local_table.name)
        if info is not None:
            note(session, info, None, _object_values(info, obj))
    for obj in session.dirty:
        state = inspect(obj)
        info = table_info(state.mapper.local_table.name)
        if info is None or not session.is_modified(obj, include_collections=False):
            continue
        after = _object_values(info, obj)
        before = dict(after)
        for prop in state.mapper.column_attrs:
            history = state.attrs[prop.key].history
            if history.has_changes():
                before[prop.columns[0].name] = history.deleted[0] if history.deleted else None
        note(session, info, before, after)


# --- ORM insert / update / delete statements --------------------------------------------------------------
@event.listens_for(Session, "do_orm_execute")
def _statement(state: Any) -> Any:
    if not (state.is_insert or state.is_update or state.is_delete):
        return None
    info = table_info(state.statement.table.name)
    if info is None:
        return None
    session, statement = state.session, state.statement
    if state.is_insert:
        last = session.connection().execute(select(func.max(literal_column("rowid"))).select_from(info.table))
        last = last.scalar() or 0
        result = state.invoke_statement()
        for row in _rows(session, info, literal_column("rowid") > last):
            note(session, info, None, row)
        return result
    where = statement.whereclause if statement.whereclause is not None else True
    before = _rows(session, info, where)
    if state.is_delete:
        _with_dependants(session, info, before)
        return None
    result = state.invoke_statement()
    if before:
        keys = [info.table.c[k] for k in info.keys]
        wanted = [tuple(r[k] for k in info.keys) for r in before]
        after = {info.key_of(r): r for r in _rows(session, info, tuple_(*keys).in_(wanted))}
        for row in before:
            note(session, info, row, after.get(info.key_of(row)))
    return result


# --- writing, once per transaction ------------------------------------------------------------------------
@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.new or session.dirty or session.deleted:
        session.flush()
    pending = session.info.pop(_PENDING, None)
    if pending:
        rows = log_rows(session, pending)
        if rows:
            session.connection().execute(insert(_LOG), rows)


@event.listens_for(Session, "after_rollback")
@event.listens_for(Session, "after_commit")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)


def log_rows(session: Session, pending: dict[tuple[str, str], list]) -> list[dict]:
    source, at = get_source(session), datetime.now()
    _drop_replaced(pending)
    names = names_when_recorded(session, pending)
    rows = []
    for (table, key), (before, after) in pending.items():
        if before == after:
            continue
        info = table_info(table)
        values = after if after is not None else before
        one_key = len(info.keys) == 1  # a single id says nothing; both ids of a link do
        if before is None:
            action, changes = "create", _filled_values(table, after, info.keys if one_key else (), new=True)
        elif after is None:
            action, changes = "delete", _filled_values(table, before, info.keys if one_key else (), new=False)
        else:
            action = "update"
            changes = {
                c: [masked(table, c, before.get(c)), masked(table, c, v)]
                for c, v in after.items()
                if before.get(c) != v
            }
        owner_kind, owner_id = table, key
        if info.owner is not None and values.get(info.owner) is not None:
            owner_kind, owner_id = info.foreign[info.owner], str(values[info.owner])
        rows.append(
            {
                "at": at,
                "action": action,
                "record_kind": table,
                "record_id": key,
                "owner_kind": owner_kind,
                "owner_id": owner_id,
                "label": record_label(table, values, info.foreign, names),
                "changes": _JSON.encode(
                    with_names(table, changes, info.foreign, names) if names else changes
                ),
                "source_kind": source.kind,
                "source_detail": source.detail,
            }
        )
    return rows


def _drop_replaced(pending: dict[tuple[str, str], list]) -> None:
    """A row deleted and another added with the same values (bar its id) in one transaction: nothing changed."""
    deleted: dict[tuple, list[tuple[str, str]]] = {}
    for key, (before, after) in pending.items():
        if after is None and before is not None:
            deleted.setdefault(_signature(key[0], before), []).append(key)
    if not deleted:
        return
    for key, (before, after) in list(pending.items()):
        if before is None and after is not None:
            twins = deleted.get(_signature(key[0], after))
            if twins:
                pending.pop(twins.pop())
                pending.pop(key)


def _signature(table: str, values: dict) -> tuple:
    keys = table_info(table).keys
    return (table, *sorted((c, repr(v)) for c, v in values.items() if c not in keys or len(keys) > 1))


def _filled_values(table: str, values: dict, skip: Any, new: bool) -> dict[str, list]:
    found = {}
    for column, value in values.items():
        if column not in skip and _filled(value):
            mask = masker(table, column)  # ``masked``, inline: called for every value of a big import
            if mask is not None and isinstance(value, str):
                value = mask(value)
            found[column] = [None, value] if new else [value, None]
    return found


def _filled(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


_JSON = json.JSONEncoder(
    ensure_ascii=False, default=_plain
)  # json.dumps(…, ensure_ascii=False, default=_plain)
