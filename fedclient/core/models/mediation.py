from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, Timestamps


class CaseNumberCounter(Base):
    """Last sequence number given per year, so a deleted case's number is never given again."""

    __tablename__ = "case_number_counters"
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)


class MediationCase(Timestamps, Base):
    """A marriage or family dispute received by the village mediation station."""

    __tablename__ = "mediation_cases"
    __table_args__ = (
        UniqueConstraint("year", "seq"),
        # The reminders' reads of the cases not closed (超期未办结, 待回访, 红色风险): db/versions/0009.
        Index(
            "ix_mediation_cases_open", "closed_date", "risk_level", "outcome_date", "received_date", "outcome"
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(12), unique=True)  # 2026-007
    received_date: Mapped[date] = mapped_column(Date, index=True)
    source: Mapped[str] = mapped_column(String(20), default="当事人申请")
    dispute_type: Mapped[str] = mapped_column(String(20), default="家庭纠纷")
    description: Mapped[str] = mapped_column(Text, default="")
    risk_level: Mapped[str] = mapped_column(String(2), default="蓝")
    flag_criminal_risk: Mapped[bool] = mapped_column(Boolean, default=False)  # 民转刑倾向
    flag_petition_risk: Mapped[bool] = mapped_column(Boolean, default=False)  # 群体上访倾向
    flag_self_harm_risk: Mapped[bool] = mapped_column(Boolean, default=False)  # 自伤自杀倾向
    methods: Mapped[list[str]] = mapped_column(JSON, default=list)  # any of the 五导
    status: Mapped[str] = mapped_column(String(20), default="已受理", index=True)
    mediation_started: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(10))  # 调解成功 / 调解不成
    outcome_date: Mapped[date | None] = mapped_column(Date, index=True)
    agreement_form: Mapped[str] = mapped_column(String(4), default="")  # 口头 / 书面
    agreement_terms: Mapped[str] = mapped_column(Text, default="")
    facts: Mapped[str] = mapped_column(Text, default="")  # facts and points in dispute, for the agreement
    performance_method: Mapped[str] = mapped_column(String(200), default="")
    performance_deadline: Mapped[date | None] = mapped_column(Date)
    referred_to: Mapped[str] = mapped_column(String(40), default="")
    closed_date: Mapped[date | None] = mapped_column(Date)
    turned_criminal: Mapped[bool] = mapped_column(Boolean, default=False)  # 民转刑
    notes: Mapped[str] = mapped_column(Text, default="")


class CaseParty(Base):
    __tablename__ = "case_parties"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(12))  # applicant / respondent
    name: Mapped[str] = mapped_column(String(40))
    name_initials: Mapped[str] = mapped_column(String(200), default="")
    gender: Mapped[str] = mapped_column(String(2), default="")
    age: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(100), default="")
    relationship: Mapped[str] = mapped_column(String(40), default="")
    # The household the party lives in, chosen by the chair (suggested from the address): 一户一档.
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="SET NULL"), index=True
    )


class CaseMediator(Base):
    __tablename__ = "case_mediators"
    case_id: Mapped[int] = mapped_column(
        ForeignKey("mediation_cases.id", ondelete="CASCADE"), primary_key=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="RESTRICT"), primary_key=True)


class FollowUp(Timestamps, Base):
    """回访: a visit after the outcome to see whether the agreement holds."""

    __tablename__ = "case_followups"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id", ondelete="CASCADE"), index=True)
    visit_date: Mapped[date] = mapped_column(Date, index=True)
    visitor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    performed: Mapped[bool] = mapped_column(Boolean, default=True)
    satisfaction: Mapped[str] = mapped_column(String(10), default="满意")
    relapse_signs: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
