"""Reminders of the roster (shown in the 成员 tab and on 首页): terms ending, leaders guiding too few or too
many executive members, people helped by fewer than three executive members."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..models import HelpedPerson, HelpedPersonHelper, Member, MemberGuidance
from ..reminders import SHOWN_PER_GROUP, Leading, Reminder
from ..vocab import HELPERS_PER_PERSON, LEADER_ROLES, ROLES
from .office import ROLE_RANK

TERM_ENDING_DAYS = 60


GUIDANCE_MIN, GUIDANCE_MAX = 2, 4


def _term_ending(session: Session, today: date, first: int | None = None) -> tuple[list[Reminder], int]:
    """Terms ending within TERM_ENDING_DAYS (in the roster's order), and how many. With ``first``: only the first
    ``first`` in 首页's order (end date, then text; the same text in the roster's order, as the full list gives them),
    counted in the same statement. The text is made in SQL so that a county's thousands (a whole committee's terms
    end on one day) need not be read to find them."""
    soon = today + timedelta(days=TERM_ENDING_DAYS)
    role = case(ROLES, value=Member.role, else_=Member.role)
    ends = func.strftime("%Y年%m月%d日", Member.term_end)
    text = (Member.name + "（" + role + "）任期将于" + ends + "届满，请准备换届或续任").label("text")
    query = select(Member.id, Member.term_end, text, func.count().over().label("total")).where(
        Member.status == "active",
        Member.term_end.is_not(None),
        Member.term_end >= today,
        Member.term_end <= soon,
    )
    in_roster_order = (ROLE_RANK, Member.name_initials)
    if first is None:
        query = query.order_by(Member.term_end, *in_roster_order)
    else:
        query = query.order_by(Member.term_end, text, *in_roster_order).limit(first)
    rows = session.execute(query).all()
    found = [Reminder("term_ending", "任期将满", m.text, "members", m.id, m.term_end) for m in rows]
    return found, rows[0].total if rows else 0


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
