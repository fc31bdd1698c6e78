"""The township's list of its villages and the day of the month reports are due (报送情况 compares against
them): kept in the settings table; the list can be typed or read from a workbook (the column headed
村/村名/单位, or the first column)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from ..models import Setting
from ..synonyms import match_score
from ..tabular import read_sheets
from .reporting import clean_names

VILLAGES_KEY = "township_villages"
DEADLINE_KEY = "report_deadline_day"
_VILLAGE_HEADER = {"村": ("村名", "村(社区)", "村社区", "社区", "单位", "单位名称", "村名称", "村居", "村别")}


def get_villages(session: Session) -> list[str]:
    row = session.get(Setting, VILLAGES_KEY)
    try:
        names = json.loads(row.value) if row else []
    except ValueError:
        return []
    return [str(n) for n in names] if isinstance(names, list) else []


def save_villages(session: Session, names: list[str]) -> list[str]:
    names = clean_names(names)
    row = session.get(Setting, VILLAGES_KEY) or Setting(key=VILLAGES_KEY)
    row.value = json.dumps(names, ensure_ascii=False)
    session.add(row)
    return names


def get_deadline_day(session: Session) -> int | None:
    row = session.get(Setting, DEADLINE_KEY)
    return int(row.value) if row and row.value.isdigit() else None


def save_deadline_day(session: Session, day: int | None) -> None:
    row = session.get(Setting, DEADLINE_KEY) or Setting(key=DEADLINE_KEY)
    row.value = "" if day is None else str(max(1, min(31, int(day))))
    session.add(row)


def read_village_list(path: Path | str) -> list[str]:
    """The villages of a workbook (or CSV/text file): the column headed 村/村名/单位 on the first sheet that
    has one, else the first non-empty column."""
    sheets = read_sheets(path)
    for sheet in sheets:
        for r, row in enumerate(sheet.rows[:20]):
            for c, cell in enumerate(row):
                if match_score(cell, ("村", *_VILLAGE_HEADER["村"])) == 2:  # the header itself, not a title
                    return clean_names([line[c] for line in sheet.rows[r + 1 :] if c < len(line)])
    for sheet in sheets:
        for c in range(max((len(row) for row in sheet.rows), default=0)):
            names = clean_names([row[c] for row in sheet.rows if c < len(row)])
            if names:
                return names
    return []
