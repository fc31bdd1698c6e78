"""Reading pledges: the list of the tab (filtered and sorted in SQL) and one pledge with its entries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from ..listing import fetch_ids, rows_in_order
from ..members.office import ROLE_RANK
from ..models import Member, Pledge, PledgeProgress
from ..pinyin import initials_pattern, looks_like_initials
from ..sorting import NO_SORT, Sort, sort_order
from ..vocab import ROLES
from .status import MILESTONE, percent, sql_done, sql_percent, sql_status


@dataclass
class PledgeFilters:
    year: int
    as_of: date
    status: str = ""  # "" for all
    category: str = ""
    search: str = ""  # member name or pinyin initials
    member_id: int | None = None


@dataclass
class PledgeRow:
    id: int
    member_id: int
    member_name: str
    role: str  # label, e.g. 执委
    year: int
    content: str
    category: str
    standard_kind: str
    standard_text: str
    target: float | None
    unit: str
    deadline: date
    posted_date: date | None
    done: float
    status: str
    last_entry: date | None = None
    notes: str = ""

    @property
    def percent(self) -> float:
        return percent(self.standard_kind, self.target, self.done)

    @property
    def standard(self) -> str:
        """完成标准 as printed: the chair's wording, else built from target and unit."""
        return standard_label(self.standard_kind, self.standard_text, self.target, self.unit)

    @property
    def done_label(self) -> str:
        if self.standard_kind == MILESTONE:
            return "已完成" if self.done > 0 else "未完成"
        return f"{number(self.done)}/{number(self.target)}{self.unit}"


@dataclass
class EntryRow:
    id: int
    date: date
    amount: float
    description: str
    people_reached: int
    hours: float = 0.0


@dataclass
class PledgeDetail:
    pledge: PledgeRow
    entries: list[EntryRow] = field(default_factory=list)


def number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def standard_label(kind: str, text: str, target: float | None, unit: str) -> str:
    if text.strip():
        return text.strip()
    if kind == MILESTONE:
        return "按期完成"
    return f"{number(target)}{unit}" if target else ""


def _base_query(as_of: date) -> Select:
    last_entry = (
        select(func.max(PledgeProgress.date))
        .where(PledgeProgress.pledge_id == Pledge.id, PledgeProgress.date <= as_of)
        .correlate(Pledge)
        .scalar_subquery()
    )
    return select(
        Pledge,
        Member.name,
        Member.role,
        sql_done(as_of).label("done"),
        sql_status(as_of).label("status"),
        last_entry.label("last_entry"),
    ).join(Member, Member.id == Pledge.member_id)


def _where(query: Select, f: PledgeFilters) -> Select:
    query = query.where(Pledge.year == f.year)
    if f.status:
        query = query.where(sql_status(f.as_of) == f.status)
    if f.category:
        query = query.where(Pledge.category == f.category)
    if f.member_id is not None:
        query = query.where(Pledge.member_id == f.member_id)
    text = f.search.strip()
    if text:
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conds = [Member.name.like(like, escape="\\"), Pledge.content.like(like, escape="\\")]
        if looks_like_initials(text):
            conds.append((" " + Member.name_initials).like(initials_pattern(text), escape="\\"))
        query = query.where(or_(*conds))
    return query


def _row(pledge: Pledge, name: str, role: str, done: float, status: str, last: date | None) -> PledgeRow:
    return PledgeRow(
        id=pledge.id, member_id=pledge.member_id, member_name=name, role=ROLES.get(role, role),
        year=pledge.year, content=pledge.content, category=pledge.category,
        standard_kind=pledge.standard_kind, standard_text=pledge.standard_text or "", target=pledge.target,
        unit=pledge.unit or "", deadline=pledge.deadline, posted_date=pledge.posted_date,
        done=float(done or 0), status=status, last_entry=last, notes=pledge.notes or "",
    )  # fmt: skip


def count_pledges(session: Session, filters: PledgeFilters) -> int:
    inner = _where(select(Pledge.id).join(Member, Member.id == Pledge.member_id), filters).subquery()
    return session.scalar(select(func.count()).select_from(inner)) or 0


# The list's own order: by member (rank, then pinyin), each member's pledges as entered.
OWN_ORDER = (ROLE_RANK, Member.name_initials, Member.id, Pledge.id)


def sorts(as_of: date) -> dict[str, ColumnElement]:
    """Sort keys the list offers (column key -> SQL expression), its progress and status as of ``as_of``."""
    return {
        "member": Member.name_initials,
        "role": ROLE_RANK,
        "content": Pledge.content,
        "deadline": Pledge.deadline,
        "progress": sql_percent(as_of),
        "status": sql_status(as_of, rank=True),  # in the order the status filter lists them
    }


def list_ids(session: Session, filters: PledgeFilters, sort: Sort = NO_SORT) -> Sequence[int]:
    """The ids of the pledge list, filtered and sorted in SQL."""
    query = _where(select(Pledge.id).join(Member, Member.id == Pledge.member_id), filters)
    return fetch_ids(session, query.order_by(*sort_order(sorts(filters.as_of), sort, OWN_ORDER)))


def rows_by_ids(session: Session, ids: Sequence[int], as_of: date) -> list[PledgeRow]:
    """The list rows of these pledges as of ``as_of``, in the order of ``ids``."""

    def read(chunk: list[int]) -> list[PledgeRow]:
        return [_row(*r) for r in session.execute(_base_query(as_of).where(Pledge.id.in_(chunk)))]

    return rows_in_order(ids, read)


def list_pledges(session: Session, filters: PledgeFilters, sort: Sort = NO_SORT) -> list[PledgeRow]:
    """The whole list in one query (for boards, reminders and the assessment, which read every row)."""
    order = sort_order(sorts(filters.as_of), sort, OWN_ORDER)
    query = _where(_base_query(filters.as_of), filters).order_by(*order)
    return [_row(*r) for r in session.execute(query).all()]


def get_pledge(session: Session, pledge_id: int, as_of: date) -> PledgeDetail | None:
    found = session.execute(_base_query(as_of).where(Pledge.id == pledge_id)).first()
    if found is None:
        return None
    entries = session.scalars(
        select(PledgeProgress)
        .where(PledgeProgress.pledge_id == pledge_id)
        .order_by(PledgeProgress.date, PledgeProgress.id)
    ).all()
    rows = [
        EntryRow(e.id, e.date, e.amount or 0, e.description or "", e.people_reached or 0, e.hours or 0.0)
        for e in entries
    ]
    return PledgeDetail(_row(*found), rows)
