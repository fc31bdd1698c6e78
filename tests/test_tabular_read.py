"""Reading a workbook row by row (with progress) gives the cells exactly where calamine's whole-sheet read puts
them: the sheet's own row and column numbers, so that row numbers shown to the chair are the ones she sees."""

from __future__ import annotations

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from fedclient.core.tabular import read_sheets


def test_rows_read_one_by_one_are_the_whole_sheet_read(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws["C3"], ws["D3"], ws["E3"] = "姓名", "民族", "出生年月"
    for r in range(4, 40):
        ws.cell(r, 3, f"王秀{r}")
        ws.cell(r, 4, "汉族")
        ws.cell(r, 5, 1975.03 + r / 100 if r % 2 else "1980.10")
    ws["G45"] = "以下空白"
    other = wb.create_sheet("说明")
    other["A1"] = "填写说明"
    path = tmp_path / "名册.xlsx"
    wb.save(path)
    reports = []

    sheets = read_sheets(path, lambda done, total, text="": reports.append(text))

    book = CalamineWorkbook.from_path(str(path))
    for sheet in sheets:
        assert sheet.rows == book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
    assert sheets[0].rows[2][2] == "姓名" and sheets[0].rows[44][6] == "以下空白"
    assert "正在读取工作表“花名册”……" in reports
    assert "已读入工作表“花名册”的 45 行" in reports


def test_a_long_parse_is_reported_while_it_runs_and_cancel_is_heard_at_once(monkeypatch):
    import time

    import pytest

    from fedclient.core.progress import Cancelled
    from fedclient.core.tabular import files

    monkeypatch.setattr(files, "REPORT_EVERY", 0.02)
    reports = []
    value = files._parsed(
        lambda: time.sleep(0.3) or "rows", lambda d, t, text="": reports.append(text), "正在读取"
    )
    assert value == "rows" and len(reports) >= 5 and all(r.startswith("正在读取……") for r in reports)

    def cancel(done, total, text=""):
        if len(reports) > 2:
            raise Cancelled()
        reports.append(text)

    reports.clear()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        files._parsed(lambda: time.sleep(2), cancel, "正在读取")
    assert time.monotonic() - started < 1, "取消 does not wait for the parse to end"


def test_records_give_each_cell_cleaned_and_typed_as_read_in_full_and_short_rows():
    from datetime import date as day
    from pathlib import Path

    from fedclient.core.tabular import Field, Sheet, Table, guess_mapping

    # 备注 is not in the sheet: every row's cell for it is None (full rows taken at once as well as short ones)
    fields = [
        Field("name", "姓名", person=True),
        Field("note", "备注"),
        Field("id", "身份证号"),
        Field("flag", "是否"),
    ]
    rows = [
        ["姓名", "身份证号", "是否"],
        ["王\u200b秀英 ", "'430724198001010021", True],
        ["李芳", 1.0, "1"],
        ["张\ufeff丽", " 1 ", 1],
        ["刘红", day(1980, 1, 1)],  # shorter than the header: the missing cell is None
        ["赵敏"],
    ]
    table = Table(Path("t.csv"), [Sheet("表", rows)], fields, 0, 0)
    table.mapping = guess_mapping(table.headers, fields)
    records = list(table.records())
    assert all(r.raw["note"] is None and r.text("note") == "" for r in records)
    assert [r.text("id") for r in records] == ["430724198001010021", "1", "1", "1980-01-01", ""]
    got = [(r.raw["name"], r.raw["id"], r.raw["flag"]) for r in records]
    assert got == [
        ("王秀英", "430724198001010021", True),
        ("李芳", 1.0, "1"),
        ("张丽", "1", 1),
        ("刘红", day(1980, 1, 1), None),
        ("赵敏", None, None),
    ]
    assert [type(v) for v in got[1][1:]] == [float, str] and type(got[2][2]) is int


def test_a_sheet_is_described_by_how_many_of_its_rows_look_like_people():

    from fedclient.core.tabular import Field, Sheet, choose_sheet

    fields = [Field("seq", "序号"), Field("name", "姓名", person=True), Field("phone", "联系电话")]
    names = ["王秀英", "王秀英", "李 芳", "合计", "姓名", 1, 1.0, True, "以下空白", None, "张丽", "赵"]
    rows = [["序号", "姓名", "联系电话"], *([i, name, "13800138000"] for i, name in enumerate(names)), [99]]
    hidden = frozenset({11})  # 张丽's row: hidden rows are not counted
    sheets = [Sheet("花名册", rows, hidden_rows=hidden), Sheet("说明", [["填写说明"]])]

    index, header, choices = choose_sheet(sheets, fields)

    assert (index, header) == (0, 0)
    assert [(c.name, c.people) for c in choices] == [("花名册", 3), ("说明", 0)]  # 王秀英 twice, 李芳


def test_a_blocks_cells_cleaned_column_by_column_are_each_cells_own():
    """``records`` cleans a block's cells column by column (a column of numbers, or of IDs and phones in plain
    ASCII, taken as it is): the same cells as cleaning each one, with fields not mapped, short rows, invisible
    characters, apostrophes, full-width digits, spaces and mixed types."""
    from datetime import date

    from fedclient.core.tabular.cells import cells_by_field, clean_text
    from fedclient.core.tabular.read import _Cleaned

    rows = [
        [1.0, "张秀兰", "430724199003021246", "13800138000", date(1990, 3, 2)],
        [2.0, " 李红 ", "'430724199003021246", "１３８００１３８０００", None],
        [3.0, "王\u200b芳", "43072419900302124X", "138 0013 8000", "1975.1"],
        ["示例", "", "", "", ""],
        [5, "赵敏", None, 13800138000.0, True],
    ]

    def each(value):
        return clean_text(value) if isinstance(value, str) else value

    for block in (rows, rows[:1] + rows[2:3], rows[1:2], [*rows, [6.0, "孙丽"]]):  # the last: a short row
        for places in ([0, 1, 2, 3, 4], [1, None, 2, 3], [3], [2], [None, 4, 0]):
            expected = [
                tuple(each(r[c]) if c is not None and c < len(r) else None for c in places) for r in block
            ]
            assert cells_by_field(block, places, each) == expected, (block, places)
            assert cells_by_field(block, places, _Cleaned({None: None}).__getitem__) == expected
