from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class DutyShift(Timestamps, Base):
    """One member on duty for one roster (调解值班 / 12338 热线) on one day or half-day."""

    __tablename__ = "duty_shifts"
    __table_args__ = (UniqueConstraint("roster", "day", "part", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    roster: Mapped[str] = mapped_column(String(10))  # mediation / hotline (DUTY_ROSTERS)
    day: Mapped[date] = mapped_column(Date, index=True)
    part: Mapped[str] = mapped_column(String(4), default="全天")  # 全天 / 上午 / 下午
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(String(100), default="")
