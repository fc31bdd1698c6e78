"""Hours, points and balance per member; one member's ledger; redemptions at the 积分超市.

A member's hours are the hours of every grid service she took part in (each server is credited the service's
hours) and of every progress entry of her pledges. Points = her hours under the rule; balance = points minus
what she exchanged. Stars go by the points earned (exchanging does not take a star away).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..members.office import ROLE_RANK, in_office, role_rank
from ..models import GridService, GridServiceMember, Member, Pledge, PledgeProgress, PointRedemption
from ..pinyin import initials_index, initials_pattern, looks_like_initials
from ..refusal import SaveRefused
from ..vocab import ROLES
from .rules import PointsRule, fmt, get_rule


class RedemptionError(SaveRefused):
    """A redemption that cannot be saved (fields: member_id, date, item, points)."""


@dataclass
class VolunteerPoints:
    member_id: int
    name: str
    role: str
    hours: float
    points: float
    spent: float
    star: str
    stars: int

    @property
    def balance(self) -> float:
        return round(self.points - self.spent, 2)


@dataclass
class LedgerEntry:
    date: date
    kind: str  # 网格服务 / 践诺 / 兑换
    text: str
    hours: float  # 0 for a redemption
    points: float  # negative for a redemption
    redemption_id: int | None = None


def service_hours(until: date | None = None):
    query = (
        select(GridServiceMember.member_id, func.sum(GridService.hours))
        .join(GridService, GridService.id == GridServiceMember.service_id)
        .where(GridService.hours > 0)
        .group_by(GridServiceMember.member_id)
    )
    return query.where(GridService.date <= until) if until else query


def progress_hours(until: date | None = None):
    query = (
        select(Pledge.member_id, func.sum(PledgeProgress.hours))
        .join(Pledge, Pledge.id == PledgeProgress.pledge_id)
        .where(PledgeProgress.hours > 0)
        .group_by(Pledge.member_id)
    )
    return query.where(PledgeProgress.date <= until) if until else query


def hours_by_member(session: Session, until: date | None = None) -> dict[int, float]:
    totals: dict[int, float] = {}
    for query in (service_hours(until), progress_hours(until)):
        for member_id, hours in session.execute(query):
            totals[member_id] = totals.get(member_id, 0.0) + float(hours or 0)
    return totals


def spent_by_member(session: Session) -> dict[int, float]:
    rows = session.execute(
        select(PointRedemption.member_id, func.sum(PointRedemption.points)).group_by(
            PointRedemption.member_id
        )
    )
    return {member_id: float(total or 0) for member_id, total in rows}


# Sort keys the list offers (column key -> a row's value): points are worked out by the rule from the hours, so
# the list (read whole) is sorted where shown (``sorting.sorted_rows``), names by pinyin and roles by rank as in the roster.
SORTS = {
    "name": lambda r: initials_index(r.name),
    "role": lambda r: role_rank(r.role),
    "hours": lambda r: r.hours,
    "points": lambda r: r.points,
    "spent": lambda r: r.spent,
    "balance": lambda r: r.balance,
    "star": lambda r: r.stars,
}
# A member's ledger (every entry that earned or spent points, oldest first) by its columns.
LEDGER_SORTS = {
    "date": lambda e: e.date,
    "kind": lambda e: e.kind,
    "text": lambda e: e.text,
    "hours": lambda e: e.hours,
    "points": lambda e: e.points,
}


def volunteer_points(session: Session, today: date, search: str = "") -> list[VolunteerPoints]:
    """Volunteers in office and everyone else with hours or redemptions; the list's own order: most points first
    (equal points in the roster's order)."""
    rule = get_rule(session)
    hours, spent = hours_by_member(session), spent_by_member(session)
    query = select(Member).where(
        or_(
            (Member.role == "volunteer") & in_office(today),
            Member.id.in_(list(hours) + list(spent)),
        )
    )
    text = search.strip()
    if text:
        conds = [Member.name.like(f"%{text}%")]
        if looks_like_initials(text):
            conds.append((" " + Member.name_initials).like(initials_pattern(text), escape="\\"))
        query = query.where(or_(*conds))
    members = session.scalars(query.order_by(ROLE_RANK, Member.name_initials, Member.id)).all()
    rows = [_row(rule, m, hours.get(m.id, 0.0), spent.get(m.id, 0.0)) for m in members]
    rows.sort(key=lambda r: -r.points)  # stable: equal points keep the roster order
    return rows


def _row(rule: PointsRule, member: Member, hours: float, spent: float) -> VolunteerPoints:
    points = rule.points(hours)
    return VolunteerPoints(
        member_id=member.id, name=member.name, role=ROLES.get(member.role, member.role), hours=round(hours, 2),
        points=points, spent=round(spent, 2), star=rule.star_label(points), stars=rule.stars(points),
    )  # fmt: skip


def member_points(session: Session, member_id: int) -> VolunteerPoints | None:
    member = session.get(Member, member_id)
    if member is None:
        return None
    hours = hours_by_member(session).get(member_id, 0.0)
    return _row(get_rule(session), member, hours, spent_by_member(session).get(member_id, 0.0))


def member_ledger(session: Session, member_id: int) -> list[LedgerEntry]:
    """Every entry that earned or spent points, oldest first."""
    rule = get_rule(session)
    entries: list[LedgerEntry] = []
    services = session.execute(
        select(GridService.date, GridService.role, GridService.description, GridService.hours)
        .join(GridServiceMember, GridServiceMember.service_id == GridService.id)
        .where(GridServiceMember.member_id == member_id, GridService.hours > 0)
    )
    for day, role, text, hours in services:
        entries.append(LedgerEntry(day, "网格服务", f"{role}：{text}", hours, rule.points(hours)))
    progress = session.execute(
        select(PledgeProgress.date, PledgeProgress.description, PledgeProgress.hours)
        .join(Pledge, Pledge.id == PledgeProgress.pledge_id)
        .where(Pledge.member_id == member_id, PledgeProgress.hours > 0)
    )
    for day, text, hours in progress:
        entries.append(LedgerEntry(day, "践诺", text or "践诺记录", hours, rule.points(hours)))
    for r in session.scalars(select(PointRedemption).where(PointRedemption.member_id == member_id)):
        entries.append(LedgerEntry(r.date, "兑换", r.item, 0.0, -r.points, r.id))
    entries.sort(key=lambda e: (e.date, e.kind == "兑换"))
    return entries


def redeem(session: Session, member_id: int, day: date | None, item: str, points: float, today: date) -> int:
    """Records an exchange at the 积分超市; refused when she has fewer points than it costs."""
    errors = {}
    if day is None:
        errors["date"] = "请填写兑换日期。"
    elif day > today:
        errors["date"] = "兑换日期不能晚于今天。"
    if not item.strip():
        errors["item"] = "请填写兑换的物品或服务。"
    if points is None or points <= 0:
        errors["points"] = "所用积分应大于 0。"
    current = member_points(session, member_id)
    if current is None:
        raise RedemptionError.whole("该成员不存在。")
    if not errors and points > current.balance + 1e-9:
        errors["points"] = f"积分不足：{current.name}现有可用积分 {fmt(current.balance)} 分。"
    if errors:
        raise RedemptionError(errors)
    row = PointRedemption(member_id=member_id, date=day, item=item.strip(), points=round(float(points), 2))
    session.add(row)
    session.flush()
    return row.id


def delete_redemption(session: Session, redemption_id: int) -> None:
    row = session.get(PointRedemption, redemption_id)
    if row is not None:
        session.delete(row)
