"""The cell rules of shared/reports.md, for both ways of writing a table (openpyxl in place, xlsxwriter streamed)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from fedclient.core.excel import write_table
from fedclient.core.excel_stream import write_streamed

FORMULA = '=HYPERLINK("http://x","点击")'
ID_NUMBER = "43072419800101002X"
LONG_ID = "430724198001010028"
PHONE = "13800138000"
HEADERS = ["姓名", "身份证号", "联系电话", "日期", "备注", "次数"]
ROWS = [
    [FORMULA, ID_NUMBER, PHONE, date(2026, 10, 31), "+86 138", 3],
    ["-张三", LONG_ID, "0736-1234567", date(2026, 1, 1), "@备注", 0],
    ["李四", None, "", None, "很长的一段说明文字" * 6, 12.5],
]


def _written(tmp_path, stream: bool):
    path = tmp_path / "t.xlsx"
    if stream:

        def fill(book):
            table = book.table(
                "表",
                HEADERS,
                ROWS,
                text_columns=["身份证号", "联系电话"],
                wrap_columns=["备注"],
                title_rows=[["标题"], ["副标题"]],
            )
            table.extend(ROWS[:-1])
            table.append(ROWS[-1], bold=True)

        write_streamed(path, fill)
    else:
        wb = Workbook()
        ws = wb.active
        ws.title = "表"
        write_table(ws, HEADERS, ROWS, text_columns=["身份证号", "联系电话"])
        wb.save(path)
    return load_workbook(path)["表"], (3 if stream else 1)


@pytest.mark.parametrize("stream", [False, True])
def test_values_read_back_exactly_as_written(tmp_path, stream):
    ws, header_row = _written(tmp_path, stream)
    assert [c.value for c in ws[header_row]] == HEADERS
    first, second, third = (ws[header_row + i] for i in (1, 2, 3))
    # Formula-looking text stays text: same string, not a formula.
    assert first[0].value == FORMULA and first[0].data_type == "s"
    assert second[0].value == "-张三" and second[0].data_type == "s"
    assert first[4].value == "+86 138" and second[4].value == "@备注"
    # ID numbers and phones are text with every digit (an 18-digit number would lose its tail).
    assert first[1].value == ID_NUMBER and second[1].value == LONG_ID
    assert first[1].number_format == "@" and second[1].data_type == "s"
    assert first[2].value == PHONE and first[2].data_type == "s"
    # Dates are dates shown yyyy-mm-dd (openpyxl reads them back as datetimes).
    assert first[3].value == datetime(2026, 10, 31) and first[3].number_format == "yyyy-mm-dd"
    assert third[3].value is None
    # Numbers are numbers.
    assert first[5].value == 3 and third[5].value == 12.5


@pytest.mark.parametrize("stream", [False, True])
def test_header_and_print_setup(tmp_path, stream):
    ws, header_row = _written(tmp_path, stream)
    header = ws.cell(row=header_row, column=1)
    assert header.font.bold and header.border.bottom.style == "thin"
    assert ws.freeze_panes == f"A{header_row + 1}"
    assert ws.print_title_rows == f"${header_row}:${header_row}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9  # A4
    # fitToWidth 1 is the file format's default: Excel and xlsxwriter leave it out
    assert (ws.page_setup.fitToWidth or 1) == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToHeight) == 0  # as many pages down as needed
    assert all(ws.column_dimensions[c].width >= 6 for c in "ABCDEF")


def test_stream_table_titles_wrapped_rows_and_bold_total(tmp_path):
    ws, _ = _written(tmp_path, stream=True)
    assert ws["A1"].value == "标题" and ws["A1"].font.bold
    assert "A1:F1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "副标题"
    long_row = 6
    assert ws.cell(row=long_row, column=5).alignment.wrap_text
    assert ws.row_dimensions[long_row].height and ws.row_dimensions[long_row].height > 15
    assert ws.cell(row=long_row, column=1).font.bold  # the 合计-style row
    assert not ws.cell(row=4, column=1).font.bold


def test_streamed_workbook_reads_back_the_same_with_calamine(tmp_path):
    """The township reads village files with python-calamine: the same values, ids and phones as text."""
    from python_calamine import CalamineWorkbook

    _written(tmp_path, stream=True)
    rows = CalamineWorkbook.from_path(str(tmp_path / "t.xlsx")).get_sheet_by_name("表").to_python()
    assert rows[2] == HEADERS
    assert rows[3][:3] == [FORMULA, ID_NUMBER, PHONE] and rows[4][:2] == ["-张三", LONG_ID]
    assert rows[3][3] == date(2026, 10, 31) and rows[3][5] == 3 and rows[5][5] == 12.5


def test_a_failed_streamed_write_leaves_nothing_behind(tmp_path, monkeypatch):
    import tempfile

    from fedclient.core.leftovers import scratch_dir

    # The scratch folder inside this test's own folder: the machine's one is shared with other runs.
    (tmp_path / "temp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    out = tmp_path / "out"
    out.mkdir()

    def fill(book):
        book.table("表", HEADERS, ROWS).extend(ROWS)
        raise RuntimeError("cancelled")

    with pytest.raises(RuntimeError):
        write_streamed(out / "t.xlsx", fill)
    assert list(out.iterdir()) == []
    assert scratch_dir().parent == tmp_path / "temp"
    assert list(scratch_dir().iterdir()) == []  # xlsxwriter's row files removed too
