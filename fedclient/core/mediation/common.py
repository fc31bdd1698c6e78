"""Small pieces shared by the mediation modules: "open as of a day", masking names."""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_
from sqlalchemy.sql.elements import ColumnElement

# Masking lives with the history's masking list, the one place for every masking rule.
from ..history.masking import COMPOUND_SURNAMES, mask_name  # noqa: E402, F401
from ..models import MediationCase


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
