"""The demo's follow-through data (part of the grids demo, called from ``demo.populate``): council topic sources
and decisions (one past due and still open), and parties and people helped tied to their households, with one
household that has had a yellow case and a new dispute this autumn (the escalation to red) and one with two blue
cases (a repeat)."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import (
    CaseParty,
    CouncilDecision,
    CouncilMeeting,
    HelpedPerson,
    Household,
    MediationCase,
    Member,
)
from ..vocab import COUNCIL_TOPIC_SOURCES

DECISIONS = {
    "疫情防控": ("组织网格长逐户登记65岁以上老人接种意愿", "联系卫生院上门为行动不便老人接种"),
    "权益维护": ("梳理外嫁女承包地台账，逐户核实", "请司法所到村开展一次政策讲解"),
    "孝老爱亲": ("各网格推荐“好媳妇好婆婆”候选人", "评选结果在村务公开栏公示"),
    "科学教子": ("暑期安排巾帼志愿者轮流看护留守儿童", "联系学校借用教室作为看护点"),
    "健康生活": ("逐户动员适龄妇女报名“两癌”筛查", "联系卫生院确定筛查日期并组织乘车"),
    "环境保护": ("每月评选一次“美丽庭院”并挂牌", "各网格长带头清理房前屋后杂物"),
    "其他": ("起草婚俗新风条款征求意见稿", "提交村民代表会议表决"),
}
OUTCOMES = ("已按期完成，群众反映良好", "已完成，部分农户仍需跟进", "已落实，在下次议事会上通报")


def populate_followup(session: Session, rng: random.Random, today: date) -> dict[str, int]:
    return {"decisions": _decisions(session, rng, today), "linked": _households(session, rng, today)}


def _decisions(session: Session, rng: random.Random, today: date) -> int:
    people = list(
        session.scalars(
            select(Member.id)
            .where(Member.role.in_(("council_member", "executive_member")))
            .order_by(Member.id)
        )
    )
    meetings = list(session.scalars(select(CouncilMeeting).order_by(CouncilMeeting.date)))
    count = 0
    overdue_left = False
    for n, meeting in enumerate(meetings):
        meeting.topic_source = rng.choice(COUNCIL_TOPIC_SOURCES[:5])
        meeting.topic_source_detail = "网格长走访时收集" if meeting.topic_source == "网格收集" else ""
        for k, content in enumerate(DECISIONS[meeting.topic_category][: 1 + n % 2]):
            due = meeting.date + timedelta(days=rng.choice((14, 21, 30)))
            # One decision of a meeting about six weeks ago is past due and still open.
            still_open = due >= today or (
                not overdue_left and today - meeting.date < timedelta(days=60) and k == 0
            )
            overdue_left = overdue_left or (still_open and due < today)
            done = None if still_open else min(due - timedelta(days=rng.randint(0, 5)), today)
            session.add(
                CouncilDecision(
                    meeting_id=meeting.id,
                    position=k,
                    content=content,
                    responsible_id=people[(n + k) % len(people)] if people else None,
                    responsible_name="" if people else "村委会",
                    due_date=due,
                    done_date=done,
                    outcome=rng.choice(OUTCOMES) if done else "",
                    satisfaction=rng.choices(("满意", "基本满意", "不满意"), (8, 3, 1))[0] if done else "",
                )  # fmt: skip
            )
            count += 1
    session.flush()
    return count


def _group_of(address: str) -> str:
    match = re.match(r"(\d+)组", address)
    return f"{match.group(1)}组" if match else ""


def _households(session: Session, rng: random.Random, today: date) -> int:
    """Each case's first party lives in a household of her group; two households are watched."""
    by_group: dict[str, list[Household]] = {}
    for household in session.scalars(select(Household).order_by(Household.id)):
        by_group.setdefault(_group_of(household.address), []).append(household)
    cases = list(
        session.scalars(select(MediationCase).order_by(MediationCase.received_date, MediationCase.id))
    )
    linked = 0
    used: set[int] = set()
    for case in cases:
        party = session.scalars(
            select(CaseParty).where(CaseParty.case_id == case.id).order_by(CaseParty.id)
        ).first()
        choices = [h for h in by_group.get(party.address if party else "", []) if h.id not in used]
        if party is None or not choices:
            continue
        household = rng.choice(choices)
        used.add(household.id)
        party.household_id, party.address = household.id, household.address
        linked += 1
    recent = [c for c in cases if (today - c.received_date).days <= 120]
    earlier = [c for c in cases if 150 <= (today - c.received_date).days <= 330]
    escalating = next((c for c in earlier if c.risk_level == "黄"), None)
    blue = [c for c in earlier if c.risk_level == "蓝" and c is not escalating]
    if escalating and recent:
        linked += _same_household(session, escalating, recent[-1])
    if len(blue) >= 2:
        linked += _same_household(session, blue[0], blue[-1])
    for person in session.scalars(select(HelpedPerson).order_by(HelpedPerson.id)):
        choices = by_group.get(person.group_name, [])
        if choices and rng.random() < 0.7:
            person.household_id = rng.choice(choices).id
            linked += 1
    session.flush()
    return linked


def _same_household(session: Session, first: MediationCase, second: MediationCase) -> int:
    """The second case's first party lives where the first case's first party lives."""
    a, b = (
        session.scalars(select(CaseParty).where(CaseParty.case_id == c.id).order_by(CaseParty.id)).first()
        for c in (first, second)
    )
    if a is None or b is None or a.household_id is None:
        return 0
    b.household_id, b.address = a.household_id, session.get(Household, a.household_id).address
    return 1
