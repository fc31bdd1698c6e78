"""The rules of a case's life: 已受理 → 调解中 → 调解成功 / 调解不成(已转介) → 已回访 → 已结案.

Pure functions over plain values, so the dialog, the services and the tests share one set of rules.
Each refusal is a ``Problem(field, message)`` in Chinese; the dialog shows the messages and keeps the typing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ..vocab import AGREEMENT_FORMS, CASE_SOURCES, CASE_TYPES, MEDIATION_METHODS, RISK_LEVELS

SUCCESS, FAILURE = "调解成功", "调解不成"
OUTCOMES = (SUCCESS, FAILURE)
ST_RECEIVED, ST_MEDIATING, ST_SUCCESS, ST_REFERRED, ST_VISITED, ST_CLOSED = (
    "已受理", "调解中", "调解成功", "调解不成(已转介)", "已回访", "已结案",
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    field: str  # the dialog field the message belongs to ("received_date", "outcome", "parties" ...)
    message: str


@dataclass
class PartyDraft:
    side: str = "applicant"  # applicant / respondent
    name: str = ""
    gender: str = ""
    age: int | None = None
    phone: str = ""
    address: str = ""
    relationship: str = ""
    household_id: int | None = None  # the household she lives in (一户一档), chosen by the chair


@dataclass
class CaseDraft:
    """What the registration dialog edits. ``id`` None for a new case."""

    id: int | None = None
    number: str = ""
    received_date: date | None = None
    source: str = "当事人申请"
    dispute_type: str = "家庭纠纷"
    description: str = ""
    facts: str = ""
    risk_level: str = "蓝"
    flag_criminal_risk: bool = False
    flag_petition_risk: bool = False
    flag_self_harm_risk: bool = False
    methods: list[str] = field(default_factory=list)
    mediator_ids: list[int] = field(default_factory=list)
    parties: list[PartyDraft] = field(default_factory=list)
    mediation_started: date | None = None
    outcome: str | None = None
    outcome_date: date | None = None
    agreement_form: str = ""
    agreement_terms: str = ""
    performance_method: str = ""
    performance_deadline: date | None = None
    referred_to: str = ""
    closed_date: date | None = None
    turned_criminal: bool = False
    notes: str = ""
    service_id: int | None = None  # the grid service this case came from, if any


def derive_status(
    mediation_started: date | None,
    outcome: str | None,
    outcome_date: date | None,
    closed_date: date | None,
    followup_dates: Iterable[date],
    day: date | None = None,
) -> str:
    """The status shown for the case, as it stood on ``day`` (today's when None)."""

    def by(d: date | None) -> bool:
        return d is not None and (day is None or d <= day)

    if by(closed_date):
        return ST_CLOSED
    if outcome and by(outcome_date):
        if any(by(d) for d in followup_dates):
            return ST_VISITED
        return ST_SUCCESS if outcome == SUCCESS else ST_REFERRED
    if by(mediation_started):
        return ST_MEDIATING
    return ST_RECEIVED


def check_case(draft: CaseDraft, today: date, followup_dates: Iterable[date] = ()) -> list[Problem]:
    """Every reason the case cannot be saved as typed (empty when it can)."""
    p: list[Problem] = []
    visits = sorted(followup_dates)
    received = draft.received_date
    if received is None:
        p.append(Problem("received_date", "请填写受理日期"))
    elif received > today:
        p.append(Problem("received_date", "受理日期不能晚于今天"))
    if draft.source not in CASE_SOURCES:
        p.append(Problem("source", "请选择案件来源"))
    if draft.dispute_type not in CASE_TYPES:
        p.append(Problem("dispute_type", "请选择纠纷类型"))
    if draft.risk_level not in RISK_LEVELS:
        p.append(Problem("risk_level", "请选择风险等级（红、黄、蓝）"))
    if not draft.description.strip():
        p.append(Problem("description", "请简要填写纠纷情况"))
    if any(m not in MEDIATION_METHODS for m in draft.methods):
        p.append(Problem("methods", "调解方法只能从“五导”中选择"))
    p += _check_parties(draft)
    for name, label, value in (
        ("mediation_started", "开始调解日期", draft.mediation_started),
        ("outcome_date", "调解结果日期", draft.outcome_date),
        ("performance_deadline", "履行期限", None),  # may lie in the future
        ("closed_date", "结案日期", draft.closed_date),
    ):
        if value is None:
            continue
        if received is not None and value < received:
            p.append(Problem(name, f"{label}不能早于受理日期（{received:%Y-%m-%d}）"))
        elif value > today:
            p.append(Problem(name, f"{label}不能晚于今天"))
    if draft.mediation_started is not None and not draft.mediator_ids:
        p.append(Problem("mediators", "开始调解前请选择调解员"))
    p += _check_outcome(draft)
    p += _check_closing(draft, visits)
    if visits and not draft.outcome:
        p.append(Problem("outcome", "该案件已有回访记录，不能撤销调解结果"))
    elif visits and draft.outcome_date and visits[0] < draft.outcome_date:
        p.append(Problem("outcome_date", f"调解结果日期不能晚于第一次回访（{visits[0]:%Y-%m-%d}）"))
    return p


def _check_parties(draft: CaseDraft) -> list[Problem]:
    p: list[Problem] = []
    named = [x for x in draft.parties if x.name.strip()]
    if not any(x.side == "applicant" for x in named):
        p.append(Problem("parties", "请至少登记一名申请人（当事人）"))
    for i, party in enumerate(draft.parties, start=1):
        if not party.name.strip() and (party.phone or party.address or party.relationship or party.age):
            p.append(Problem("parties", f"当事人第{i}行：请填写姓名"))
        if party.age is not None and not 0 < party.age < 120:
            p.append(Problem("parties", f"当事人第{i}行：年龄应在1至119岁之间"))
    return p


def _check_outcome(draft: CaseDraft) -> list[Problem]:
    p: list[Problem] = []
    if draft.outcome is None:
        if draft.outcome_date is not None:
            p.append(Problem("outcome", "填写了结果日期，请选择调解结果（成功或不成）"))
        return p
    if draft.outcome not in OUTCOMES:
        return [Problem("outcome", "调解结果只能是“调解成功”或“调解不成”")]
    if draft.outcome_date is None:
        p.append(Problem("outcome_date", "请填写调解结果日期"))
    if (
        draft.mediation_started is not None
        and draft.outcome_date
        and draft.outcome_date < draft.mediation_started
    ):
        p.append(Problem("outcome_date", "调解结果日期不能早于开始调解日期"))
    if not draft.mediator_ids:
        p.append(Problem("mediators", "记录调解结果前请选择调解员"))
    if draft.outcome == SUCCESS:
        if draft.agreement_form not in AGREEMENT_FORMS:
            p.append(Problem("agreement_form", "调解成功须选择协议形式（口头或书面）"))
        if not draft.agreement_terms.strip():
            p.append(Problem("agreement_terms", "调解成功须填写协议内容"))
        if (
            draft.performance_deadline
            and draft.outcome_date
            and draft.performance_deadline < draft.outcome_date
        ):
            p.append(Problem("performance_deadline", "履行期限不能早于达成协议的日期"))
    elif not draft.referred_to.strip():
        p.append(Problem("referred_to", "调解不成须填写转介去向（如司法所、法院）"))
    return p


def _check_closing(draft: CaseDraft, visits: list[date]) -> list[Problem]:
    if draft.closed_date is None:
        return []
    if not draft.outcome:
        return [Problem("closed_date", "尚无调解结果，不能结案")]
    p: list[Problem] = []
    if draft.outcome_date and draft.closed_date < draft.outcome_date:
        p.append(Problem("closed_date", "结案日期不能早于调解结果日期"))
    if draft.outcome == SUCCESS and not any(v <= draft.closed_date for v in visits):
        p.append(Problem("closed_date", "调解成功的案件须先回访，确认协议履行后再结案"))
    if visits and visits[-1] > draft.closed_date:
        p.append(Problem("closed_date", f"结案日期不能早于最后一次回访（{visits[-1]:%Y-%m-%d}）"))
    return p


def check_followup(
    received: date,
    outcome: str | None,
    outcome_date: date | None,
    closed_date: date | None,
    visit_date: date | None,
    visitor_id: int | None,
    today: date,
) -> list[Problem]:
    """Whether a follow-up visit on ``visit_date`` makes sense for this case."""
    if visit_date is None:
        return [Problem("visit_date", "请填写回访日期")]
    p: list[Problem] = []
    if not outcome or outcome_date is None:
        p.append(Problem("visit_date", "案件尚无调解结果，不能回访"))
    elif visit_date < outcome_date:
        p.append(Problem("visit_date", f"回访日期不能早于调解结果日期（{outcome_date:%Y-%m-%d}）"))
    if visit_date < received:
        p.append(Problem("visit_date", f"回访日期不能早于受理日期（{received:%Y-%m-%d}）"))
    if visit_date > today:
        p.append(Problem("visit_date", "回访日期不能晚于今天"))
    if closed_date is not None and visit_date > closed_date:
        p.append(Problem("visit_date", f"案件已于{closed_date:%Y-%m-%d}结案，回访日期不能晚于结案日期"))
    if visitor_id is None:
        p.append(Problem("visitor", "请选择回访人"))
    return p
