"""修改记录 names the records a change points at — a duty shift's member, a progress entry's pledge, a case's
mediators — in the window, its CSV and a person's export, not their numbers; a member deleted since says so."""

from __future__ import annotations

import csv
import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import select

from fedclient.core import duty
from fedclient.core import mediation as med
from fedclient.core.grids.households import HouseholdData, delete_households, save_household
from fedclient.core.history.query import HistoryFilter, history_ids, rows_by_ids
from fedclient.core.mediation import CaseDraft, PartyDraft
from fedclient.core.members.service import MemberData, remove_member, save_member
from fedclient.core.migrate import open_database
from fedclient.core.models import ChangeLog
from fedclient.core.pipl.export import person_sheets
from fedclient.core.pledges import service as pledges
from fedclient.ui.history.history_window import HistoryWindow
from fedclient.ui.history.record_dialog import RecordHistoryDialog
from tests.user import click, type_into

TODAY = date(2026, 7, 15)
DATA = Path(__file__).parent / "data"
# What the chair must never read in place of a name: "成员#5", "成员：5", "调解案件：12".
NUMBERED = re.compile(r"#\d|(成员|承诺|调解案件|回访人|负责人|网格|户|网格服务)：\d+(；| →|$)")


@pytest.fixture
def village(db):
    people = {
        name: db.run(save_member, MemberData(name=name, role=role, phone="13800138000"), TODAY)
        for name, role in (("张秀兰", "chair"), ("李红", "executive_member"), ("王芳", "executive_member"))
    }
    db.run(
        duty.set_day, "mediation", date(2026, 7, 20), [("上午", people["张秀兰"]), ("下午", people["李红"])]
    )
    db.run(duty.set_day, "hotline", date(2026, 7, 21), [("全天", people["王芳"])])
    pledge = db.run(
        pledges.save_pledge,
        pledges.PledgeInput(people["李红"], 2026, "走访留守儿童12次", "其他", target=12, unit="次"),
    )
    db.run(pledges.add_entry, pledge, date(2026, 7, 1), 3, "走访3组留守儿童")
    home = db.run(save_household, HouseholdData(contact_name="欧阳春燕", address="3组5号")).id
    parties = [
        PartyDraft("applicant", "欧阳春燕", "女", 34, "13912345678", "3组", "前夫妻", household_id=home)
    ]
    case = db.run(
        med.save_case,
        CaseDraft(
            received_date=date(2026, 7, 2),
            description="离婚后抚养费纠纷",
            parties=parties,
            mediator_ids=[people["张秀兰"]],
        ),
        TODAY,
    )
    record = db.run(med.get_case, case)
    record.draft.mediator_ids = [people["李红"]]  # the case handed over to 李红
    db.run(med.save_case, record.draft, TODAY)
    assert db.run(remove_member, people["王芳"], TODAY).deleted  # only her duty shift: she goes with it
    return people, pledge, case


def _shown(model) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_history_window_and_its_csv_name_members_pledges_and_cases(qtbot, db, ops, village, tmp_path):
    window = HistoryWindow(ops)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 10)
    everything = _shown(window.model)
    assert not [row for row in everything if NUMBERED.search(row[2] + row[3])]

    type_into(qtbot, window.text, "李红")  # her duty shift is found by her name, though it holds her number
    qtbot.waitUntil(lambda: 0 < window.model.rowCount() < len(everything), timeout=5000)
    rows = _shown(window.model)
    shift = next(row for row in rows if row[2] == "值班 李红")
    assert shift[1] == "新增" and "值班类别：调解值班" in shift[3] and shift[3].endswith("成员：李红")
    assert any(row[2] == "调解员 案件 2026-001 · 李红" and row[1] == "新增" for row in rows)
    assert any(row[2].startswith("承诺 2026年 走访留守儿童") and "成员：李红" in row[3] for row in rows)

    type_into(qtbot, window.text, "王芳")
    qtbot.waitUntil(
        lambda: window.model.rowCount() == 4 and "王芳" in window.model.index(0, 2).data(), timeout=5000
    )
    rows = _shown(window.model)
    assert [(r[1], r[2]) for r in rows] == [  # added, on duty, deleted with her shift
        ("删除", "值班 王芳"),
        ("删除", "成员 王芳"),
        ("新增", "值班 王芳"),
        ("新增", "成员 王芳"),
    ]
    assert rows[2][3].endswith("成员：王芳（已删除）")
    assert "电话：138****8000" in rows[3][3]  # phones stay masked

    out = tmp_path / "修改记录.csv"
    done = []
    type_into(qtbot, window.text, "")
    qtbot.waitUntil(lambda: window.model.rowCount() == len(everything), timeout=5000)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
        m.setattr(QMessageBox, "information", lambda *a, **k: done.append(a[2]))
        click(qtbot, window, "导出CSV…")
        qtbot.waitUntil(lambda: bool(done), timeout=10000)
    with open(out, encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.DictReader(handle))
    assert len(exported) == len(everything)
    by_record = {(r["操作"], r["种类"], r["记录"]): r["修改内容"] for r in exported}
    assert by_record[("新增", "值班", "张秀兰")].endswith("班次：上午；成员：张秀兰")
    assert by_record[("新增", "践诺记录", "2026-07-01 走访3组留守儿童")].startswith(
        "承诺：2026年 走访留守儿童12次"
    )
    party = by_record[("新增", "当事人", "欧阳某某")]
    assert party.startswith("调解案件：案件 2026-001") and party.endswith("户：欧阳某某")  # she heads it
    assert (
        by_record[("删除", "调解员", "案件 2026-001 · 张秀兰")]
        == "调解案件：案件 2026-001 → （空）；成员：张秀兰 → （空）"
    )
    assert by_record[("新增", "值班", "王芳")].endswith("成员：王芳（已删除）")
    assert not [r for r in exported if NUMBERED.search(r["记录"] + r["修改内容"])]
    parties = [r for r in exported if r["种类"] == "当事人"]
    assert parties and not [r for r in parties if "欧阳春燕" in r["记录"] + r["修改内容"]]
    text = out.read_text(encoding="utf-8-sig")
    assert "13800138000" not in text and "13912345678" not in text


def test_a_cases_history_dialog_names_its_mediators(qtbot, db, ops, village):
    _people, _pledge, case = village
    dialog = RecordHistoryDialog(ops, "mediation_cases", case, "调解案件 2026-001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 4)
    records = [(row[1], row[2]) for row in _shown(dialog.model)]
    assert ("删除", "调解员 案件 2026-001 · 张秀兰") in records
    assert ("新增", "调解员 案件 2026-001 · 李红") in records
    assert ("新增", "当事人 欧阳某某") in records


def test_a_members_personal_export_names_what_refers_to_her(db, village):
    people, _pledge, _case = village
    sheets = {
        title: (headers, rows) for title, headers, rows in db.run(person_sheets, "members", people["李红"])
    }
    headers, rows = sheets["值班"]
    assert [row[headers.index("成员")] for row in rows] == ["李红"]
    headers, rows = sheets["承诺"]
    assert rows[0][headers.index("成员")] == "李红"
    headers, rows = sheets["修改记录"]
    assert ["值班 李红", "值班类别：调解值班；值班日期：2026-07-20；班次：下午；成员：李红"] in [
        r[2:4] for r in rows
    ]
    assert not [row for row in rows if NUMBERED.search(row[2] + row[3])]


def test_history_recorded_before_names_were_kept_is_named_when_read(tmp_path):
    """A data file of the previous version: its history holds the numbers only; they are named as the records
    are now, and a record deleted since says so."""
    path = tmp_path / "旧.sqlite"
    path.write_bytes((DATA / "schema_0007.sqlite").read_bytes())
    conn = sqlite3.connect(path)
    members = dict(conn.execute("SELECT id, name FROM members"))
    old = conn.execute(
        "SELECT id, record_id, label FROM change_log WHERE record_kind = 'duty_shifts' AND action = 'create'"
    ).fetchall()
    conn.close()
    assert old and all(re.fullmatch(r"成员#\d+", label) for _, _, label in old)
    db = open_database(path)
    try:
        with db.session() as s:
            rows = {r.id: r for r in rows_by_ids(s, history_ids(s, HistoryFilter(kind="duty_shifts")))}
        for log_id, _record, label in old:
            name = members[int(label[3:])]
            assert rows[log_id].label == name and rows[log_id].changes.endswith(f"成员：{name}")

        # A household visited by a service, deleted now: the old rows that name it by number say so.
        conn = sqlite3.connect(path)
        visited = conn.execute("SELECT MIN(household_id) FROM grid_service_households").fetchone()[0]
        conn.close()
        assert db.run(delete_households, [visited]) == 1
        with db.session() as s:
            rows = rows_by_ids(s, history_ids(s, HistoryFilter()))
        gone = f"已删除的户（#{visited}）"
        named = [r for r in rows if r.label.endswith(f" · {gone}")]
        assert named and all(r.action == "新增" and r.changes.endswith(f"户：{gone}") for r in named)
        assert not [r for r in rows if NUMBERED.search((r.label + r.changes).replace(gone, ""))]
    finally:
        db.dispose()


def test_households_imported_into_a_grid_keep_its_name_as_saving_them_one_by_one_does(
    tmp_path, empty_template
):
    """The bulk insert of an import (history.bulk) keeps the grid's name beside its number, as the session
    events do for a household saved in its dialog."""
    from fedclient.core.grids.assignments import GridData, save_grid
    from fedclient.core.grids.households import add_households
    from fedclient.core.history.source import set_source
    from tests.conftest import copy_sqlite

    logs = {}
    for way in ("bulk", "generic"):
        copy_sqlite(empty_template, tmp_path / f"{way}.sqlite")
        db = open_database(tmp_path / f"{way}.sqlite")
        grid = db.run(save_grid, GridData(number=3, name="一组片")).id

        def add(session, way=way, grid=grid):
            set_source(session, "import", "住户.xlsx")
            homes = [HouseholdData(contact_name=n, address=a, grid_id=g) for n, a, g in (
                ("王秀英", "3组12号", grid), ("刘桂兰", "3组2号", None))]  # fmt: skip
            if way == "bulk":
                add_households(session, homes)
            else:
                for home in homes:
                    save_household(session, home)

        db.run(add)
        with db.session() as s:
            logs[way] = [
                (r.label, r.changes)
                for r in rows_by_ids(s, history_ids(s, HistoryFilter(kind="households")))
                if r.kind == "户"
            ]
            raw = s.scalars(select(ChangeLog.changes).where(ChangeLog.record_kind == "households")).all()
        db.dispose()
        assert '"@grid_id": [null, "3号网格 一组片"]' in "".join(raw)
    assert logs["bulk"] == logs["generic"]
    assert logs["bulk"][1] == ("王秀英", "户主：王秀英；地址：3组12号；人口：1；网格：3号网格 一组片")
