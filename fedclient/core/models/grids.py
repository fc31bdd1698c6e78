from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class Grid(Timestamps, Base):
    """A "1+2+N" grid: one leader, two volunteers, N households, drawn by building or area."""

    __tablename__ = "grids"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(40))
    area: Mapped[str] = mapped_column(String(200), default="")
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    notes: Mapped[str] = mapped_column(Text, default="")


class GridVolunteer(Base):
    __tablename__ = "grid_volunteers"
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)


class Household(Timestamps, Base):
    """户: a household, in at most one grid."""

    __tablename__ = "households"
    id: Mapped[int] = mapped_column(primary_key=True)
    contact_name: Mapped[str] = mapped_column(String(40), index=True)
    name_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    address: Mapped[str] = mapped_column(String(100), default="")
    # The address with its numbers zero-padded ("3组00012号"), so 2号 sorts before 12号 in SQL.
    address_key: Mapped[str] = mapped_column(String(160), default="", index=True)
    size: Mapped[int] = mapped_column(Integer, default=1)
    tags: Mapped[str] = mapped_column(String(100), default="")  # joined with 、
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    grid_id: Mapped[int | None] = mapped_column(ForeignKey("grids.id", ondelete="SET NULL"), index=True)


class GridService(Timestamps, Base):
    """A service given by a grid: one of the five roles."""

    __tablename__ = "grid_services"
    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    grid_id: Mapped[int] = mapped_column(ForeignKey("grids.id", ondelete="RESTRICT"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    people_served: Mapped[int] = mapped_column(Integer, default=0)
    # Volunteer hours of each member who served (巾帼志愿积分): two members serving 2 h each count 2 h each.
    hours: Mapped[float] = mapped_column(Float, default=0, server_default="0")
    result: Mapped[str] = mapped_column(String(10), default="已解决")  # 已解决 / 已上报
    case_id: Mapped[int | None] = mapped_column(ForeignKey("mediation_cases.id", ondelete="SET NULL"))


class GridServiceMember(Base):
    __tablename__ = "grid_service_members"
    service_id: Mapped[int] = mapped_column(
        ForeignKey("grid_services.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)


class GridServiceHousehold(Base):
    __tablename__ = "grid_service_households"
    service_id: Mapped[int] = mapped_column(
        ForeignKey("grid_services.id", ondelete="CASCADE"), primary_key=True
    )
    # Indexed on its own: "last visit" and "not visited for N days" look services up by household.
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class CouncilMeeting(Timestamps, Base):
    """妇女议事会 meeting."""

    __tablename__ = "council_meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    date: Mapped[date] = mapped_column(Date, index=True)
    place: Mapped[str] = mapped_column(String(60), default="")
    topic_category: Mapped[str] = mapped_column(String(10), default="其他")
    topic: Mapped[str] = mapped_column(String(200), default="")
    participants_count: Mapped[int] = mapped_column(Integer, default=0)
    participants: Mapped[str] = mapped_column(Text, default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    topic_source: Mapped[str] = mapped_column(String(20), default="")  # 议题从哪里来 (COUNCIL_TOPIC_SOURCES)
    topic_source_detail: Mapped[str] = mapped_column(String(200), default="")  # who raised it, how


class CouncilDecision(Timestamps, Base):
    """One decision of a council meeting (议事会六步法: 决议, 落实, 反馈评议): who carries it out by when, then
    what came of it and how satisfied the villagers were."""

    __tablename__ = "council_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("council_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    content: Mapped[str] = mapped_column(Text)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    responsible_name: Mapped[str] = mapped_column(String(40), default="")  # when not a member
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    done_date: Mapped[date | None] = mapped_column(Date)  # None while open
    outcome: Mapped[str] = mapped_column(Text, default="")
    satisfaction: Mapped[str] = mapped_column(String(6), default="")  # 满意 / 基本满意 / 不满意
