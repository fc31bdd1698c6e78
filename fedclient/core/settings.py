"""User-adjustable settings with their defaults (stored as text in the ``settings`` table)."""

from __future__ import annotations

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from .listing import prepared_rows
from .models import Setting

DEFAULTS: dict[str, str] = {
    "followup_interval_days": "30",  # agreements without a follow-up this long after the outcome
    "case_overdue_days": "30",  # open cases this long after being received
    "household_visit_days": "90",  # households with no service or visit this long
}


def get_setting(session: Session, key: str) -> str:
    # A plain read (``prepared_rows``: changes not yet flushed are flushed first, as ``session.get`` would see
    # them): the ledger reads its overdue limit with every search, ~0.7 ms through the ORM, ~0.05 ms so.
    rows = prepared_rows(session, "settings.value", _value, key=key)
    return rows[0][0] if rows else DEFAULTS[key]


def _value() -> Select:
    return select(Setting.value).where(Setting.key == bindparam("key"))


def get_int(session: Session, key: str) -> int:
    return int(get_setting(session, key))


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = str(value)
    session.add(row)
