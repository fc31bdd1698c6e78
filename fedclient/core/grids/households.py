"""Households (户): each in at most one grid (``Household.grid_id``). Lists filter and sort in SQL."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from ..listing import fetch_ids, rows_in_order
from ..models import Grid, GridService, GridServiceHousehold, Household
from ..pinyin import initials_index, initials_pattern, looks_like_initials
from ..refusal import SaveRefused
from ..sorting import NO_SORT, Sort, sort_order
from ..vocab import HOUSEHOLD_TAGS
from .labels import grid_label
from .report import unvisited_household_filter

NO_GRID = -1  # filter value: households in no grid


def address_sort_key(address: str) -> str:
    return re.sub(r"\d+", lambda m: m.group().zfill(6), address or "")


class HouseholdError(SaveRefused):
    """A household that cannot be saved as typed (field names as in ``HouseholdData``)."""


@dataclass
class HouseholdData:
    id: int | None = None
    contact_name: str = ""
    address: str = ""
    size: int = 1
    tags: list[str] = field(default_factory=list)
    phone: str = ""
    notes: str = ""
    grid_id: int | None = None
    grid_label: str = ""  # filled when read
    last_visit: date | None = None  # filled when read: the latest service that names this household

    @property
    def tags_text(self) -> str:
        return "、".join(self.tags)


@dataclass
class HouseholdFilter:
    text: str = ""  # name (or its pinyin initials), address or phone
    grid_id: int | None = None  # None: all; NO_GRID: in no grid
    tag: str = ""
    unvisited_days: int | None = None  # only households not visited for this many days up to ``today``
    today: date | None = None


# The list's own order: by grid (those in none last), then address.
OWN_ORDER = (Grid.number.asc().nulls_last(), Household.address_key, Household.id)


def _last_visit():
    return (
        select(func.max(GridService.date))
        .join(GridServiceHousehold, GridServiceHousehold.service_id == GridService.id)
        .where(GridServiceHousehold.household_id == Household.id)
        .correlate(Household)
        .scalar_subquery()
    )


# Sort keys the list offers (column key -> SQL expression).
SORTS = {
    "name": Household.name_initials,
    "address": Household.address_key,
    "size": Household.size,
    "tags": Household.tags,
    "phone": Household.phone,
    "grid": Grid.number,
    "last_visit": _last_visit(),
}


def _where(session: Session, filters: HouseholdFilter) -> list:
    conds = []
    text = filters.text.strip()
    if text:
        like = f"%{text}%"
        options = [
            Household.contact_name.like(like),
            Household.address.like(like),
            Household.phone.like(like),
        ]
        if looks_like_initials(text):
            options.append((" " + Household.name_initials).like(initials_pattern(text), escape="\\"))
        conds.append(or_(*options))
    if filters.grid_id == NO_GRID:
        conds.append(Household.grid_id.is_(None))
    elif filters.grid_id is not None:
        conds.append(Household.grid_id == filters.grid_id)
    if filters.tag:
        conds.append(("、" + Household.tags + "、").like(f"%、{filters.tag}、%"))
    if filters.unvisited_days is not None and filters.today is not None:
        conds.append(unvisited_household_filter(session, filters.today, filters.unvisited_days))
    return conds


def count_households(session: Session, filters: HouseholdFilter) -> int:
    return session.scalar(select(func.count(Household.id)).where(*_where(session, filters))) or 0


def list_ids(session: Session, filters: HouseholdFilter, sort: Sort = NO_SORT) -> Sequence[int]:
    """The ids of the household list, filtered and sorted in SQL."""
    query = (
        select(Household.id).outerjoin(Grid, Grid.id == Household.grid_id).where(*_where(session, filters))
    )
    return fetch_ids(session, query.order_by(*sort_order(SORTS, sort, OWN_ORDER)))


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[HouseholdData]:
    """The list rows of these households, in the order of ``ids``."""
    return rows_in_order(ids, lambda chunk: _rows(session, chunk))


def _rows(session: Session, ids: list[int]) -> list[HouseholdData]:
    rows = session.execute(
        select(Household, Grid.number, Grid.name)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .where(Household.id.in_(ids))
    ).all()
    # The last visit only for these rows (a subquery in the select list would run for every row).
    visits = dict(
        session.execute(
            select(GridServiceHousehold.household_id, func.max(GridService.date))
            .join(GridService, GridService.id == GridServiceHousehold.service_id)
            .where(GridServiceHousehold.household_id.in_(ids))
            .group_by(GridServiceHousehold.household_id)
        ).all()
    )
    return [_data(h, number, name, visits.get(h.id)) for h, number, name in rows]


def list_households(session: Session, filters: HouseholdFilter, sort: Sort = NO_SORT) -> list[HouseholdData]:
    """The whole household list as shown."""
    return rows_by_ids(session, list_ids(session, filters, sort))


def _data(h: Household, number: int | None, name: str | None, visit: date | None = None) -> HouseholdData:
    return HouseholdData(
        id=h.id,
        contact_name=h.contact_name,
        address=h.address,
        size=h.size,
        tags=[t for t in h.tags.split("、") if t],
        phone=h.phone,
        notes=h.notes,
        grid_id=h.grid_id,
        grid_label=grid_label(number, name or "") if number is not None else "",
        last_visit=visit,
    )


def get_household(session: Session, household_id: int) -> HouseholdData | None:
    row = session.execute(
        select(Household, Grid.number, Grid.name)
        .outerjoin(Grid, Grid.id == Household.grid_id)
        .where(Household.id == household_id)
    ).first()
    return _data(*row) if row else None


def validate_household(data: HouseholdData) -> tuple[HouseholdData, dict[str, str], list[str]]:
    """(cleaned data, field -> error, warnings). Nothing is written."""
    from ..validation import check_phone  # (首页's household reminders read households, never check them)

    errors: dict[str, str] = {}
    warnings: list[str] = []
    name = data.contact_name.strip()
    if not name:
        errors["contact_name"] = "请填写户主或联系人姓名"
    if data.size is None or data.size < 1 or data.size > 30:
        errors["size"] = "户内人数应在1到30之间"
    phone = check_phone(data.phone or "")
    if phone.errors:
        errors["phone"] = phone.errors[0]
    warnings += phone.warnings
    unknown = [t for t in data.tags if t not in HOUSEHOLD_TAGS]
    if unknown:
        errors["tags"] = f"未知的标签：{'、'.join(unknown)}（可选：{'、'.join(HOUSEHOLD_TAGS)}）"
    clean = HouseholdData(
        id=data.id,
        contact_name=name,
        address=data.address.strip(),
        size=data.size or 1,
        tags=[t for t in HOUSEHOLD_TAGS if t in data.tags],
        phone=phone.value,
        notes=data.notes.strip(),
        grid_id=data.grid_id or None,
    )
    return clean, errors, warnings


def save_household(session: Session, data: HouseholdData) -> HouseholdData:
    clean, errors, _warnings = validate_household(data)
    if errors:
        raise HouseholdError(errors)
    if clean.grid_id is not None and session.get(Grid, clean.grid_id) is None:
        raise HouseholdError({"grid_id": "所选网格已不存在"})
    row = session.get(Household, clean.id) if clean.id else Household()
    if row is None:
        raise HouseholdError.whole("该户已被删除")
    for name, value in zip(HOUSEHOLD_COLUMNS, household_columns(clean), strict=True):
        setattr(row, name, value)
    session.add(row)
    session.flush()
    return get_household(session, row.id)


def add_households(session: Session, households: Sequence[HouseholdData]) -> None:
    """New households at once (an import's): checked like ``save_household``, written with one bulk INSERT
    and their history (``history.bulk``)."""
    from ..history.bulk import insert_recorded

    rows = []
    for data in households:
        clean, errors, _warnings = validate_household(data)
        if errors:
            raise HouseholdError(errors)
        rows.append(household_columns(clean))
    grids = {row[-1] for row in rows} - {None}
    if grids and len(session.scalars(select(Grid.id).where(Grid.id.in_(grids))).all()) < len(grids):
        raise HouseholdError({"grid_id": "所选网格已不存在"})
    insert_recorded(session, Household.__table__, HOUSEHOLD_COLUMNS, rows)


# What a household stores (``household_columns``), the grid last.
HOUSEHOLD_COLUMNS = (
    "contact_name",
    "name_initials",
    "address",
    "address_key",
    "size",
    "tags",
    "phone",
    "notes",
    "grid_id",
)


def household_columns(clean: HouseholdData) -> tuple:
    """The stored columns (``HOUSEHOLD_COLUMNS``) of a household already checked."""
    return (
        clean.contact_name,
        initials_index(clean.contact_name),
        clean.address,
        address_sort_key(clean.address),
        clean.size,
        clean.tags_text,
        clean.phone,
        clean.notes,
        clean.grid_id,
    )


def delete_households(session: Session, household_ids: list[int]) -> int:
    rows = list(session.scalars(select(Household).where(Household.id.in_(household_ids))))
    for row in rows:
        session.delete(row)
    return len(rows)


def move_households(session: Session, household_ids: list[int], grid_id: int | None) -> int:
    """Put several households into one grid (or none) in one statement; returns how many moved."""
    if grid_id is not None and session.get(Grid, grid_id) is None:
        raise HouseholdError({"grid_id": "所选网格已不存在"})
    ids = list(dict.fromkeys(household_ids))
    if not ids:
        return 0
    result = session.execute(update(Household).where(Household.id.in_(ids)).values(grid_id=grid_id))
    return result.rowcount


def household_choices(session: Session, grid_id: int | None, limit: int = 2000) -> list[tuple[int, str]]:
    """(id, "王秀英 3组12号") of a grid's households (or of all when ``grid_id`` is None), for pickers."""
    query = select(Household.id, Household.contact_name, Household.address)
    if grid_id is not None:
        query = query.where(Household.grid_id == grid_id)
    rows = session.execute(query.order_by(Household.address_key, Household.id).limit(limit))
    return [(i, _choice_label(name, address)) for i, name, address in rows]


def find_household_choices(session: Session, text: str, limit: int = 30) -> list[tuple[int, str]]:
    """The households a picker offers for what the chair typed (the head's name or its pinyin initials, the
    address, the phone), the first ``limit`` by address: a county has thousands, never all listed at once."""
    query = select(Household.id, Household.contact_name, Household.address)
    query = query.where(*_where(session, HouseholdFilter(text=text)))
    rows = session.execute(query.order_by(Household.address_key, Household.id).limit(limit))
    return [(i, _choice_label(name, address)) for i, name, address in rows]


def household_choice(session: Session, household_id: int) -> str | None:
    """The label a picker shows for one household (``None``: it no longer exists)."""
    row = session.execute(
        select(Household.contact_name, Household.address).where(Household.id == household_id)
    ).first()
    return _choice_label(*row) if row else None


def _choice_label(name: str, address: str) -> str:
    return f"{name} {address}".strip()
