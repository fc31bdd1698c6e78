"""The monthly report's reminder (shown on 首页): last month's report not exported yet."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Member
from ..reminders import Reminder
from ..village import Profile, get_profile
from .layout import month_label
from .sent import exported_at, last_month


def reminders(session: Session, today: date) -> list[Reminder]:
    """Last month's report not exported yet (once the month is over and there is something to report)."""
    year, month = last_month(today)
    if exported_at(session, year, month) or session.scalar(select(Member.id).limit(1)) is None:
        return []
    village = (get_profile(session) or Profile()).village
    return [
        Reminder(
            kind="report_not_exported",
            group="月报未导出",
            text=f"{village}{month_label(year, month)}的月报尚未导出上报乡镇",
            tab="reports",
        )
    ]
