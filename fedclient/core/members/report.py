"""What other parts of the program read about the roster: the monthly indicators, the 执委名册 sheet of the
monthly workbook, reminders for 首页, and member pickers (see the cross-domain contract in conventions)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from ..models import HelpedPerson, HelpedPersonHelper, Member, MemberGuidance
from ..reminders import Reminder
from ..vocab import EXECUTIVE_ROLES, HELPERS_PER_PERSON, LEADER_ROLES, MEMBER_STATUS, ROLES

TERM_ENDING_DAYS = 60
GUIDANCE_MIN, GUIDANCE_MAX = 2, 4
ROLE_RANK = case({code: rank for rank, code in enumerate(ROLES)}, value=Member.role, else_=len(ROLES))


def in_office(day: date):
    """SQL condition: the member held her post on ``day``."""
    return and_(
        or_(Member.term_start.is_(None), Member.term_start <= day),
        or_(Member.status == "active", and_(Member.left_date.is_not(None), Member.left_date > day)),
    )


def helped_in_register(day: date):
    """SQL condition: a person helped was in the register (being helped) on ``day``."""
    return and_(
        or_(HelpedPerson.start_date.is_(None), HelpedPerson.start_date <= day),
        or_(
            HelpedPerson.status == "帮扶中",
            and_(HelpedPerson.end_date.is_not(None), HelpedPerson.end_date > day),
        ),
    )


def month_indicators(session: Session, month_end: date) -> dict:
    def count_roles(roles: tuple[str, ...]) -> int:
        query = select(func.count(Member.id)).where(Member.role.in_(roles), in_office(month_end))
        return session.scalar(query) or 0

    helped = session.scalar(select(func.count(HelpedPerson.id)).where(helped_in_register(month_end))) or 0
    return {
        "执委人数": count_roles(EXECUTIVE_ROLES),
        "兼职副主席人数": count_roles(("part_time_vice_chair",)),
        "巾帼志愿者人数": count_roles(("volunteer",)),
        "帮扶对象数": helped,
    }


def year_month(day: date | None) -> str:
    return f"{day.year}.{day.month:02d}" if day else ""


def term_text(member: Member) -> str:
    if not member.term_start and not member.term_end:
        return member.term_label
    span = f"{year_month(member.term_start)}—{year_month(member.term_end)}"
    return f"{member.term_label}（{span}）" if member.term_label else span


def roster_rows(session: Session, month_end: date) -> list[dict]:
    """Everyone on the roster at month end: those in office, then those who left during the report year.

    Members who left before 1 January of the report year are no longer on the roster; no ID numbers here.
    """
    office = in_office(month_end)
    year_start = date(month_end.year, 1, 1)
    on_roster = and_(
        or_(Member.term_start.is_(None), Member.term_start <= month_end),
        or_(office, and_(Member.left_date.is_not(None), Member.left_date >= year_start)),
    )
    query = (
        select(Member, office.label("in_office"))
        .where(on_roster)
        .order_by(office.desc(), ROLE_RANK, Member.name_initials, Member.id)
    )
    rows = []
    for number, (member, is_in_office) in enumerate(session.execute(query), start=1):
        rows.append(
            {
                "序号": number,
                "姓名": member.name,
                "性别": member.gender,
                "出生年月": year_month(member.birth_date),
                "民族": member.ethnicity,
                "文化程度": member.education,
                "政治面貌": member.political_status,
                "职务": ROLES.get(member.role, member.role),
                "岗位": member.post,
                "专长": member.specialty,
                "所在组": member.group_name,
                "联系电话": member.phone,
                "任职时间": term_text(member),
                "状态": MEMBER_STATUS["active" if is_in_office else "left"],
            }
        )
    return rows


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


def member_choices(
    session: Session, roles: tuple[str, ...] | None = None, active_only: bool = True
) -> list[tuple[int, str]]:
    """(id, "姓名（职务）") for pickers in other tabs, by rank then pinyin."""
    query = select(Member.id, Member.name, Member.role, Member.status)
    if roles:
        query = query.where(Member.role.in_(roles))
    if active_only:
        query = query.where(Member.status == "active")
    query = query.order_by(Member.status, ROLE_RANK, Member.name_initials, Member.id)
    choices = []
    for member_id, name, role, status in session.execute(query):
        label = f"{name}（{ROLES.get(role, role)}）"
        if status != "active":
            label = f"{name}（{ROLES.get(role, role)}，离任）"
        choices.append((member_id, label))
    return choices
