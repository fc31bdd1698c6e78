"""议事会六步法, the follow-through: each decision of a meeting has a named person responsible and a due date,
then what came of it (落实情况) and how satisfied the villagers were (群众满意度). Open decisions past their due
date are reminders (网格 tab and 首页)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import CouncilDecision, CouncilMeeting, Member
from ..reminders import Reminder
from ..vocab import SATISFACTION_LEVELS


@dataclass
class DecisionData:
    id: int | None = None
    content: str = ""
    responsible_id: int | None = None  # a member, or
    responsible_name: str = ""  # a name typed in (read back as the member's name when one is chosen)
    due_date: date | None = None
    done_date: date | None = None  # None while it is not carried out
    outcome: str = ""
    satisfaction: str = ""

    @property
    def status(self) -> str:
        return "已落实" if self.done_date else "未落实"

    def overdue(self, today: date) -> bool:
        return self.done_date is None and self.due_date is not None and self.due_date < today


def read_decisions(session: Session, meeting_id: int) -> list[DecisionData]:
    rows = session.execute(
        select(CouncilDecision, Member.name)
        .outerjoin(Member, Member.id == CouncilDecision.responsible_id)
        .where(CouncilDecision.meeting_id == meeting_id)
        .order_by(CouncilDecision.position, CouncilDecision.id)
    )
    return [_data(d, name) for d, name in rows]


def _data(d: CouncilDecision, member_name: str | None) -> DecisionData:
    return DecisionData(
        id=d.id, content=d.content, responsible_id=d.responsible_id,
        responsible_name=member_name or d.responsible_name, due_date=d.due_date, done_date=d.done_date,
        outcome=d.outcome, satisfaction=d.satisfaction,
    )  # fmt: skip


def validate_decisions(decisions: list[DecisionData], meeting_date: date | None, today: date | None) -> str:
    """The first problem, as one sentence naming the decision (empty when all are fine)."""
    for n, d in enumerate(decisions, 1):
        where = f"第{n}项决议"
        if not d.content.strip():
            return f"{where}：请填写决议内容"
        if d.responsible_id is None and not d.responsible_name.strip():
            return f"{where}：请指定责任人"
        if d.due_date is None:
            return f"{where}：请填写完成时限"
        if meeting_date and d.due_date < meeting_date:
            return f"{where}：完成时限不能早于会议日期"
        if d.done_date is not None:
            if meeting_date and d.done_date < meeting_date:
                return f"{where}：落实日期不能早于会议日期"
            if today and d.done_date > today:
                return f"{where}：落实日期不能晚于今天"
        if d.satisfaction and d.satisfaction not in SATISFACTION_LEVELS:
            return f"{where}：请选择群众满意度"
        if d.satisfaction and d.done_date is None:
            return f"{where}：落实以后才能填写群众满意度"
    return ""


def write_decisions(session: Session, meeting_id: int, decisions: list[DecisionData]) -> None:
    """The meeting's decisions become exactly ``decisions`` (existing rows updated, missing ones deleted)."""
    existing = {
        d.id: d
        for d in session.scalars(select(CouncilDecision).where(CouncilDecision.meeting_id == meeting_id))
    }
    kept = set()
    for position, data in enumerate(decisions):
        row = existing.get(data.id) if data.id else None
        if row is None:
            row = CouncilDecision(meeting_id=meeting_id)
            session.add(row)
        kept.add(row.id)
        row.position, row.content = position, data.content.strip()
        row.responsible_id = data.responsible_id
        row.responsible_name = "" if data.responsible_id else data.responsible_name.strip()
        row.due_date, row.done_date = data.due_date, data.done_date
        row.outcome, row.satisfaction = data.outcome.strip(), data.satisfaction
    for row_id, row in existing.items():
        if row_id not in kept:
            session.delete(row)
    session.flush()


@dataclass(frozen=True)
class OverdueDecision:
    meeting_id: int
    meeting_date: date
    topic: str
    decision: DecisionData


def overdue_decisions(session: Session, today: date) -> list[OverdueDecision]:
    """Decisions not carried out whose due date has passed, the longest overdue first."""
    rows = session.execute(
        select(CouncilDecision, Member.name, CouncilMeeting.date, CouncilMeeting.topic)
        .join(CouncilMeeting, CouncilMeeting.id == CouncilDecision.meeting_id)
        .outerjoin(Member, Member.id == CouncilDecision.responsible_id)
        .where(CouncilDecision.done_date.is_(None), CouncilDecision.due_date < today)
        .order_by(CouncilDecision.due_date, CouncilDecision.id)
    )
    return [OverdueDecision(d.meeting_id, day, topic, _data(d, name)) for d, name, day, topic in rows]


def short(text: str, length: int = 18) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def decision_reminders(session: Session, today: date) -> list[Reminder]:
    return [
        Reminder(
            kind="council_decision_overdue",
            group="议事会决议逾期未落实",
            text=(
                f"{o.meeting_date.month}月{o.meeting_date.day}日议事“{short(o.topic, 12)}”：{short(o.decision.content)}"
                f"（责任人{o.decision.responsible_name or '未指定'}，{o.decision.due_date:%Y年%m月%d日}到期，"
                f"已逾期{(today - o.decision.due_date).days}天）"
            ),
            tab="grids",
            record_id=o.meeting_id,
            due=o.decision.due_date,
        )
        for o in overdue_decisions(session, today)
    ]
