"""The case list of the tab: filters, search and sorting done in SQL, rows read by id a page at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from operator import itemgetter

from sqlalchemy import ColumnElement, Select, bindparam, extract, func, or_, select, type_coerce, union_all
from sqlalchemy.orm import Session, aliased
from sqlalchemy.types import NullType

from ..listing import prepared_ids, prepared_rows, rows_in_order, scanned_in_halves, unindexed
from ..models import CaseParty, MediationCase
from ..pinyin import initials_patterns, looks_like_initials
from .common import is_open_on
from .report import case_details, parties_text

C = MediationCase
_NUMBERED = aliased(MediationCase)  # the cases whose number matches, found in the numbers' own index


@dataclass
class CaseFilters:
    status: str = ""  # "" = all
    dispute_type: str = ""
    risk_level: str = ""
    year: int | None = None
    month: int | None = None  # of the date received; only with a year
    text: str = ""  # case number, party name or initials


@dataclass
class CaseRow:
    id: int
    number: str
    received_date: date
    source: str
    dispute_type: str
    parties: str
    risk_level: str
    flags: str
    status: str
    mediators: str
    outcome_date: date | None
    closed_date: date | None
    followups: int
    overdue: bool  # open longer than the overdue setting (shown in the list)
    parties_masked: str = ""  # 申请人：张某某 (隐私模式)


SORTS = {
    "number": (C.year.desc(), C.seq.desc()),
    "received": (C.received_date.desc(), C.seq.desc()),
    "risk": (func.instr("红黄蓝", C.risk_level), C.year.desc(), C.seq.desc()),
}
# A search reads only the cases it found, and SQLite sorts them (``unindexed``) instead of walking the list's
# index and testing every case in its order. Each sort's values as SQLite gives them (the date as its text, which
# orders the same), selected beside the id and status for merging the halves (``scanned_in_halves``), and how
# Python orders them: (values, descending). Every order is one no two cases share (year and seq are unique,
# and the year is the received date's).
_SEARCH_SORTS = {
    "number": ((unindexed(C.year).desc(), C.seq.desc()), (C.year, C.seq), itemgetter(2, 3), True),
    "received": (
        (unindexed(C.received_date).desc(), C.seq.desc()),
        (type_coerce(C.received_date, NullType()), C.seq),
        itemgetter(2, 3),
        True,
    ),
    "risk": (SORTS["risk"], (SORTS["risk"][0], C.year, C.seq), lambda row: (row[2], -row[3], -row[4]), False),
}


def _search(filters: CaseFilters) -> dict[str, object]:
    """The values of the list's conditions, by the name of their bind parameter (``_where``)."""
    values: dict[str, object] = {}
    if filters.status:
        values["status"] = filters.status
    if filters.dispute_type:
        values["dispute_type"] = filters.dispute_type
    if filters.risk_level:
        values["risk_level"] = filters.risk_level
    if filters.year:
        values["year"] = filters.year
        if filters.month:
            values["month"] = filters.month
    text = filters.text.strip()
    if text:
        values["like"] = f"%{text.replace('%', '').replace('_', '')}%"
        if looks_like_initials(text):
            values["initials"], values["initials_word"] = initials_patterns(text)
    return values


def _where(
    names: Iterable[str], keep: Callable[[ColumnElement], ColumnElement] | None = None, lower: bool = True
) -> list:
    """The conditions of the values ``_search`` gave (their names: the statement's shape). ``keep``: the
    condition keeping the parties' ids to one half of them (``scanned_in_halves``); the case numbers are tested
    in the ``lower`` half."""
    where = []
    for name in ("status", "dispute_type", "risk_level", "year"):
        if name in names:
            where.append(getattr(C, name) == bindparam(name))
    if "month" in names:
        where.append(extract("month", C.received_date) == bindparam("month"))
    if "like" in names:
        # The cases found by number (in the numbers' index) and the cases of the parties found (one pass over
        # the parties), then only those cases read: testing every case's number and looking its parties up took
        # twice as long. Initials as two LIKEs on the column itself: a string made per party (' ' || initials)
        # would have the halves wait on SQLite's allocation lock.
        party = CaseParty.name.like(bindparam("like"))
        if "initials" in names:
            initials = CaseParty.name_initials
            party = or_(
                party,
                initials.like(bindparam("initials"), escape="\\"),
                initials.like(bindparam("initials_word"), escape="\\"),
            )
        parties = select(CaseParty.case_id).where(party)
        if keep is not None:
            parties = parties.where(keep(CaseParty.id))
        numbers = select(_NUMBERED.id).where(_NUMBERED.number.like(bindparam("like")))
        where.append(C.id.in_(union_all(numbers, parties) if lower else parties))
    return where


def count_cases(session: Session, filters: CaseFilters) -> int:
    values = _search(filters)
    return session.scalar(select(func.count()).select_from(C).where(*_where(values)), values) or 0


def list_ids(session: Session, filters: CaseFilters, sort: str = "number") -> list[int]:
    """The ids of the case list, filtered, searched and sorted in SQL."""
    if filters.text.strip():
        return _searched(session, filters, sort)[0]
    values = _search(filters)
    names = tuple(values)
    order = SORTS.get(sort, SORTS["number"])
    return prepared_ids(
        session,
        ("cases.ids", names, sort),
        lambda: select(C.id).where(*_where(names)).order_by(*order),
        **values,
    )


def _searched(session: Session, filters: CaseFilters, sort: str) -> tuple[list[int], dict[str, int]]:
    """The ids of a search (text typed) and its counts by status, from one read of the cases found whatever
    their status: the parties searched in two halves at once (``scanned_in_halves``)."""
    values = _search(replace(filters, status=""))
    names = tuple(values)
    if sort not in _SEARCH_SORTS:
        sort = "number"
    order_by, keys, order, descending = _SEARCH_SORTS[sort]

    def search(keep: Callable[[ColumnElement], ColumnElement] | None = None, lower: bool = True) -> Select:
        return select(C.id, C.status, *keys).where(*_where(names, keep, lower)).order_by(*order_by)

    rows = scanned_in_halves(
        session,
        ("cases.search", names, sort),
        search,
        CaseParty.id,
        order,
        descending,
        in_half=search,
        **values,
    )
    counts = Counter(row[1] for row in rows)
    if filters.status:
        return [row[0] for row in rows if row[1] == filters.status], dict(counts)
    return [row[0] for row in rows], dict(counts)


def rows_by_ids(
    session: Session, ids: Sequence[int], today: date | None = None, overdue_days: int = 30
) -> list[CaseRow]:
    """The list rows of these cases, in the order of ``ids``; ``overdue`` as of ``today``."""
    today = today or date.today()
    return rows_in_order(ids, lambda chunk: _rows(session, chunk, today, overdue_days))


# The columns a list row needs, read as plain values (no case objects built: 200 rows took ~12 ms that way).
_ROW_COLUMNS = (
    C.id, C.number, C.received_date, C.source, C.dispute_type, C.risk_level, C.status, C.outcome_date,
    C.closed_date, C.flag_criminal_risk, C.flag_petition_risk, C.flag_self_harm_risk, C.turned_criminal,
)  # fmt: skip
_FLAG_LABELS = ("民转刑倾向", "群体上访倾向", "自伤自杀倾向", "已民转刑")


def _rows_statement() -> Select:
    return select(*_ROW_COLUMNS).where(C.id.in_(bindparam("ids", expanding=True)))


def _rows(session: Session, ids: list[int], today: date, overdue_days: int) -> list[CaseRow]:
    cases = prepared_rows(session, "cases.rows", _rows_statement, ids=ids)
    parties, mediators, visits = case_details(session, [c[0] for c in cases])
    late = today - timedelta(days=overdue_days)
    rows = []
    for (
        case_id,
        number,
        received,
        source,
        dispute_type,
        risk,
        status,
        outcome_date,
        closed_date,
        *flags,
    ) in cases:
        overdue = is_open_on(received, outcome_date, closed_date, today) and received < late
        rows.append(
            CaseRow(
                case_id, number, received, source, dispute_type, parties_text(parties[case_id], False), risk,
                "、".join(label for flag, label in zip(flags, _FLAG_LABELS, strict=True) if flag), status,
                "、".join(mediators[case_id]), outcome_date, closed_date, len(visits[case_id]), overdue,
                parties_text(parties[case_id], True),
            )
        )  # fmt: skip
    return rows


def list_cases(
    session: Session,
    filters: CaseFilters,
    sort: str = "number",
    today: date | None = None,
    overdue_days: int = 30,
) -> list[CaseRow]:
    """The whole case list as the tab shows it."""
    return rows_by_ids(session, list_ids(session, filters, sort), today, overdue_days)


def status_counts(session: Session, filters: CaseFilters) -> dict[str, int]:
    """How many cases of each status match the filters other than status (for the count line)."""
    values = _search(CaseFilters(**{**filters.__dict__, "status": ""}))
    names = tuple(values)

    def build() -> Select:
        return select(C.status, func.count()).where(*_where(names)).group_by(C.status)

    return dict(prepared_rows(session, ("cases.status_counts", names), build, **values))


def ids_and_status_counts(
    session: Session, filters: CaseFilters, sort: str = "number"
) -> tuple[list[int], dict[str, int]]:
    """``list_ids`` and ``status_counts`` together. A search reads the matching cases once for both (the
    parties' names are searched once instead of twice); without a search the two indexed queries are quicker
    than one."""
    if filters.text.strip():
        return _searched(session, filters, sort)
    return list_ids(session, filters, sort), status_counts(session, filters)


def case_years(session: Session) -> list[int]:
    return list(session.scalars(select(C.year).distinct().order_by(C.year.desc())))
