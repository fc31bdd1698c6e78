"""Whether a month's report was exported: the record ``export`` leaves in ``app_meta`` once the workbook is saved.

Its own module so that 首页's reminder (``reminders``) reads it without loading the export and the reads behind it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ..models import AppMeta
from .layout import period

EXPORTED_KEY = "report_exported:{period}"


def last_month(today: date) -> tuple[int, int]:
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


def exported_at(session: Session, year: int, month: int) -> str | None:
    row = session.get(AppMeta, EXPORTED_KEY.format(period=period(year, month)))
    return row.value if row else None
