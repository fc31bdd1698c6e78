"""填写乡镇表格: each recogniser on forms made here, values equal to the monthly workbook's, the form's own
formatting and formulas unchanged cell by cell, and assignments remembered by layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fedclient.cli import main
from fedclient.core.forms import SKIP, prepare, save
from fedclient.core.monthly_report.export import export_month
from fedclient.core.monthly_report.layout import LEDGERS, MEETINGS, ROSTER
from tests import forms_factory as F

MONTH = (2026, 10)
TODAY = date(2026, 11, 3)


@pytest.fixture
def workbook(demo_db, tmp_path):
    """The monthly workbook of the same month: what every filled value must equal."""
    export_month(demo_db, *MONTH, tmp_path / "月报.xlsx")
    wb = load_workbook(tmp_path / "月报.xlsx")
    summary = {row[0]: row[1] for row in wb["汇总"].iter_rows(min_row=5, values_only=True) if row[0]}
    ledgers = {
        sheet: [
            dict(zip(LEDGERS[sheet], r, strict=False))
            for r in wb[sheet].iter_rows(min_row=2, values_only=True)
        ]
        for sheet in LEDGERS
    }
    return summary, ledgers


def fill(db, form, tmp_path, **kw):
    prepared = prepare(db, form, *MONTH, today=TODAY, **kw)
    out = save(db, prepared, tmp_path / "填好.xlsx", kw.get("assignments"))
    return prepared.plan, load_workbook(out)


def style(cell):
    return (
        cell.font.name,
        cell.font.b,
        cell.font.sz,
        cell.border.left.style,
        cell.border.bottom.style,
        cell.fill.fgColor.rgb,
        cell.alignment.horizontal,
        cell.alignment.wrap_text,
    )


def assert_form_kept(original, filled, written):
    """Every cell's style, every formula and every value not written is as in the original."""
    a, b = load_workbook(original).active, filled.active
    assert {str(r) for r in a.merged_cells.ranges} == {str(r) for r in b.merged_cells.ranges}
    assert {k: v.width for k, v in a.column_dimensions.items()} == {
        k: v.width for k, v in b.column_dimensions.items()
    }
    assert a.page_setup.orientation == b.page_setup.orientation
    assert a.print_title_rows == b.print_title_rows
    for row in a.iter_rows(
        min_row=1, max_row=max(a.max_row, b.max_row), max_col=max(a.max_column, b.max_column)
    ):
        for cell in row:
            other = b[cell.coordinate]
            assert style(cell) == style(other), cell.coordinate
            if cell.coordinate not in written:
                assert cell.value == other.value, cell.coordinate


def test_labels_beside_their_values(demo_db, tmp_path, workbook):
    summary, _ = workbook
    form = F.indicator_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    assert ws["D4"].value == summary["执委人数"]
    assert ws["D5"].value == summary["巾帼志愿者人数"]  # 巾帼志愿者总数
    assert ws["D6"].value == summary["本月受理调解案件数"]
    assert ws["D7"].value == summary["本月调解成功数"]  # 其中：调解成功, under 本月受理
    assert ws["C8"].value == summary["本月调解成功数"]  # 本月调解成功（起）
    assert ws["D9"].value == summary["调解成功率(%)"]
    assert ws["C10"].value == summary["网格覆盖户数"]
    assert ws["D11"].value == summary["本月议事会次数"]
    assert ws["B2"].value == "杉板村妇联" and ws["D2"].value == "2026年10月"
    assert ws["A15"].value.startswith("填报人：李淑华") and "联系电话：1" in ws["A15"].value
    assert ws["D13"].value == "=D4+D5"  # the form's own formula is left alone
    assert ws["D12"].value is None
    assert [(u.cell, u.text) for u in plan.unknowns] == [("D12", "党员人数")]
    assert_form_kept(form, wb, {f.cell for f in plan.fills})
    assert all(f.source for f in plan.fills)


def test_labels_above_and_period_columns(demo_db, tmp_path, workbook):
    summary, _ = workbook
    form = F.above_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    assert ws["A3"].value == "杉板村"
    assert ws["C3"].value == summary["网格数"]
    assert ws["E3"].value == summary["执委人数"]
    assert (ws["B6"].value, ws["C6"].value) == (summary["本月受理调解案件数"], summary["本年累计受理数"])
    assert (ws["B7"].value, ws["C7"].value) == (summary["本月调解成功数"], summary["本年累计调解成功数"])
    assert ws["B8"].value == summary["本月家庭暴力案件数"]
    assert ws["C8"].value is None  # no yearly count of domestic violence in the workbook: listed, not guessed
    assert ws["B10"].value.date() == TODAY
    assert [u.cell for u in plan.unknowns] == ["C8"]
    assert_form_kept(form, wb, {f.cell for f in plan.fills})


def test_volunteer_table_grows_and_keeps_its_total_row(demo_db, tmp_path, workbook):
    _, ledgers = workbook
    volunteers = [r for r in ledgers[ROSTER] if r["职务"] == "巾帼志愿者" and r["状态"] == "在任"]
    assert len(volunteers) > 3
    form = F.volunteer_form(tmp_path / "form.xlsx", rows=3)
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    last = 3 + len(volunteers)
    got = [[ws.cell(r, c).value for c in range(1, 7)] for r in range(4, last + 1)]
    want = [
        [i, v["姓名"], v["性别"], v["出生年月"], v["联系电话"], v["专长"]]
        for i, v in enumerate(volunteers, 1)
    ]
    assert got == want
    assert ws.cell(last + 1, 1).value == "合计"
    assert ws.cell(last + 1, 2).value == f"=COUNTA(B4:B{last})"  # the form's sum covers the added rows
    assert all(ws.cell(r, 7).border.left.style == "thin" for r in range(4, last + 2))
    assert ws.cell(last + 3, 1).value == "填报人：" and ws.cell(last + 3, 4).value == "李淑华"
    assert f"A{last + 3}:C{last + 3}" in {str(r) for r in ws.merged_cells.ranges}
    assert plan.inserts and plan.inserts[0].count == len(volunteers) - 3
    assert [u.text for u in plan.unknowns] == ["年龄"]
    assert isinstance(ws["E4"].value, str)  # phone numbers stay text


def test_meetings_table_with_its_own_words(demo_db, tmp_path, workbook):
    _, ledgers = workbook
    form = F.meetings_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    meetings = ledgers[MEETINGS]
    assert meetings
    for i, m in enumerate(meetings, start=3):
        assert ws.cell(i, 1).value == m["日期"] and ws.cell(i, 1).number_format == "yyyy-mm-dd"
        assert [ws.cell(i, c).value for c in (2, 3, 4)] == [m["地点"], m["议题"], m["参会人数"]]
    assert ws.cell(3 + len(meetings), 1).value is None
    assert not plan.unknowns
    assert_form_kept(form, wb, {f.cell for f in plan.fills})


def test_summary_of_villages_fills_only_her_row(demo_db, tmp_path, workbook):
    summary, _ = workbook
    form = F.village_form(tmp_path / "form.xlsx", "杉板村")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    assert [ws[f"{c}5"].value for c in "CDEF"] == [
        summary["执委人数"],
        summary["巾帼志愿者人数"],
        summary["本月受理调解案件数"],
        summary["调解成功率(%)"],
    ]
    for row in (4, 6, 7, 8):
        assert all(ws[f"{c}{row}"].value is None for c in "CDEFG")
    assert ws["C9"].value == "=SUM(C4:C8)"
    assert not plan.unknowns  # 备注 is for her own words, not a question
    assert_form_kept(form, wb, {f.cell for f in plan.fills})


def test_indicator_names_as_a_header_row(demo_db, tmp_path, workbook):
    summary, _ = workbook
    form = F.header_row_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    names = [
        "执委人数",
        "兼职副主席人数",
        "巾帼志愿者人数",
        "网格数",
        "网格覆盖户数",
        "帮扶对象数",
        "本月议事会次数",
    ]
    assert [ws.cell(4, c).value for c in range(1, 8)] == [summary[n] for n in names]
    assert ws["H4"].value is None and ws["B2"].value == "杉板村妇联"
    assert ws["F2"].value == "填表日期：2026年11月03日"
    assert ws["E6"].value == "李淑华"
    assert ws["A8"].value == f"其中：网格数：{summary['网格数']}个  巾帼志愿者：{summary['巾帼志愿者人数']}人"
    assert [u.text for u in plan.unknowns] == ["审核人："]
    assert_form_kept(form, wb, {f.cell for f in plan.fills})


def test_label_pairs_and_a_percentage_cell(demo_db, tmp_path, workbook):
    summary, _ = workbook
    form = F.pairs_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    assert (ws["C3"].value, ws["F3"].value) == (summary["本月受理调解案件数"], summary["本月调解成功数"])
    assert (ws["C4"].value, ws["F4"].value) == (summary["本年累计受理数"], summary["本年累计调解成功数"])
    assert ws["C5"].value == pytest.approx(summary["调解成功率(%)"] / 100)  # the form's own 0.0% format
    assert (ws["F5"].value, ws["C6"].value, ws["F6"].value) == (
        summary["在办超期案件数"],
        summary["本月回访数"],
        summary["民转刑案件数"],
    )
    assert not plan.unknowns
    assert_form_kept(form, wb, {f.cell for f in plan.fills})


def test_two_sheets_unit_column_and_pledges(demo_db, tmp_path, workbook):
    summary, ledgers = workbook
    form = F.two_sheet_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb["工作进展"]
    assert ws["B2"].value == "杉板村妇联" and ws["D2"].value.date() == TODAY
    assert (ws["C4"].value, ws["D4"].value) == (summary["本月受理调解案件数"], summary["本年累计受理数"])
    assert (ws["C5"].value, ws["D5"].value) == (summary["本月调解成功数"], summary["本年累计调解成功数"])
    assert ws["C6"].value == summary["本月议事会次数"] and ws["D6"].value is None
    assert [(u.sheet, u.text) for u in plan.unknowns] == [("工作进展", "本年累计召开议事会")]
    pledges = wb["承诺"]
    want = [
        [i, p["姓名"], p["职务"], p["承诺内容"], p["完成进度(%)"]]
        for i, p in enumerate(ledgers["承诺践诺"], 1)
    ]
    got = [[pledges.cell(r, c).value for c in (1, 2, 3, 4, 6)] for r in range(2, 2 + len(want))]
    assert got == want and pledges.cell(2 + len(want), 1).value is None


def test_case_table_numbers_its_rows_and_masks_parties(demo_db, tmp_path, workbook):
    _, ledgers = workbook
    form = F.cases_form(tmp_path / "form.xlsx")
    plan, wb = fill(demo_db, form, tmp_path)
    ws = wb.active
    cases = ledgers["调解台账"]
    assert len(cases) > 4  # rows are added
    for i, case in enumerate(cases, start=1):
        got = [ws.cell(2 + i, c).value for c in range(1, 6)]
        assert got == [i, case["受理日期"], case["纠纷类型"], case["当事人"], case["调解员"]]
        assert "某某" in got[3]
    assert not plan.unknowns


def test_summary_without_her_village_fills_nothing_there(demo_db, tmp_path):
    form = F.village_form(tmp_path / "form.xlsx", "别的村")
    plan, _ = fill(demo_db, form, tmp_path)
    assert not plan.fills
    assert any("杉板村" in note for note in plan.notes)


def test_assignment_is_remembered_by_layout(demo_db, tmp_path, workbook):
    summary, _ = workbook
    form = F.indicator_form(tmp_path / "form.xlsx")
    [unknown] = prepare(demo_db, form, *MONTH).plan.unknowns
    assert "指标:执委人数" in unknown.options
    fill(demo_db, form, tmp_path, assignments={unknown.ident: "指标:帮扶对象数"})
    renamed = tmp_path / "下个月" / "另一个名字.xlsx"
    renamed.parent.mkdir()
    F.indicator_form(renamed)
    plan, wb = fill(demo_db, renamed, tmp_path)
    assert wb.active["D12"].value == summary["帮扶对象数"]
    assert not plan.unknowns
    assert [f.assigned for f in plan.fills if f.cell == "D12"] == [True]
    skipped = prepare(demo_db, renamed, *MONTH, assignments={unknown.ident: SKIP}).plan
    assert "D12" not in {f.cell for f in skipped.fills} and not skipped.unknowns


def test_old_xls_form_is_read_and_saved_as_xlsx(demo_db, tmp_path):
    form = Path(__file__).parent / "data" / "roster_sample.xls"  # a roster already filled in, in .xls
    prepared = prepare(demo_db, form, *MONTH, today=TODAY)
    notes = "\n".join(prepared.plan.notes)
    assert "旧版 Excel 格式" in notes and "已经有内容" in notes
    out = save(demo_db, prepared, tmp_path / "填好.xls")
    assert out.suffix == ".xlsx"
    ws = load_workbook(out).active
    assert ws["B4"].value == "覃平"  # what was there stays, nothing inserted above it
    assert "A1:K1" in {str(r) for r in ws.merged_cells.ranges}
    assert prepared.plan.fills == [] or all(
        f.cell[0] in "AB" and int(f.cell[1:]) <= 2 for f in prepared.plan.fills
    )


def test_text_that_looks_like_a_formula_stays_text(demo_db, tmp_path):
    def rename(session):
        from fedclient.core.models import VillageProfile

        session.get(VillageProfile, 1).village = "=HYPERLINK(1)"

    demo_db.run(rename)
    form = F.indicator_form(tmp_path / "form.xlsx")
    _, wb = fill(demo_db, form, tmp_path)
    cell = wb.active["B2"]
    assert cell.value == "=HYPERLINK(1)妇联" and cell.data_type == "s"


def test_fill_form_command(demo_db, tmp_path, capsys):
    form = F.indicator_form(tmp_path / "form.xlsx")
    out = tmp_path / "out.xlsx"
    args = [
        "fill-form",
        "--db",
        str(demo_db.path),
        "--month",
        "2026-10",
        "--form",
        str(form),
        "--out",
        str(out),
    ]
    demo_db.dispose()
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "将填写 11 个单元格" in captured.out and "党员人数" in captured.err
    assert load_workbook(out).active["D4"].value is not None
    with pytest.raises(SystemExit) as refused:
        main([*args[:5], "--form", str(tmp_path / "无.txt"), "--out", str(out)])
    assert refused.value.code == 2
    assert "请选择 Excel 表格" in capsys.readouterr().err
