"""Demo duty rosters: this month and next, the mediation station on weekday half-days and the 12338 hotline
on weekdays, executive members in turn; tomorrow always has someone on duty, so 首页 shows it."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from sqlalchemy.orm import Session

from .service import duty_choices, fill_month, month_shifts, set_day


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    tomorrow = today + timedelta(days=1)
    next_month = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    shifts = 0
    for roster, parts in (("mediation", ("上午", "下午")), ("hotline", ("全天",))):
        people = [member_id for member_id, _name in duty_choices(session, roster, today)]
        if not people:
            return {"duty_shifts": 0}
        rng.shuffle(people)
        for month in (today.replace(day=1), next_month):
            shifts += fill_month(session, roster, month.year, month.month, people, parts)
        if tomorrow not in month_shifts(session, roster, tomorrow.year, tomorrow.month):
            set_day(session, roster, tomorrow, [(parts[0], people[0])])  # a weekend shift
            shifts += 1
    return {"duty_shifts": shifts}
