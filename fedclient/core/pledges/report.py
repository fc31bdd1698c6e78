"""The numbers the monthly report and 首页 use: the same rules as the tab (see ``status``)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Pledge, PledgeProgress
from ..months import month_end
from .query import PledgeFilters, list_pledges, number
from .status import STATUSES, sql_status


def status_counts(session: Session, year: int, as_of: date) -> dict[str, int]:
    """未开始 / 进行中 / 已完成 / 逾期未完成 → number of the year's pledges, as of ``as_of``."""
    status = sql_status(as_of).label("status")
    rows = session.execute(select(status, func.count()).where(Pledge.year == year).group_by(status)).all()
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({s: n for s, n in rows})
    return counts


def month_indicators(session: Session, year: int, month: int) -> dict:
    end = month_end(year, month)
    counts = status_counts(session, year, end)
    total = sum(counts.values())
    done = counts["已完成"]
    entries = session.scalar(
        select(func.count(PledgeProgress.id)).where(
            PledgeProgress.date >= date(year, month, 1), PledgeProgress.date <= end
        )
    )
    return {
        "本年承诺数": total,
        "本年已完成承诺数": done,
        "承诺完成率(%)": round(done / total * 100, 1) if total else 0,
        "逾期未完成承诺数": counts["逾期未完成"],
        "本月践诺记录数": entries or 0,
    }


def _month_entries(session: Session, year: int, month: int) -> dict[int, list[str]]:
    """pledge id → "MM-DD what was done（amount unit）" for the entries dated in the month, in date order."""
    start, end = date(year, month, 1), month_end(year, month)
    rows = session.execute(
        select(PledgeProgress, Pledge.unit, Pledge.standard_kind)
        .join(Pledge, Pledge.id == PledgeProgress.pledge_id)
        .where(PledgeProgress.date >= start, PledgeProgress.date <= end)
        .order_by(PledgeProgress.date, PledgeProgress.id)
    ).all()
    out: dict[int, list[str]] = defaultdict(list)
    for entry, unit, kind in rows:
        text = f"{entry.date:%m-%d} {entry.description.strip() or '践诺'}"
        if kind != "milestone" and entry.amount:
            text += f"（{number(entry.amount)}{unit}）"
        out[entry.pledge_id].append(text)
    return out


def ledger_rows(session: Session, year: int, month: int) -> list[dict]:
    """The 承诺践诺 sheet: every pledge of the year, status as of the month end."""
    end = month_end(year, month)
    pledges = list_pledges(session, PledgeFilters(year=year, as_of=end))
    month = _month_entries(session, year, month)
    rows = []
    for i, p in enumerate(pledges, 1):
        rows.append(
            {
                "序号": i,
                "姓名": p.member_name,
                "职务": p.role,
                "承诺内容": p.content,
                "类别": p.category,
                "完成标准": p.standard,
                "目标数": p.target if p.standard_kind != "milestone" else None,
                "单位": p.unit if p.standard_kind != "milestone" else "",
                "完成时限": p.deadline,
                "累计完成": p.done,
                "完成进度(%)": p.percent,
                "状态": p.status,
                "本月践诺情况": "；".join(month.get(p.id, [])),
            }
        )
    return rows
