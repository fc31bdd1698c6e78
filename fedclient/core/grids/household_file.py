"""一户一档: everything the federation did with one household, in one place, and the repeat-dispute watch.

The file gathers the services and visits that name the household, the disputes one of whose parties lives in it,
and the people helped who live in it. Parties and people helped are tied to a household by the chair's explicit
choice (``household_id``, suggested from the address by ``suggest_household``), never by guessing at print time.

The watch: two or more disputes in one household received within 12 months raise a risk reminder; when an
earlier one was rated red or yellow, the household is flagged red (the escalation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    CaseParty,
    GridService,
    GridServiceHousehold,
    GridServiceMember,
    HelpedPerson,
    Household,
    MediationCase,
    Member,
)
from ..reminders import Reminder
from ..vocab import PARTY_SIDES
from .households import HouseholdData, address_sort_key, get_household

WATCH_DAYS = 365  # "within 12 months"
ESCALATING = ("红", "黄")


@dataclass(frozen=True)
class ServiceEntry:
    day: date
    role: str
    description: str
    served_by: str
    result: str


@dataclass(frozen=True)
class DisputeEntry:
    case_id: int
    number: str
    received: date
    dispute_type: str
    risk_level: str
    status: str
    residents: str  # the parties living in this household, e.g. "申请人 王秀英"


@dataclass(frozen=True)
class HelpedEntry:
    name: str
    category: str
    status: str
    start: date | None
    end: date | None


@dataclass
class HouseholdFile:
    household: HouseholdData
    services: list[ServiceEntry] = field(default_factory=list)
    disputes: list[DisputeEntry] = field(default_factory=list)
    helped: list[HelpedEntry] = field(default_factory=list)
    alert: str = ""  # the watch's finding for this household, if any


def household_file(session: Session, household_id: int, today: date) -> HouseholdFile | None:
    household = get_household(session, household_id)
    if household is None:
        return None
    result = HouseholdFile(household)
    services = session.scalars(
        select(GridService)
        .join(GridServiceHousehold, GridServiceHousehold.service_id == GridService.id)
        .where(GridServiceHousehold.household_id == household_id)
        .order_by(GridService.date.desc(), GridService.id.desc())
    ).all()
    for s in services:
        names = session.scalars(
            select(Member.name).join(GridServiceMember).where(GridServiceMember.service_id == s.id)
        ).all()
        result.services.append(ServiceEntry(s.date, s.role, s.description, "、".join(names), s.result))
    residents: dict[int, list[str]] = {}
    for case_id, side, name in session.execute(
        select(CaseParty.case_id, CaseParty.side, CaseParty.name)
        .where(CaseParty.household_id == household_id)
        .order_by(CaseParty.id)
    ):
        residents.setdefault(case_id, []).append(f"{PARTY_SIDES.get(side, side)} {name}")
    for case in session.scalars(
        select(MediationCase)
        .where(MediationCase.id.in_(residents))
        .order_by(MediationCase.received_date.desc(), MediationCase.id.desc())
    ):
        result.disputes.append(
            DisputeEntry(
                case.id,
                case.number,
                case.received_date,
                case.dispute_type,
                case.risk_level,
                case.status,
                "、".join(residents[case.id]),
            )  # fmt: skip
        )
    for p in session.scalars(
        select(HelpedPerson).where(HelpedPerson.household_id == household_id).order_by(HelpedPerson.id)
    ):
        result.helped.append(HelpedEntry(p.name, p.category, p.status, p.start_date, p.end_date))
    alert = next((a for a in dispute_watch(session, today) if a.household_id == household_id), None)
    result.alert = alert.text if alert else ""
    return result


@dataclass(frozen=True)
class DisputeAlert:
    household_id: int
    label: str  # "王秀英 3组12号"
    numbers: tuple[str, ...]  # the cases within the 12 months, oldest first
    red: bool  # an earlier one was red or yellow

    @property
    def text(self) -> str:
        cases = "、".join(self.numbers)
        if self.red:
            return f"{self.label}：12个月内第{len(self.numbers)}起纠纷（{cases}），此前有红/黄色案件，升级为红色预警"
        return f"{self.label}：12个月内发生{len(self.numbers)}起纠纷（{cases}），请关注反复风险"


def dispute_watch(session: Session, today: date) -> list[DisputeAlert]:
    """Households with two or more disputes received in the 12 months up to ``today`` (red ones first)."""
    since = today - timedelta(days=WATCH_DAYS)
    rows = session.execute(
        select(
            CaseParty.household_id,
            MediationCase.id,
            MediationCase.number,
            MediationCase.received_date,
            MediationCase.risk_level,
            Household.contact_name,
            Household.address,
        )  # fmt: skip
        .join(MediationCase, MediationCase.id == CaseParty.case_id)
        .join(Household, Household.id == CaseParty.household_id)
        .where(MediationCase.received_date > since, MediationCase.received_date <= today)
        .order_by(MediationCase.received_date, MediationCase.id)
    ).all()
    cases: dict[int, dict[int, tuple[str, str]]] = {}
    labels: dict[int, str] = {}
    for household_id, case_id, number, _received, risk, name, address in rows:
        cases.setdefault(household_id, {})[case_id] = (number, risk)
        labels[household_id] = f"{name} {address}".strip()
    alerts = []
    for household_id, found in cases.items():
        if len(found) < 2:
            continue
        ordered = list(found.values())
        red = any(risk in ESCALATING for _number, risk in ordered[:-1])
        alerts.append(DisputeAlert(household_id, labels[household_id], tuple(n for n, _ in ordered), red))
    return sorted(alerts, key=lambda a: (not a.red, a.label))


def watch_reminders(session: Session, today: date) -> list[Reminder]:
    return [
        Reminder(
            kind="household_dispute_red" if alert.red else "household_dispute_risk",
            group="同一户纠纷升级（红色预警）" if alert.red else "同一户反复发生纠纷",
            text=alert.text,
            tab="grids",
            record_id=alert.household_id,
        )
        for alert in dispute_watch(session, today)
    ]


def suggest_household(session: Session, address: str) -> int | None:
    """The household whose address is the one typed (digits compared as numbers, spaces ignored), if exactly
    one matches: a suggestion for the party or person helped; the chair confirms it."""
    key = address_sort_key((address or "").strip())
    if not key:
        return None
    ids = session.scalars(select(Household.id).where(Household.address_key == key).limit(2)).all()
    return ids[0] if len(ids) == 1 else None
