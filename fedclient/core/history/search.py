"""Finding history rows by what the chair reads in them, in SQL: the record's name and the values as stored (a
code by its label: 调解值班), the kind of record (成员, 调解案件), the action (删除), the source (导入 花名册.xlsx);
and, in rows recorded before the names of the records a change points at were kept beside their ids
(``references``), those records named the way the page names them: 李红 finds the duty shifts recorded as
"成员#5" while she is member 5.

The records whose name holds the text are found first, one query per kind of record pointed at (a LIKE on the
columns the name is made of, then the name made as the page makes it, masked the same way); their ids go to
SQLite as one JSON array each, so the history is still read in one pass however many they are. A history with
no such older rows (every row recorded by this version) skips all of it. Field names (电话：) are not searched:
every row of a kind would match them."""

from __future__ import annotations

import json

from sqlalchemy import Date, String, and_, cast, func, literal, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from fedclient.core.listing import fetch_rows
from fedclient.core.models import ChangeLog

from .labels import ACTIONS, CODED_COLUMNS, DATE_COLUMNS, KINDS, NAMING_COLUMNS, kind_name
from .masking import masked_reference
from .references import LABEL_COLUMNS, names_key, record_name
from .source import KINDS as SOURCES
from .tables import TableInfo, all_tables, table_info

# In the JSON of every row recorded with names beside the ids (after a value: ``], "@member_id": [``).
NAMES_KEPT = '], "' + names_key("")
_OWN_NAME_SQL = {  # how ``references.OWN_NAMES`` name a record, as SQL (a superset: checked after)
    "grids": lambda t: cast(t.c.number, String) + "号网格 " + t.c.name,
    "mediation_cases": lambda t: "案件 " + t.c.number,
}


def text_condition(session: Session, text: str) -> ColumnElement[bool]:
    c = ChangeLog
    pattern = like_pattern(text)
    found = [c.label.like(pattern), c.changes.like(pattern), c.source_detail.like(pattern)]
    for column, names in ((c.record_kind, KINDS), (c.action, ACTIONS), (c.source_kind, SOURCES)):
        codes = [code for code, name in names.items() if text in name]
        if codes:
            found.append(column.in_(codes))
    for (table, column), labels in CODED_COLUMNS.items():  # 调解值班 is stored as "mediation"
        codes = [code for code, label in labels.items() if text in label]
        if codes:
            pattern = or_(*[c.changes.like(f'%"{column}": [%"{code}"%') for code in codes])
            found.append(and_(c.record_kind == table, pattern))
    return or_(*found, *older_references(session, text))


def like_pattern(text: str) -> str:
    return f"%{text.replace('%', '').replace('_', '')}%"


def older_references(session: Session, text: str) -> list[ColumnElement[bool]]:
    """Rows that point at a record named ``text`` by its id alone, in their values or their label. Such rows
    keep no name at all and come before the first row that keeps one (``"@member_id"``: the program has kept
    names since, for every id); nothing else is looked at, so a history recorded since costs nothing more."""
    c = ChangeLog
    pointing = sorted(info.name for info in all_tables() if info.foreign)
    first_named = session.scalar(select(func.min(c.id)).where(func.instr(c.changes, NAMES_KEPT) > 0))
    older = [c.id < first_named] if first_named is not None else []
    if session.scalar(select(c.id).where(*older, c.record_kind.in_(pointing)).limit(1)) is None:
        return []
    named: dict[str, dict[int, str]] = {}
    found, kinds = [], set()
    for info in all_tables():
        for column, referred in info.foreign.items():
            if referred not in named:
                named[referred] = records_named(session, referred, text)
            if not named[referred]:
                continue
            ids = [
                k for k, name in named[referred].items() if text in masked_reference(info.name, column, name)
            ]
            if ids:
                pair = [func.json_extract(c.changes, f"$.{column}[{i}]") for i in (0, 1)]
                found.append(
                    and_(c.record_kind == info.name, or_(*[side.in_(_values(ids)) for side in pair]))
                )
                kinds.add(info.name)
            if _labelled_by_references(info):  # "成员#5", named as the record is now (not masked)
                ids = [k for k, name in named[referred].items() if text in name]
                if ids:
                    prefix = literal(f"{kind_name(referred)}#")
                    refs = select(prefix + cast(_json_each(ids).c.value, String))
                    found.append(and_(c.record_kind == info.name, c.label.in_(refs)))
                    kinds.add(info.name)
    if not found:
        return []
    return [
        and_(*older, c.record_kind.in_(sorted(kinds)), func.instr(c.changes, NAMES_KEPT) == 0, or_(*found))
    ]


def records_named(session: Session, table: str, text: str) -> dict[int, str]:
    """id → name of the records of ``table`` whose name (``references.record_name``) holds ``text``."""
    info = table_info(table)
    if info is None or len(info.keys) != 1:
        return {}
    t = info.table
    names = [c for c in info.columns if c in LABEL_COLUMNS or c in info.keys]
    own = _OWN_NAME_SQL.get(table)
    if own is not None:
        shown = own(t).like(like_pattern(text))
    else:  # a name holds the text if one of the columns it is made of does, or spans two (then a space)
        parts = [_as_text(t.c[c]) for c in names if c not in info.keys]
        if not parts:
            return {}
        shown = or_(*[part.like(like_pattern(text)) for part in parts])
        if " " in text:  # any two in their order (2025-12-17 介绍…: date, description, no role)
            pairs = [(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :]]
            joined = [func.coalesce(a, "") + " " + func.coalesce(b, "") for a, b in pairs]
            shown = or_(shown, *[j.like(like_pattern(text)) for j in joined])
    query = select(*[t.c[c] for c in names]).where(shown)
    found = {}
    for row in fetch_rows(session, query):
        values = dict(zip(names, row, strict=True))
        name = record_name(table, values)
        if text in name:
            found[values[info.keys[0]]] = name
    return found


def _as_text(column):
    """The column as the name shows it, for LIKE: a pledge's year as 2026年; a date as stored, which is how the
    history writes it (2026-05-03)."""
    if column.name == "year":
        return cast(column, String) + "年"
    return cast(column, String) if isinstance(column.type, Date) else column


def _labelled_by_references(info: TableInfo) -> bool:
    """Whether the recorder labels the table's records by the records they point at (``record_label``)."""
    return not any(c in info.columns for c in (*NAMING_COLUMNS, *DATE_COLUMNS))


def _json_each(ids: list[int]):
    return func.json_each(json.dumps(ids)).table_valued("value")


def _values(ids: list[int]):
    return select(_json_each(ids).c.value)
