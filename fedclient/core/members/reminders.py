"""Reminders of the roster (shown in the 成员 tab and on 首页): terms ending, leaders guiding too few or too
many executive members, people helped by fewer than three executive members."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import HelpedPerson, HelpedPersonHelper, Member, MemberGuidance
from ..reminders import SHOWN_PER_GROUP, Leading, Reminder
from ..vocab import HELPERS_PER_PERSON, LEADER_ROLES, ROLES
from .office import ROLE_RANK

TERM_ENDING_DAYS = 60


GUIDANCE_MIN, GUIDANCE_MAX = 2, 4


def _term_ending(session: Session, today: date, first: int | None = None) -> tuple[list[Reminder], int]:
    """Terms ending within TERM_ENDING_DAYS, and how many. With ``first``: built only up to the ``first``-th
    end date (every term ending that day too, so 首页's sort by date and text picks the same first ones)."""
    soon = today + timedelta(days=TERM_ENDING_DAYS)
    where = (Member.status == "active", Member.term_end.is_not(None), Member.term_end >= today,
             Member.term_end <= soon)  # fmt: skip
    query = select(Member.id, Member.name, Member.role, Member.term_end).where(*where)
    total = None
    if first is not None:
        total = session.scalar(select(func.count()).select_from(Member).where(*where)) or 0
        if total > first:
            last = select(Member.term_end).where(*where).order_by(Member.term_end).offset(first - 1).limit(1)
            query = query.where(Member.term_end <= last.scalar_subquery())
    result = []
    for m in session.execute(query.order_by(Member.term_end, ROLE_RANK, Member.name_initials)):
        text = (
            f"{m.name}（{ROLES.get(m.role, m.role)}）任期将于{m.term_end:%Y年%m月%d日}届满，请准备换届或续任"
        )
        result.append(Reminder("term_ending", "任期将满", text, "members", m.id, m.term_end))
    return result, len(result) if total is None else total


def _guidance_and_helpers(session: Session) -> list[Reminder]:
    result = []
    # Seed 000: each chair or vice chair guides 2-4 executive members (a gentle reminder, never an error).
    guided = (
        select(MemberGuidance.leader_id, func.count().label("n"))
        .join(Member, Member.id == MemberGuidance.member_id)
        .where(Member.status == "active")
        .group_by(MemberGuidance.leader_id)
        .subquery()
    )
    leaders = session.execute(
        select(Member.id, Member.name, func.coalesce(guided.c.n, 0))
        .outerjoin(guided, guided.c.leader_id == Member.id)
        .where(Member.status == "active", Member.role.in_(LEADER_ROLES))
        .order_by(ROLE_RANK, Member.name_initials)
    )
    for leader_id, name, n in leaders:
        if not GUIDANCE_MIN <= n <= GUIDANCE_MAX:
            text = f"{name}联系指导{n}名执委（一般为{GUIDANCE_MIN}-{GUIDANCE_MAX}名）"
            result.append(Reminder("guidance_count", "联系指导执委", text, "members", leader_id))

    # Seed 001: every 3 executive members jointly help one woman or child in difficulty.
    helpers = (
        select(HelpedPersonHelper.helped_person_id, func.count().label("n"))
        .group_by(HelpedPersonHelper.helped_person_id)
        .subquery()
    )
    short = session.execute(
        select(HelpedPerson.id, HelpedPerson.name, func.coalesce(helpers.c.n, 0))
        .outerjoin(helpers, helpers.c.helped_person_id == HelpedPerson.id)
        .where(HelpedPerson.status == "帮扶中", func.coalesce(helpers.c.n, 0) < HELPERS_PER_PERSON)
        .order_by(HelpedPerson.name_initials)
    )
    for person_id, name, n in short:
        text = f"帮扶对象{name}只有{n}名帮扶人（每人应有{HELPERS_PER_PERSON}名执委帮扶）"
        result.append(Reminder("helpers_short", "帮扶人不足", text, "members", person_id))
    return result


def reminders(session: Session, today: date) -> list[Reminder]:
    ending, _total = _term_ending(session, today)
    return ending + _guidance_and_helpers(session)


def leading_reminders(session: Session, today: date) -> Leading:
    """首页's share of :func:`reminders`: the terms ending counted in SQL and only the first ones built."""
    ending, total = _term_ending(session, today, SHOWN_PER_GROUP)
    others = _guidance_and_helpers(session)
    totals = {"任期将满": total} if total else {}
    for reminder in others:
        totals[reminder.group] = totals.get(reminder.group, 0) + 1
    return Leading(ending + others, totals)
