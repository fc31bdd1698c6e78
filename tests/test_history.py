"""The history of changes (修改记录): what an auditor reads in the CSV, and what the chair sees per record."""

from __future__ import annotations

import csv
import sqlite3
from datetime import date

import pytest
from sqlalchemy import select

from fedclient.cli import main
from fedclient.core.history.query import HistoryFilter, history_ids, record_history, rows_by_ids
from fedclient.core.history.source import set_source
from fedclient.core.members.service import MemberData, save_member
from fedclient.core.models import CaseParty, ChangeLog, MediationCase, Member

ID = "430724199003021246"


def read_csv(path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel opens it with the right characters
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_import_then_reimport_with_a_changed_phone_is_in_the_history_csv(tmp_path, capsys):
    db_path, roster = tmp_path / "村.sqlite", tmp_path / "花名册.csv"
    roster.write_text(f"姓名,性别,身份证号,联系电话\n张秀兰,女,{ID},13800138000\n", encoding="utf-8")
    assert main(["import-roster", str(roster), "--db", str(db_path)]) == 0
    roster.write_text(f"姓名,性别,身份证号,联系电话\n张秀兰,女,{ID},13900139999\n", encoding="utf-8")
    assert main(["import-roster", str(roster), "--db", str(db_path)]) == 0

    out = tmp_path / "修改记录.csv"
    assert main(["history", "--db", str(db_path), "--out", str(out)]) == 0
    rows = read_csv(out)
    assert [(r["操作"], r["种类"], r["记录"], r["来源"]) for r in rows] == [
        ("新增", "成员", "张秀兰", "导入 花名册.csv"),
        ("修改", "成员", "张秀兰", "导入 花名册.csv"),
    ]
    assert "电话：138****8000" in rows[0]["修改内容"]
    assert "身份证号：4307**********1246" in rows[0]["修改内容"]
    assert rows[1]["修改内容"] == "电话：138****8000 → 139****9999"
    text = out.read_text(encoding="utf-8-sig")
    assert ID not in text and "13800138000" not in text and "13900139999" not in text

    member_id = rows[0]["编号"]
    one = tmp_path / "one.csv"
    assert main(["history", "--db", str(db_path), "--record", f"member:{member_id}", "--out", str(one)]) == 0
    assert len(read_csv(one)) == 2
    assert main(["history", "--db", str(db_path), "--since", "2999-01-01", "--out", str(one)]) == 0
    assert read_csv(one) == []
    with pytest.raises(SystemExit) as exited:
        main(["history", "--db", str(db_path), "--record", "nothing", "--out", str(one)])
    assert exited.value.code == 2
    assert "格式不对" in capsys.readouterr().err


def test_a_case_saved_again_with_the_same_parties_records_only_what_changed(demo_db):
    with demo_db.session() as s:
        case = s.scalars(select(MediationCase).order_by(MediationCase.id)).first()
        case_id, before = case.id, history_ids(s, HistoryFilter())
    with demo_db.session() as s:
        set_source(s, "window")
        parties = s.scalars(select(CaseParty).where(CaseParty.case_id == case_id)).all()
        columns = [c.name for c in CaseParty.__table__.columns if c.name != "id"]
        kept = [{c: getattr(p, c) for c in columns} for p in parties]
        for p in parties:
            s.delete(p)
        s.flush()
        for values in kept:  # the service saves parties by replacing them
            s.add(CaseParty(**values))
        s.get(MediationCase, case_id).risk_level = "红"
    with demo_db.session() as s:
        new = [r for r in record_history(s, "mediation_cases", case_id) if r.id not in before]
    assert [(r.action, r.kind, r.source) for r in new] == [("修改", "调解案件", "窗口")]
    assert "风险等级：" in new[0].changes and new[0].changes.endswith("→ 红")


def test_deleting_a_case_records_its_parties_masked_and_the_history_cannot_be_edited(demo_db):
    with demo_db.session() as s:
        case = s.scalars(select(MediationCase).order_by(MediationCase.id)).first()
        case_id = case.id
        names = s.scalars(select(CaseParty.name).where(CaseParty.case_id == case_id)).all()
        s.delete(case)
    with demo_db.session() as s:
        rows = record_history(s, "mediation_cases", case_id)
        deleted = [r for r in rows if r.action == "删除"]
        assert {"调解案件", "当事人", "调解员"} <= {r.kind for r in deleted}
        text = " ".join(r.label + r.changes for r in rows_by_ids(s, history_ids(s, HistoryFilter())))
        assert names and not any(name in text for name in names)
        assert "某某" in text
    conn = sqlite3.connect(demo_db.path)
    with pytest.raises(sqlite3.IntegrityError, match="修改记录不能更改"):
        conn.execute("UPDATE change_log SET label = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="修改记录不能更改"):
        conn.execute("DELETE FROM change_log")
    conn.close()


def test_bulk_statements_are_recorded(demo_db):
    from sqlalchemy import update

    with demo_db.session() as s:
        ids = s.scalars(select(Member.id).order_by(Member.id).limit(2)).all()
        s.execute(update(Member).where(Member.id.in_(ids)).values(specialty="剪纸"))
    with demo_db.session() as s:
        rows = s.scalars(select(ChangeLog).where(ChangeLog.action == "update")).all()
    assert sorted(int(r.record_id) for r in rows) == sorted(ids)
    assert all("剪纸" in r.changes for r in rows)


def test_restore_is_recorded_in_the_restored_file_beside_its_own_history(tmp_path, demo_template):
    from tests.conftest import copy_sqlite

    db_path, backup = tmp_path / "village.sqlite", tmp_path / "周一的备份.sqlite"
    copy_sqlite(demo_template, backup)
    assert main(["restore", "--db", str(db_path), "--from", str(backup)]) == 0
    out = tmp_path / "h.csv"
    assert main(["history", "--db", str(db_path), "--out", str(out)]) == 0
    rows = read_csv(out)
    assert rows[-1]["操作"] == "从备份恢复" and rows[-1]["来源"] == "恢复备份 周一的备份.sqlite"
    assert {r["来源"] for r in rows[:-1]} == {"演示数据"}  # the backup's own history came with it


def test_codes_are_shown_as_the_chair_knows_them_in_the_history(db):
    with db.session() as s:
        member_id = save_member(s, MemberData(name="张秀兰", role="executive_member"))
        s.commit()
    with db.session() as s:
        data = MemberData(
            id=member_id, name="张秀兰", role="volunteer", status="left", left_date=date(2026, 3, 1)
        )
        save_member(s, data)
        s.commit()
    with db.session() as s:
        changed, created = record_history(s, "members", member_id)
    assert "职务：执委" in created.changes and "状态：在任" in created.changes
    assert "职务：执委 → 巾帼志愿者" in changed.changes and "状态：在任 → 离任" in changed.changes
    for row in (created, changed):
        assert not any(code in row.changes for code in ("executive_member", "volunteer", "active", "left"))
