"""Reading the history: a filtered list (ids in SQL, rows a page at a time), one record's history, CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from fedclient.core.listing import fetch_ids, rows_in_order
from fedclient.core.models import ChangeLog
from fedclient.core.progress import Progress, no_progress
from fedclient.core.safe_write import saving

from .labels import ACTIONS, ALIASES, KINDS, field_name, kind_name, value_shown
from .references import ReferenceNames, is_names_key, names_key
from .search import text_condition
from .source import KINDS as SOURCES
from .source import Source
from .tables import table_info


@dataclass
class HistoryFilter:
    since: date | None = None
    until: date | None = None  # inclusive
    kind: str | None = None  # a record kind: also its parts (a case's parties and follow-ups)
    source: str | None = None  # window / import / command / restore / demo / program
    text: str = ""  # what the page shows: the kind, the action, the record's name, the values, the source
    record: tuple[str, str] | None = None  # one record and its parts


@dataclass
class HistoryRow:
    id: int
    at: datetime
    action: str
    kind: str
    label: str
    changes: str
    source: str
    record_kind: str
    record_id: str

    @property
    def when(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S}"


def parse_record(text: str) -> tuple[str, str]:
    """``member:12`` or ``members:12`` → ("members", "12"); ValueError (Chinese) when not understood."""
    kind, sep, record_id = text.partition(":")
    kind = ALIASES.get(kind.strip(), kind.strip())
    if not sep or kind not in KINDS or not record_id.strip():
        choices = "、".join(ALIASES)
        raise ValueError(f"记录“{text}”格式不对，应为 种类:编号，例如 member:12（种类：{choices}）")
    return kind, record_id.strip()


def _conditions(session: Session, f: HistoryFilter) -> list:
    c = ChangeLog
    where = []
    if f.since:
        where.append(c.at >= datetime.combine(f.since, datetime.min.time()))
    if f.until:
        where.append(c.at < datetime.combine(f.until + timedelta(days=1), datetime.min.time()))
    if f.kind:
        where.append(or_(c.record_kind == f.kind, c.owner_kind == f.kind))
    if f.source:
        where.append(c.source_kind == f.source)
    if f.record:
        kind, record_id = f.record
        where.append(
            or_(
                and_(c.record_kind == kind, c.record_id == record_id),
                and_(c.owner_kind == kind, c.owner_id == record_id),
            )
        )
    text = f.text.strip()
    if text:
        where.append(text_condition(session, text))
    return where


def history_ids(session: Session, f: HistoryFilter) -> Sequence[int]:
    """Newest first."""
    query = select(ChangeLog.id).where(*_conditions(session, f)).order_by(ChangeLog.id.desc())
    return fetch_ids(session, query)


def rows_by_ids(session: Session, ids: list[int]) -> list[HistoryRow]:
    """The rows as the chair reads them; the records their keys point at named with one query per kind."""

    def read(chunk: list[int]):
        return session.scalars(select(ChangeLog).where(ChangeLog.id.in_(chunk)))

    entries = [(entry, json.loads(entry.changes or "{}")) for entry in rows_in_order(ids, read)]
    names = ReferenceNames.for_history(session, ((e.record_kind, e.label, c) for e, c in entries))
    return [_row(entry, changes, names) for entry, changes in entries]


def record_history(session: Session, kind: str, record_id: int | str) -> list[HistoryRow]:
    """One record's history with its parts' (a case with its parties and follow-ups), newest first."""
    return rows_by_ids(session, history_ids(session, HistoryFilter(record=(kind, str(record_id)))))


def changes_text(kind: str, changes: dict, names: ReferenceNames) -> str:
    parts = []
    info = table_info(kind)
    foreign = info.foreign if info is not None else {}
    for column, (old, new) in changes.items():
        if is_names_key(column):
            continue
        name = field_name(kind, column)
        if column in foreign:
            old_name, new_name = changes.get(names_key(column)) or (None, None)
            old_text, new_text = (
                names.value(kind, column, old, old_name),
                names.value(kind, column, new, new_name),
            )
        else:
            old_text, new_text = value_shown(kind, column, old), value_shown(kind, column, new)
        if old is None or old == "":
            parts.append(f"{name}：{new_text}")
        elif new is None or new == "":
            parts.append(f"{name}：{old_text} → （空）")
        else:
            parts.append(f"{name}：{old_text} → {new_text}")
    return "；".join(parts)


def _row(entry: ChangeLog, changes: dict, names: ReferenceNames) -> HistoryRow:
    return HistoryRow(
        id=entry.id,
        at=entry.at,
        action=ACTIONS.get(entry.action, entry.action),
        kind=kind_name(entry.record_kind),
        label=names.label(entry.label),
        changes=changes_text(entry.record_kind, changes, names),
        source=Source(entry.source_kind, entry.source_detail).label(),
        record_kind=entry.record_kind,
        record_id=entry.record_id,
    )


CSV_HEADERS = ["时间", "操作", "种类", "编号", "记录", "修改内容", "来源"]


def export_csv(session: Session, f: HistoryFilter, out: Path | str, progress: Progress = no_progress) -> int:
    """The filtered history, oldest first, as a CSV Excel opens correctly (UTF-8 with BOM); returns rows."""
    ids = list(reversed(history_ids(session, f)))
    with saving(out) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADERS)
        for start in range(0, len(ids), 1000):
            progress(start, len(ids), f"正在写入第 {start + 1} / {len(ids)} 条……")
            for row in rows_by_ids(session, ids[start : start + 1000]):
                cells = [row.when, row.action, row.kind, row.record_id, row.label, row.changes, row.source]
                writer.writerow([_cell(v) for v in cells])
    return len(ids)


def _cell(value: str) -> str:
    """OWASP CSV injection: a value Excel would read as a formula is kept as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


SOURCE_CHOICES = SOURCES
