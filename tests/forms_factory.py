"""Township forms of different shapes, made in the tests (labels left/above, merged labels, units in brackets,
full-width colons, ledger tables with their own columns, a summary with a row per village)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TITLE = Font(name="宋体", size=16, bold=True)


def _box(ws, cells: str) -> None:
    for row in ws[cells]:
        for cell in row:
            cell.border = BOX


def _title(ws, text: str, last_col: str) -> None:
    ws["A1"] = text
    ws["A1"].font = TITLE
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(f"A1:{last_col}1")


def indicator_form(path: Path) -> Path:
    """Labels left of their values, a unit column, merged label cells, a formula and an inline footer."""
    wb = Workbook()
    ws = wb.active
    ws.title = "妇联工作情况"
    _title(ws, "村（社区）妇联工作情况统计表", "D")
    ws["A2"], ws["C2"] = "填报单位：", "统计月份："
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "序号", "项  目", "单位", "数量"
    items = [
        ("执委人数", "人"),
        ("巾帼志愿者总数", "人"),
        ("本月受理调解纠纷", "件"),
        ("其中：调解成功", "件"),
        ("本月调解成功（起）", ""),
        ("调解成功率", "%"),
        ("网格覆盖户数（户）", ""),
        ("本月议事会次数", "次"),
        ("党员人数", "人"),
    ]
    for i, (label, unit) in enumerate(items, start=4):
        ws.cell(i, 1, i - 3)
        ws.cell(i, 2, label)
        ws.cell(i, 3, unit or None)
    ws["A13"] = "合计（人）"
    ws["D13"] = "=D4+D5"
    ws.merge_cells("A13:C13")
    _box(ws, "A3:D13")
    ws["A15"] = "填报人：______    联系电话：______"
    ws.merge_cells("A15:D15")
    ws.column_dimensions["B"].width = 28
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = "3:3"
    wb.save(path)
    return path


def above_form(path: Path) -> Path:
    """Labels above their values (merged two columns wide, full-width colons) and a 本月/本年累计 table."""
    wb = Workbook()
    ws = wb.active
    ws.title = "调解工作"
    _title(ws, "婚姻家庭矛盾纠纷调解工作月报表", "F")
    for col, label in ((1, "村（社区）："), (3, "网格数（个）"), (5, "执委数量：")):
        ws.cell(2, col, label)
        ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + 1)
        ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + 1)
    _box(ws, "A2:F3")
    ws["A5"], ws["B5"], ws["C5"] = "项目", "本月", "本年累计"
    ws["A6"], ws["A7"], ws["A8"] = "受理调解纠纷（件）", "调解成功（件）", "家庭暴力案件（件）"
    _box(ws, "A5:C8")
    ws["A10"], ws["B10"] = "填报日期：", None
    wb.save(path)
    return path


def volunteer_form(path: Path, rows: int = 3) -> Path:
    """A volunteer list with its own columns, pre-numbered rows (too few) and a 合计 row with a formula."""
    wb = Workbook()
    ws = wb.active
    ws.title = "志愿者"
    _title(ws, "巾帼志愿者花名册", "G")
    headers = ["序号", "姓 名", "性别", "出生年月", "手机号码", "特长", "年龄"]
    for c, h in enumerate(headers, 1):
        ws.cell(3, c, h).font = Font(bold=True)
    for i in range(rows):
        ws.cell(4 + i, 1, i + 1)
    total = 4 + rows
    ws.cell(total, 1, "合计")
    ws.cell(total, 2, f"=COUNTA(B4:B{total - 1})")
    ws.merge_cells(start_row=total + 2, start_column=1, end_row=total + 2, end_column=3)
    ws.cell(total + 2, 1, "填报人：")
    _box(ws, f"A3:G{total}")
    ws.row_dimensions[4].height = 22
    wb.save(path)
    return path


def meetings_form(path: Path) -> Path:
    """Council meetings: 日期 地点 议题 参会人数, blank bordered rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "议事会"
    ws["A1"] = "妇女议事会开展情况登记表"
    for c, h in enumerate(["时间", "会议地点", "议事主题", "参加人数（人）"], 1):
        ws.cell(2, c, h)
    _box(ws, "A2:D10")
    wb.save(path)
    return path


def village_form(path: Path, village: str) -> Path:
    """The township's summary: a row per village, a two-row header, SUM formulas in the 合计 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "各村汇总"
    _title(ws, "各村妇联重点工作进度汇总表", "G")
    ws["A2"], ws["B2"], ws["C2"], ws["E2"], ws["G2"] = "序号", "单位", "队伍建设", "调解纠纷", "备注"
    ws.merge_cells("C2:D2")
    ws.merge_cells("E2:F2")
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("G2:G3")
    ws["C3"], ws["D3"], ws["E3"], ws["F3"] = "执委人数", "巾帼志愿者人数", "本月受理（件）", "调解成功率(%)"
    names = ["东岭村", f"{village}", "西河社区", "南山村", "北坪村"]
    for i, name in enumerate(names, start=4):
        ws.cell(i, 1, i - 3)
        ws.cell(i, 2, name)
    ws["B9"] = "合计"
    for col in "CDE":
        ws[f"{col}9"] = f"=SUM({col}4:{col}8)"
    _box(ws, "A2:G9")
    wb.save(path)
    return path


def header_row_form(path: Path) -> Path:
    """Indicator names as a header row with one blank row below, 填表日期 with 年 月 日 blanks, a footer."""
    wb = Workbook()
    ws = wb.active
    _title(ws, "2026年村（社区）妇联基础数据统计表", "H")
    ws["A2"], ws["F2"] = "填报单位（盖章）：", "填表日期：    年   月   日"
    ws.merge_cells("F2:H2")
    heads = ["执委会成员人数", "兼职副主席（人）", "巾帼志愿者队伍人数", "网格数（个）", "网格联系户数（户）"]
    heads += ["帮扶对象（人）", "妇女议事会召开次数", "备注"]
    for col, text in enumerate(heads, 1):
        ws.cell(3, col, text)
    _box(ws, "A3:H4")
    ws["A6"], ws["D6"] = "审核人：", "填表人："
    ws["A8"] = "其中：网格数：  个   巾帼志愿者：   人"
    ws.merge_cells("A8:H8")
    wb.save(path)
    return path


def pairs_form(path: Path) -> Path:
    """Two label/value pairs a row, labels merged over two columns, a rate cell formatted as a percentage."""
    wb = Workbook()
    ws = wb.active
    _title(ws, "婚姻家庭纠纷调处工作月报", "F")
    rows = [
        ("本月受理婚姻家庭纠纷（起）", "本月调解成功（起）"),
        ("本年累计受理（起）", "本年累计调处成功（起）"),
        ("调解成功率", "在办超期案件（件）"),
        ("本月回访（次）", "民转刑案件（起）"),
    ]
    for r, (left, right) in enumerate(rows, start=3):
        ws.cell(r, 1, left)
        ws.cell(r, 4, right)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=5)
    _box(ws, "A3:F6")
    ws["C5"].number_format = "0.0%"
    wb.save(path)
    return path


def two_sheet_form(path: Path) -> Path:
    """本月/本年累计 columns after a 单位 column, 单位： as a label, and a pledge table on a second sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "工作进展"
    _title(ws, "妇联践诺及调解工作情况表", "D")
    ws["A2"], ws["C2"] = "单位：", "报送时间："
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = "工作内容", "单位", "本月", "本年累计"
    for row, (item, unit) in enumerate(
        (("受理矛盾纠纷", "件"), ("调解成功", "件"), ("召开议事会", "场")), start=4
    ):
        ws.cell(row, 1, item)
        ws.cell(row, 2, unit)
    _box(ws, "A3:D6")
    pledges = wb.create_sheet("承诺")
    for col, text in enumerate(["序号", "执委姓名", "职务", "一句话承诺", "完成时限", "完成进度（%）"], 1):
        pledges.cell(1, col, text)
    _box(pledges, "A1:F4")
    wb.save(path)
    return path


def cases_form(path: Path) -> Path:
    """A case ledger with its own words and a 序号 column the monthly ledger does not have."""
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "婚姻家庭矛盾纠纷排查调处台账"
    for col, text in enumerate(["序号", "受理时间", "纠纷类型", "当事人", "调解人"], 1):
        ws.cell(2, col, text)
    _box(ws, "A2:E6")
    wb.save(path)
    return path
