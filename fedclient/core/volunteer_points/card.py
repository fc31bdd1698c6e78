"""积分证: a card per volunteer with her hours, points, what she exchanged, her balance and star level.

Two cards to an A4 page (portrait), to cut apart. Only what the card needs: no phone, no ID number.
"""

from __future__ import annotations

from datetime import date
from html import escape

from sqlalchemy.orm import Session

from ..pledges.board import Board, cn_date
from ..village import get_profile
from .ledger import VolunteerPoints, member_points, volunteer_points
from .rules import PointsRule, fmt, get_rule

CARD_PT = 15.0
CARDS_PER_PAGE = 2


def stars_text(stars: int, levels: int) -> str:
    return "★" * stars + "☆" * (levels - stars)


def _card(v: VolunteerPoints, rule: PointsRule, village: str, issued: date, first: bool) -> str:
    pt = CARD_PT
    brk = "" if first else "page-break-before:always; "
    cell = f'width="27%" style="font-size:{pt}pt;"'
    label = f'width="23%" style="font-size:{pt}pt; background-color:#f3dcd8;"'

    def pair(a: str, b: str, c: str, d: str) -> str:
        return f"<tr><td {label}>{a}</td><td {cell}>{b}</td><td {label}>{c}</td><td {cell}>{d}</td></tr>"

    stars = f'<span style="color:#c0392b;">{stars_text(v.stars, len(rule.star_levels))}</span> {v.star}'
    return (
        f'<p align="center" style="{brk}font-size:{pt * 1.6:.0f}pt; font-weight:bold; margin-top:6pt; '
        'margin-bottom:8pt;">'
        f"{escape(village)}巾帼志愿服务积分证</p>"
        '<table border="1" cellspacing="0" cellpadding="9" width="100%" style="border-collapse:collapse;">'
        + pair("姓　　名", escape(v.name), "身　　份", escape(v.role))
        + pair("累计服务时长", f"{fmt(v.hours)} 小时", "累计积分", f"{fmt(v.points)} 分")
        + pair("已兑换积分", f"{fmt(v.spent)} 分", "可用积分", f"{fmt(v.balance)} 分")
        + f'<tr><td {label}>星　　级</td><td style="font-size:{CARD_PT}pt;" colspan="3">{stars}</td></tr>'
        + f'<tr><td {label}>积分规则</td><td style="font-size:{CARD_PT}pt;" colspan="3">{escape(rule.describe())}</td></tr>'
        + "</table>"
        f'<p style="font-size:{pt}pt; margin-top:12pt;">发证单位：{escape(village)}妇联（盖章）'
        f"{'&nbsp;' * 16}发证日期：{cn_date(issued)}</p>"
        f'<p align="center" style="font-size:{pt - 3}pt; color:#777; margin-top:40pt; margin-bottom:40pt;">'
        "- - - - - - - - - - - - - - - - 沿此线剪开 - - - - - - - - - - - - - - - -</p>"
    )


def points_cards(session: Session, today: date, member_ids: list[int] | None = None) -> Board:
    """积分证 of the given members (default: every volunteer in the points list), two to a page."""
    profile = get_profile(session)
    village = profile.village if profile else ""
    rule = get_rule(session)
    if member_ids is None:
        rows = volunteer_points(session, today)
    else:
        rows = [r for r in (member_points(session, i) for i in member_ids) if r is not None]
    cards = []
    for i, v in enumerate(rows):
        first_on_page = i % CARDS_PER_PAGE == 0
        cards.append(_card(v, rule, village, today, first=i == 0 or not first_on_page))
    html = "".join(cards) or '<p style="font-size:14pt;">（没有志愿者）</p>'
    title = f"{village}巾帼志愿服务积分证"

    def footer(page: int, pages: int) -> str:
        return ""

    return Board(html=html, footer=footer, base_pt=CARD_PT, title=title, pledges=len(rows))
