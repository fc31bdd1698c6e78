"""User-adjustable settings with their defaults (stored as text in the ``settings`` table)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .models import Setting

DEFAULTS: dict[str, str] = {
    "followup_interval_days": "30",  # agreements without a follow-up this long after the outcome
    "case_overdue_days": "30",  # open cases this long after being received
    "household_visit_days": "90",  # households with no service or visit this long
}


def get_setting(session: Session, key: str) -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else DEFAULTS[key]


def get_int(session: Session, key: str) -> int:
    return int(get_setting(session, key))


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = str(value)
    session.add(row)
