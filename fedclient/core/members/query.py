"""The roster list: filtered, searched and sorted once in SQL into ordered ids; rows read by id, a page at a
time (50,000 people stay fast)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from sqlalchemy import Select, and_, bindparam, func, or_, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from ..listing import prepared_ids, prepared_rows, rows_in_order, scanned_in_halves, sqlite_order, unindexed
from ..models import Member
from ..pinyin import initials_patterns, looks_like_initials
from ..sorting import NO_SORT, Sort
from ..validation import to_halfwidth
from ..vocab import ROLES
from .office import ROLE_RANK


@dataclass(frozen=True)
class MemberFilters:
    text: str = ""  # name, pinyin initials, phone, or the last digits of the ID number
    role: str | None = None  # a role code
    status: str | None = None  # "active" | "left"


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    gender: str
    birth_date: date | None
    role: str
    post: str
    specialty: str
    group_name: str
    phone: str
    id_number: str | None
    term_end: date | None
    status: str
    left_date: date | None


# Sort keys the list offers (column key -> SQL expression); every sort ends with the id for a stable order.
SORTS = {
    "name": Member.name_initials,
    "gender": Member.gender,
    "birth_date": Member.birth_date,
    "role": ROLE_RANK,
    "post": Member.post,
    "specialty": Member.specialty,
    "group_name": Member.group_name,
    "phone": Member.phone,
    "id_number": Member.id_number,
    "term_end": Member.term_end,
    "status": Member.status,
}
DEFAULT_SORT = NO_SORT  # in office first, then by rank and pinyin


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _search_text(filters: MemberFilters) -> str:
    return re.sub(r"\s+", "", to_halfwidth(filters.text))


def _search(filters: MemberFilters) -> dict[str, str]:
    """The values of the list's conditions, by the name of their bind parameter (``_where``)."""
    values = {}
    if filters.role:
        values["role"] = filters.role
    if filters.status:
        values["status"] = filters.status
    text = _search_text(filters)
    if not text:
        return values
    values["name"] = _like(text)
    if looks_like_initials(text):
        values["initials"], values["initials_word"] = initials_patterns(text)
    digits = re.sub(r"[-－—]", "", text)
    if re.fullmatch(r"\d+[xX]?", digits):
        values["digits"] = _like(digits)
        values["id_tail"] = "%" + digits.upper()
    return values


def _where(names: Iterable[str]) -> list:
    """The conditions of the values ``_search`` gave (their names: the statement's shape)."""
    where = []
    if "role" in names:
        where.append(Member.role == bindparam("role"))
    if "status" in names:
        where.append(Member.status == bindparam("status"))
    if "name" not in names:
        return where
    conditions = [Member.name.like(bindparam("name"), escape="\\")]
    if "initials" in names:
        conditions.append(Member.name_initials.like(bindparam("initials"), escape="\\"))
        conditions.append(Member.name_initials.like(bindparam("initials_word"), escape="\\"))
    if "digits" in names:
        # Landlines are stored as 0736-1234567: compare those without the dash (mobiles need no replace).
        conditions.append(Member.phone.like(bindparam("digits"), escape="\\"))
        landline = Member.phone.like("0%")
        conditions.append(
            and_(landline, func.replace(Member.phone, "-", "").like(bindparam("digits"), escape="\\"))
        )
        conditions.append(Member.id_number.like(bindparam("id_tail")))
    where.append(or_(*conditions))
    return where


def count_members(session: Session, filters: MemberFilters = MemberFilters()) -> int:
    values = _search(filters)
    return session.scalar(select(func.count(Member.id)).where(*_where(values)), values) or 0


def _order(sort: Sort, searching: bool = False) -> list:
    """ORDER BY of the list. A search reads every member anyway: then SQLite sorts what it found instead of
    walking an index in list order and looking every member up (张秀 in 50,000: 8 ms instead of 60 ms)."""
    key, descending = sort
    if key in SORTS:
        expr = unindexed(SORTS[key]) if searching else SORTS[key]
        return [expr.desc() if descending else expr.asc(), Member.id]
    return [
        unindexed(Member.status) if searching else Member.status,
        ROLE_RANK,
        Member.name_initials,
        Member.id,
    ]


def list_ids(
    session: Session, filters: MemberFilters = MemberFilters(), sort: Sort = DEFAULT_SORT
) -> list[int]:
    """The ids of the roster, filtered and sorted in SQL. ``sort`` is (column key, descending); the default puts
    those in office first, then by rank and pinyin."""
    values = _search(filters)
    names = tuple(values)
    if "name" in values:  # a search tests every member: in two halves at once (``scanned_in_halves``)
        keys = [SORTS[sort[0]]] if sort[0] in SORTS else [Member.status, ROLE_RANK, Member.name_initials]
        # The sort values as SQLite gives them (dates as their text, which orders the same), for the merge.
        raw = [type_coerce(key, NullType()) for key in keys]

        def search() -> Select:
            return select(Member.id, *raw).where(*_where(names)).order_by(*_order(sort, True))

        if any(getattr(key, "nullable", False) for key in keys):
            order = _nullable_order
        else:
            order = itemgetter(*range(1, len(keys) + 1))
        descending = sort[0] in SORTS and sort[1]
        rows = scanned_in_halves(
            session, ("members.search", names, sort), search, Member.id, order, descending, **values
        )
        return [row[0] for row in rows]

    def build() -> Select:
        return select(Member.id).where(*_where(names)).order_by(*_order(sort))

    return prepared_ids(session, ("members.ids", names, sort), build, **values)


def _nullable_order(row: tuple) -> tuple:
    return sqlite_order(row[1])


def list_screen(
    session: Session, filters: MemberFilters, sort: Sort, first: int
) -> tuple[list[int], list[MemberRow]]:
    """``list_ids`` and the rows of its ``first`` ids, read together: what the list shows after a search."""
    ids = list_ids(session, filters, sort)
    return ids, rows_by_ids(session, ids[:first])


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[MemberRow]:
    """The roster rows of these members, in the order of ``ids``."""

    def read(chunk: list[int]) -> list[MemberRow]:
        return [MemberRow(*row) for row in prepared_rows(session, "members.rows", _rows_statement, ids=chunk)]

    return rows_in_order(ids, read)


def _rows_statement() -> Select:
    columns = [getattr(Member, name) for name in MemberRow.__dataclass_fields__]
    return select(*columns).where(Member.id.in_(bindparam("ids", expanding=True)))


def list_members(
    session: Session, filters: MemberFilters = MemberFilters(), sort: Sort = DEFAULT_SORT
) -> list[MemberRow]:
    """The whole roster as the list shows it."""
    return rows_by_ids(session, list_ids(session, filters, sort))


def member_choices(
    session: Session, roles: tuple[str, ...] | None = None, active_only: bool = True
) -> list[tuple[int, str]]:
    """(id, "姓名（职务）") for pickers in other tabs, by rank then pinyin; namesakes told apart
    (``choice_names``: 王秀英（三组，执委）)."""
    from .choice_names import choice_label, namesakes_apart

    query = select(Member.id, Member.name, Member.role, Member.status)
    if roles:
        query = query.where(Member.role.in_(roles))
    if active_only:
        query = query.where(Member.status == "active")
    query = query.order_by(Member.status, ROLE_RANK, Member.name_initials, Member.id)
    apart = namesakes_apart(session)
    return [
        (member_id, choice_label(name, apart.get(member_id, ""), ROLES.get(role, role),
                                 "离任" if status != "active" else ""))
        for member_id, name, role, status in session.execute(query)
    ]  # fmt: skip
