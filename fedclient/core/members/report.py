"""What the monthly report reads about the roster: the indicators and the 执委名册 sheet of the workbook."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import HelpedPerson, Member
from ..vocab import EXECUTIVE_ROLES, MEMBER_STATUS, ROLES
from .office import ROLE_RANK, helped_in_register, in_office, in_office_between


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
    on_roster = in_office_between(date(month_end.year, 1, 1), month_end)
    query = (
        select(Member, office.label("in_office"))
        .where(on_roster)
        .order_by(office.desc(), ROLE_RANK, Member.name_initials, Member.id)
        .execution_options(yield_per=500)  # a county's members are read 500 at a time, not all held at once
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
