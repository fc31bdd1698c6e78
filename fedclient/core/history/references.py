"""What the chair reads where the history holds a foreign key: the record it points at, named the way the rest
of the program names it (张秀兰, 3号网格 一组片, 案件 2026-007), not its number.

The name as it was when the change was recorded, where the history row holds it (the recorder keeps it beside
the key, ``"@member_id"``: ``names_key``); else the record as it is now, read for a whole page of history with
one query per kind of record; a record deleted since says so (已删除的成员（#5）). Names are masked by the
history's own rules (a party's name as 张某某), like every value the history shows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..listing import fetch_rows
from ..vocab import grid_label
from .labels import DATE_COLUMNS, KINDS, NAMING_COLUMNS, kind_name, record_label, value_shown
from .masking import masked_reference
from .tables import table_info

# How a kind of record is named where the program has its own way; the others by ``record_label``.
OWN_NAMES = {
    "grids": lambda row: grid_label(row.get("number"), row.get("name")),
    "mediation_cases": lambda row: f"案件 {row.get('number') or ''}".strip(),
}
# The columns ``record_label`` names a record by (a date with its description or type; a pledge's year).
LABEL_COLUMNS = {*NAMING_COLUMNS, *DATE_COLUMNS, "description", "role", "year"}
# "成员#5 · 网格#3": the label the recorder gives a record that has no name of its own (a duty shift, a link).
_REFERENCE = re.compile(r"(.+)#(\d+)")
_KIND_TABLES = {name: table for table, name in KINDS.items()}
_NAMES_PREFIX = "@"


def names_key(column: str) -> str:
    """The key of the names the recorder keeps beside a foreign key's ids in a history row's changes."""
    return _NAMES_PREFIX + column


def is_names_key(key: str) -> bool:
    return key.startswith(_NAMES_PREFIX)


def deleted_name(table: str, record_id: Any) -> str:
    return f"已删除的{kind_name(table)}（#{record_id}）"


def record_name(table: str, row: dict[str, Any]) -> str:
    """A record as the history names it when another record points at it."""
    own = OWN_NAMES.get(table)
    if own is not None:
        return own(row)
    return record_label(table, row, {}) or f"{kind_name(table)}#{row.get('id')}"


def label_references(label: str) -> list[tuple[str, str]] | None:
    """The records a label like "成员#5 · 网格#3" consists of, or None for a label that names its record."""
    if "#" not in label:
        return None
    found = []
    for piece in label.split(" · "):
        match = _REFERENCE.fullmatch(piece)
        table = _KIND_TABLES.get(match.group(1)) if match else None
        if table is None:
            return None
        found.append((table, match.group(2)))
    return found or None


class ReferenceNames:
    """The names of the records a set of history rows (or of records) points at, read at once."""

    def __init__(self, found: dict[tuple[str, str], str], history: bool = False):
        self.found = found  # (table, key) -> name of the records that exist
        self.history = history  # names masked as the history keeps them (``masked_reference``)

    @classmethod
    def read(cls, session: Session, wanted: Iterable[tuple[str, Any]]) -> ReferenceNames:
        """``wanted``: (table, key) pairs; one query per table, however many rows point at it."""
        return cls(read_names(session, wanted))

    @classmethod
    def for_records(cls, session: Session, table: str, rows: Iterable[dict]) -> ReferenceNames:
        """For records of ``table`` (column → value dicts): the records their foreign keys point at."""
        info = table_info(table)
        foreign = info.foreign if info is not None else {}
        return cls.read(session, ((foreign[c], row.get(c)) for row in rows for c in foreign))

    @classmethod
    def for_history(cls, session: Session, rows: Iterable[tuple[str, str, dict]]) -> ReferenceNames:
        """``rows``: (record_kind, label, changes) of the history rows shown together (a page, a CSV chunk)."""
        return cls(
            read_names(session, (ref for row in rows for ref in _history_references(*row))), history=True
        )

    def name(self, table: str, key: Any, recorded: str | None = None, mask: Any = None) -> str:
        """The name recorded with the key, else the record's name now (``mask``ed); a record deleted since
        says so."""
        now = self.found.get((table, str(key)))
        if recorded:
            return recorded if now is not None else f"{recorded}（已删除）"
        if now is None:
            return deleted_name(table, key)
        return mask(now) if mask is not None else now

    def value(self, table: str, column: str, value: Any, recorded: str | None = None) -> str:
        """A column's value as the chair reads it: a foreign key by the record's name (``name``), a code by its
        label, the rest as it is."""
        if type(value) is int or (isinstance(value, str) and value.isdigit()):  # not an erased "（已删除）"
            info = table_info(table)
            referred = info.foreign.get(column) if info is not None else None
            if referred is not None:
                mask = partial(masked_reference, table, column) if self.history else None
                return self.name(referred, value, recorded, mask)
        return value_shown(table, column, value)

    def label(self, label: str) -> str:
        """A history row's label, its "成员#5" parts named."""
        references = label_references(label)
        if references is None:
            return label
        return " · ".join(self.name(table, key) for table, key in references)


def read_names(session: Session, wanted: Iterable[tuple[str, Any]]) -> dict[tuple[str, str], str]:
    """(table, key) → the record's name, for the records that exist: one query per table."""
    keys: dict[str, set[int]] = defaultdict(set)
    for table, key in wanted:
        if type(key) is int or (isinstance(key, str) and key.isdigit()):
            keys[table].add(int(key))
    found: dict[tuple[str, str], str] = {}
    for table, numbers in keys.items():
        info = table_info(table)
        if info is None or len(info.keys) != 1:
            continue
        key = info.table.c[info.keys[0]]
        names = [c for c in info.columns if c in LABEL_COLUMNS or c in info.keys]
        ordered = sorted(numbers)
        for start in range(0, len(ordered), 900):
            query = select(*[info.table.c[c] for c in names]).where(key.in_(ordered[start : start + 900]))
            for row in fetch_rows(session, query):
                values = dict(zip(names, row, strict=True))
                found[(table, str(values[key.name]))] = record_name(table, values)
    return found


def _history_references(kind: str, label: str, changes: dict) -> Iterator[tuple[str, Any]]:
    yield from label_references(label) or ()
    info = table_info(kind)
    if info is None:
        return
    for column, referred in info.foreign.items():
        pair = changes.get(column)
        if pair is not None:
            yield from ((referred, value) for value in pair)


# --- when a change is recorded ----------------------------------------------------------------------------
def names_when_recorded(session: Session, pending: dict[tuple[str, str], list]) -> dict[tuple[str, str], str]:
    """The names of the records the changes of one transaction point at, as they are in it: from the database
    (flushed, so a renamed record by its new name), else from the changes themselves (a member deleted with
    her duty shifts: her values before). Nothing to read when nothing points anywhere (an import's members)."""
    wanted = set()
    for (table, _key), pair in pending.items():
        foreign = table_info(table).foreign
        if foreign:
            for values in pair:
                if values is not None:
                    wanted.update((foreign[c], values.get(c)) for c in foreign)
    if not wanted:
        return {}
    found = read_names(session, wanted)
    for referred, key in wanted:
        if key is not None and (referred, str(key)) not in found:
            entry = pending.get((referred, str(key)))
            values = entry and (entry[1] if entry[1] is not None else entry[0])
            if values:
                found[(referred, str(key))] = record_name(referred, values)
    return found


def with_names(
    table: str, changes: dict[str, list], foreign: dict[str, str], names: dict[tuple[str, str], str]
) -> dict[str, list]:
    """``changes`` with the names of the records its foreign keys point at, under ``names_key``."""
    added = {}
    for column, pair in changes.items():
        referred = foreign.get(column)
        if referred is not None:
            named = [
                None if v is None else masked_reference(table, column, names.get((referred, str(v))))
                for v in pair
            ]
            if any(named):
                added[names_key(column)] = named
    return {**changes, **added} if added else changes
