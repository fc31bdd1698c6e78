"""民主测评: the counted ballots per executive member and year, and the satisfaction rate they give.

满意率 = (满意 + 基本满意) / all ballots counted for her, one decimal; none before any ballot is entered. The
same ballot is the yearly satisfaction rating of the part-time vice chairs (seed 002).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..members.office import ROLE_RANK, in_office, role_rank
from ..models import Member, ReviewBallotCount
from ..pinyin import initials_index
from ..refusal import SaveRefused
from ..vocab import EXECUTIVE_ROLES, ROLES

MAX_BALLOTS = 10_000
MAX_COPIES = (
    500  # 测评票 printed at once (``printout``); here so the page can say it without loading printing
)


class BallotError(SaveRefused):
    """Counts that cannot be saved (field names: "<member_id>")."""


@dataclass
class BallotRow:
    member_id: int
    name: str
    role: str
    satisfied: int = 0
    fairly_satisfied: int = 0
    dissatisfied: int = 0

    @property
    def total(self) -> int:
        return self.satisfied + self.fairly_satisfied + self.dissatisfied

    @property
    def rate(self) -> float | None:
        return satisfaction_rate(self.satisfied, self.fairly_satisfied, self.dissatisfied)


# Sort keys the table offers (column key -> a row's value): the counts are typed in the table itself, so the
# rows are sorted where shown (``sorting.sorted_rows``), names by pinyin and roles by rank as in the roster.
SORTS = {
    "name": lambda r: initials_index(r.name),
    "role": lambda r: role_rank(r.role),
    "satisfied": lambda r: r.satisfied,
    "fairly_satisfied": lambda r: r.fairly_satisfied,
    "dissatisfied": lambda r: r.dissatisfied,
    "total": lambda r: r.total,
    "rate": lambda r: r.rate,
}


def satisfaction_rate(satisfied: int, fairly: int, dissatisfied: int) -> float | None:
    total = satisfied + fairly + dissatisfied
    return round((satisfied + fairly) * 100 / total, 1) if total else None


def review_day(year: int, today: date | None = None) -> date:
    """The day the review looks at: 31 December, or today while the year is not over."""
    return min(date(year, 12, 31), max(today or date.today(), date(year, 1, 1)))


def reviewed_members(session: Session, year: int, today: date | None = None) -> list[Member]:
    """Who gives a 述职 for ``year``: the executive committee in office on its review day, in roster order."""
    return list(session.scalars(_reviewed(year, today, Member)))


def _reviewed(year: int, today: date | None, *what) -> Select:
    day = review_day(year, today)
    return (
        select(*what)
        .where(Member.role.in_(EXECUTIVE_ROLES), in_office(day))
        .order_by(ROLE_RANK, Member.name_initials, Member.id)
    )


def ballot_rows(session: Session, year: int, today: date | None = None) -> list[BallotRow]:
    """The members under review and anyone whose ballots were already counted for ``year``."""
    counted = {
        c.member_id: c
        for c in session.scalars(select(ReviewBallotCount).where(ReviewBallotCount.year == year))
    }
    # Only the columns shown: thousands of whole members (ORM objects) at county scale would be read to be
    # thrown away, and the window process keeps the memory they took.
    shown = (Member.id, Member.name, Member.role)
    members = list(session.execute(_reviewed(year, today, *shown)))
    known = {m.id for m in members}
    extra = [i for i in counted if i not in known]
    if extra:
        members += session.execute(select(*shown).where(Member.id.in_(extra)).order_by(ROLE_RANK, Member.id))
    rows = []
    for m in members:
        c = counted.get(m.id)
        rows.append(
            BallotRow(
                m.id, m.name, ROLES.get(m.role, m.role),
                c.satisfied if c else 0, c.fairly_satisfied if c else 0, c.dissatisfied if c else 0,
            )
        )  # fmt: skip
    return rows


def rates_by_member(session: Session, year: int) -> dict[int, tuple[float, int]]:
    """member id → (satisfaction rate, ballots counted), only for members with ballots."""
    out = {}
    for c in session.scalars(select(ReviewBallotCount).where(ReviewBallotCount.year == year)):
        rate = satisfaction_rate(c.satisfied, c.fairly_satisfied, c.dissatisfied)
        if rate is not None:
            out[c.member_id] = (rate, c.satisfied + c.fairly_satisfied + c.dissatisfied)
    return out


def save_ballots(session: Session, year: int, counts: list[tuple[int, int, int, int]]) -> None:
    """(member id, 满意, 基本满意, 不满意) per member, all in one go; a member with 0/0/0 has no count."""
    errors = {}
    for member_id, *numbers in counts:
        if any(n is None or n < 0 for n in numbers):
            errors[str(member_id)] = "票数不能为负数。"
        elif sum(numbers) > MAX_BALLOTS:
            errors[str(member_id)] = f"票数合计不能超过 {MAX_BALLOTS}。"
        elif session.get(Member, member_id) is None:
            errors[str(member_id)] = "该成员不存在。"
    if errors:
        raise BallotError(errors)
    existing = {
        c.member_id: c
        for c in session.scalars(select(ReviewBallotCount).where(ReviewBallotCount.year == year))
    }
    for member_id, satisfied, fairly, dissatisfied in counts:
        row = existing.get(member_id)
        if satisfied + fairly + dissatisfied == 0:
            if row is not None:
                session.delete(row)
            continue
        row = row or ReviewBallotCount(year=year, member_id=member_id)
        row.satisfied, row.fairly_satisfied, row.dissatisfied = satisfied, fairly, dissatisfied
        session.add(row)
