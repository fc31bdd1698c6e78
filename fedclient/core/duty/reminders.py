"""The day before a shift, 首页 says who is on duty tomorrow (one line per roster)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from ..reminders import Reminder
from ..vocab import DUTY_ROSTERS
from .service import shifts_on

WEEKDAYS = "一二三四五六日"


def day_label(day: date) -> str:
    return f"{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}）"


def reminders(session: Session, today: date) -> list[Reminder]:
    tomorrow = today + timedelta(days=1)
    by_roster: dict[str, list[str]] = {}
    for shift in shifts_on(session, tomorrow):
        label = shift.member_name if shift.part == "全天" else f"{shift.member_name}（{shift.part}）"
        by_roster.setdefault(shift.roster, []).append(label)
    return [
        Reminder(
            kind="duty_tomorrow",
            group="明日值班",
            text=f"明天{day_label(tomorrow)}{DUTY_ROSTERS[roster]}：{'、'.join(names)}",
            tab="mediation",
            record_id=tomorrow.toordinal(),  # the day the calendar opens at
            due=tomorrow,
        )
        for roster, names in by_roster.items()
    ]
