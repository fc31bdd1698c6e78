"""Hidden rows in every workbook format (issue 14, item 6). Old binary .xls files (Excel 97-2003, what WPS
and township systems save) behave like an xlsx: their hidden rows are found, skipped by default and listed,
imported when the chair chooses; hidden sheets are named; when the hidden rows cannot be checked the chair is
told so, and the import still works. The .xls files are written in the tests with xlwt (a test-only
dependency)."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest
import xlwt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select
from stdnum.cn.ric import calc_check_digit

from fedclient.cli import main as cli
from fedclient.core.members import count_members
from fedclient.core.members.roster_import import load_roster
from fedclient.core.models import Member
from fedclient.core.tabular import read_sheets
from fedclient.core.tabular.hidden import match_sheets

from . import roster_runs
from .ods_files import ods_sheet, write_ods

TODAY = date(2026, 11, 25)
HEADER = ["序号", "姓名", "性别", "出生日期", "职务", "身份证号码", "联系电话"]
DATE_STYLE = xlwt.easyxf(num_format_str="yyyy-mm-dd")


def id_number(born: str, area: str = "430724") -> str:
    body = area + born + "128"
    return body + calc_check_digit(body + "0")


# 李红 (row 3) was hidden by the chair's predecessor: she moved away.
PEOPLE = [
    [1, "王芳", "女", date(1980, 3, 15), "执委", id_number("19800315"), "13800138000"],
    [2, "李红", "女", date(1975, 6, 1), "执委", id_number("19750601"), "13900139000"],
    [3, "赵敏", "女", date(1990, 12, 31), "巾帼志愿者", id_number("19901231"), "13700137000"],
]


def xls(path, rows, hidden=(), title="花名册", sheets=(), hidden_sheets=()):
    """An Excel 97-2003 workbook: ``hidden`` are 1-based row numbers of the ``title`` sheet; ``sheets`` come
    before it, as (name, rows); those named in ``hidden_sheets`` are hidden. IDs and phones are text cells,
    birth dates real date cells."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, content in [*sheets, (title, rows)]:
        ws = book.add_sheet(name)
        for r, row in enumerate(content):
            for c, value in enumerate(row):
                if isinstance(value, date):
                    ws.write(r, c, value, DATE_STYLE)
                elif value is not None:
                    ws.write(r, c, value)
            if name == title and r + 1 in hidden:
                ws.row(r).hidden = True
        if name in hidden_sheets:
            ws.visibility = 1
    book.active_sheet = len(sheets)
    book.save(str(path))
    return path


def stored(db) -> dict[str, tuple[str, str, date | None]]:
    with db.session() as s:
        return {m.name: (m.id_number, m.phone, m.birth_date) for m in s.scalars(select(Member))}


def run_import(db, path, **options):
    return roster_runs.run_import(db, path, TODAY, **options)


def expected(*names: str) -> dict[str, tuple[str, str, date]]:
    return {p[1]: (p[5], p[6], p[3]) for p in PEOPLE if p[1] in names}


def test_a_hidden_row_of_an_xls_is_listed_not_imported_until_the_chair_chooses(db, tmp_path):
    path = xls(tmp_path / "花名册.xls", [HEADER, *PEOPLE], hidden=[3])
    preview = run_import(db, path)
    assert [(r.row_number, r.kind) for r in preview.rows] == [(2, "new"), (3, "skipped"), (4, "new")]
    assert "隐藏" in preview.rows[1].problems[0] and preview.rows[1].values["name"] == "李红"
    assert stored(db) == expected("王芳", "赵敏")

    again = run_import(db, path, include_hidden=True)
    assert [(r.row_number, r.kind) for r in again.rows] == [(2, "same"), (3, "new"), (4, "same")]
    assert stored(db) == expected("王芳", "李红", "赵敏")  # each once, with her own ID, phone and birth date


def test_the_command_line_lists_the_hidden_rows_of_an_xls_and_takes_include_hidden(tmp_path, capsys):
    path = xls(tmp_path / "花名册.xls", [HEADER, *PEOPLE], hidden=[3])
    data = str(tmp_path / "d.sqlite")
    assert cli(["import-roster", str(path), "--db", data, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "可导入（新增）：2 人" in out and "第3行（序号2 李红）：这一行在表格里被隐藏了" in out
    assert "1 行是隐藏的" in out and "--include-hidden" in out and "未能查看" not in out
    assert cli(["import-roster", str(path), "--db", data, "--include-hidden"]) == 0
    out = capsys.readouterr().out
    assert "已导入（新增）：3 人" in out and "隐藏" not in out


def test_rows_below_hidden_by_default_leave_the_rows_written_visible(tmp_path):
    """The sheet's default row "hidden" (Excel's hide-everything-below) applies to rows without their own
    format; every row holding a person has one, and its own says visible."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("花名册")
    for r, row in enumerate([HEADER, *PEOPLE]):
        for c, value in enumerate(row):
            ws.write(r, c, value.isoformat() if isinstance(value, date) else value)
    ws.row(2).hidden = True
    ws.row_default_hidden = 1
    book.save(str(tmp_path / "r.xls"))
    [sheet] = read_sheets(tmp_path / "r.xls")
    assert sheet.hidden_rows == {2} and sheet.hidden_rows_known


def test_a_hidden_sheet_of_an_xls_is_not_read_and_is_named(tmp_path):
    old = [HEADER, *[[i, n, "女"] for i, n in enumerate(["张丽", "刘梅", "陈静", "杨雪"], 1)]]
    path = xls(tmp_path / "r.xls", [HEADER, *PEOPLE], sheets=[("旧名册", old)], hidden_sheets=["旧名册"])
    table = load_roster(path)
    assert table.sheet.name == "花名册" and "“旧名册”（隐藏的工作表" in table.sheet_summary()
    assert [s.hidden_rows_known for s in table.sheets] == [True, True]


def test_when_xlrd_cannot_read_the_file_the_chair_is_told_and_the_import_still_works(
    db, tmp_path, monkeypatch, capsys
):
    import xlrd

    path = xls(tmp_path / "花名册.xls", [HEADER, *PEOPLE], hidden=[3])

    def unreadable(*_args, **_kwargs):
        raise xlrd.XLRDError("Unsupported format, or corrupt file")

    monkeypatch.setattr(xlrd, "open_workbook", unreadable)
    table = load_roster(path)
    assert not table.sheet.hidden_rows_known and "未能查看" in table.hidden_rows_warning()
    assert cli(["import-roster", str(path), "--db", str(tmp_path / "d.sqlite"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "注意：未能查看这个表格里哪些行被隐藏了" in out and "可导入（新增）：3 人" in out
    run_import(db, path)
    assert stored(db) == expected("王芳", "李红", "赵敏")


def test_a_csv_has_no_hidden_rows_to_warn_about(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("序号,姓名\n1,王芳\n", encoding="utf-8")
    assert load_roster(path).hidden_rows_warning() == ""


def test_sheets_are_paired_by_position_when_xlrd_names_them_otherwise():
    misread = (
        "\xbb\xa8\xc3\xfb\xb2\xe1"  # 花名册 in GBK, decoded as Latin-1 (an old file without a code page)
    )
    found = [(misread, frozenset({2})), ("Sheet2", frozenset())]
    assert match_sheets(["花名册", "Sheet2"], found) == {"花名册": frozenset({2}), "Sheet2": frozenset()}
    assert match_sheets(["花名册", "图表", "Sheet2"], found) == {"Sheet2": frozenset()}  # 花名册: unknown
    assert match_sheets(["花名册"], None) == {}


def test_rows_hidden_in_several_sheets_of_an_xls_stay_with_their_sheet(tmp_path):
    first = [HEADER, [1, "张丽", "女"], [2, "刘梅", "女"]]
    path = xls(tmp_path / "r.xls", [HEADER, *PEOPLE], hidden=[2, 4], sheets=[("志愿者", first)])
    sheets = read_sheets(path)
    assert [(s.name, sorted(s.hidden_rows)) for s in sheets] == [("志愿者", []), ("花名册", [1, 3])]


@pytest.fixture
def roster(qtbot, qapp, db, ops):
    from fedclient.ui.members.roster_page import RosterPage

    view = RosterPage(ops)
    qtbot.addWidget(view)
    view.show()
    ops.wait_idle()
    return view


def open_preview(qtbot, roster, ops, path):
    from fedclient.ui.members.transfer import import_roster

    dialog = import_roster(roster, ops, str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=10000)
    return dialog


def test_the_preview_of_an_xls_asks_about_its_hidden_row(qtbot, monkeypatch, roster, db, ops, tmp_path):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    dialog = open_preview(qtbot, roster, ops, xls(tmp_path / "花名册.xls", [HEADER, *PEOPLE], hidden=[3]))
    assert dialog.include_hidden.isVisible() and dialog.include_hidden.text() == "也导入隐藏的 1 行"
    assert not dialog.include_hidden.isChecked() and not dialog.hidden_note.isVisible()
    assert dialog.import_button.text() == "导入 2 人"
    row = dialog.model.rows[1]
    assert (row.row_number, row.kind_label, row.values["name"]) == (3, "跳过", "李红") and "隐藏" in row.note
    dialog.include_hidden.setChecked(True)
    qtbot.waitUntil(lambda: dialog.import_button.text() == "导入 3 人", timeout=10000)
    dialog.do_import()
    qtbot.waitUntil(lambda: db.run(count_members) == 3, timeout=10000)


def test_the_preview_says_when_the_hidden_rows_could_not_be_checked(
    qtbot, monkeypatch, roster, ops, tmp_path
):
    import xlrd

    def unreadable(*_args, **_kwargs):
        raise xlrd.XLRDError("Unsupported format, or corrupt file")

    monkeypatch.setattr(xlrd, "open_workbook", unreadable)
    dialog = open_preview(qtbot, roster, ops, xls(tmp_path / "花名册.xls", [HEADER, *PEOPLE], hidden=[3]))
    assert dialog.hidden_note.isVisible() and "未能查看这个表格里哪些行被隐藏了" in dialog.hidden_note.text()
    assert dialog.hidden_note.property("role") == "warning" and not dialog.include_hidden.isVisible()
    assert dialog.import_button.text() == "导入 3 人"


def test_an_xlsx_written_with_backslashes_and_an_escaped_sheet_name_has_its_hidden_row_found(db, tmp_path):
    """Some web systems zip their xlsx with Windows paths (xl\\worksheets\\sheet1.xml); a sheet name with & is
    written &amp; in workbook.xml. Before, such a sheet's hidden rows were silently taken as none."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "一组&二组"
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    path = tmp_path / "导出.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item.filename.replace("/", "\\"), source.read(item))
    table = load_roster(path)
    assert (
        table.sheet.name == "一组&二组"
        and table.sheet.hidden_rows_known
        and table.hidden_rows_warning() == ""
    )
    run_import(db, path)
    assert stored(db) == expected("王芳", "赵敏")


def ods(path, rows, hidden=(), title="花名册"):
    """An .ods with its ``hidden`` rows (1-based) collapsed, and every row below hidden as LibreOffice writes it."""
    return write_ods(path, ods_sheet(rows, hidden=hidden, title=title, below_hidden=True))


def test_the_hidden_row_of_an_ods_is_listed_not_imported_until_the_chair_chooses(db, tmp_path):
    path = ods(tmp_path / "花名册.ods", [HEADER, *PEOPLE], hidden=[3])
    table = load_roster(path)
    assert table.sheet.hidden_rows == {2} and table.hidden_count() == 1 and table.hidden_rows_warning() == ""
    preview = run_import(db, path)
    assert [(r.row_number, r.kind) for r in preview.rows] == [(2, "new"), (3, "skipped"), (4, "new")]
    assert stored(db) == expected("王芳", "赵敏")
    run_import(db, path, include_hidden=True)
    assert stored(db) == expected("王芳", "李红", "赵敏")
