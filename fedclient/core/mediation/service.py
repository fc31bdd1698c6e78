"""Registering and editing cases: numbers, parties, mediators, follow-ups, the link to a grid service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..members.query import member_choices
from ..models import (
    CaseMediator,
    CaseNumberCounter,
    CaseParty,
    FollowUp,
    Grid,
    GridService,
    GridServiceMember,
    MediationCase,
    Member,
)
from ..pinyin import initials_index
from ..refusal import SaveRefused
from ..validation import check_phone
from .workflow import CaseDraft, PartyDraft, Problem, check_case, check_followup, derive_status

C = MediationCase
MEDIATOR_ROLES = ("chair", "vice_chair", "part_time_vice_chair", "executive_member", "council_member")


# The case fields a draft carries one to one (parties, mediators and methods are handled apart).
CASE_FIELDS = (
    "received_date",
    "source",
    "dispute_type",
    "description",
    "facts",
    "risk_level",
    "flag_criminal_risk",
    "flag_petition_risk",
    "flag_self_harm_risk",
    "mediation_started",
    "outcome",
    "outcome_date",
    "agreement_form",
    "agreement_terms",
    "performance_method",
    "performance_deadline",
    "referred_to",
    "closed_date",
    "turned_criminal",
    "notes",
)


class CaseRefused(SaveRefused):
    """The case or visit cannot be saved (or deleted) as typed; field names as in ``CaseDraft``."""

    @classmethod
    def of(cls, problems: list[Problem]) -> CaseRefused:
        return cls.from_pairs((p.field, p.message) for p in problems)


@dataclass
class FollowUpDraft:
    id: int | None = None
    visit_date: date | None = None
    visitor_id: int | None = None
    visitor_name: str = ""
    performed: bool = True
    satisfaction: str = "满意"
    relapse_signs: str = ""
    notes: str = ""


@dataclass
class CaseRecord:
    """A case as loaded for the dialog and the documents."""

    draft: CaseDraft
    status: str
    followups: list[FollowUpDraft] = field(default_factory=list)
    mediator_names: dict[int, str] = field(default_factory=dict)
    service_label: str = ""  # "来自网格服务：2026-05-03 第1网格"


def next_number(session: Session, year: int) -> tuple[int, str]:
    """Take the next sequence number of ``year``. The counter only grows: a deleted case's number stays used."""
    counter = session.get(CaseNumberCounter, year)
    if counter is None:
        used = session.scalar(select(func.max(C.seq)).where(C.year == year)) or 0
        counter = CaseNumberCounter(year=year, last_seq=used)
        session.add(counter)
    counter.last_seq += 1
    session.flush()
    return counter.last_seq, f"{year}-{counter.last_seq:03d}"


def mediator_choices(session: Session) -> list[tuple[int, str]]:
    """(member id, "姓名（职务）") of members who can mediate, in office now."""
    return member_choices(session, MEDIATOR_ROLES)


def _visit_dates(session: Session, case_id: int | None) -> list[date]:
    if case_id is None:
        return []
    return list(session.scalars(select(FollowUp.visit_date).where(FollowUp.case_id == case_id)))


def _clean_parties(parties: list[PartyDraft]) -> tuple[list[PartyDraft], list[Problem]]:
    kept, problems = [], []
    for i, p in enumerate(parties, start=1):
        if not (p.name.strip() or p.phone.strip() or p.address.strip() or p.relationship.strip() or p.age):
            continue  # an empty row the user added and left
        phone = check_phone(p.phone)
        for error in phone.errors:
            problems.append(Problem("parties", f"当事人第{i}行：{error}"))
        kept.append(
            PartyDraft(
                p.side,
                p.name.strip(),
                p.gender,
                p.age,
                phone.value,
                p.address.strip(),
                p.relationship.strip(),
                p.household_id,
            )
        )
    return kept, problems


def save_case(session: Session, draft: CaseDraft, today: date) -> int:
    """Create or update a case in one go; raises CaseRefused (nothing written) when it makes no sense."""
    parties, problems = _clean_parties(draft.parties)
    checked = CaseDraft(**{**draft.__dict__, "parties": parties})
    problems = check_case(checked, today, _visit_dates(session, draft.id)) + problems
    if problems:
        raise CaseRefused.of(problems)
    if draft.id is None:
        case = C(received_date=draft.received_date)
        case.year = draft.received_date.year
        case.seq, case.number = next_number(session, case.year)
        session.add(case)
    else:
        case = session.get(C, draft.id)
        if case is None:
            raise CaseRefused.whole("该案件已被删除")
        if case.received_date.year != draft.received_date.year:
            raise CaseRefused({"received_date": f"案件编号按受理年度编排，受理日期须在{case.year}年内"})
    for name in CASE_FIELDS:
        setattr(case, name, getattr(checked, name))
    case.methods = list(checked.methods)
    session.flush()
    session.execute(delete(CaseParty).where(CaseParty.case_id == case.id))
    for p in parties:
        session.add(
            CaseParty(
                case_id=case.id, side=p.side, name=p.name, name_initials=initials_index(p.name), gender=p.gender,
                age=p.age, phone=p.phone, address=p.address, relationship=p.relationship,
                household_id=p.household_id,
            )
        )  # fmt: skip
    session.execute(delete(CaseMediator).where(CaseMediator.case_id == case.id))
    for member_id in dict.fromkeys(checked.mediator_ids):
        session.add(CaseMediator(case_id=case.id, member_id=member_id))
    if draft.service_id is not None:
        service = session.get(GridService, draft.service_id)
        if service is not None:
            service.case_id = case.id
    refresh_status(session, case)
    return case.id


def refresh_status(session: Session, case: MediationCase) -> None:
    session.flush()
    case.status = derive_status(
        case.mediation_started,
        case.outcome,
        case.outcome_date,
        case.closed_date,
        _visit_dates(session, case.id),
    )


def get_case(session: Session, case_id: int) -> CaseRecord | None:
    case = session.get(C, case_id)
    if case is None:
        return None
    d = CaseDraft(id=case.id, number=case.number, methods=list(case.methods or []))
    for name in CASE_FIELDS:
        setattr(d, name, getattr(case, name))
    d.parties = [
        PartyDraft(p.side, p.name, p.gender, p.age, p.phone, p.address, p.relationship, p.household_id)
        for p in session.scalars(select(CaseParty).where(CaseParty.case_id == case_id).order_by(CaseParty.id))
    ]
    mediators = session.execute(
        select(Member.id, Member.name)
        .join(CaseMediator, CaseMediator.member_id == Member.id)
        .where(CaseMediator.case_id == case_id)
        .order_by(Member.id)
    ).all()
    d.mediator_ids = [mid for mid, _ in mediators]
    visits = session.execute(
        select(FollowUp, Member.name)
        .outerjoin(Member, Member.id == FollowUp.visitor_id)
        .where(FollowUp.case_id == case_id)
        .order_by(FollowUp.visit_date, FollowUp.id)
    ).all()
    followups = [
        FollowUpDraft(
            f.id,
            f.visit_date,
            f.visitor_id,
            name or "",
            f.performed,
            f.satisfaction,
            f.relapse_signs,
            f.notes,
        )
        for f, name in visits
    ]
    service = session.execute(
        select(GridService.id, GridService.date, Grid.name)
        .join(Grid, Grid.id == GridService.grid_id)
        .where(GridService.case_id == case_id)
        .limit(1)
    ).first()
    label = f"来自网格服务：{service.date:%Y-%m-%d} {service.name}" if service else ""
    d.service_id = service.id if service else None
    return CaseRecord(d, case.status, followups, dict(mediators), label)


def case_id_by_number(session: Session, number: str) -> int | None:
    return session.scalar(select(C.id).where(C.number == number.strip()))


def delete_case(session: Session, case_id: int) -> None:
    """Delete a case (its parties, mediators and visits go with it). Its number is never given again."""
    session.execute(delete(C).where(C.id == case_id))


def save_followup(session: Session, case_id: int, visit: FollowUpDraft, today: date) -> int:
    case = session.get(C, case_id)
    if case is None:
        raise CaseRefused.whole("该案件已被删除")
    problems = check_followup(
        case.received_date,
        case.outcome,
        case.outcome_date,
        case.closed_date,
        visit.visit_date,
        visit.visitor_id,
        today,
    )
    if problems:
        raise CaseRefused.of(problems)
    row = session.get(FollowUp, visit.id) if visit.id else FollowUp(case_id=case_id)
    row.visit_date, row.visitor_id, row.performed = visit.visit_date, visit.visitor_id, visit.performed
    row.satisfaction, row.relapse_signs, row.notes = (
        visit.satisfaction,
        visit.relapse_signs.strip(),
        visit.notes,
    )
    session.add(row)
    refresh_status(session, case)
    return row.id


def delete_followup(session: Session, followup_id: int) -> None:
    row = session.get(FollowUp, followup_id)
    if row is None:
        return
    case = session.get(C, row.case_id)
    if case.closed_date is not None and case.outcome == "调解成功":
        left = [d for d in _visit_dates(session, case.id) if d <= case.closed_date]
        if len(left) <= 1:
            raise CaseRefused.whole("案件已结案，不能删除它唯一的回访记录（请先取消结案）")
    session.delete(row)
    refresh_status(session, case)


def draft_from_service(session: Session, service_id: int) -> CaseDraft:
    """A new case pre-filled from a 矛盾调解 grid service (the 网格 tab's "转为调解案件")."""
    service = session.get(GridService, service_id)
    if service is None:
        raise CaseRefused.whole("该网格服务记录已不存在")
    grid = session.get(Grid, service.grid_id)
    helpers = list(
        session.scalars(
            select(Member.id)
            .join(GridServiceMember, GridServiceMember.member_id == Member.id)
            .where(GridServiceMember.service_id == service_id, Member.role.in_(MEDIATOR_ROLES))
        )
    )
    return CaseDraft(
        received_date=service.date,
        source="网格上报",
        description=service.description,
        mediator_ids=helpers,
        service_id=service_id,
        notes=f"来自网格服务：{service.date:%Y-%m-%d} {grid.name if grid else ''}".strip(),
    )
