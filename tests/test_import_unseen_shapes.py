"""Roster shapes found by trying spreadsheets nobody on the team had made (issue 14, "What it must show"):
heading and example rows inside the table, every middle dot, UTF-16 text without a BOM, HTML tables with merged
rows, two-row headers, old 15-digit IDs, 女性 and phones written with +86 or two numbers."""

from __future__ import annotations

from sqlalchemy import select

from fedclient.core.models import Member

from .test_import_real_files import HEADER, run_import, stored, xlsx

ID_WANG = "430724197503021227"


# --- rows that are headings, examples or notes, not people ---------------------------------------------
def test_heading_example_and_note_rows_inside_the_table_are_skipped_with_the_reason(db, tmp_path):
    rows = [
        HEADER,
        ["一、执委"],
        [1, "王芳", "女", "1980.03", "执委", None, None],
        [None, "一组"],
        [2, "李红", "女", "1981.03", "执委", None, None],
        [None, "第二网格"],
        [None, "巾帼志愿者"],
        [3, "张丽", "女", "1982.03", "巾帼志愿者", None, None],
        ["示例", "张三", "女", "1980.01", "执委", None, "13800000000"],
        ["例：", "李四", "女", "1981.02", "执委", None, None],
        ["备注", "本表一式两份"],
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert sorted(stored(db)) == ["张丽", "李红", "王芳"]
    skipped = {r.row_number: r.problems[0] for r in preview.rows if r.kind == "skipped"}
    assert sorted(skipped) == [2, 4, 6, 7, 9, 10, 11]
    assert "标题" in skipped[4] and "标题" in skipped[7]
    # 一组 is a group heading: 李红 under it is in 一组; 巾帼志愿者 (another heading) ends it before 张丽
    assert {n: m.group_name for n, m in stored(db).items()} == {"王芳": "", "李红": "一组", "张丽": ""}
    assert "示例" in skipped[9] and "例" in skipped[10] and "备注" in skipped[11]


# --- every middle dot becomes the one dot -------------------------------------------------------------
def test_every_way_of_typing_the_middle_dot_gives_the_same_name(db, tmp_path):
    dots = ["·", "•", "・", "･", "．", "‧", "∙", "⋅", "﹒", "ㆍ", "-", "－", " · "]
    rows = [HEADER] + [
        [i, f"阿依古丽{d}买买提", "女", f"1980-01-{i + 1:02d}", "执委"] for i, d in enumerate(dots)
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert preview.count("new") == len(dots), [r.problems for r in preview.rows if r.problems]
    with db.session() as s:
        from sqlalchemy import select

        from fedclient.core.models import Member

        assert set(s.scalars(select(Member.name))) == {"阿依古丽·买买提"}


# --- text files --------------------------------------------------------------------------------------------
def test_unicode_text_without_a_bom_holding_mostly_chinese(db, tmp_path):
    text = "姓名\t性别\t民族\t文化程度\n" + "".join(
        f"{n}\t女\t汉族\t高中\n" for n in ["王秀英", "李红梅", "查明霞"]
    )
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert run_import(db, path).count("new") + run_import(db, path).count("same") >= 3
    assert sorted(stored(db)) == ["李红梅", "查明霞", "王秀英"]


# --- headers and merged cells --------------------------------------------------------------------------
def test_an_html_table_with_a_group_column_merged_down_keeps_its_columns(db, tmp_path):
    cells = "".join(f"<th>{h}</th>" for h in ["序号", "所在组", "姓名", "性别", "联系电话"])
    rows = [
        '<tr><td colspan="5">红星村妇联执委花名册</td></tr>',
        f"<tr>{cells}</tr>",
        "<tr><td>1</td><td rowspan=2>一组</td><td>王芳</td><td>女</td><td>13800138000</td></tr>",
        "<tr><td>2</td><td>李&nbsp;红</td><td>女</td><td>13800138001</td>",  # no </tr>, as old exports write
        '<tr><td>3</td><td rowspan="2">二组</td><td>张丽</td><td rowspan="2">女</td><td>13800138002</td></tr>',
        "<tr><td>4</td><td>陈梅</td><td>13800138003</td></tr>",
    ]
    html = (
        '<html><head><meta charset="gb2312"></head><body><table>' + "".join(rows) + "</table></body></html>"
    )
    path = tmp_path / "导出.xls"
    path.write_bytes(html.encode("gbk"))
    preview = run_import(db, path)
    assert preview.count("new") == 4, [r.problems for r in preview.rows]
    people = stored(db)
    assert {n: people[n].phone for n in people} == {
        "王芳": "13800138000",
        "李红": "13800138001",
        "张丽": "13800138002",
        "陈梅": "13800138003",
    }


def test_a_header_on_two_rows_under_merged_group_headers(db, tmp_path):
    rows = [
        ["红星村妇联执委花名册"],
        ["序号", "基本情况", None, None, "身份证号码", "联系方式", None],
        [None, "姓名", "性别", "出生年月", None, "手机", "固定电话"],
        [1, "王芳", "女", "1980.03", None, "13800138000", None],
        [2, "李红", "女", "1981.04", None, "13800138001", "0736-1234567"],
    ]
    path = xlsx(tmp_path / "r.xlsx", rows)
    preview = run_import(db, path)
    assert preview.count("new") == 2 and not preview.count("skipped"), [r.problems for r in preview.rows]
    people = stored(db)
    assert people["王芳"].birth_date.isoformat() == "1980-03-01" and people["李红"].phone == "13800138001"


# --- what a real person's row may hold ---------------------------------------------------------------
def test_old_ids_女性_and_phones_with_86_or_two_numbers_are_imported_with_a_warning(db, tmp_path):
    old_id = "430724800101126"  # a first-generation card: born 1980-01-01, no check digit
    rows = [
        HEADER,
        [1, "王芳", "女性", "1980.01", "执委", old_id, "+86 138 0013 8000"],
        [2, "李红", "女", "1981.04", "执委", None, "13800138001/0736-1234567"],
        [3, "张丽", "女", "1982.05", "执委", None, "13800138002（本人）"],
        [4, "陈梅", "女", "1983.06", "执委", "430724198306011000", None],  # a number cell turned back to text
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    people = stored(db)
    assert sorted(people) == ["张丽", "李红", "王芳"]
    assert people["王芳"].id_number == "430724198001011269" and people["王芳"].phone == "13800138000"
    assert people["王芳"].gender == "女" and people["王芳"].birth_date.isoformat() == "1980-01-01"
    assert people["李红"].phone == "13800138001" and people["张丽"].phone == "13800138002"
    notes = {r.row_number: r.note for r in preview.rows}
    assert "15位旧身份证号" in notes[2] and "0736-1234567" in notes[3] and "本人" in notes[4]
    assert "000" in notes[5] and "数字" in notes[5]


# --- importing the same file again -------------------------------------------------------------------
def test_people_with_only_a_name_are_found_again_when_the_file_is_imported_again(db, tmp_path):
    rows = [
        HEADER,
        [1, "王芳", "女", None, "执委"],
        [2, "李红", "女", None, "执委"],
        [3, "李红", "女", None, "执委"],
    ]
    path = xlsx(tmp_path / "r.xlsx", rows)
    assert run_import(db, path).count("new") == 3  # two 李红 may be two people: both kept
    again = run_import(db, path)  # the same file again: each row finds the one it added, nothing to say
    assert [(r.kind, r.note) for r in again.rows] == [("same", "")] * 3
    with db.session() as s:
        assert sorted(s.scalars(select(Member.name))) == ["李红", "李红", "王芳"]
    # A third 李红 in a later file, agreeing with neither stored one: added, and the chair told why.
    later = xlsx(tmp_path / "later.xlsx", [*rows, [4, "李红", "女", None, "志愿者"]])
    preview = run_import(db, later)
    assert [r.kind for r in preview.rows] == ["same", "same", "same", "new"]
    assert "已有 2 位同名成员" in preview.rows[3].note


def test_namesakes_without_id_are_told_apart_by_phone_and_the_same_person_twice_in_a_file(db, tmp_path):
    rows = [
        ["序号", "姓名", "身份证号码", "联系电话", "所在组"],
        [1, "李红", "", "13800138001", "一组"],
        [2, "李红", "", "13800138002", "二组"],
        [3, "王芳", ID_WANG, "13800138003", "一组"],
        [4, "王芳", "", "13800138003", "一组"],  # the same woman again, her ID left out this time
    ]
    first = run_import(db, xlsx(tmp_path / "a.xlsx", rows))
    assert [r.kind for r in first.rows] == ["new", "new", "new", "duplicate"]
    assert first.rows[3].problems == ["与第4行姓名和联系电话相同，是同一人，不重复导入"]
    # A later file moves the second 李红 to 三组: found by her phone, updated, not added.
    later = xlsx(tmp_path / "b.xlsx", [rows[0], [1, "李红", "", "13800138002", "三组"]])
    preview = run_import(db, later)
    assert [(r.kind, r.changes, r.warnings) for r in preview.rows] == [
        ("update", ["所在组：二组 → 三组"], [])
    ]
    with db.session() as s:
        assert sorted(s.execute(select(Member.name, Member.group_name)).all()) == [
            ("李红", "一组"),
            ("李红", "三组"),
            ("王芳", "一组"),
        ]


def test_a_file_of_blank_rows_or_only_a_header_says_so(db, tmp_path, capsys):
    import pytest

    from fedclient.cli import main as cli
    from fedclient.core.members.roster_import import load_roster
    from fedclient.core.tabular import TableError

    blank = tmp_path / "空白.csv"
    blank.write_bytes(b"\xef\xbb\xbf  \r\n , ,\r\n")
    with pytest.raises(TableError, match="空白.csv.*没有任何数据"):
        load_roster(blank)
    header = xlsx(tmp_path / "只有表头.xlsx", [HEADER])
    assert cli(["import-roster", str(header), "--db", str(tmp_path / "d.sqlite")]) == 0
    assert "没有任何数据行" in capsys.readouterr().out


def test_an_old_excel_workbook_with_an_opening_password_is_named_as_such(tmp_path):
    """Excel 97-2003 keeps the password as a FILEPASS record right after the workbook's first record."""
    import struct

    import pytest
    import xlwt
    from xlwt.CompoundDoc import XlsDoc

    from fedclient.core.members.roster_import import load_roster
    from fedclient.core.tabular import TableError

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    for r, row in enumerate([HEADER, [1, "王芳"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    data = book.get_biff_data()
    first = 4 + int.from_bytes(data[2:4], "little")
    filepass = struct.pack("<HHHHH", 0x002F, 6, 0, 0x1234, 0x5678)  # XOR obfuscation: key, verifier
    path = tmp_path / "加密.xls"
    XlsDoc().save(str(path), data[:first] + filepass + data[first:])
    with pytest.raises(TableError, match="密码"):
        load_roster(path)


def test_an_id_or_phone_written_as_无_or_a_dash_is_no_number_not_a_refusal(db, tmp_path):
    said = ["无", "/", "暂无", "—", "未提供", "-", "不详"]
    rows = [HEADER] + [[i, name, "女", "1980.01", "执委", word, word] for i, (name, word) in
                       enumerate(zip(["王芳", "李红", "张丽", "陈梅", "刘英", "赵敏", "孙丽"], said, strict=True))]  # fmt: skip
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert preview.count("new") == len(said), [r.problems for r in preview.rows if r.problems]
    assert {(m.id_number or "", m.phone or "") for m in stored(db).values()} == {("", "")}


def test_an_x_typed_as_the_multiplication_sign_and_dates_typed_with_chinese_full_stops(db, tmp_path):
    from .test_import_real_files import id_number

    ident = next(
        i for s in range(100, 999, 2) if (i := id_number("430724", "19800101", str(s))).endswith("X")
    )
    rows = [
        HEADER,
        [1, "王芳", "女", "1980。01", "执委", ident[:-1] + "×", None],
        [2, "李红", "女", "1981。4。5", "执委", None, None],
        [3, "张丽", "女", "1982.06.", "执委", None, None],
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    assert preview.count("new") == 3, [r.problems for r in preview.rows]
    people = stored(db)
    assert people["王芳"].id_number == ident and people["王芳"].birth_date.isoformat() == "1980-01-01"
    assert people["李红"].birth_date.isoformat() == "1981-04-05"
    assert people["张丽"].birth_date.isoformat() == "1982-06-01"


def test_a_sheet1_of_example_rows_marked_示例_loses_to_the_roster_of_two(db, tmp_path):
    examples = [HEADER + ["备注"], [1, "张三", "女", "1980.01", "执委", None, "13800000000", "示例"]]
    examples.append([2, "李四", "女", "1981.01", "执委", None, "13800000001", "示例"])
    examples.append([3, "王五", "女", "1982.01", "执委", None, "13800000002", "示例"])
    roster = [HEADER, [1, "王芳", "女", "1980.03", "执委", None, None], [2, "李红", "女", "1981.03", "执委"]]
    path = xlsx(tmp_path / "r.xlsx", roster, title="Sheet2", sheets=[("Sheet1", examples)])
    run_import(db, path)
    assert sorted(stored(db)) == ["李红", "王芳"]
    examples_only = xlsx(tmp_path / "e.xlsx", examples, title="Sheet1")
    preview = run_import(db, examples_only)
    assert preview.count("new") == 0 and all("示例" in r.note for r in preview.rows)


def test_a_phone_that_cannot_be_dialled_leaves_the_person_imported_without_it_and_warned(db, tmp_path):
    rows = [
        HEADER,
        [1, "王芳", "女", "1980.01", "执委", None, "5123456"],  # a village landline without its area code
        [2, "李红", "女", "1981.04", "执委", None, "1380013800"],  # a digit short
        [3, "张丽", "女", "1982.05", "执委", None, "13800138002"],
    ]
    preview = run_import(db, xlsx(tmp_path / "r.xlsx", rows))
    people = stored(db)
    assert sorted(people) == ["张丽", "李红", "王芳"]
    assert people["王芳"].phone == "" and people["李红"].phone == "" and people["张丽"].phone == "13800138002"
    notes = {r.row_number: r.note for r in preview.rows}
    assert "5123456" in notes[2] and "未登记电话" in notes[2]
    assert "1380013800" in notes[3] and "未登记电话" in notes[3]
