"""The grid service log: date, grid, who served, one of the five roles, what was done, who was served."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..listing import fetch_ids, rows_in_order
from ..models import Grid, GridService, GridServiceHousehold, GridServiceMember, Household, MediationCase
from ..refusal import SaveRefused
from ..sorting import NO_SORT, Sort, sort_order
from ..vocab import SERVICE_RESULTS, SERVICE_ROLES
from ..volunteer_points.rules import hours_error
from .labels import grid_label
from .report import server_names

MEDIATION_ROLE = "矛盾调解"


class ServiceError(SaveRefused):
    """A grid service that cannot be saved as typed (field names as in ``ServiceData``)."""


@dataclass
class ServiceData:
    id: int | None = None
    date: date | None = None
    grid_id: int | None = None
    role: str = SERVICE_ROLES[0]
    description: str = ""
    people_served: int = 0
    hours: float = 0.0  # volunteer hours of each member who served (巾帼志愿积分)
    result: str = SERVICE_RESULTS[0]
    member_ids: list[int] = field(default_factory=list)
    household_ids: list[int] = field(default_factory=list)
    case_id: int | None = None
    # Filled when read:
    grid_label: str = ""
    member_names: list[str] = field(default_factory=list)
    households: int = 0
    case_number: str = ""


@dataclass
class ServiceFilter:
    text: str = ""
    grid_id: int | None = None
    role: str = ""
    start: date | None = None
    end: date | None = None


def _where(filters: ServiceFilter) -> list:
    conds = []
    if filters.text.strip():
        conds.append(GridService.description.like(f"%{filters.text.strip()}%"))
    if filters.grid_id is not None:
        conds.append(GridService.grid_id == filters.grid_id)
    if filters.role:
        conds.append(GridService.role == filters.role)
    if filters.start:
        conds.append(GridService.date >= filters.start)
    if filters.end:
        conds.append(GridService.date <= filters.end)
    return conds


SERVICE_ORDER = (GridService.date.desc(), GridService.id.desc())  # the list's own order: newest first


def _of_service(column):
    return select(column).correlate(GridService).scalar_subquery()


# Sort keys the list offers (column key -> SQL expression); 服务人 (the names of who served) is not sorted.
SORTS = {
    "date": GridService.date,
    "grid": _of_service(Grid.number).where(Grid.id == GridService.grid_id),
    "role": GridService.role,
    "description": GridService.description,
    "people_served": GridService.people_served,
    "households": _of_service(func.count()).where(GridServiceHousehold.service_id == GridService.id),
    "result": GridService.result,
    "case": _of_service(MediationCase.year * 100000 + MediationCase.seq).where(
        MediationCase.id == GridService.case_id
    ),
}


def count_services(session: Session, filters: ServiceFilter) -> int:
    return session.scalar(select(func.count(GridService.id)).where(*_where(filters))) or 0


def list_ids(session: Session, filters: ServiceFilter, sort: Sort = NO_SORT) -> Sequence[int]:
    """The ids of the service log, filtered and sorted in SQL (its own order: newest first)."""
    order = sort_order(SORTS, sort, SERVICE_ORDER)
    return fetch_ids(session, select(GridService.id).where(*_where(filters)).order_by(*order))


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[ServiceData]:
    """The list rows of these services, in the order of ``ids``."""
    return rows_in_order(ids, lambda chunk: _rows(session, chunk))


def list_services(session: Session, filters: ServiceFilter, sort: Sort = NO_SORT) -> list[ServiceData]:
    """The whole service log as shown."""
    return rows_by_ids(session, list_ids(session, filters, sort))


def _rows(session: Session, ids: list[int]) -> list[ServiceData]:
    households = (
        select(func.count())
        .where(GridServiceHousehold.service_id == GridService.id)
        .correlate(GridService)
        .scalar_subquery()
    )
    rows = session.execute(
        select(GridService, Grid.number, Grid.name, MediationCase.number, households)
        .join(Grid, Grid.id == GridService.grid_id)
        .outerjoin(MediationCase, MediationCase.id == GridService.case_id)
        .where(GridService.id.in_(ids))
    ).all()
    names = server_names(session, [r[0].id for r in rows])
    return [
        ServiceData(
            id=s.id,
            date=s.date,
            grid_id=s.grid_id,
            role=s.role,
            description=s.description,
            people_served=s.people_served,
            hours=s.hours or 0.0,
            result=s.result,
            case_id=s.case_id,
            grid_label=grid_label(number, name),
            member_names=names.get(s.id, []),
            households=n_households,
            case_number=case_number or "",
        )
        for s, number, name, case_number, n_households in rows
    ]


def get_service(session: Session, service_id: int) -> ServiceData | None:
    s = session.get(GridService, service_id)
    if s is None:
        return None
    grid = session.get(Grid, s.grid_id)
    case = session.get(MediationCase, s.case_id) if s.case_id else None
    member_ids = list(
        session.scalars(select(GridServiceMember.member_id).where(GridServiceMember.service_id == s.id))
    )
    household_ids = list(
        session.scalars(
            select(GridServiceHousehold.household_id).where(GridServiceHousehold.service_id == s.id)
        )
    )
    return ServiceData(
        id=s.id,
        date=s.date,
        grid_id=s.grid_id,
        role=s.role,
        description=s.description,
        people_served=s.people_served,
        hours=s.hours or 0.0,
        result=s.result,
        member_ids=member_ids,
        household_ids=household_ids,
        case_id=s.case_id,
        grid_label=grid_label(grid.number, grid.name) if grid else "",
        member_names=server_names(session, [s.id]).get(s.id, []),
        households=len(household_ids),
        case_number=case.number if case else "",
    )


def validate_service(data: ServiceData, today: date | None = None) -> dict[str, str]:
    errors = {}
    if data.date is None:
        errors["date"] = "请填写服务日期"
    elif today and data.date > today:
        errors["date"] = "服务日期不能晚于今天"
    if not data.grid_id:
        errors["grid_id"] = "请选择网格"
    if data.role not in SERVICE_ROLES:
        errors["role"] = "请选择服务类别"
    if not data.description.strip():
        errors["description"] = "请填写服务内容"
    if data.people_served is None or data.people_served < 0:
        errors["people_served"] = "服务人数不能为负数"
    if hours_error(data.hours):
        errors["hours"] = hours_error(data.hours)
    if data.result not in SERVICE_RESULTS:
        errors["result"] = "请选择是否解决"
    if not data.member_ids:
        errors["member_ids"] = "请至少选择一名服务人"
    return errors


def save_service(session: Session, data: ServiceData, today: date | None = None) -> ServiceData:
    errors = validate_service(data, today)
    if errors:
        raise ServiceError(errors)
    service = session.get(GridService, data.id) if data.id else GridService()
    if service is None:
        raise ServiceError.whole("该服务记录已被删除")
    service.date, service.grid_id, service.role = data.date, data.grid_id, data.role
    service.description, service.people_served = data.description.strip(), data.people_served
    service.result = data.result
    service.hours = round(float(data.hours or 0), 2)
    if data.case_id is not None:
        service.case_id = data.case_id
    session.add(service)
    session.flush()
    session.execute(delete(GridServiceMember).where(GridServiceMember.service_id == service.id))
    session.execute(delete(GridServiceHousehold).where(GridServiceHousehold.service_id == service.id))
    for member_id in dict.fromkeys(data.member_ids):
        session.add(GridServiceMember(service_id=service.id, member_id=member_id))
    known = set(session.scalars(select(Household.id).where(Household.id.in_(data.household_ids))))
    for household_id in dict.fromkeys(data.household_ids):
        if household_id in known:
            session.add(GridServiceHousehold(service_id=service.id, household_id=household_id))
    session.flush()
    return get_service(session, service.id)


def link_case(session: Session, service_id: int, case_id: int | None) -> None:
    """Called by the mediation side when a case is opened from (or unlinked from) a service entry."""
    service = session.get(GridService, service_id)
    if service is None:
        raise ServiceError.whole("该服务记录已被删除")
    service.case_id = case_id


def delete_service(session: Session, service_id: int) -> None:
    service = session.get(GridService, service_id)
    if service is not None:
        session.delete(service)


def services_for_case(session: Session, case_id: int) -> list[int]:
    return list(session.scalars(select(GridService.id).where(GridService.case_id == case_id)))
