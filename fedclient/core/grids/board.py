"""The grid board (网格公示牌): each grid with its area, leader, volunteers and a service phone.

Posted on the public notice board, so: nothing about households, no member's phone unless she agreed to it
(Member.public_phone). A grid whose leader did not agree shows the federation's phone from the village profile
(the chair's phone, already public as the 监督电话 of every board), marked 村妇联.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

from sqlalchemy.orm import Session

from ..village import get_profile
from .assignments import list_grids


@dataclass
class BoardRow:
    label: str
    area: str
    leader: str
    volunteers: str
    phone: str


@dataclass
class GridBoard:
    village: str
    chair_phone: str
    posted: date
    rows: list[BoardRow]


def board_data(session: Session, posted: date) -> GridBoard:
    profile = get_profile(session)
    chair_phone = profile.chair_phone if profile else ""
    rows = []
    for grid in list_grids(session):
        if grid.leader_public_phone and grid.leader_phone:
            phone = grid.leader_phone
        else:
            phone = f"{chair_phone}（村妇联）" if chair_phone else ""
        rows.append(
            BoardRow(
                label=grid.label,
                area=grid.area,
                leader=grid.leader_name or "（待定）",
                volunteers="、".join(grid.volunteer_names) or "（待定）",
                phone=phone,
            )
        )
    return GridBoard(
        village=profile.village if profile else "",
        chair_phone=chair_phone,
        posted=posted,
        rows=rows,
    )


def board_html(board: GridBoard) -> str:
    cell = "vertical-align:middle;"
    head = "".join(
        f'<th style="{cell} background:#f2dcdb; font-size:15pt;" width="{w}">{t}</th>'
        for t, w in (
            ("网格", "20%"),
            ("服务范围", "22%"),
            ("网格长", "11%"),
            ("巾帼志愿者", "19%"),
            ("服务电话", "28%"),
        )
    )
    body = (
        "".join(
            "<tr>"
            + "".join(
                f'<td style="{cell} font-size:15pt;">{escape(value)}</td>'
                for value in (row.label, row.area, row.leader, row.volunteers, row.phone)
            )
            + "</tr>"
            for row in board.rows
        )
        or f'<tr><td colspan="5" style="{cell} font-size:14pt;">尚未划分网格</td></tr>'
    )
    footer = []
    if board.chair_phone:
        footer.append(f"监督电话：{escape(board.chair_phone)}")
    footer.append(f"公示日期：{board.posted.year}年{board.posted.month:02d}月{board.posted.day:02d}日")
    footer.append("欢迎群众监督")
    return (
        "<html><body>"
        f'<p align="center" style="font-size:28pt; font-weight:bold; margin-bottom:4pt;">'
        f"{escape(board.village)}妇联“1+2+N”网格服务公示</p>"
        '<p align="center" style="font-size:13pt; margin-top:0; margin-bottom:10pt;">'
        "1名议事会成员任网格长 · 2名巾帼志愿者协助 · N户妇女群众共同参与</p>"
        '<table width="100%" border="1" cellspacing="0" cellpadding="6" style="border-color:#333333;">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        '<p style="font-size:12pt; margin-top:10pt;">服务内容：政策宣传、文化惠民、应急管理、就业帮扶、矛盾调解</p>'
        f'<p align="right" style="font-size:13pt; margin-top:6pt;">{"&nbsp;&nbsp;&nbsp;&nbsp;".join(footer)}</p>'
        "</body></html>"
    )


def grid_board_html(session: Session, posted: date) -> str:
    return board_html(board_data(session, posted))
