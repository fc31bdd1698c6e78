"""Reminders of the roster (shown in the 成员 tab and on 首页): terms ending, leaders guiding too few or too
many executive members, people helped by fewer than three executive members."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import HelpedPerson, HelpedPersonHelper, Member, MemberGuidance
from ..reminders import Reminder
from ..vocab import HELPERS_PER_PERSON, LEADER_ROLES, ROLES
from .office import ROLE_RANK

TERM_ENDING_DAYS = 60


GUIDANCE_MIN, GUIDANCE_MAX = 2, 4


def reminders(session: Session, today: date) -> list[Reminder]:
    result = []
    soon = today + timedelta(days=TERM_ENDING_DAYS)
    ending = session.scalars(
        select(Member)
        .where(Member.status == "active", Member.term_end.is_not(None))
        .where(Member.term_end >= today, Member.term_end <= soon)
        .order_by(Member.term_end, ROLE_RANK, Member.name_initials)
    )
    for m in ending:
        text = (
            f"{m.name}（{ROLES.get(m.role, m.role)}）任期将于{m.term_end:%Y年%m月%d日}届满，请准备换届或续任"
        )
        result.append(Reminder("term_ending", "任期将满", text, "members", m.id, m.term_end))

    # Seed 000: each chair or vice chair guides 2-4 executive members (a gentle reminder, never an error).
    guided = (
        select(MemberGuidance.leader_id, func.count().label("n"))
        .join(Member, Member.id == MemberGuidance.member_id)
        .where(Member.status == "active")
        .group_by(MemberGuidance.leader_id)
        .subquery()
    )
    leaders = session.execute(
        select(Member, func.coalesce(guided.c.n, 0))
        .outerjoin(guided, guided.c.leader_id == Member.id)
        .where(Member.status == "active", Member.role.in_(LEADER_ROLES))
        .order_by(ROLE_RANK, Member.name_initials)
    )
    for leader, n in leaders:
        if not GUIDANCE_MIN <= n <= GUIDANCE_MAX:
            text = f"{leader.name}联系指导{n}名执委（一般为{GUIDANCE_MIN}-{GUIDANCE_MAX}名）"
            result.append(Reminder("guidance_count", "联系指导执委", text, "members", leader.id))

    # Seed 001: every 3 executive members jointly help one woman or child in difficulty.
    helpers = (
        select(HelpedPersonHelper.helped_person_id, func.count().label("n"))
        .group_by(HelpedPersonHelper.helped_person_id)
        .subquery()
    )
    short = session.execute(
        select(HelpedPerson, func.coalesce(helpers.c.n, 0))
        .outerjoin(helpers, helpers.c.helped_person_id == HelpedPerson.id)
        .where(HelpedPerson.status == "帮扶中", func.coalesce(helpers.c.n, 0) < HELPERS_PER_PERSON)
        .order_by(HelpedPerson.name_initials)
    )
    for person, n in short:
        text = f"帮扶对象{person.name}只有{n}名帮扶人（每人应有{HELPERS_PER_PERSON}名执委帮扶）"
        result.append(Reminder("helpers_short", "帮扶人不足", text, "members", person.id))
    return result
