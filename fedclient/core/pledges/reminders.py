"""What the chair should act on about pledges (shown on the tab and on 首页)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from ..members.office import in_office
from ..models import Assessment, Member, Pledge, PledgeProgress
from ..reminders import SHOWN_PER_GROUP, Leading, Reminder, leading
from ..vocab import EXECUTIVE_ROLES
from .query import OWN_ORDER
from .status import DONE, OVERDUE, percent, sql_done, sql_status

DUE_SOON_DAYS = 30
IDLE_DAYS = 90


def short(text: str, limit: int = 18) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


MISSING = "承诺未填报"


def _without_pledge(year: int, on: date) -> tuple:
    """SQL conditions: an executive member in office on ``on`` without a pledge for ``year``."""
    has_pledge = select(Pledge.member_id).where(Pledge.year == year)
    return Member.role.in_(EXECUTIVE_ROLES), in_office(on), Member.id.not_in(has_pledge)


def missing_pledges(session: Session, year: int, on: date) -> list[tuple[int, str]]:
    """(id, name) of executive members in office on ``on`` without a pledge for ``year``."""
    rows = session.execute(
        select(Member.id, Member.name).where(*_without_pledge(year, on)).order_by(Member.id)
    )
    return [(r.id, r.name) for r in rows]


def _missing_reminders(session: Session, today: date, first: int | None = None) -> tuple[list[Reminder], int]:
    """A reminder for each executive member without a pledge for this year (in member order), and how many.
    With ``first``: only the first ``first`` in 首页's order (by text: they have no due date; the same text in
    member order, as the full list gives them), counted in the same statement. The text is made in SQL so that
    the county's thousands need not be read to find them."""
    text = (Member.name + f"：{today.year}年尚未填报承诺").label("text")
    query = select(Member.id, text, func.count().over().label("total")).where(
        *_without_pledge(today.year, today)
    )
    query = query.order_by(Member.id) if first is None else query.order_by(text, Member.id).limit(first)
    rows = session.execute(query).all()
    found = [Reminder("pledge_missing", MISSING, row.text, "pledges", row.id) for row in rows]
    return found, rows[0].total if rows else 0


def _open_pledges(today: date) -> Select:
    """This year's and last year's pledges not done as of ``today`` (last year's only of members not yet
    assessed for it), in the list's order, with what their reminders say."""
    status = sql_status(today)
    last_entry = (
        select(func.max(PledgeProgress.date))
        .where(PledgeProgress.pledge_id == Pledge.id, PledgeProgress.date <= today)
        .correlate(Pledge)
        .scalar_subquery()
    )
    assessed = select(Assessment.member_id).where(Assessment.year == today.year - 1)
    return (
        select(
            Pledge.id, Pledge.year, Pledge.content, Pledge.standard_kind, Pledge.target, Pledge.deadline,
            Pledge.posted_date, Member.name.label("member_name"), sql_done(today).label("done"),
            last_entry.label("last_entry"), status.label("status"),
        )
        .join(Member, Member.id == Pledge.member_id)
        .where(
            Pledge.year.in_((today.year - 1, today.year)),
            or_(Pledge.year == today.year, Pledge.member_id.not_in(assessed)),
            status != DONE,
        )
        .order_by(Pledge.year, *OWN_ORDER)
    )  # fmt: skip


def reminders(session: Session, today: date) -> list[Reminder]:
    return _missing_reminders(session, today)[0] + list(_open_reminders(session, today))


def leading_reminders(session: Session, today: date) -> Leading:
    """首页's share of :func:`reminders`: each group's first ones and its count, never all of them at once."""
    missing, total = _missing_reminders(session, today, SHOWN_PER_GROUP)
    found = leading(_open_reminders(session, today))
    return Leading(missing + found.reminders, {MISSING: total, **found.totals} if total else found.totals)


def _open_reminders(session: Session, today: date) -> Iterator[Reminder]:
    # This year's pledges, and last year's that are still not done (an unmet pledge must be explained) until
    # the chair has assessed that member for last year: the assessment is where it is explained and judged.
    # Only the columns a reminder needs, of the pledges not done, row by row (a county has thousands: a whole
    # list of rows at once stays in the program's memory as grown heap long after the read, issue 18).
    for p in session.execute(_open_pledges(today)):
        which = "" if p.year == today.year else f"{p.year}年"
        label = f"{p.member_name}：{which}“{short(p.content)}”"
        if p.status == OVERDUE:
            days = (today - p.deadline).days
            yield Reminder(
                "pledge_overdue", "承诺逾期未完成", f"{label}已逾期 {days} 天", "pledges", p.id, p.deadline
            )
            continue
        if p.deadline - today <= timedelta(days=DUE_SOON_DAYS):
            days = (p.deadline - today).days
            when = "今天到期" if days == 0 else f"{days} 天后到期"
            done = percent(p.standard_kind, p.target, float(p.done or 0))
            yield Reminder(
                "pledge_due", "承诺即将到期", f"{label}{when}，完成 {done:g}%", "pledges", p.id, p.deadline
            )
        since = p.last_entry or p.posted_date or date(p.year, 1, 1)
        idle = (today - since).days
        if idle >= IDLE_DAYS:
            what = "没有践诺记录" if p.last_entry else "尚无践诺记录"
            yield Reminder(
                "pledge_idle", "承诺久未践诺", f"{label}已 {idle} 天{what}", "pledges", p.id,
                since + timedelta(days=IDLE_DAYS),
            )  # fmt: skip
