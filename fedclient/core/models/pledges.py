from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class Pledge(Timestamps, Base):
    """一句话承诺: a member's one-sentence pledge for a year, with a quantified standard."""

    __tablename__ = "pledges"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    content: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(30), default="其他")
    # "quantity": target + unit (走访留守儿童 12 次); "milestone": done or not done.
    standard_kind: Mapped[str] = mapped_column(String(10), default="quantity")
    standard_text: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(10), default="")
    deadline: Mapped[date] = mapped_column(Date)
    posted_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")


class PledgeProgress(Timestamps, Base):
    """践诺记录: one piece of work done towards a pledge."""

    __tablename__ = "pledge_progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    amount: Mapped[float] = mapped_column(Float, default=0)
    description: Mapped[str] = mapped_column(Text, default="")
    people_reached: Mapped[int] = mapped_column(Integer, default=0)
    # Volunteer hours the member spent on it (巾帼志愿积分).
    hours: Mapped[float] = mapped_column(Float, default=0, server_default="0")


class Assessment(Timestamps, Base):
    """年度履职考核 of one member for one year."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("member_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float, default=0)
    rating: Mapped[str] = mapped_column(String(10), default="")
    public_review: Mapped[str] = mapped_column(String(100), default="")
    remarks: Mapped[str] = mapped_column(Text, default="")
