"""年度履职考核: a proposed score per executive member per year, which the chair edits and rates.

Beside it the 民主测评满意率 of the year's 述职评议 (``review.ballots``): for part-time vice chairs it is their
yearly satisfaction rating (seed 002), for everyone a basis of the chair's rating.

Proposed score = 60 base points for a member in office during the year, plus weighted points for pledges
completed, mediation cases she mediated and grid services she took part in, each capped. The weights and
caps are settings the chair can change (stored in the ``settings`` table under ``assessment_*`` keys).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..grids.report import services_by_member
from ..mediation.report import cases_by_mediator
from ..members.office import ROLE_RANK, in_office_between, role_rank
from ..models import Assessment, Member, Pledge, Setting
from ..pinyin import initials_index
from ..refusal import SaveRefused
from ..review.ballots import rates_by_member
from ..vocab import ASSESSMENT_RATINGS, EXECUTIVE_ROLES, ROLES
from .status import DONE, sql_status

BASE_POINTS = 60.0
# key → (label, default): points per item and the cap of each part.
WEIGHTS: dict[str, tuple[str, float]] = {
    # 20: a member who kept her one pledge is proposed 80 (合格); 优秀 needs more (cases, grid services).
    "assessment_per_pledge": ("每完成一项承诺加分", 20.0),
    "assessment_pledge_cap": ("承诺加分上限", 20.0),
    "assessment_per_case": ("每参与调解一件加分", 2.0),
    "assessment_case_cap": ("调解加分上限", 10.0),
    "assessment_per_service": ("每参与网格服务一次加分", 0.5),
    "assessment_service_cap": ("网格服务加分上限", 10.0),
}
# Proposed rating from the score (the chair decides in the end).
# Sort keys the table offers (column key -> a row's value): marks are typed in the table itself, so the rows
# (with what she typed and has not saved) are sorted where shown (``sorting.sorted_rows``), names by pinyin,
# roles by rank as in the roster, 等次 from 优秀 down, not yet scored as empty.
SORTS = {
    "name": lambda r: initials_index(r.name),
    "role": lambda r: role_rank(r.role),
    "pledges": lambda r: r.pledges,
    "pledges_done": lambda r: r.pledges_done,
    "cases": lambda r: r.cases,
    "services": lambda r: r.services,
    "proposed": lambda r: r.proposed,
    "satisfaction": lambda r: r.satisfaction,
    "score": lambda r: r.score,
    "rating": lambda r: ASSESSMENT_RATINGS.index(r.rating) if r.rating in ASSESSMENT_RATINGS else None,
    "public_review": lambda r: r.public_review,
    "remarks": lambda r: r.remarks,
}
RATING_FLOORS = ((90.0, "优秀"), (75.0, "合格"), (60.0, "基本合格"), (0.0, "不合格"))


class AssessmentError(SaveRefused):
    """An assessment or weight that cannot be saved as typed."""


@dataclass
class AssessmentRow:
    member_id: int
    name: str
    role: str
    in_office: bool
    pledges: int
    pledges_done: int
    cases: int
    services: int
    proposed: float
    score: float | None  # saved by the chair; None when not yet assessed
    rating: str
    public_review: str
    remarks: str
    satisfaction: float | None = None  # 民主测评满意率 (%), None before ballots are counted
    ballots: int = 0

    @property
    def satisfaction_text(self) -> str:
        return "" if self.satisfaction is None else f"{self.satisfaction:g}%"

    @property
    def final_score(self) -> float:
        return self.proposed if self.score is None else self.score


def get_weights(session: Session) -> dict[str, float]:
    out = {}
    for key, (_label, default) in WEIGHTS.items():
        row = session.get(Setting, key)
        try:
            out[key] = float(row.value) if row is not None else default
        except ValueError:
            out[key] = default
    return out


def set_weights(session: Session, weights: dict[str, float]) -> None:
    for key, value in weights.items():
        if key not in WEIGHTS:
            raise AssessmentError({key: f"未知的加分项：{key}"})
        if value < 0 or value > 100:
            raise AssessmentError({key: f"“{WEIGHTS[key][0]}”应在 0 到 100 之间。"})
        row = session.get(Setting, key) or Setting(key=key)
        row.value = f"{value:g}"
        session.add(row)


def proposed_score(weights: dict[str, float], in_office: bool, done: int, cases: int, services: int) -> float:
    if not in_office:
        return 0.0
    w = weights
    points = (
        BASE_POINTS
        + min(done * w["assessment_per_pledge"], w["assessment_pledge_cap"])
        + min(cases * w["assessment_per_case"], w["assessment_case_cap"])
        + min(services * w["assessment_per_service"], w["assessment_service_cap"])
    )
    return round(min(points, 100.0), 1)


def suggested_rating(score: float) -> str:
    return next(rating for floor, rating in RATING_FLOORS if score >= floor)


def assessment_rows(session: Session, year: int) -> list[AssessmentRow]:
    """Every executive member who held office at some time in ``year`` or was already assessed for it."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    served = in_office_between(first, last)
    assessed = select(Assessment.member_id).where(Assessment.year == year)
    # Only the columns used (not whole members: thousands of ORM objects at county scale for a few fields).
    members = session.execute(
        select(Member.id, Member.name, Member.role, served.label("served"))
        .where(Member.role.in_(EXECUTIVE_ROLES), or_(served, Member.id.in_(assessed)))
        .order_by(ROLE_RANK, Member.name_initials, Member.id)
    ).all()
    saved = {a.member_id: a for a in session.scalars(select(Assessment).where(Assessment.year == year))}
    # Each member's pledges of the year and how many were done by its end, counted in SQL (the same status as
    # the list's), not read as thousands of pledges.
    pledges = {
        member_id: (count, done)
        for member_id, count, done in session.execute(
            select(Pledge.member_id, func.count(), func.count().filter(sql_status(last) == DONE))
            .where(Pledge.year == year)
            .group_by(Pledge.member_id)
        )
    }
    cases = cases_by_mediator(session, year)
    services = services_by_member(session, year)
    weights = get_weights(session)
    rates = rates_by_member(session, year)
    rows = []
    for member in members:
        in_office = member.served
        count, done = pledges.get(member.id, (0, 0))
        n_cases, n_services = cases.get(member.id, 0), services.get(member.id, 0)
        a = saved.get(member.id)
        rows.append(
            AssessmentRow(
                member_id=member.id, name=member.name, role=ROLES.get(member.role, member.role),
                in_office=bool(in_office), pledges=count, pledges_done=done, cases=n_cases,
                services=n_services, proposed=proposed_score(weights, bool(in_office), done, n_cases, n_services),
                score=a.score if a else None, rating=a.rating if a else "",
                public_review=a.public_review if a else "", remarks=a.remarks if a else "",
                satisfaction=rates.get(member.id, (None, 0))[0], ballots=rates.get(member.id, (None, 0))[1],
            )
        )  # fmt: skip
    return rows


def save_assessment(
    session: Session, member_id: int, year: int, score: float, rating: str, public_review: str = "",
    remarks: str = "",
) -> None:  # fmt: skip
    if not 0 <= score <= 100:
        raise AssessmentError({"score": "考核得分应在 0 到 100 之间。"})
    if rating and rating not in ASSESSMENT_RATINGS:
        raise AssessmentError({"rating": "等次只能是 优秀、合格、基本合格、不合格。"})
    if session.get(Member, member_id) is None:
        raise AssessmentError.whole("该成员不存在。")
    row = session.scalar(select(Assessment).where(Assessment.member_id == member_id, Assessment.year == year))
    row = row or Assessment(member_id=member_id, year=year)
    row.score = float(score)
    row.rating = rating
    row.public_review = public_review.strip()
    row.remarks = remarks.strip()
    session.add(row)
