"""报送情况 (township side): which villages of the township's list reported a month, on time or late (after the
deadline day she sets, by the workbook's 生成时间), which are missing, which sent a workbook of another month;
and the year view, villages × months (✓ / 迟 / ✗).

The list of villages and the deadline day she keeps are in ``village_list``; nothing here touches the
database or reads a file (the ``consolidate`` command imports this without either).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..synonyms import normalise, plain_text
from .layout import period

ON_TIME, LATE, MISSING = "按时报送", "迟报", "未报送"
MARKS = {ON_TIME: "✓", LATE: "迟", MISSING: "✗"}
STATUS_HEADERS = ("村", "报送情况", "生成时间", "文件", "说明")
_NOT_NAMES = ("合计", "总计", "小计", "序号", "说明", "备注", "注")


# --- village names ----------------------------------------------------------------------------------------
def clean_names(names: list[Any]) -> list[str]:
    """Names as typed or read: trimmed, blanks, totals and repeats dropped, order kept."""
    seen, result = set(), []
    for name in names:
        text = plain_text(name).replace("\u3000", " ").strip()
        if not text or normalise(text).startswith(_NOT_NAMES) or text.replace(".", "").isdigit():
            continue
        if key(text) not in seen:
            seen.add(key(text))
            result.append(text)
    return result


def key(village: str) -> str:
    """Village names compare without spaces, brackets and a trailing 妇联 (东岭村妇联 = 东岭村)."""
    text = normalise(village)
    return text[: -len("妇联")] if text.endswith("妇联") else text


# --- statuses -----------------------------------------------------------------------------------------------
def deadline(year: int, month: int, day: int) -> datetime:
    """Reports of a month are due by the end of ``day`` of the following month (the last day if shorter)."""
    y, m = (year + 1, 1) if month == 12 else (year, month + 1)
    return datetime(y, m, min(day, monthrange(y, m)[1]), 23, 59, 59)


def is_late(generated: str, year: int, month: int, day: int | None) -> bool:
    if day is None:
        return False
    try:
        made = datetime.fromisoformat(generated.strip())
    except ValueError:
        return False
    return made.replace(tzinfo=None) > deadline(year, month, day)


@dataclass
class ExtraSheet:
    """A sheet after 问题 (报送情况), built here or in ``township``, written by the consolidation's writer."""

    name: str
    headers: list[str]
    rows: list[list[Any]]
    title: str = ""


@dataclass
class Submission:
    """A village workbook that was read: its village, month, 生成时间 and file (whether combined or not)."""

    village: str
    period: str
    generated: str
    file: str


@dataclass
class VillageStatus:
    village: str
    status: str
    generated: str = ""
    file: str = ""
    note: str = ""

    @property
    def row(self) -> list[str]:
        return [self.village, self.status, self.generated.replace("T", " "), self.file, self.note]


def month_status(
    villages: list[str],
    submitted: list[Submission],
    wrong: list[Submission],
    year: int,
    month: int,
    day: int | None,
) -> list[VillageStatus]:
    """One row per village of the list (then any village not on it): reported on time, late or missing, with
    the workbooks of another month that were refused."""
    wanted = period(year, month)
    got: dict[str, Submission] = {}
    for s in sorted(submitted, key=lambda s: s.generated, reverse=True):
        if s.period == wanted:
            got[key(s.village)] = s  # the first one sent decides whether it was on time
    refused: dict[str, list[Submission]] = {}
    for s in wrong:
        refused.setdefault(key(s.village), []).append(s)
    names = _names(villages, [s.village for s in submitted])
    result = []
    for name in names:
        s = got.get(key(name))
        notes = [f"送来的是 {w.period} 的月报（{w.file}），未计入" for w in refused.get(key(name), [])]
        if villages and key(name) not in {key(v) for v in villages}:
            notes.insert(0, "不在本乡镇的村名单中")
        if s is None:
            result.append(VillageStatus(name, MISSING, note="；".join(notes)))
            continue
        late = is_late(s.generated, year, month, day)
        if late:
            due = deadline(year, month, day or 1)
            notes.insert(0, f"晚于报送期限 {due:%Y-%m-%d}")
        result.append(VillageStatus(name, LATE if late else ON_TIME, s.generated, s.file, "；".join(notes)))
    return result


def _names(villages: list[str], others: list[str]) -> list[str]:
    """The list's villages, then the others that sent a workbook, each once."""
    names, seen = [], set()
    for name in [*villages, *others]:
        if key(name) not in seen:
            seen.add(key(name))
            names.append(name)
    return names


def counts(statuses: list[VillageStatus], wrong: list[Submission]) -> str:
    n = {label: sum(1 for s in statuses if s.status == label) for label in (ON_TIME, LATE, MISSING)}
    return (
        f"按时报送 {n[ON_TIME]} 个，迟报 {n[LATE]} 个，未报送 {n[MISSING]} 个，报送月份有误 {len(wrong)} 份"
    )


def year_grid(
    villages: list[str], statuses: dict[tuple[int, int], list[VillageStatus]]
) -> tuple[list[str], list[list[str]]]:
    """Villages × months: ✓ on time, 迟 late, ✗ missing."""
    months = sorted(statuses)
    headers = ["村", *(f"{m}月" if len({y for y, _ in months}) == 1 else f"{y}年{m}月" for y, m in months)]
    names = _names(villages, [s.village for rows in statuses.values() for s in rows])
    by_month = {ym: {key(s.village): s.status for s in rows} for ym, rows in statuses.items()}
    body = [[name, *(MARKS[by_month[ym].get(key(name), MISSING)] for ym in months)] for name in names]
    return headers, body
