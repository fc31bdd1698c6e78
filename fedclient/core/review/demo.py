"""Demo 述职评议: last year's counted ballots (about 35 voters: the executive committee and villagers'
representatives), and council meetings that name the executive members who attended."""

from __future__ import annotations

import random
from datetime import date

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CouncilMeeting
from .ballots import reviewed_members, save_ballots

VOTERS = 35


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    rng = random.Random(rng.getrandbits(32))  # its own stream: the other parts stay the same for a seed
    year = today.year - 1
    counts = []
    for member in reviewed_members(session, year, today):
        dissatisfied = rng.choice((0, 1, 1, 2, 3, 5))
        fairly = rng.randint(2, 9)
        counts.append((member.id, VOTERS - fairly - dissatisfied, fairly, dissatisfied))
    save_ballots(session, year, counts)
    executives = [m.name for m in reviewed_members(session, today.year, today)]
    for meeting in session.scalars(select(CouncilMeeting).order_by(CouncilMeeting.id)):
        present = rng.sample(executives, k=min(len(executives), rng.randint(3, 6)))
        meeting.participants = f"{meeting.participants}；执委：{'、'.join(present)}".lstrip("；")
    session.flush()
    return {"ballot_counts": len(counts)}
