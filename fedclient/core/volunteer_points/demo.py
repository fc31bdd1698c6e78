"""Demo 巾帼志愿积分: hours on the grid services and pledge progress entries already made, and a few
exchanges at the 积分超市 by the volunteers with the most points."""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import GridService, PledgeProgress
from .ledger import redeem, volunteer_points

HOURS = (0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 4.0)
ITEMS = (("洗衣液一瓶", 10), ("大米五斤", 15), ("食用油一桶", 30), ("毛巾两条", 8), ("免费理发一次", 12),
         ("学生文具一套", 6))  # fmt: skip


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    rng = random.Random(rng.getrandbits(32))  # its own stream: the other parts stay the same for a seed
    for service in session.scalars(select(GridService).order_by(GridService.id)):
        service.hours = rng.choice(HOURS)
    for entry in session.scalars(select(PledgeProgress).order_by(PledgeProgress.id)):
        entry.hours = rng.choice(HOURS[1:]) if entry.amount else 0.0
    session.flush()
    redemptions = 0
    for row in volunteer_points(session, today)[:8]:
        for _ in range(rng.randint(1, 2)):
            item, cost = rng.choice(ITEMS)
            if cost <= row.balance:
                redeem(session, row.member_id, today - timedelta(days=rng.randint(5, 120)), item, cost, today)
                row.spent += cost
                redemptions += 1
    session.flush()
    return {"redemptions": redemptions}
