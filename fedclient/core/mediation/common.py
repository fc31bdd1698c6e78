"""Small pieces shared by the mediation modules: "open as of a day", masking names."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

from ..models import MediationCase

# Compound surnames: 欧阳秀兰 is masked 欧阳某某, not 欧某某.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "令狐", "端木", "独孤", "南宫", "西门", "轩辕", "澹台", "呼延", "万俟", "闻人", "申屠",
)  # fmt: skip


def mask_name(name: str) -> str:
    """张三 → 张某某 (the surname stays, the given name is hidden), for reports sent upward."""
    name = (name or "").strip()
    if not name:
        return ""
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else name[:1]
    return f"{surname}某某"


def open_on(day: date) -> ColumnElement[bool]:
    """SQL condition: received by ``day`` and, on that day, neither an outcome nor a closing recorded.

    Judged from the dates, not from the stored status, so a past month is reported as it was then.
    """
    c = MediationCase
    return and_(
        c.received_date <= day,
        or_(c.outcome_date.is_(None), c.outcome_date > day),
        or_(c.closed_date.is_(None), c.closed_date > day),
    )


def is_open_on(received: date, outcome_date: date | None, closed_date: date | None, day: date) -> bool:
    return (
        received <= day
        and (outcome_date is None or outcome_date > day)
        and (closed_date is None or closed_date > day)
    )
