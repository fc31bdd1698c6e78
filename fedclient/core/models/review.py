from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class ReviewBallotCount(Timestamps, Base):
    """民主测评: the counted ballots of one executive member for one year's 述职评议."""

    __tablename__ = "review_ballot_counts"
    __table_args__ = (UniqueConstraint("year", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    satisfied: Mapped[int] = mapped_column(Integer, default=0)  # 满意
    fairly_satisfied: Mapped[int] = mapped_column(Integer, default=0)  # 基本满意
    dissatisfied: Mapped[int] = mapped_column(Integer, default=0)  # 不满意


class PointRedemption(Timestamps, Base):
    """积分超市: points a volunteer exchanged for something."""

    __tablename__ = "point_redemptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), index=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    item: Mapped[str] = mapped_column(String(60))
    points: Mapped[float] = mapped_column(Float)
