"""The printed 述职表 (one per member, each from a new page) and the 民主测评票 (one per page, as many copies
as there are voters). Portrait A4. Internal papers: no phones, ID numbers or parties' names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html import escape

from sqlalchemy.orm import Session

from ..pledges.board import Board, cn_date
from ..pledges.query import number
from ..printed import keep_together
from ..village import get_profile
from ..vocab import ROLES
from .ballots import MAX_COPIES, reviewed_members
from .sheets import PledgeEntry, ReviewSheet, review_sheets

PT = 10.5
CHECK_PT = 11.5
BALLOT_PT = 13.0
ENTRY_ROWS = 8
CHOICES = ("满意", "基本满意", "不满意")
TABLE = '<table border="1" cellspacing="0" cellpadding="2" width="100%" style="border-collapse:collapse;">'
HEAD = 'style="background-color:#f3dcd8;"'


def _title(text: str, sub: str, pt: float, new_page: bool) -> str:
    brk = "page-break-before:always; " if new_page else ""
    return (
        f'<p align="center" style="{brk}font-size:{pt * 1.6:.0f}pt; font-weight:bold; margin:0;">{escape(text)}</p>'
        f'<p align="center" style="font-size:{pt}pt; margin-top:2pt; margin-bottom:6pt;">{escape(sub)}</p>'
    )


def _section(text: str) -> str:
    return f'<p style="font-size:{PT + 1}pt; font-weight:bold; margin-top:6pt; margin-bottom:2pt;">{escape(text)}</p>'


def _table(headers: list[tuple[str, int]], rows: list[list[str]]) -> str:
    head = "".join(f'<th width="{w}%" {HEAD}>{escape(h)}</th>' for h, w in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"{TABLE}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _line(text: str, empty: str = "无。") -> str:
    """One paragraph (items joined with "；"), so a long list takes lines, not one line per item."""
    color = "" if text else " color:#555;"
    return f'<p style="margin:0 0 0 12pt;{color}">{escape(text or empty)}</p>'


def sheet_html(sheet: ReviewSheet, village: str, year: int, new_page: bool) -> str:
    e = escape
    parts = [_title(f"{village}妇联执委{year}年度述职表", f"{sheet.name}　{sheet.role}", PT, new_page)]
    parts.append(
        f"{TABLE}<tr><td {HEAD} width='12%'>姓名</td><td width='21%'>{e(sheet.name)}</td>"
        f"<td {HEAD} width='12%'>职务</td><td width='21%'>{e(sheet.role)}</td>"
        f"<td {HEAD} width='12%'>所在组</td><td width='22%'>{e(sheet.group_name)}</td></tr>"
        f"<tr><td {HEAD}>岗位</td><td colspan='3'>{e(sheet.post)}</td>"
        f"<td {HEAD}>任期</td><td>{e(sheet.term)}</td></tr></table>"
    )
    parts.append(_section("一、“一句话承诺”及践诺情况"))
    if not sheet.pledges:
        parts.append(_line("", "本年度没有登记承诺。"))
    for sp in sheet.pledges:
        p = sp.row
        parts.append(
            f"{TABLE}<tr><td {HEAD} width='12%'>承诺内容</td><td colspan='3'>{e(p.content)}</td></tr>"
            f"<tr><td {HEAD}>完成标准</td><td width='38%'>{e(p.standard)}</td>"
            f"<td {HEAD} width='12%'>完成时限</td><td>{cn_date(p.deadline)}</td></tr>"
            f"<tr><td {HEAD}>累计完成</td><td>{e(sp.total)}（{p.percent:g}%）</td>"
            f"<td {HEAD}>状态</td><td>{e(p.status)}</td></tr></table>"
        )
        if sp.entries:
            parts.append(_entries_table(sp.entries))
    parts.append(_section(f"二、参与调解的婚姻家庭纠纷（{len(sheet.cases)} 件）"))
    parts.append(_line("；".join(sheet.cases)))
    hours = number(round(sheet.service_hours, 2))
    parts.append(_section(f"三、网格服务（{len(sheet.services)} 次，共 {hours} 小时）"))
    if sheet.services:
        by_role: dict[str, list[float]] = {}
        for _day, _grid, text, h in sheet.services:
            by_role.setdefault(text.split("：", 1)[0], []).append(h)
        grids = "、".join(dict.fromkeys(grid for _d, grid, _t, _h in sheet.services))
        roles = "；".join(
            f"{role} {len(hs)} 次 {number(round(sum(hs), 2))} 小时" for role, hs in by_role.items()
        )
        parts.append(_line(f"服务网格：{grids}。{roles}。最近一次：{_last_service(sheet)}"))
    else:
        parts.append(_line(""))
    parts.append(_section(f"四、联系帮扶的困难妇女儿童（{len(sheet.helped)} 人）"))
    parts.append(_line("、".join(sheet.helped)))
    parts.append(_section(f"五、参加妇女议事会（{len(sheet.meetings)} 次）"))
    parts.append(_line("；".join(f"{d.month}月{d.day}日 {t}" for d, t in sheet.meetings)))
    parts.append(_own_words())
    return "".join(parts)


def _entries_table(entries: list[PledgeEntry]) -> str:
    """The progress entries, one a row; more than ``ENTRY_ROWS`` are summed by month so the sheet keeps to
    one page."""
    e = escape
    if len(entries) <= ENTRY_ROWS:
        first = ("日期", 10)
        rows = [[f"{x.date:%m-%d}", number(x.amount), e(x.description), number(x.hours) if x.hours else ""]
                for x in entries]  # fmt: skip
    else:
        first = ("月份", 10)
        months: dict[int, list[PledgeEntry]] = {}
        for x in entries:
            months.setdefault(x.date.month, []).append(x)
        rows = [
            [f"{m}月", number(sum(x.amount for x in xs)),
             f"{len(xs)} 次：" + e("、".join(dict.fromkeys(x.description for x in xs if x.description))),
             number(round(sum(x.hours for x in xs), 2))]
            for m, xs in months.items()
        ]  # fmt: skip
    rows.append(["<b>合计</b>", f"<b>{number(sum(x.amount for x in entries))}</b>",
                 f"<b>践诺记录 {len(entries)} 次</b>", f"<b>{number(round(sum(x.hours for x in entries), 2))}</b>"])  # fmt: skip
    return _table([first, ("完成数量", 10), ("践诺情况", 66), ("时长(小时)", 14)], rows)


def _last_service(sheet: ReviewSheet) -> str:
    day, _grid, text, _h = sheet.services[-1]
    return f"{day.month}月{day.day}日 {text}"


def _own_words() -> str:
    """One table row, so the blank and the signature are never split across pages."""
    blank = "<br>" * 7
    gap = "&nbsp;" * 30
    return (
        f'{TABLE}<tr><td><p style="font-size:{PT + 1}pt; font-weight:bold;">六、本人述职'
        f'<span style="font-weight:normal; font-size:{PT}pt;">（履职情况、存在不足、下一年打算）</span></p>'
        f"{blank}<p>本人签字：{gap}日期：&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;年&nbsp;&nbsp;&nbsp;&nbsp;月"
        "&nbsp;&nbsp;&nbsp;&nbsp;日</p></td></tr></table>"
    )


def ballot_html(
    names: list[tuple[str, str]], village: str, year: int, new_page: bool, first: int = 1, last: bool = True,
    whole: bool = True,
) -> str:  # fmt: skip
    """One 测评票 listing ``names`` (numbered from ``first``); ``whole`` False: one page of a long one, its title
    on the first page only and the date line on the ``last``."""
    pt = BALLOT_PT if len(names) <= 20 and whole else BALLOT_PT - 2
    rows = "".join(
        f"<tr><td align='center'>{i}</td><td>{escape(n)}</td><td>{escape(r)}</td>"
        + "<td></td>" * len(CHOICES)
        + "</tr>"
        for i, (n, r) in enumerate(names, first)
    )
    head = "".join(f"<th {HEAD} width='{w}%'>{h}</th>" for h, w in
                   (("序号", 8), ("姓名", 20), ("职务", 18), *((c, 18) for c in CHOICES)))  # fmt: skip
    top = first == 1
    bottom = whole or last
    return (
        (
            _title(f"{village}妇联执委{year}年度述职评议民主测评票", "（不记名）", pt, new_page)
            + f'<p style="font-size:{pt - 1}pt;">说明：请在每位执委对应的“满意”“基本满意”“不满意”栏中选一栏划“√”；'
            "多划或不划的，视为对该执委弃权。</p>"
            if top
            else ""
        )
        + f'<table border="1" cellspacing="0" cellpadding="7" width="100%" style="border-collapse:collapse; '
        f'font-size:{pt}pt;"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        + (
            f'<p style="font-size:{pt}pt; margin-top:14pt;">测评日期：&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;年'
            "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;月&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;日</p>"
            if bottom
            else ""
        )
    )


# A 测评票 of more names than a village has is cut into pages of ``PAGE_ROWS`` names, each a part of its own: Qt lays
# a table out in one call that holds the interpreter (a county's 3,248 names: 3.7 s during which the window froze,
# though it ran on a worker), and its time grows faster than its rows.
LONG_BALLOT = 100
PAGE_ROWS = 20


def ballot_parts(names: list[tuple[str, str]], village: str, year: int) -> list[str]:
    """One 测评票 as parts, each from a new page: itself, or its pages of ``PAGE_ROWS`` names when it is long."""
    if len(names) <= LONG_BALLOT:
        return [ballot_html(names, village, year, new_page=False)]
    return [
        ballot_html(
            names[at : at + PAGE_ROWS], village, year, False, at + 1, at + PAGE_ROWS >= len(names), False
        )
        for at in range(0, len(names), PAGE_ROWS)
    ]


@dataclass
class Papers:
    """The 述职评议 printout as parts, each drawn from a new page (a member's 述职表, one 测评票): drawn part by
    part, a county's thousands of members never lie in one document."""

    parts: list[str]
    title: str
    sheets: int  # 述职表 among the parts (they come first)
    ballots: int  # 测评票 after them (a long one in several parts)
    base_pt: float = PT


def review_papers(
    session: Session,
    year: int,
    copies: int = 1,
    today: date | None = None,
    sheets: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> Papers:
    """Every 述职表 (unless ``sheets`` is False) followed by ``copies`` 测评票. ``progress(done, total, text)``, when
    given, hears of each member's sheet (and raises ``Cancelled`` when the chair has cancelled)."""
    if not 0 <= copies <= MAX_COPIES:
        raise ValueError(f"测评票份数应在 0 到 {MAX_COPIES} 之间。")
    report = progress or (lambda _done, _total, _text: None)
    report(0, 0, "正在读取述职记录……")
    profile = get_profile(session)
    village = profile.village if profile else ""
    found = (
        review_sheets(session, year, today, step=lambda: report(0, 0, "正在读取述职记录……")) if sheets else []
    )
    parts = []
    for done, sheet in enumerate(found, 1):
        parts.append(sheet_html(sheet, village, year, new_page=False))
        if done % 20 == 0 or done == len(found):
            report(done, len(found), f"正在准备述职表……（{done}/{len(found)}）")
    names = [(m.name, ROLES.get(m.role, m.role)) for m in reviewed_members(session, year, today)]
    if copies:
        parts += ballot_parts(names, village, year) * copies
    title = f"{village}妇联执委{year}年度述职评议"
    return Papers(parts or ["<p>（没有在任执委）</p>"], title, len(found), copies)


def self_check_printout(session: Session, year: int, today: date) -> Board:
    """规范化建设自查表 on one A4 page (portrait), with the chair's signature line."""
    from .self_check import self_check

    check = self_check(session, year, today)
    profile = get_profile(session)
    village = profile.village if profile else ""
    rows = [
        [str(i), f"<b>{escape(item.name)}</b>", escape(item.found), escape(item.rule), str(item.full),
         f"<b>{item.score:g}</b>", escape("；".join(item.fixes)) or "—"]
        for i, item in enumerate(check.items, 1)
    ]  # fmt: skip
    rows.append(["", "<b>合计</b>", "", "", "100", f"<b>{check.total:g}</b>", f"<b>{check.grade}</b>"])
    headers = [
        ("序号", 5),
        ("项目", 11),
        ("实际情况", 20),
        ("评分标准", 26),
        ("满分", 6),
        ("得分", 6),
        ("需整改", 26),
    ]
    title = f"{village}妇联规范化建设自查表"
    gap = "&nbsp;" * 24
    html = (
        _title(
            title,
            f"{year}年度　截至{cn_date(check.as_of)}　总分 {check.total:g} 分（{check.grade}）",
            PT,
            False,
        )
        + _table(headers, rows)
        + keep_together(
            f'<p style="margin-top:16pt;">自查人（签字）：{gap}妇联主席（签字）：{gap}日期：{cn_date(today)}</p>'
        )
    )

    def footer(page: int, pages: int) -> str:
        return f"第 {page} 页 / 共 {pages} 页" if pages > 1 else ""

    return Board(
        html=html, footer=footer, base_pt=CHECK_PT, title=f"{title} {year}年度", pledges=len(check.items)
    )
