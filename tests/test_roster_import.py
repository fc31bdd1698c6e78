"""Importing rosters from the files chairs really have: the shared sample, CSV encodings, odd layouts."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from fedclient.cli import main as cli
from fedclient.core.members.roster_export import export_roster
from fedclient.core.members.roster_import import (
    ROSTER_FIELDS,
    apply_roster_import,
    load_roster,
    plan_roster_import,
)
from fedclient.core.models import Member
from fedclient.core.progress import Cancelled
from fedclient.core.tabular import DateError, load_table, parse_date, save_problem_rows

TODAY = date(2026, 11, 25)
# A copy of ../shared/samples/执委花名册_示例.xlsx (see its README), kept here so a fresh clone tests it.
SAMPLE = Path(__file__).parent / "data" / "roster_sample.xlsx"
needs_sample = pytest.mark.skipif(
    not SAMPLE.exists(), reason=f"the shared sample file is not beside the repo: {SAMPLE}"
)
HEADER = ["序号", "姓名", "性别", "出生年月", "职务", "身份证号码", "联系电话"]


def chinese_name(i: int) -> str:
    return "王李张刘陈杨赵黄周吴"[i % 10] + "秀丽芳敏静燕艳娟霞红"[i // 10 % 10] + "英兰梅华玲"[i // 100 % 5]


def plan(db, path):
    return db.run(plan_roster_import, load_roster(path), TODAY)


def import_file(db, path):
    preview = plan(db, path)
    db.run(apply_roster_import, preview, TODAY)
    return preview


def member_count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


@needs_sample
def test_the_sample_gives_exactly_what_its_readme_says(db):
    preview = import_file(db, SAMPLE)
    by_seq = {r.values["seq"]: r for r in preview.rows}
    assert len([r for r in preview.rows if r.kind != "skipped"]) == 15  # the blank row is not listed
    assert [(r.row_number, r.problems) for r in preview.rows if r.kind == "skipped"] == [
        (20, ["合计行，不是人员"])
    ]
    assert preview.count("new") == 12 and member_count(db) == 12
    refused = sorted(int(r.values["seq"]) for r in preview.rows if r.kind == "refused")
    assert refused == [3, 6]
    assert "存成了数字" in by_seq["3"].problems[0] and "末几位已丢失" in by_seq["3"].problems[0]
    assert "校验位" in by_seq["6"].problems[0]
    assert [r.values["seq"] for r in preview.rows if r.kind == "duplicate"] == ["15"]
    assert "与第5行身份证号相同" in by_seq["15"].problems[0]
    with db.session() as s:
        people = {m.name: m for m in s.scalars(select(Member))}
        assert "黄玲" not in people and "苏东" not in people  # nothing wrong is ever stored
        assert people["唐辉"].phone == "15673970934"  # phone stored as a number
        assert people["鞠超"].phone == "17103762389"  # 171-0376-2389
        assert people["陈秀梅"].birth_date == date(1999, 8, 10)  # 1999年08月 + the ID's day
        assert people["周秀英"].birth_date == date(1990, 7, 2)  # a date cell
        assert people["邓杰"].id_number is None and people["邓杰"].birth_date == date(1991, 10, 1)
        assert (
            people["顾小红"].id_number == "43072419880613686X"
            and people["顾小红"].role == "part_time_vice_chair"
        )
        assert people["林燕"].role == "volunteer" and people["林燕"].ethnicity == "苗族"
        assert all(m.name_initials for m in people.values())


def test_the_sample_saved_as_old_excel_xls_gives_the_same_result(db):
    preview = import_file(db, SAMPLE.with_suffix(".xls"))
    assert preview.count("skipped") == 1 and preview.count("new") == 12 and member_count(db) == 12
    assert sorted(int(r.values["seq"]) for r in preview.rows if r.kind == "refused") == [3, 6]
    assert [r.values["seq"] for r in preview.rows if r.kind == "duplicate"] == ["15"]
    with db.session() as s:
        people = {m.name: m for m in s.scalars(select(Member))}
    assert people["唐辉"].phone == "15673970934" and people["周秀英"].birth_date == date(1990, 7, 2)
    assert people["顾小红"].id_number == "43072419880613686X"


@needs_sample
def test_importing_the_sample_again_adds_nobody(db):
    import_file(db, SAMPLE)
    again = import_file(db, SAMPLE)
    assert again.count("new") == 0 and again.count("same") == 12 and member_count(db) == 12


@needs_sample
def test_cli_prints_counts_rows_and_reasons(tmp_path, capsys):
    db_path = tmp_path / "cli.sqlite"
    assert cli(["import-roster", str(SAMPLE), "--db", str(db_path), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "可导入（新增）：12 人" in out and "拒绝：2 行" in out and "重复：1 行" in out
    assert "序号3 黄玲" in out and "序号6 苏东" in out and "序号15 韩秀英" in out
    assert "未写入" in out
    refused = tmp_path / "refused.xlsx"
    assert cli(["import-roster", str(SAMPLE), "--db", str(db_path), "--refused-out", str(refused)]) == 0
    assert "已导入（新增）：12 人" in capsys.readouterr().out
    ws = openpyxl.load_workbook(refused).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][-1] == "未导入原因" and len(rows) == 4
    assert "存成了数字" in rows[1][-1]


def test_cli_exit_status_for_an_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(SystemExit) as exited:
        cli(["import-roster", str(bad), "--db", str(tmp_path / "d.sqlite")])
    assert exited.value.code != 0 and "无法读取" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_gbk(db, tmp_path, encoding):
    path = tmp_path / f"roster-{encoding}.csv"
    text = "姓名,身份证号码,手机号码,出生年月,学历\r\n张秀兰,430724199003021246,138-0013-8000,1990/3/2,高中\r\n单丽,,0736 1234567,1975年3月2日,初中\r\n"
    path.write_bytes(text.encode(encoding))
    preview = import_file(db, path)
    assert preview.count("new") == 2, [r.note for r in preview.rows]
    with db.session() as s:
        people = {m.name: m for m in s.scalars(select(Member))}
    assert people["张秀兰"].phone == "13800138000" and people["张秀兰"].education == "高中"
    assert people["单丽"].birth_date == date(1975, 3, 2) and people["单丽"].phone == "0736-1234567"


def test_header_found_on_the_right_sheet_under_title_rows(db, tmp_path):
    path = tmp_path / "two-sheets.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "填表说明"
    wb.active["A1"] = "请按要求填写，身份证号设为文本格式"
    ws = wb.create_sheet("名册")
    ws["A1"] = "某某村妇联执委名册"
    ws.merge_cells("A1:G1")
    ws["A2"] = "填报单位：某某村"
    ws.append([])
    ws.append(["序 号", "姓 名\n（必填）", "性别", "出生日期", "担任职务", "公民身份号码", "联系方式"])
    ws.append([1, "王芳", "女", datetime(1980, 1, 2), "妇联主席", "430724199003021246", "13800138000"])
    ws.append([None] * 7)
    ws.append([2, "李梅", "女", "1985-06-07", "巾帼志愿者", None, "13900139000"])
    ws.append(["合 计", "2人"])
    wb.save(path)
    table = load_roster(path)
    assert table.sheet.name == "名册" and table.header_row == 3
    assert table.mapping["name"] == 1 and table.mapping["id_number"] == 5 and table.mapping["phone"] == 6
    assert table.mapping["role"] == 4 and table.mapping["birth_date"] == 3
    preview = import_file(db, path)
    assert [r.row_number for r in preview.rows if r.kind != "skipped"] == [5, 7]
    with db.session() as s:
        roles = {m.name: m.role for m in s.scalars(select(Member))}
    assert roles == {"王芳": "chair", "李梅": "volunteer"}


def test_reimport_updates_matched_people_and_shows_the_changes(db, tmp_path):
    def write(phone: str, role: str) -> Path:
        path = tmp_path / f"r{phone}.xlsx"
        wb = openpyxl.Workbook()
        wb.active.append(HEADER)
        wb.active.append([1, "张秀兰", "女", "1990.03", role, "430724199003021246", phone])
        wb.active.append([2, "无证者", "女", "1980.01", "执委", None, "13700137000"])
        wb.save(path)
        return path

    import_file(db, write("13800138000", "执委"))
    preview = import_file(db, write("13900139000", "兼职副主席"))
    assert [r.kind for r in preview.rows] == ["update", "same"]  # matched by ID, then by name and birth
    assert preview.rows[0].changes == ["联系电话：13800138000 → 13900139000", "职务：执委 → 兼职副主席"]
    assert member_count(db) == 2
    with db.session() as s:
        person = s.scalar(select(Member).where(Member.name == "张秀兰"))
        assert person.phone == "13900139000" and person.role == "part_time_vice_chair"


def test_import_is_one_transaction_cancel_leaves_nothing(db, tmp_path):
    path = tmp_path / "many.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    for i in range(60):
        wb.active.append([i + 1, chinese_name(i), "女", "1980.01", "执委", None, f"138{i:08d}"])
    wb.save(path)
    preview = plan(db, path)
    assert preview.count("new") == 60
    calls = []

    def cancel_later(done, total, text=""):
        calls.append(done)
        if done >= 40:
            raise Cancelled()

    with pytest.raises(Cancelled):
        db.run(apply_roster_import, preview, TODAY, progress=cancel_later)
    assert member_count(db) == 0 and calls


def test_export_masks_ids_keeps_text_and_imports_back(demo_db, db_path, tmp_path):
    full, masked = tmp_path / "full.xlsx", tmp_path / "masked.xlsx"
    n = demo_db.run(export_roster, full)
    demo_db.run(export_roster, masked, True)
    rows = list(openpyxl.load_workbook(full).active.iter_rows(values_only=True))
    assert n == len(rows) - 1 == 30
    header = rows[0]
    ids = [r[header.index("身份证号")] for r in rows[1:] if r[header.index("身份证号")]]
    assert ids and all(isinstance(i, str) and len(i) == 18 for i in ids)
    assert all(isinstance(r[header.index("联系电话")], str) for r in rows[1:])
    masked_ws = openpyxl.load_workbook(masked).active
    masked_ids = [c.value for c in masked_ws["F"][1:] if c.value]
    assert all(m[:4] == "4307" and m[4:14] == "*" * 10 for m in masked_ids)
    assert {m[-4:] for m in masked_ids} == {i[-4:] for i in ids}

    from fedclient.core.migrate import open_database

    other = open_database(tmp_path / "other.sqlite")
    preview = import_file(other, full)
    assert preview.count("new") == 30, [r.note for r in preview.rows if r.problems]
    other.dispose()


@pytest.mark.parametrize(
    "value, expected, month_only",
    [
        (date(1975, 3, 2), date(1975, 3, 2), False),
        (datetime(1975, 3, 2, 0, 0), date(1975, 3, 2), False),
        ("1975.03", date(1975, 3, 1), True),
        ("1975.3.2", date(1975, 3, 2), False),
        ("1975/3/2", date(1975, 3, 2), False),
        ("1975年3月2日", date(1975, 3, 2), False),
        ("1975-03-02", date(1975, 3, 2), False),
        ("1990年07月", date(1990, 7, 1), True),
        ("19750302", date(1975, 3, 2), False),
        (1975.03, date(1975, 3, 1), True),  # typed 1975.03 into a number cell
        (27455.0, date(1975, 3, 2), False),  # a date's serial number
        ("", None, False),
        (None, None, False),
    ],
)
def test_date_formats(value, expected, month_only):
    parsed = parse_date(value)
    assert (parsed.value if parsed else None) == expected
    if parsed:
        assert parsed.month_only is month_only


@pytest.mark.parametrize("value", ["1975.13", "1975年2月30日", "某年", "75.13"])  # 75.3: read, warned
def test_dates_that_are_not_dates_get_a_chinese_reason(value):
    with pytest.raises(DateError, match="日期"):
        parse_date(value)


def test_problem_rows_workbook_has_the_original_cells_and_a_reason(db, tmp_path):
    path = tmp_path / "bad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(HEADER)
    wb.active.append([1, "好人", "女", "1980.01", "执委", None, "13800138000"])
    wb.active.append([2, "", "女", "1980.01", "执委", None, "13800138001"])
    wb.active.append([3, "王丽", "女", "1980.13", "执委", None, "13800138002"])
    wb.save(path)
    table = load_roster(path)
    preview = db.run(plan_roster_import, table, TODAY)
    assert [r.kind for r in preview.rows] == ["new", "refused", "refused"]
    out = tmp_path / "out.xlsx"
    assert save_problem_rows(table, preview.rows, out) == 2
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][:2] == (2, None) and "姓名" in rows[1][-1] and rows[1][-1].startswith("第3行")
    assert rows[2][3] == "1980.13" and "出生年月" in rows[2][-1]


def test_generic_reader_works_for_another_field_spec(tmp_path):
    from fedclient.core.tabular import Field

    spec = [Field("head", "户主", ("户主姓名",), required=True), Field("size", "人口", ("家庭人口", "人数"))]
    path = tmp_path / "households.csv"
    path.write_text("户籍统计\n户主姓名,家庭人数,备注\n王大,4,\n,,\n合计,4,\n", encoding="utf-8")
    table = load_table(path, spec)
    assert table.header_row == 1 and table.mapping == {"head": 0, "size": 1}
    records = list(table.records())
    assert [(r.row_number, r.text("head"), r.text("size")) for r in records if not r.skip] == [
        (3, "王大", "4")
    ]
    assert [(r.row_number, r.skip) for r in records if r.skip] == [(5, "合计行，不是人员")]
    assert ROSTER_FIELDS[1].required


def test_reimport_matches_an_id_written_differently(db, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("姓名,身份证号\n顾小红,43072419880613109X\n", encoding="utf-8")
    import_file(db, path)
    path.write_text("姓名,身份证号,联系电话\n顾小红,430724 19880613 109x,13800138000\n", encoding="utf-8")
    preview = import_file(db, path)
    assert [r.kind for r in preview.rows] == ["update"], preview.rows[0].note
    assert member_count(db) == 1
