"""帮扶对象: the register of women, children and elders the federation helps, and who helps them.

Seed 001: every 3 executive members jointly help one person in difficulty, so each person should have
three helpers; fewer is shown, never refused. Nothing here ever goes on a public output.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, literal, or_, select
from sqlalchemy.orm import Session

from ..listing import fetch_ids, rows_in_order
from ..models import HelpedPerson, HelpedPersonHelper, Member
from ..pinyin import initials_index, initials_pattern, looks_like_initials
from ..refusal import SaveRefused
from ..sorting import NO_SORT, Sort, sort_order
from ..validation import check_name, to_halfwidth
from ..vocab import EXECUTIVE_ROLES, HELPED_CATEGORIES, HELPED_STATUSES, HELPERS_PER_PERSON


@dataclass
class HelpedData:
    id: int | None = None
    name: str = ""
    category: str = HELPED_CATEGORIES[0]
    group_name: str = ""
    situation: str = ""
    needs: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: str = HELPED_STATUSES[0]
    notes: str = ""
    helper_ids: list[int] = field(default_factory=list)
    household_id: int | None = None  # the household she lives in (一户一档), chosen by the chair


@dataclass(frozen=True)
class HelpedRow:
    id: int
    name: str
    category: str
    group_name: str
    needs: str
    start_date: date | None
    status: str
    helpers: str  # "张三、李四"
    helper_count: int


@dataclass
class HelpedCheck:
    clean: HelpedData
    errors: dict[str, str] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


class HelpedInvalid(SaveRefused):
    """A helped person who cannot be saved as typed (field names as in ``HelpedData``)."""


def validate_helped(data: HelpedData, today: date | None = None) -> HelpedCheck:
    today = today or date.today()
    name = check_name(data.name)
    clean = HelpedData(
        **{**data.__dict__, "name": name.value, "helper_ids": list(dict.fromkeys(data.helper_ids))}
    )
    result = HelpedCheck(clean)
    if name.errors:
        result.errors["name"] = name.errors[0]
    if clean.category not in HELPED_CATEGORIES:
        result.errors["category"] = "请选择帮扶类别"
    if clean.status not in HELPED_STATUSES:
        result.errors["status"] = "请选择帮扶状态"
    if clean.start_date and clean.start_date > today:
        result.errors["start_date"] = "开始帮扶日期不能晚于今天"
    if clean.status == "已结束":
        if clean.end_date is None:
            result.errors["end_date"] = "已结束的帮扶请填写结束日期"
        elif clean.start_date and clean.end_date < clean.start_date:
            result.errors["end_date"] = "结束日期不能早于开始日期"
    else:
        clean.end_date = None
    if len(clean.helper_ids) < HELPERS_PER_PERSON:
        result.warnings["helper_ids"] = [
            f"现有{len(clean.helper_ids)}名帮扶人，按“每3名执委帮扶1名”应有{HELPERS_PER_PERSON}名"
        ]
    return result


def save_helped(session: Session, data: HelpedData, today: date | None = None) -> int:
    check = validate_helped(data, today)
    if not check.ok:
        raise HelpedInvalid(check.errors, [t for texts in check.warnings.values() for t in texts])
    clean = check.clean
    person = session.get(HelpedPerson, clean.id) if clean.id else None
    if person is None:
        person = HelpedPerson()
        session.add(person)
    for name in ("name", "category", "group_name", "situation", "needs", "start_date", "end_date", "status",
                 "household_id"):  # fmt: skip
        setattr(person, name, getattr(clean, name))
    person.notes = clean.notes
    person.name_initials = initials_index(clean.name)
    session.flush()
    session.execute(delete(HelpedPersonHelper).where(HelpedPersonHelper.helped_person_id == person.id))
    for member_id in clean.helper_ids:
        session.add(HelpedPersonHelper(helped_person_id=person.id, member_id=member_id))
    session.flush()
    return person.id


def get_helped(session: Session, person_id: int) -> HelpedData | None:
    person = session.get(HelpedPerson, person_id)
    if person is None:
        return None
    helper_ids = session.scalars(
        select(HelpedPersonHelper.member_id).where(HelpedPersonHelper.helped_person_id == person_id)
    )
    keys = (
        "name",
        "category",
        "group_name",
        "situation",
        "needs",
        "start_date",
        "end_date",
        "status",
        "notes",
        "household_id",
    )
    return HelpedData(id=person.id, helper_ids=list(helper_ids), **{k: getattr(person, k) for k in keys})


def delete_helped(session: Session, person_id: int) -> None:
    person = session.get(HelpedPerson, person_id)
    if person is not None:
        session.delete(person)
        session.flush()


@dataclass(frozen=True)
class HelpedFilters:
    text: str = ""
    category: str | None = None
    status: str | None = None
    short_of_helpers: bool = False


def _filtered(query, filters: HelpedFilters, helper_count):
    if filters.category:
        query = query.where(HelpedPerson.category == filters.category)
    if filters.status:
        query = query.where(HelpedPerson.status == filters.status)
    if filters.short_of_helpers:
        query = query.where(helper_count < HELPERS_PER_PERSON)
    text = re.sub(r"\s+", "", to_halfwidth(filters.text))
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions = [HelpedPerson.name.like(f"%{escaped}%", escape="\\")]
        if looks_like_initials(text):
            pattern = initials_pattern(text)
            conditions.append((literal(" ") + HelpedPerson.name_initials).like(pattern, escape="\\"))
        query = query.where(or_(*conditions))
    return query


def _helper_count():
    return (
        select(func.count())
        .where(HelpedPersonHelper.helped_person_id == HelpedPerson.id)
        .correlate(HelpedPerson)
        .scalar_subquery()
    )


def count_helped(session: Session, filters: HelpedFilters = HelpedFilters()) -> int:
    query = _filtered(select(func.count(HelpedPerson.id)), filters, _helper_count())
    return session.scalar(query) or 0


# Sort keys the list offers (column key -> SQL expression); 帮扶人 (the helpers' names) is not sorted.
SORTS = {
    "name": HelpedPerson.name_initials,
    "category": HelpedPerson.category,
    "group_name": HelpedPerson.group_name,
    "needs": HelpedPerson.needs,
    "start_date": HelpedPerson.start_date,
    "status": HelpedPerson.status,
    "helper_count": _helper_count(),
}


def list_ids(
    session: Session, filters: HelpedFilters = HelpedFilters(), sort: Sort = NO_SORT
) -> Sequence[int]:
    """The ids of the 帮扶对象 list, filtered and sorted in SQL; its own order: those still helped first, then
    by pinyin."""
    query = _filtered(select(HelpedPerson.id), filters, _helper_count())
    default = (HelpedPerson.status, HelpedPerson.name_initials, HelpedPerson.id)
    return fetch_ids(session, query.order_by(*sort_order(SORTS, sort, default)))


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[HelpedRow]:
    """The list rows of these people, in the order of ``ids``."""
    names = (
        select(func.group_concat(Member.name, "、"))
        .join(HelpedPersonHelper, HelpedPersonHelper.member_id == Member.id)
        .where(HelpedPersonHelper.helped_person_id == HelpedPerson.id)
        .correlate(HelpedPerson)
        .scalar_subquery()
    )
    query = select(
        HelpedPerson.id,
        HelpedPerson.name,
        HelpedPerson.category,
        HelpedPerson.group_name,
        HelpedPerson.needs,
        HelpedPerson.start_date,
        HelpedPerson.status,
        func.coalesce(names, ""),
        _helper_count(),
    )

    def read(chunk: list[int]) -> list[HelpedRow]:
        return [HelpedRow(*row) for row in session.execute(query.where(HelpedPerson.id.in_(chunk)))]

    return rows_in_order(ids, read)


def list_helped(
    session: Session, filters: HelpedFilters = HelpedFilters(), sort: Sort = NO_SORT
) -> list[HelpedRow]:
    """The whole 帮扶对象 list as shown."""
    return rows_by_ids(session, list_ids(session, filters, sort))


def helper_choices(session: Session) -> list[tuple[int, str]]:
    """Executive committee members in office, who may be named as helpers."""
    from .query import member_choices

    return member_choices(session, EXECUTIVE_ROLES)
