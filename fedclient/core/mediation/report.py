"""Mediation numbers for the monthly workbook, 首页 and the tab's statistics view (one definition each).

Definitions are those of shared/reports.md. Everything is judged from dates ("as of month end"), so a past
month gives the same numbers it gave then, whatever happened to the cases since.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, and_, bindparam, extract, func, select
from sqlalchemy.orm import Session

from ..listing import prepared_rows
from ..models import CaseMediator, CaseParty, FollowUp, MediationCase, Member
from ..months import month_bounds
from ..vocab import CASE_SOURCES, CASE_TYPES, PARTY_SIDES
from .common import mask_name, open_on
from .workflow import FAILURE, SUCCESS, derive_status

OVERDUE_DAYS = 30  # the report's fixed definition: open more than 30 days after being received
C = MediationCase


def _count(session: Session, *where) -> int:
    return session.scalar(select(func.count()).select_from(C).where(*where)) or 0


def success_rate(successes: int, outcomes: int) -> float:
    return round(100.0 * successes / outcomes, 1) if outcomes else 0.0


def overdue_condition(day: date, days: int = OVERDUE_DAYS):
    return and_(open_on(day), C.received_date < day - timedelta(days=days))


def month_indicators(session: Session, year: int, month: int) -> dict:
    first, last = month_bounds(year, month)
    jan1 = date(year, 1, 1)
    year_success = _count(session, C.outcome == SUCCESS, C.outcome_date.between(jan1, last))
    year_outcomes = _count(session, C.outcome.in_((SUCCESS, FAILURE)), C.outcome_date.between(jan1, last))
    followups = session.scalar(
        select(func.count()).select_from(FollowUp).where(FollowUp.visit_date.between(first, last))
    )
    return {
        "本月受理调解案件数": _count(session, C.received_date.between(first, last)),
        "本月调解成功数": _count(session, C.outcome == SUCCESS, C.outcome_date.between(first, last)),
        "本年累计受理数": _count(session, C.received_date.between(jan1, last)),
        "本年累计调解成功数": year_success,
        "调解成功率(%)": success_rate(year_success, year_outcomes),
        "本月家庭暴力案件数": _count(
            session, C.dispute_type == "家庭暴力", C.received_date.between(first, last)
        ),
        "在办超期案件数": _count(session, overdue_condition(last)),
        "本月回访数": followups or 0,
        "民转刑案件数": _count(session, C.turned_criminal.is_(True), C.received_date.between(jan1, last)),
    }


@dataclass
class PeriodStats:
    """The statistics view: a month (``month`` set) or a whole year up to ``as_of``."""

    title: str
    received: int
    successful: int
    outcomes: int
    success_rate: float
    domestic_violence: int
    overdue_open: int
    followups: int
    turned_criminal: int
    by_type: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_risk: dict[str, int] = field(default_factory=dict)


def period_stats(
    session: Session, year: int, month: int | None = None, today: date | None = None
) -> PeriodStats:
    """Counts for one month, or for the year (1 January to year end, or to ``today`` in the current year)."""
    if month is not None:
        first, last = month_bounds(year, month)
        title = f"{year}年{month}月"
    else:
        first, last = date(year, 1, 1), date(year, 12, 31)
        if today is not None and today.year == year:
            last = today
        title = f"{year}年全年" if last.month == 12 and last.day == 31 else f"{year}年1月1日至{last:%m月%d日}"
    received = C.received_date.between(first, last)
    successful = _count(session, C.outcome == SUCCESS, C.outcome_date.between(first, last))
    outcomes = _count(session, C.outcome.is_not(None), C.outcome_date.between(first, last))

    def grouped(column) -> dict[str, int]:
        rows = session.execute(select(column, func.count()).where(received).group_by(column)).all()
        return {key: n for key, n in rows}

    by_type, by_source = grouped(C.dispute_type), grouped(C.source)
    followups = session.scalar(
        select(func.count()).select_from(FollowUp).where(FollowUp.visit_date.between(first, last))
    )
    return PeriodStats(
        title=title,
        received=_count(session, received),
        successful=successful,
        outcomes=outcomes,
        success_rate=success_rate(successful, outcomes),
        domestic_violence=by_type.get("家庭暴力", 0),
        overdue_open=_count(session, overdue_condition(last)),
        followups=followups or 0,
        turned_criminal=_count(session, C.turned_criminal.is_(True), received),
        by_type={t: by_type.get(t, 0) for t in CASE_TYPES},
        by_source={s: by_source.get(s, 0) for s in CASE_SOURCES},
        by_risk=grouped(C.risk_level),
    )


def parties_text(parties: list[tuple[str, str]], mask: bool) -> str:
    """ "申请人：张某某；被申请人：李某某" from (side, name) pairs."""
    parts = []
    for side in PARTY_SIDES:
        names = [mask_name(n) if mask else n for s, n in parties if s == side and n]
        if names:
            parts.append(f"{PARTY_SIDES[side]}：{'、'.join(names)}")
    return "；".join(parts)


def outcome_text(case: MediationCase, day: date | None = None) -> str:
    if not case.outcome or case.outcome_date is None or (day is not None and case.outcome_date > day):
        return ""
    if case.outcome == SUCCESS:
        return f"调解成功（{case.agreement_form}协议）" if case.agreement_form else "调解成功"
    return f"调解不成（转{case.referred_to}）" if case.referred_to else "调解不成"


def _parties_statement() -> Select:
    return (
        select(CaseParty.case_id, CaseParty.side, CaseParty.name)
        .where(CaseParty.case_id.in_(bindparam("ids", expanding=True)))
        .order_by(CaseParty.case_id, CaseParty.id)
    )


def _mediators_statement() -> Select:
    return (
        select(CaseMediator.case_id, Member.name)
        .join(Member, Member.id == CaseMediator.member_id)
        .where(CaseMediator.case_id.in_(bindparam("ids", expanding=True)))
        .order_by(CaseMediator.case_id, Member.id)
    )


def _visits_statement() -> Select:
    return (
        select(FollowUp.case_id, FollowUp.visit_date)
        .where(FollowUp.case_id.in_(bindparam("ids", expanding=True)))
        .order_by(FollowUp.visit_date)
    )


def case_details(session: Session, case_ids: list[int]):
    """Parties, mediator names and follow-up dates of many cases in three queries."""
    parties: dict[int, list[tuple[str, str]]] = defaultdict(list)
    mediators: dict[int, list[str]] = defaultdict(list)
    visits: dict[int, list[date]] = defaultdict(list)
    if not case_ids:
        return parties, mediators, visits
    for cid, side, name in prepared_rows(session, "cases.parties", _parties_statement, ids=case_ids):
        parties[cid].append((side, name))
    for cid, name in prepared_rows(session, "cases.mediators", _mediators_statement, ids=case_ids):
        mediators[cid].append(name)
    for cid, day in prepared_rows(session, "cases.visits", _visits_statement, ids=case_ids):
        visits[cid].append(day)
    return parties, mediators, visits


LEDGER_COLUMNS = ["案件编号", "受理日期", "来源", "纠纷类型", "当事人", "风险等级", "调解方法", "调解员", "状态", "结果",
                  "结案日期", "回访次数"]  # fmt: skip


def _ledger(session: Session, cases: list[MediationCase], day: date, mask_names: bool) -> list[dict]:
    """Ledger rows of ``cases`` as they stood on ``day``."""
    parties, mediators, visits = case_details(session, [c.id for c in cases])
    rows = []
    for c in cases:
        seen = [d for d in visits[c.id] if d <= day]
        values = [
            c.number,
            c.received_date,
            c.source,
            c.dispute_type,
            parties_text(parties[c.id], mask_names),
            c.risk_level,
            "、".join(c.methods or []),
            "、".join(mediators[c.id]),
            derive_status(c.mediation_started, c.outcome, c.outcome_date, c.closed_date, seen, day),
            outcome_text(c, day),
            c.closed_date if c.closed_date and c.closed_date <= day else None,
            len(seen),
        ]
        rows.append(dict(zip(LEDGER_COLUMNS, values, strict=True)))
    return rows


def ledger_rows(session: Session, year: int, month: int, mask_names: bool = True) -> list[dict]:
    """调解台账: cases received in the month plus cases still open at month end, as they stood then."""
    first, last = month_bounds(year, month)
    cases = session.scalars(
        select(C).where(C.received_date.between(first, last) | open_on(last)).order_by(C.year, C.seq)
    ).all()
    return _ledger(session, list(cases), last, mask_names)


def year_ledger_rows(session: Session, year: int, as_of: date, mask_names: bool = True) -> list[dict]:
    """Every case received in ``year``, as it stood on ``as_of`` (the station's own yearly ledger)."""
    cases = session.scalars(select(C).where(C.year == year, C.received_date <= as_of).order_by(C.seq)).all()
    return _ledger(session, list(cases), as_of, mask_names)


def monthly_outcomes(session: Session, year: int) -> dict[int, dict[str, int]]:
    """month received → {"调解成功", "调解不成", "在办"} as the cases stand now (for 首页's chart)."""
    result = {m: {"调解成功": 0, "调解不成": 0, "在办": 0} for m in range(1, 13)}
    month = extract("month", C.received_date)
    rows = session.execute(
        select(month, C.outcome, func.count())
        .where(C.received_date.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(month, C.outcome)
    ).all()
    for m, outcome, n in rows:
        key = outcome if outcome in (SUCCESS, FAILURE) else "在办"
        result[int(m)][key] += n
    return result


def cases_by_mediator(session: Session, year: int) -> dict[int, int]:
    """member id → cases received in ``year`` she mediated (for the annual assessment)."""
    rows = session.execute(
        select(CaseMediator.member_id, func.count())
        .join(C, C.id == CaseMediator.case_id)
        .where(C.received_date.between(date(year, 1, 1), date(year, 12, 31)))
        .group_by(CaseMediator.member_id)
    ).all()
    return {member_id: n for member_id, n in rows}
