"""规范化建设自查表: a quantified self-check of the village federation, computed from its records, one item
a row with the rule it is scored by and what to fix, so the chair sees before the township's assessment where
points are lost. 100 points in all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..grids.assignments import list_grids
from ..mediation.report import period_stats
from ..members.office import in_office
from ..models import CouncilMeeting, GridService, Household, Member
from ..pledges.query import PledgeFilters, list_pledges
from ..pledges.status import DONE
from ..vocab import EXECUTIVE_ROLES

MIN_EXECUTIVES = 7
GRADES = ((90, "优秀"), (75, "良好"), (60, "合格"), (0, "需整改"))


@dataclass
class CheckItem:
    name: str
    found: str  # 实际情况
    rule: str  # 评分标准
    full: int
    score: float
    fixes: list[str] = field(default_factory=list)  # 整改事项; empty when nothing to fix


@dataclass
class SelfCheck:
    year: int
    as_of: date
    items: list[CheckItem]

    @property
    def total(self) -> float:
        return round(sum(i.score for i in self.items), 1)

    @property
    def grade(self) -> str:
        return next(g for floor, g in GRADES if self.total >= floor)


def _share(part: float, whole: float, full: int) -> float:
    return round(full * min(part / whole, 1.0), 1) if whole else 0.0


def _months(first: date, last: date) -> int:
    return max((last.year - first.year) * 12 + last.month - first.month, 0)


def self_check(session: Session, year: int, today: date) -> SelfCheck:
    as_of = min(date(year, 12, 31), today)
    executives = list(
        session.scalars(
            select(Member).where(Member.role.in_(EXECUTIVE_ROLES), in_office(as_of)).order_by(Member.id)
        )
    )
    items = [
        _term(executives, as_of),
        _vacancies(session, executives, as_of),
        *_pledges(session, executives, year, as_of),
        _meetings(session, year, as_of),
        _mediation(session, year, as_of),
        *_grids(session, year, as_of),
    ]
    return SelfCheck(year, as_of, items)


def _term(executives: list[Member], as_of: date) -> CheckItem:
    rule = "届期内 10 分；距届满不足 6 个月 8 分（着手准备换届）；已超期或未登记任期 0 分"
    chair = next((m for m in executives if m.role == "chair"), None)
    ends = [m.term_end for m in ([chair] if chair else executives) if m and m.term_end]
    if not ends:
        return CheckItem(
            "按期换届", "成员名册中没有登记任期", rule, 10, 0, ["在成员名册中填写本届任期（开始、结束）"]
        )
    end = max(ends)
    if end < as_of:
        months = _months(end, as_of)
        return CheckItem(
            "按期换届",
            f"本届已于{end:%Y年%m月}届满，超期 {months} 个月",
            rule,
            10,
            0,
            ["尽快向乡镇妇联申请换届"],
        )
    if _months(as_of, end) < 6:
        return CheckItem(
            "按期换届", f"本届{end:%Y年%m月}届满", rule, 10, 8, ["届满前 6 个月内：着手准备换届选举"]
        )
    return CheckItem("按期换届", f"本届{end:%Y年%m月}届满", rule, 10, 10)


def _vacancies(session: Session, executives: list[Member], as_of: date) -> CheckItem:
    rule = f"执委会不少于 {MIN_EXECUTIVES} 人且无缺额 10 分；每个缺额扣 3 分，空缺超过 3 个月的每个再扣 2 分"
    starts = [m.term_start for m in executives if m.term_start]
    term_start = min(starts) if starts else date(as_of.year, 1, 1)
    left = session.scalars(
        select(Member)
        .where(Member.role.in_(EXECUTIVE_ROLES), Member.left_date.between(term_start, as_of))
        .order_by(Member.left_date)
    ).all()
    newer = [m.term_start for m in executives if m.term_start]
    open_ = [m for m in left if not any(s > m.left_date for s in newer)]
    score, fixes = 10.0, []
    for m in open_:
        months = _months(m.left_date, as_of)
        score -= 3 + (2 if months > 3 else 0)
        fixes.append(f"补选执委：{m.name}{m.left_date:%Y年%m月}离任，已空缺 {months} 个月")
    if len(executives) < MIN_EXECUTIVES:
        score -= 3
        fixes.append(f"执委会现有 {len(executives)} 人，少于 {MIN_EXECUTIVES} 人")
    found = f"在任 {len(executives)} 人，缺额 {len(open_)} 个"
    return CheckItem("执委配备", found, rule, 10, max(score, 0.0), fixes)


def _pledges(session: Session, executives: list[Member], year: int, as_of: date) -> list[CheckItem]:
    pledges = list_pledges(session, PledgeFilters(year=year, as_of=as_of))
    with_pledge = {p.member_id for p in pledges}
    missing = [m.name for m in executives if m.id not in with_pledge]
    made = CheckItem(
        "执委作出承诺", f"在任 {len(executives)} 人，已承诺 {len(executives) - len(missing)} 人",
        "在任执委人人作出“一句话承诺”得满分，按比例计分", 15,
        _share(len(executives) - len(missing), len(executives), 15),
        [f"尚未承诺：{'、'.join(missing)}"] if missing else [],
    )  # fmt: skip
    due = [p for p in pledges if p.deadline <= as_of]
    done = [p for p in due if p.status == DONE]
    late = [f"{p.member_name}（{p.content}）" for p in due if p.status != DONE]
    kept = CheckItem(
        "承诺兑现", f"到期承诺 {len(due)} 项，已完成 {len(done)} 项" if due else "尚无到期承诺",
        "到期承诺全部完成得满分，按完成比例计分；未完成的须说明原因", 15,
        _share(len(done), len(due), 15) if due else 15.0,
        [f"逾期未完成：{'；'.join(late)}"] if late else [],
    )  # fmt: skip
    return [made, kept]


def _meetings(session: Session, year: int, as_of: date) -> CheckItem:
    held = (
        session.scalar(
            select(func.count(CouncilMeeting.id)).where(CouncilMeeting.date.between(date(year, 1, 1), as_of))
        )
        or 0
    )
    quarters = (as_of.month - 1) // 3 + 1
    fixes = [f"本年已过 {quarters} 个季度，议事会只开了 {held} 次"] if held < quarters else []
    return CheckItem("妇女议事会", f"本年召开 {held} 次", "每季度至少召开 1 次，按已过季度计满分", 10,
                     _share(held, quarters, 10), fixes)  # fmt: skip


def _mediation(session: Session, year: int, as_of: date) -> CheckItem:
    stats = period_stats(session, year, today=as_of)
    score = (_share(stats.success_rate, 80, 10) if stats.outcomes else 10.0) + (
        5 if not stats.turned_criminal else 0
    )
    fixes = []
    if stats.outcomes and stats.success_rate < 80:
        fixes.append(f"调解成功率 {stats.success_rate:g}%，低于 80%")
    if stats.turned_criminal:
        fixes.append(f"发生民转刑案件 {stats.turned_criminal} 件")
    if stats.overdue_open:
        score -= min(stats.overdue_open, 5)
        fixes.append(f"超期未结案件 {stats.overdue_open} 件：尽快调结或转介")
    found = f"受理 {stats.received} 件，调结 {stats.outcomes} 件，成功 {stats.successful} 件（{stats.success_rate:g}%）"
    rule = "调解成功率达 80% 得 10 分（按比例）；无民转刑 5 分；每件超期未结扣 1 分（最多 5 分）"
    return CheckItem("矛盾纠纷调解", found, rule, 15, max(round(score, 1), 0.0), fixes)


def _grids(session: Session, year: int, as_of: date) -> list[CheckItem]:
    grids = list_grids(session)
    whole = [g for g in grids if g.leader_id and len(g.volunteer_ids) >= 2]
    short = [g.label for g in grids if g not in whole]
    shape = CheckItem(
        "网格“1+2”配备", f"网格 {len(grids)} 个，配齐 {len(whole)} 个" if grids else "尚未划分网格",
        "每个网格有 1 名网格长、2 名志愿者得满分，按比例计分", 15, _share(len(whole), len(grids), 15),
        [f"未配齐：{'、'.join(short)}"] if short else ([] if grids else ["划分网格并指定网格长和志愿者"]),
    )  # fmt: skip
    households = session.scalar(select(func.count(Household.id)).where(Household.grid_id.is_not(None))) or 0
    services = (
        session.scalar(
            select(func.count(GridService.id)).where(GridService.date.between(date(year, 1, 1), as_of))
        )
        or 0
    )
    ratio = services / households if households else 0.0
    served = CheckItem(
        "网格服务", f"覆盖 {households} 户，本年服务 {services} 次（每户 {ratio:.2f} 次）",
        "本年网格服务次数不少于覆盖户数（每户 1 次）得满分，按比例计分", 10, _share(services, households, 10),
        [f"还差 {households - services} 次服务：加强入户走访"] if households and services < households else [],
    )  # fmt: skip
    return [shape, served]
