"""The month's duty calendar, printed for the wall of the mediation station (A4 landscape).

It is posted, so it shows only names and the station's public number (the chair's 监督电话 from the village
profile), never a member's own phone.
"""

from __future__ import annotations

import calendar
from datetime import date

from sqlalchemy.orm import Session

from ..printed import e
from ..village import get_profile
from ..vocab import DUTY_ROSTERS
from .service import month_shifts

HOTLINE_NOTE = "12338 妇女维权公益服务热线"
MIN_LINES = 2  # every day's box has room for two names, so the weeks are evenly tall
STYLE = """
<style>
  h1 { font-size: 22pt; font-weight: bold; text-align: center; margin: 0 0 2pt 0; }
  p.sub { text-align: center; font-size: 12pt; margin: 0 0 6pt 0; }
  table.cal { border-collapse: collapse; }
  table.cal th { border: 1px solid #000; background: #f2f2f2; font-size: 14pt; padding: 3pt; }
  table.cal td { border: 1px solid #000; vertical-align: top; padding: 4pt; }
  span.d { font-size: 15pt; font-weight: bold; }
  span.off { color: #999; }
  p.n { font-size: 14pt; margin: 2pt 0; }
  p.foot { font-size: 12pt; margin-top: 6pt; }
</style>
"""


def duty_calendar_html(session: Session, roster: str, year: int, month: int) -> tuple[str, str]:
    """(title, html) of one roster's month calendar."""
    profile = get_profile(session)
    village = f"{profile.village}" if profile else ""
    name = DUTY_ROSTERS[roster]
    shifts = month_shifts(session, roster, year, month)
    weeks = []
    for week in calendar.Calendar().monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append("<td width='14%'></td>")
                continue
            names = "".join(
                f"<p class='n'>{e(s.member_name)}{'' if s.part == '全天' else '（' + s.part + '）'}</p>"
                for s in shifts.get(day, [])
            )
            lines = len(shifts.get(day, []))
            names += "<p class='n'>&nbsp;</p>" * max(0, MIN_LINES - lines)  # room to write a change by hand
            number = f"<span class='d'>{day.day}</span>" if lines else f"<span class='d off'>{day.day}</span>"
            cells.append(f"<td width='14%'>{number}{names}</td>")
        weeks.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>星期{d}</th>" for d in "一二三四五六日")
    contact = f"联系电话：{e(profile.chair_phone)}" if profile and profile.chair_phone else ""
    note = HOTLINE_NOTE if roster == "hotline" else f"{e(village)}妇联婚姻家庭纠纷调解站"
    body = (
        f"<html><head>{STYLE}</head><body><h1>{e(village)}妇联{name}表</h1>"
        f"<p class='sub'>{year}年{month}月　{note}</p>"
        f"<table class='cal' width='100%' cellspacing='0' cellpadding='3'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(weeks)}</tbody></table>"
        f"<p class='foot'>{contact}　值班人员因故不能到岗的，请提前与主席联系调换。</p></body></html>"
    )
    return f"{village}{name}表{year}年{month}月", body


def month_label(day: date) -> str:
    return f"{day.year}年{day.month}月"
