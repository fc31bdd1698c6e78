"""A realistic demo village, for trying the program and for screenshots.

Each domain adds its own part in its ``demo`` module; ``create_demo`` calls them in order.
"""

from __future__ import annotations

import random
from datetime import date

from faker import Faker
from sqlalchemy import select
from sqlalchemy.orm import Session

from .duty import demo as demo_duty
from .grids import demo as demo_grids
from .history.source import set_source
from .mediation import demo as demo_mediation
from .members import demo as demo_members
from .models import Member, VillageProfile
from .pledges import demo as demo_pledges
from .review import demo as demo_review
from .volunteer_points import demo as demo_points


class DemoRefused(Exception):
    pass


def create_demo(
    session: Session, today: date | None = None, seed: int = 2026, village: str | None = None
) -> dict[str, int]:
    """Fill an empty database with a demo village (杉板村 unless ``village`` names another, e.g. to try the
    township consolidation with several demo villages); returns counts of what was made."""
    if session.scalar(select(Member.id).limit(1)) is not None or session.get(VillageProfile, 1):
        raise DemoRefused("该数据文件中已有数据，演示数据只能写入空的数据文件。")
    set_source(session, "demo")
    today = today or date.today()
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    counts: dict[str, int] = {}
    # In this order: later parts refer to the members (and grid services to mediation cases).
    steps = [
        demo_members.populate,
        demo_pledges.populate,
        demo_mediation.populate,
        demo_grids.populate,
        demo_points.populate,  # hours on the services and progress entries made above
        demo_review.populate,
        demo_duty.populate,
    ]
    for step in steps:
        counts.update(step(session, fake, rng, today))
    if village:
        session.get(VillageProfile, 1).village = village
    return counts
