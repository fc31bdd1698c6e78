"""妇女议事会 meetings: date, place, topic category, topic and where it came from, participants, what was
discussed and decided, follow-up; each decision's follow-through is in ``council_decisions``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..listing import fetch_ids, rows_in_order
from ..models import CouncilMeeting
from ..refusal import SaveRefused
from ..sorting import NO_SORT, Sort, sort_order
from ..vocab import COUNCIL_TOPIC_SOURCES, COUNCIL_TOPICS
from .council_decisions import DecisionData, read_decisions, validate_decisions, write_decisions


class MeetingError(SaveRefused):
    """A council meeting that cannot be saved as typed (field names as in ``MeetingData``)."""


@dataclass
class MeetingData:
    id: int | None = None
    date: date | None = None
    place: str = ""
    topic_category: str = COUNCIL_TOPICS[0]
    topic: str = ""
    participants_count: int = 0
    participants: str = ""
    decisions: str = ""  # what was discussed and decided, in the chair's words
    follow_up: str = ""
    topic_source: str = ""
    topic_source_detail: str = ""
    decision_items: list[DecisionData] = field(default_factory=list)  # read by get_meeting only


def _data(m: CouncilMeeting) -> MeetingData:
    return MeetingData(
        id=m.id,
        date=m.date,
        place=m.place,
        topic_category=m.topic_category,
        topic=m.topic,
        participants_count=m.participants_count,
        participants=m.participants,
        decisions=m.decisions,
        follow_up=m.follow_up,
        topic_source=m.topic_source,
        topic_source_detail=m.topic_source_detail,
    )


def _where(text: str, year: int | None) -> list:
    conds = []
    if text.strip():
        like = f"%{text.strip()}%"
        conds.append(or_(CouncilMeeting.topic.like(like), CouncilMeeting.decisions.like(like)))
    if year:
        conds.append(CouncilMeeting.date.between(date(year, 1, 1), date(year, 12, 31)))
    return conds


def count_meetings(session: Session, text: str = "", year: int | None = None) -> int:
    return session.scalar(select(func.count(CouncilMeeting.id)).where(*_where(text, year))) or 0


MEETING_ORDER = (CouncilMeeting.date.desc(), CouncilMeeting.id.desc())  # the list's own order: newest first
# Sort keys the list offers (column key -> SQL expression).
SORTS = {
    name: getattr(CouncilMeeting, name)
    for name in ("date", "place", "topic_category", "topic", "participants_count", "topic_source")
}


def list_ids(
    session: Session, text: str = "", year: int | None = None, sort: Sort = NO_SORT
) -> Sequence[int]:
    """The ids of the meeting list (topic or decisions containing ``text``), sorted in SQL."""
    order = sort_order(SORTS, sort, MEETING_ORDER)
    return fetch_ids(session, select(CouncilMeeting.id).where(*_where(text, year)).order_by(*order))


def rows_by_ids(session: Session, ids: Sequence[int]) -> list[MeetingData]:
    """The list rows of these meetings, in the order of ``ids``."""

    def read(chunk: list[int]) -> list[MeetingData]:
        return [_data(m) for m in session.scalars(select(CouncilMeeting).where(CouncilMeeting.id.in_(chunk)))]

    return rows_in_order(ids, read)


def list_meetings(
    session: Session, text: str = "", year: int | None = None, sort: Sort = NO_SORT
) -> list[MeetingData]:
    """The whole meeting list as shown."""
    return rows_by_ids(session, list_ids(session, text, year, sort))


def get_meeting(session: Session, meeting_id: int) -> MeetingData | None:
    m = session.get(CouncilMeeting, meeting_id)
    if m is None:
        return None
    data = _data(m)
    data.decision_items = read_decisions(session, meeting_id)
    return data


def validate_meeting(data: MeetingData, today: date | None = None) -> dict[str, str]:
    errors = {}
    if data.date is None:
        errors["date"] = "请填写会议日期"
    elif today and data.date > today:
        errors["date"] = "会议日期不能晚于今天"
    if data.topic_category not in COUNCIL_TOPICS:
        errors["topic_category"] = "请选择议题类别"
    if not data.topic.strip():
        errors["topic"] = "请填写议题"
    if data.topic_source not in COUNCIL_TOPIC_SOURCES:
        errors["topic_source"] = "请选择议题来源"
    problem = validate_decisions(data.decision_items, data.date, today)
    if problem:
        errors["decision_items"] = problem
    if data.participants_count is None or data.participants_count < 0:
        errors["participants_count"] = "参会人数不能为负数"
    return errors


def save_meeting(session: Session, data: MeetingData, today: date | None = None) -> MeetingData:
    errors = validate_meeting(data, today)
    if errors:
        raise MeetingError(errors)
    m = session.get(CouncilMeeting, data.id) if data.id else CouncilMeeting()
    if m is None:
        raise MeetingError.whole("该会议记录已被删除")
    m.date, m.place, m.topic_category = data.date, data.place.strip(), data.topic_category
    m.topic, m.participants_count = data.topic.strip(), data.participants_count
    m.participants, m.decisions, m.follow_up = (
        data.participants.strip(),
        data.decisions.strip(),
        data.follow_up.strip(),
    )
    m.topic_source, m.topic_source_detail = data.topic_source, data.topic_source_detail.strip()
    session.add(m)
    session.flush()
    write_decisions(session, m.id, data.decision_items)
    return get_meeting(session, m.id)  # type: ignore[return-value]


def delete_meeting(session: Session, meeting_id: int) -> None:
    m = session.get(CouncilMeeting, meeting_id)
    if m is not None:
        session.delete(m)
