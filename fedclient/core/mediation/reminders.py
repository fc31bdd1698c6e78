"""Reminders of the mediation ledger (shown in the tab and on 首页)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ..models import CaseParty, FollowUp, MediationCase
from ..reminders import SHOWN_PER_GROUP, Leading, Reminder
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


def _kinds(session: Session, today: date) -> tuple:
    """Each kind of reminder: its heading, its conditions, the column the tab lists it by, the column that
    ranks it as 首页 does (earliest due date first; without due dates by the text, which begins with the case
    number and a space) and how one row becomes a reminder. The tab lists them all; 首页 takes the first."""
    overdue_days = get_int(session, "case_overdue_days")
    interval = get_int(session, "followup_interval_days")

    def overdue(case) -> Reminder:
        days = (today - case.received_date).days
        return Reminder(
            "case_overdue",
            "调解案件超期未办结",
            f"{case.number} {case.dispute_type}（{_who(case.party)}）已受理{days}天，尚无调解结果",
            "mediation",
            case.id,
            case.received_date + timedelta(days=overdue_days),
        )

    def followup(case) -> Reminder:
        return Reminder(
            "case_followup_due",
            "调解协议待回访",
            f"{case.number}（{_who(case.party)}）{case.outcome_date:%Y-%m-%d}达成协议，尚未回访",
            "mediation",
            case.id,
            case.outcome_date + timedelta(days=interval),
        )

    def red(case) -> Reminder:
        return Reminder(
            "case_red_open",
            "红色风险案件未结案",
            f"{case.number} {case.dispute_type}（{_who(case.party)}）风险等级为红，请重点跟进",
            "mediation",
            case.id,
            None,
        )

    no_visit = ~exists().where(FollowUp.case_id == C.id)
    return (
        ("调解案件超期未办结", (open_on(today), C.received_date < today - timedelta(days=overdue_days)),
         C.received_date, C.received_date, overdue),
        ("调解协议待回访", (C.outcome == SUCCESS, C.closed_date.is_(None),
                           C.outcome_date <= today - timedelta(days=interval), no_visit),
         C.outcome_date, C.outcome_date, followup),
        ("红色风险案件未结案", (C.risk_level == "红", C.closed_date.is_(None), C.received_date <= today),
         C.received_date, C.number, red),
    )  # fmt: skip


def reminders(session: Session, today: date) -> list[Reminder]:
    columns = _columns()
    out: list[Reminder] = []
    for _group, where, listed_by, _ranked_by, build in _kinds(session, today):
        out += [build(case) for case in session.execute(select(*columns).where(*where).order_by(listed_by))]
    return out


def leading_reminders(session: Session, today: date) -> Leading:
    """首页's share of :func:`reminders`: every kind counted in one pass over the cases, and built only up to
    its ``SHOWN_PER_GROUP``-th reminder in 首页's order (ties with it too, so 首页's own sort by due date and
    text picks exactly the first ones the full list would give)."""
    kinds = _kinds(session, today)
    # Every kind is of cases not closed as of today: only those are counted, read from ix_mediation_cases_open
    # (20,000 cases at county scale, ~4,000 of them not closed) instead of the whole ledger.
    not_closed = or_(C.closed_date.is_(None), C.closed_date > today)
    counts = session.execute(
        select(*(func.count().filter(and_(*where)) for _g, where, *_rest in kinds)).where(not_closed)
    ).one()
    columns = _columns()
    out: list[Reminder] = []
    totals: dict[str, int] = {}
    for (group, where, _listed_by, order, build), total in zip(kinds, counts, strict=True):
        if not total:
            continue
        totals[group] = total
        query = select(*columns).where(*where)
        if total > SHOWN_PER_GROUP:
            last = select(order).where(*where).order_by(order).offset(SHOWN_PER_GROUP - 1).limit(1)
            query = query.where(order <= last.correlate(None).scalar_subquery())
        out += [build(case) for case in session.execute(query)]
    return Leading(out, totals)
