"""导出此人信息: her own record, every record that refers to her, and her history, one sheet each."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..history.labels import field_name, kind_name, shown
from ..history.query import record_history
from ..history.references import ReferenceNames
from ..history.tables import NOT_COMPARED, all_tables, table_info
from . import PERSON_KINDS


def person_sheets(session: Session, kind: str, person_id: int) -> list[tuple[str, list[str], list[list]]]:
    """(sheet title, headers, rows): her record; the records pointing at her (her pledges, the grids she
    leads, the case she is a party to); her history."""
    if kind not in PERSON_KINDS:
        raise ValueError(kind)
    info = table_info(kind)
    own = _rows(session, info, info.table.c.id == person_id)
    if not own:
        raise LookupError("找不到此人，可能已被删除")
    sheets = [_sheet(session, f"{PERSON_KINDS[kind]}信息", info, own)]
    if kind == "case_parties":  # the dispute she is a party to (not the other parties' details)
        case = table_info("mediation_cases")
        case_rows = _rows(session, case, case.table.c.id == own[0]["case_id"])
        sheets.append(_sheet(session, "调解案件", case, case_rows))
    if own[0].get("household_id"):  # the household she is linked to (一户一档)
        home = table_info("households")
        home_rows = _rows(session, home, home.table.c.id == own[0]["household_id"])
        sheets.append(_sheet(session, "所在户", home, home_rows))
    for other in all_tables():
        for column, target in other.foreign.items():
            if target == kind:
                rows = _rows(session, other, other.table.c[column] == person_id)
                if rows:
                    sheets.append(_sheet(session, kind_name(other.name), other, rows))
    history = record_history(session, kind, person_id)
    sheets.append(
        (
            "修改记录",
            ["时间", "操作", "记录", "修改内容", "来源"],
            [[h.when, h.action, f"{h.kind} {h.label}", h.changes, h.source] for h in history],
        )
    )
    return sheets


def find_party(session: Session, case_id: int, name: str) -> int | None:
    """The saved party of this case with this name (the case dialog's selected row)."""
    from ..models import CaseParty

    if not name:
        return None
    query = select(CaseParty.id).where(CaseParty.case_id == case_id, CaseParty.name == name)
    return session.scalar(query.order_by(CaseParty.id))


def export_person(session: Session, kind: str, person_id: int, out: Path | str) -> Path:
    from openpyxl import Workbook  # loaded when a file is written, not when the window starts

    from ..excel import save_workbook, write_table

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for title, headers, rows in person_sheets(session, kind, person_id):
        name = title[:28]
        while name in used:
            name += "'"
        used.add(name)
        write_table(wb.create_sheet(name), headers, rows, text_columns=("身份证号", "电话"))
    return save_workbook(wb, out)


def _rows(session: Session, info, where) -> list[dict]:
    columns = [c for c in info.table.columns if c.name not in NOT_COMPARED]
    return [dict(r._mapping) for r in session.execute(select(*columns).where(where))]


def _sheet(session: Session, title: str, info, rows: list[dict]) -> tuple[str, list[str], list[list]]:
    """The records as the chair reads them: the records they point at by name (one query per kind)."""
    columns = list(rows[0]) if rows else []
    headers = [field_name(info.name, c) if c != "id" else "编号" for c in columns]
    names = ReferenceNames.for_records(session, info.name, rows)
    body = [[_value(names, info, c, row[c]) for c in columns] for row in rows]
    return title, headers, body


def _value(names: ReferenceNames, info, column: str, value):
    if isinstance(value, str) or (value is not None and column in info.foreign):
        return names.value(info.name, column, value)
    if isinstance(value, list | dict):
        return shown(value) if isinstance(value, list) else json.dumps(value, ensure_ascii=False)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return shown(value) if isinstance(value, bool) else value
