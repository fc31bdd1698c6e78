"""Demo mediation: added with the 调解 tab."""

from __future__ import annotations

import random
from datetime import date

from faker import Faker
from sqlalchemy.orm import Session


def populate(session: Session, fake: Faker, rng: random.Random, today: date) -> dict[str, int]:
    return {}
