"""Reminders of the mediation ledger (shown in the tab and on 首页)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ..models import CaseParty, FollowUp, MediationCase
from ..reminders import Reminder
from ..settings import get_int
from .common import mask_name, open_on
from .workflow import SUCCESS

C = MediationCase


def _columns() -> tuple:
    """The case columns the texts need, with the case's first party (the applicant) as a correlated
    subquery: one statement per kind of reminder, however many cases (not one query per case)."""
    first_party = (
        select(CaseParty.name)
        .where(CaseParty.case_id == C.id)
        .order_by(CaseParty.id)
        .limit(1)
        .correlate(C)
        .scalar_subquery()
        .label("party")
    )
    return C.id, C.number, C.dispute_type, C.received_date, C.outcome_date, first_party


def _who(name: str | None) -> str:
    # Masked even here: 首页 may be open while someone looks over the chair's shoulder.
    return mask_name(name or "")


def reminders(session: Session, today: date) -> list[Reminder]:
    overdue_days = get_int(session, "case_overdue_days")
    interval = get_int(session, "followup_interval_days")
    out: list[Reminder] = []
    columns = _columns()
    for case in session.execute(
        select(*columns)
        .where(open_on(today), C.received_date < today - timedelta(days=overdue_days))
        .order_by(C.received_date)
    ):
        days = (today - case.received_date).days
        out.append(
            Reminder(
                "case_overdue",
                "调解案件超期未办结",
                f"{case.number} {case.dispute_type}（{_who(case.party)}）已受理{days}天，尚无调解结果",
                "mediation",
                case.id,
                case.received_date + timedelta(days=overdue_days),
            )
        )
    no_visit = ~exists().where(FollowUp.case_id == C.id)
    for case in session.execute(
        select(*columns)
        .where(
            C.outcome == SUCCESS,
            C.closed_date.is_(None),
            C.outcome_date <= today - timedelta(days=interval),
            no_visit,
        )
        .order_by(C.outcome_date)
    ):
        out.append(
            Reminder(
                "case_followup_due",
                "调解协议待回访",
                f"{case.number}（{_who(case.party)}）{case.outcome_date:%Y-%m-%d}达成协议，尚未回访",
                "mediation",
                case.id,
                case.outcome_date + timedelta(days=interval),
            )
        )
    for case in session.execute(
        select(*columns)
        .where(C.risk_level == "红", C.closed_date.is_(None), C.received_date <= today)
        .order_by(C.received_date)
    ):
        out.append(
            Reminder(
                "case_red_open",
                "红色风险案件未结案",
                f"{case.number} {case.dispute_type}（{_who(case.party)}）风险等级为红，请重点跟进",
                "mediation",
                case.id,
                None,
            )
        )
    return out
