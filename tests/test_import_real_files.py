"""Importing the spreadsheets villages really keep (issue 14): junk rows never stored as people, real people never
refused for what they cannot see, the right sheet, warnings shown, every file format by its content, hidden and
pre-numbered rows, region codes created after a birth, and surnames found by every reading."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from sqlalchemy import select
from stdnum.cn.ric import calc_check_digit

from fedclient.cli import main as cli
from fedclient.core.members.query import MemberFilters, list_members
from fedclient.core.members.roster_import import load_roster, plan_roster_import
from fedclient.core.models import Member
from fedclient.core.tabular import TableError, month_style, name_problem, parse_date

from . import roster_runs

TODAY = date(2026, 11, 25)
HEADER = ["序号", "姓名", "性别", "出生年月", "职务", "身份证号码", "联系电话"]


def id_number(area: str, born: str, seq: str = "128") -> str:
    """A valid ID number (female when ``seq`` ends even) for a county code and a birth date yyyymmdd."""
    body = area + born + seq
    return body + calc_check_digit(body + "0")


def xlsx(path, rows, title="花名册", hidden=(), sheets=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, content in [*(sheets or []), (title, rows)]:
        ws = wb.create_sheet(name)
        for row in content:
            ws.append(row)
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # '+SUM(1,2)' stays text, as WPS keeps it
        if name == title:
            for r in hidden:
                ws.row_dimensions[r].hidden = True
    wb.save(path)
    return path


def run_import(db, path, **options):
    return roster_runs.run_import(db, path, TODAY, **options)


def stored(db) -> dict[str, Member]:
    with db.session() as s:
        people = {m.name: m for m in s.scalars(select(Member))}
        s.expunge_all()
    return people


# --- 1. footers, signatures, repeated headers, dashes and formula text are not people --------------------
JUNK = [
    ["（以下空白）"],
    [None, "填表人：王芳    审核人：李红"],
    [None, "制表单位：红星村妇联（盖章）"],
    ["序号", "姓名", "性别", "出生年月", "职务", "身份证号码", "联系电话"],
    ["-", "-", "-", "-", "-", "-", "-"],
    [9, "+SUM(1,2)", "女"],
    [10, "-1+1", "女"],
    [11, "@SUM(A1:A2)", "女"],
    [12, "说明：身份证号请设为文本格式"],
]


def test_junk_rows_are_skipped_and_listed_with_reasons_only_people_stored(db, tmp_path):
    people = [
        [1, "王芳", "女", "1980.03", "执委", None, "13800138000"],
        [2, "阿依古丽・买买提", "女", "1985.06", "执委", None, "13800138001"],
        [3, "欧阳娜娜", "女", "1990.12", "巾帼志愿者", None, None],
    ]
    path = xlsx(tmp_path / "roster.xlsx", [HEADER, *people, *JUNK])
    preview = run_import(db, path)
    assert sorted(stored(db)) == sorted(["王芳", "阿依古丽·买买提", "欧阳娜娜"])
    skipped = {r.row_number: r.problems[0] for r in preview.rows if r.kind == "skipped"}
    assert sorted(skipped) == list(range(5, 5 + len(JUNK)))
    assert "说明" in skipped[5] or "不是人" in skipped[5]
    assert "签名" in skipped[6] and "表头" in skipped[8] and "不是人名" in skipped[9]
    assert all(reason for reason in skipped.values())
    assert preview.count("refused") == 0


@pytest.mark.parametrize(
    "text",
    ["（以下空白）", "填表人：王芳", "审核人", "制表单位", "姓 名", "身份证号码", "-", "—", "+SUM(1,2)", "=A1", "合计",
     "无", "王", "张三李四王五赵六钱七", "红星村妇联", "Total", "123"],
)  # fmt: skip
def test_what_is_not_a_name(text):
    assert name_problem(text)


@pytest.mark.parametrize("text", ["王芳", "欧阳娜娜", "买买提·艾力", "阿依古丽•买买提", "单 丽", "𠈌秀英"])
def test_what_is_a_name(text):
    assert name_problem(text) == ""


def test_the_chair_can_confirm_a_skipped_row(db, tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [HEADER, [1, "王芳2", "女", "1980.03", "执委", None, None]])
    assert [r.kind for r in run_import(db, path).rows] == ["skipped"] and not stored(db)
    assert [r.kind for r in run_import(db, path, confirmed=[2]).rows] == ["new"]
    assert list(stored(db)) == ["王芳2"]


# --- 2. what the chair cannot see never refuses a person ---------------------------------------------------
def test_apostrophes_zero_width_spaces_and_boms_are_stripped(db, tmp_path):
    ids = [id_number("430724", f"1980010{i}") for i in range(1, 5)]
    rows = [
        HEADER,
        [1, "王芳", "女", "1980.01", "执委", "'" + ids[0], "'13800138000"],
        [2, "李\u200b红", "女", "1980.01", "执委", ids[1] + "\u200b", "13800138001"],
        [3, "\ufeff张丽", "女", "1980.01", "执委", "\ufeff" + ids[2], "138\u200d0013\u20608002"],
        [
            4,
            "陈\u00admei".replace("mei", "梅"),
            "女",
            "1980.01",
            "执委",
            "\u2018" + ids[3],
            "\u200e13800138003",
        ],
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert [r.kind for r in preview.rows] == ["new"] * 4, [r.problems for r in preview.rows]
    people = stored(db)
    assert [people[n].id_number for n in ("王芳", "李红", "张丽", "陈梅")] == ids
    assert people["王芳"].phone == "13800138000" and people["张丽"].phone == "13800138002"


# --- 3. the sheet with the people, not the example in front of it ---------------------------------------
def test_the_example_sheet_in_front_is_not_read(db, tmp_path, capsys):
    example = [HEADER, [1, "张三", "女", "1980.01", "执委", None, "13800000000"]]
    people = [
        HEADER,
        *[[i, n, "女", "1980.01", "执委", None, None] for i, n in enumerate(["王芳", "李红", "张丽"])],
    ]
    path = xlsx(tmp_path / "r.xlsx", people, title="花名册", sheets=[("填写示例", example)])
    table = load_roster(path)
    assert table.sheet.name == "花名册" and "填写示例" in table.sheet_summary()
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "工作表“花名册”" in out and "可导入（新增）：3 人" in out and "“填写示例”" in out
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite"), "--sheet", "填写示例"]) == 0
    assert "已导入（新增）：1 人" in capsys.readouterr().out


# --- 4. warnings: the ID wins over a typed birth date; 1975.1 read as the column means it -----------------
def test_the_id_birth_date_wins_and_the_cli_prints_every_warning(db, tmp_path, capsys):
    ident = id_number("430724", "19820315")
    path = xlsx(tmp_path / "r.xlsx", [HEADER, [1, "王芳", "女", "1950-03-15", "执委", ident, None]])
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "出生日期与身份证号不一致" in out and "已按身份证号登记" in out and "第2行" in out
    preview = run_import(db, path)
    assert stored(db)["王芳"].birth_date == date(1982, 3, 15)
    assert any("身份证" in w for w in preview.rows[0].warnings)


def test_a_number_1975_1_is_read_by_what_the_column_says():
    assert month_style([1975.03, 1980.11, 1975.1]) == "two"
    assert month_style([1975.3, 1980.5, 1975.1]) == "one"
    assert month_style([1975.1, 1980.11]) is None
    assert parse_date(1975.1, "two").value == date(1975, 10, 1)
    assert parse_date(1975.1, "one").value == date(1975, 1, 1)
    ambiguous = parse_date(1975.1, None)
    assert ambiguous.value == date(1975, 10, 1) and "1月" in ambiguous.warning
    assert parse_date("1975.1").value == date(1975, 1, 1)  # typed as text: what she wrote
    assert parse_date(1975.2, "two").value == date(1975, 2, 1)  # 1975.20 is no month: February


def test_a_column_of_one_digit_months_reads_1975_1_as_january(db, tmp_path):
    rows = [
        HEADER,
        [1, "王芳", "女", 1975.1, "执委", None, None],
        [2, "李红", "女", 1980.3, "执委", None, None],
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert stored(db)["王芳"].birth_date == date(1975, 1, 1) and not preview.rows[0].warnings


# --- 5. the format by content ---------------------------------------------------------------------------
PEOPLE_TEXT = "序号\t姓名\t性别\t出生年月\t联系电话\n1\t王芳\t女\t1980.03\t13800138000\n2\t李红\t女\t1981.04\t13800138001\n"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "gb18030"])
def test_unicode_text_and_csv_in_any_encoding(db, tmp_path, encoding):
    path = tmp_path / "名册.txt"
    path.write_bytes(PEOPLE_TEXT.encode(encoding))
    assert run_import(db, path).count("new") == 2 and sorted(stored(db)) == ["李红", "王芳"]


def test_swapped_extensions_and_html_saved_as_xls(db, tmp_path):
    real = xlsx(tmp_path / "real.xlsx", [HEADER, [1, "王芳", "女", "1980.03", "执委", None, None]])
    renamed = tmp_path / "名册.xls"
    renamed.write_bytes(real.read_bytes())
    assert run_import(db, renamed).count("new") == 1
    html = tmp_path / "导出.xls"
    html.write_text(
        "<html><head><meta charset='utf-8'><style>td{}</style></head><body><table>"
        "<tr><th>序号</th><th>姓名</th><th>性别</th><th>联系电话</th></tr>"
        "<tr><td>1</td><td>李&nbsp;红</td><td>女</td><td>13800138001</td></tr>"
        "<tr style='display:none'><td>2</td><td>隐藏人</td><td>女</td><td></td></tr>"
        "<tr><td colspan=2>合计：1人</td><td></td><td></td></tr></table></body></html>",
        encoding="utf-8",
    )
    preview = run_import(db, html)
    assert preview.count("new") == 1 and sorted(stored(db)) == ["李红", "王芳"]
    assert {r.row_number: r.kind for r in preview.rows} == {2: "new", 3: "skipped", 4: "skipped"}


def test_files_that_are_not_tables_get_a_chinese_reason(tmp_path):
    cases = {
        "empty.xlsx": b"",
        "zip.xlsx": b"PK\x03\x04broken",
        "ole.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
    }
    cases["binary.csv"] = bytes(range(256)) * 4
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(TableError) as error:
            load_roster(tmp_path / name)
        assert error.value.args[0] and all(ord(c) < 128 or c for c in error.value.args[0])
        assert "Traceback" not in error.value.args[0] and (
            "表格" in error.value.args[0] or "空" in error.value.args[0]
        )


# --- 6. hidden rows are asked about (default skip); pre-numbered empty rows are blank ------------------------
def test_hidden_rows_skipped_unless_asked_and_prenumbered_rows_blank(db, tmp_path, capsys):
    rows = [
        HEADER,
        [1, "王芳", "女", "1980.03", "执委", None, None],
        [2, "李红", "女", "1981.03", "执委", None, None],
    ]
    rows += [[n] for n in range(3, 30)]  # the form's empty numbered lines
    path = xlsx(tmp_path / "r.xlsx", rows, hidden=[3])
    preview = db.run(plan_roster_import, load_roster(path), TODAY)
    assert [(r.row_number, r.kind) for r in preview.rows] == [(2, "new"), (3, "skipped")]
    assert "隐藏" in preview.rows[1].problems[0]
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "1 行是隐藏的" in out and "--include-hidden" in out and "可导入（新增）：1 人" in out
    assert run_import(db, path, include_hidden=True).count("new") == 2


# --- 7. region codes: created after the birth is fine, never a code is warned ------------------------------
def test_region_code_warning_only_when_the_code_never_existed(db, tmp_path):
    after_birth = id_number("330782", "19850101")  # 义乌市 from 1989, she was born in 1985
    never = id_number("999999", "19850101")
    rows = [
        HEADER,
        [1, "王芳", "女", None, "执委", after_birth, None],
        [2, "李红", "女", None, "执委", never, None],
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert preview.rows[0].kind == "new" and not preview.rows[0].warnings
    assert preview.rows[1].kind == "new" and any("地区代码" in w for w in preview.rows[1].warnings)


# --- 8. pinyin initials: every reading of the surname ------------------------------------------------------
@pytest.mark.parametrize(
    "name, typed",
    [("查明霞", "zmx"), ("查明霞", "cmx"), ("解放红", "xfh"), ("召美丽", "sml"), ("区小红", "oxh"), ("仇红", "qh"),
     ("种丽", "cl"), ("乐平", "yp"), ("单雄信", "sxx"), ("曾明", "zm"), ("曾明", "cm")],
)  # fmt: skip
def test_surnames_are_found_by_every_reading(db, tmp_path, name, typed):
    run_import(db, xlsx(tmp_path / "r.xlsx", [HEADER, [1, name, "女", None, "执委", None, None]]))
    with db.session() as s:
        assert [m.name for m in list_members(s, MemberFilters(text=typed))] == [name]


# --- 9. progress while it works ------------------------------------------------------------------------
def test_planning_reports_rows_read_kept_and_refused(db, tmp_path):
    rows = [HEADER] + [
        [i, "王李张刘陈"[i % 5] + "秀丽芳"[i // 5 % 3] + "英", "女", "1980.03", "执委", None, None]
        for i in range(15)
    ]
    rows.append([99, "王芳", "女", "1980.13", "执委", None, None])
    messages = []
    db.run(
        plan_roster_import,
        load_roster(xlsx(tmp_path / "r.xlsx", rows)),
        TODAY,
        progress=lambda d, t, text="": messages.append(text),
    )
    assert "可导入 15 人" in messages[-1] and "不能导入 1 行" in messages[-1]


def test_a_workbook_with_an_opening_password_is_named_as_such(tmp_path):
    # An Office file with an opening password is an OLE2 container holding an "EncryptedPackage" stream.
    locked = tmp_path / "花名册.xlsx"
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(TableError, match="密码"):
        load_roster(locked)


def test_reading_reports_progress_before_the_rows_are_checked(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", [HEADER, [1, "王芳", "女", "1980.03", "执委", None, None]])
    messages = []
    load_roster(path, progress=lambda d, t, text="": messages.append(text))
    assert any("已读入" in m for m in messages) and any("隐藏" in m for m in messages)


def test_upgrading_reindexes_the_names_stored_before(tmp_path):
    import shutil
    import sqlite3
    from pathlib import Path

    from fedclient.core.migrate import open_database

    path = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parent / "data" / "schema_0006.sqlite", path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE members SET name = '查明霞', name_initials = 'cmx' WHERE id = (SELECT min(id) FROM members)"
        )
    conn.close()
    db = open_database(path)
    try:
        with db.session() as s:
            assert [m.name for m in list_members(s, MemberFilters(text="zmx"))] == ["查明霞"]
    finally:
        db.dispose()
