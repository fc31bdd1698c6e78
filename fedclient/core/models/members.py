from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class Member(Timestamps, Base):
    """A person on the federation roster: chair, vice chairs, executive members, council members, volunteers."""

    __tablename__ = "members"
    # Also indexed (db/versions/0003): (status, role rank, name_initials, id), the roster's default order.
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    # Pinyin initials of every reading of the name, space separated ("sxx dxx" for 单秀霞), for search.
    name_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    gender: Mapped[str] = mapped_column(String(2), default="女")
    birth_date: Mapped[date | None] = mapped_column(Date)
    ethnicity: Mapped[str] = mapped_column(String(20), default="汉族")
    id_number: Mapped[str | None] = mapped_column(String(18), unique=True)
    phone: Mapped[str] = mapped_column(String(20), default="")
    education: Mapped[str] = mapped_column(String(20), default="")
    political_status: Mapped[str] = mapped_column(String(20), default="")
    role: Mapped[str] = mapped_column(String(30), default="executive_member", index=True)
    post: Mapped[str] = mapped_column(String(60), default="")
    specialty: Mapped[str] = mapped_column(String(60), default="")
    group_name: Mapped[str] = mapped_column(String(40), default="")
    term_label: Mapped[str] = mapped_column(String(40), default="")
    term_start: Mapped[date | None] = mapped_column(Date)
    term_end: Mapped[date | None] = mapped_column(Date)
    in_village_committee: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(10), default="active", index=True)
    left_date: Mapped[date | None] = mapped_column(Date)
    left_reason: Mapped[str] = mapped_column(String(200), default="")
    # The member agreed that her phone may be printed as a grid's service phone (公开电话).
    public_phone: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class MemberGuidance(Base):
    """A chair or vice chair contacts and guides an executive member (seed 000: 2-4 each)."""

    __tablename__ = "member_guidance"
    leader_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), primary_key=True)


class MemberContact(Base):
    """A woman or child an executive member keeps in touch with (seed 001: at least 5 each)."""

    __tablename__ = "member_contacts"
    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(40))
    phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(String(200), default="")


class HelpedPerson(Timestamps, Base):
    """帮扶对象: a woman, child or elder the federation helps. Never on any public output."""

    __tablename__ = "helped_people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), index=True)
    name_initials: Mapped[str] = mapped_column(String(200), default="", index=True)
    category: Mapped[str] = mapped_column(String(20))
    group_name: Mapped[str] = mapped_column(String(40), default="")
    situation: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(10), default="帮扶中")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The household she lives in, chosen by the chair (suggested from the group/address): 一户一档.
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="SET NULL"), index=True
    )


class HelpedPersonHelper(Base):
    __tablename__ = "helped_person_helpers"
    helped_person_id: Mapped[int] = mapped_column(
        ForeignKey("helped_people.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)
