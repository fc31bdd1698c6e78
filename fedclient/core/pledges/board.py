"""HTML of the printed notice boards (承诺公示栏, 践诺情况公示) and of the annual assessment table.

Public boards show only what reports.md allows: name, post, the pledge, its standard and deadline (and, on
the quarterly board, progress and status). Never ID numbers, members' own phones, mediation cases or the
people helped. Sizes are in pt and grow with the paper, so the type reads from a metre away on A4 and A3.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Pledge
from ..village import get_profile
from .assessment import AssessmentRow, assessment_rows
from .query import PledgeFilters, PledgeRow, list_pledges

# Base type size per paper: A3 is 1.41 times A4 in each direction.
BASE_PT = {"A4": 14.0, "A3": 19.0}
QUARTER_ENDS = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


@dataclass
class Board:
    html: str
    footer: Callable[[int, int], str]
    base_pt: float
    title: str
    pledges: int
    footer_pt: float = 10.0


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def quarter_end(year: int, quarter: int) -> date:
    month, day = QUARTER_ENDS[quarter]
    return date(year, month, day)


def board_footer(chair_phone: str, posted: date) -> Callable[[int, int], str]:
    """监督电话 / 公示日期 / 欢迎群众监督 on every page, and the page number when there is more than one."""
    phone = chair_phone.strip() or "（未填写）"
    line = f"监督电话：{phone}　　公示日期：{cn_date(posted)}　　欢迎群众监督"

    def footer(page: int, pages: int) -> str:
        return f"{line}　　第 {page} 页 / 共 {pages} 页" if pages > 1 else line

    return footer


def _table(headers: list[tuple[str, int]], rows: list[list[str]], pt: float) -> str:
    head = "".join(
        f'<th width="{w}%" style="background-color:#f3dcd8; font-size:{pt}pt;">{escape(h)}</th>'
        for h, w in headers
    )
    body = "".join(
        "<tr>" + "".join(f'<td style="font-size:{pt}pt;">{cell}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return (
        '<table border="1" cellspacing="0" cellpadding="4" width="100%" '
        'style="border-collapse:collapse; border-color:#444;">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def _title(title: str, subtitle: str, pt: float) -> str:
    return (
        f'<p align="center" style="font-size:{pt * 1.9:.0f}pt; font-weight:bold; margin:0;">{escape(title)}</p>'
        f'<p align="center" style="font-size:{pt * 1.15:.0f}pt; margin-top:2pt; margin-bottom:8pt;">'
        f"{escape(subtitle)}</p>"
    )


def default_posted(session: Session, year: int, quarter: int | None, today: date) -> date:
    """公示日期 for the footer: the start-of-year board carries the day the pledges were posted (the one most
    of them have), so a reprint says the same; a quarterly board is posted today."""
    if quarter is None:
        posted = session.execute(
            select(Pledge.posted_date)
            .where(Pledge.year == year, Pledge.posted_date.is_not(None))
            .group_by(Pledge.posted_date)
            .order_by(func.count().desc(), Pledge.posted_date.desc())
            .limit(1)
        ).scalar()
        if posted is not None:
            return posted
    return today


def pledge_board(
    session: Session,
    year: int,
    quarter: int | None = None,
    paper: str = "A4",
    posted: date | None = None,
    today: date | None = None,
) -> Board:
    """The start-of-year board (``quarter`` None) or the quarterly 践诺情况公示 as of the quarter's end
    (or ``today`` if the quarter is not over)."""
    today = today or date.today()
    posted = posted or default_posted(session, year, quarter, today)
    profile = get_profile(session)
    village = profile.village if profile else ""
    pt = BASE_PT.get(paper, BASE_PT["A4"])
    if quarter:
        as_of = min(quarter_end(year, quarter), max(today, date(year, 1, 1)))
        title = f"{village}妇联执委“一句话承诺”践诺情况公示"
        subtitle = f"{year}年第{quarter}季度（截至{cn_date(as_of)}）"
    else:
        as_of = date(year, 12, 31)
        title = f"{village}妇联执委“一句话承诺”公示"
        subtitle = f"{year}年度"
    pledges = list_pledges(session, PledgeFilters(year=year, as_of=as_of))
    headers = [("序号", 5), ("姓名", 9), ("职务", 11), ("承诺内容", 45), ("完成标准", 16), ("完成时限", 14)]
    if quarter:
        headers = [("序号", 5), ("姓名", 8), ("职务", 11), ("承诺内容", 35), ("完成标准", 9), ("完成时限", 12),
                   ("完成进度", 9), ("状态", 11)]  # fmt: skip
    rows = [_board_row(i, p, bool(quarter), year) for i, p in enumerate(pledges, 1)]
    if not rows:
        rows = [["", "", "", "（本年度尚无承诺）", "", ""] + (["", ""] if quarter else [])]
    html = _title(title, subtitle, pt) + _table(headers, rows, pt)
    footer = board_footer(profile.chair_phone if profile else "", posted)
    return Board(html, footer, pt, f"{title} {subtitle}", len(pledges), footer_pt=round(pt * 0.8, 1))


def _board_row(i: int, p: PledgeRow, progress: bool, year: int) -> list[str]:
    # The year is in the title; a deadline in another year says its year.
    deadline = f"{p.deadline.month}月{p.deadline.day}日"
    if p.deadline.year != year:
        deadline = f"{p.deadline.year}年{deadline}"
    row = [str(i), p.member_name, p.role, p.content, p.standard, deadline]
    if progress:
        row += [f"{p.percent:g}%", p.status]
    cells = [escape(c) for c in row]
    cells[0] = f'<p align="center">{cells[0]}</p>'
    if progress and p.status == "逾期未完成":
        cells[-1] = f'<span style="color:#b03a2e; font-weight:bold;">{cells[-1]}</span>'
    return cells


def assessment_table(session: Session, year: int, paper: str = "A4", today: date | None = None) -> Board:
    """年度履职考核表 for the year, for the federation's file (internal: no phones or ID numbers either)."""
    today = today or date.today()
    profile = get_profile(session)
    village = profile.village if profile else ""
    pt = BASE_PT.get(paper, BASE_PT["A4"]) - 3
    title = f"{village}妇联执委{year}年度履职考核表"
    headers = [("序号", 5), ("姓名", 8), ("职务", 9), ("承诺", 6), ("已完成", 6), ("参与调解", 6),
               ("网格服务", 6), ("建议得分", 7), ("满意率", 7), ("考核得分", 7), ("等次", 7), ("群众评议", 10),
               ("备注", 16)]  # fmt: skip
    rows = [_assessment_row(i, r) for i, r in enumerate(assessment_rows(session, year), 1)]
    gap = "&nbsp;" * 40
    signature = (
        f'<p style="font-size:{pt}pt; margin-top:18pt;">妇联主席（签字）：{gap}'
        "考核日期：&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;年&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;日</p>"
    )
    html = _title(title, f"制表日期：{cn_date(today)}", pt) + _table(headers, rows, pt) + signature

    def footer(page: int, pages: int) -> str:
        return f"第 {page} 页 / 共 {pages} 页" if pages > 1 else ""

    return Board(html=html, footer=footer, base_pt=pt, title=title, pledges=len(rows))


def _assessment_row(i: int, r: AssessmentRow) -> list[str]:
    score = "" if r.score is None else f"{r.score:g}"
    row = [str(i), r.name, r.role, str(r.pledges), str(r.pledges_done), str(r.cases), str(r.services),
           f"{r.proposed:g}", r.satisfaction_text, score, r.rating, r.public_review, r.remarks]  # fmt: skip
    return [escape(c) for c in row]
