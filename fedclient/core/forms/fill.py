"""填写乡镇表格: open the township's form, plan every cell (preview), then write the values into a copy.

The form is filled in place (openpyxl keeps its layout, merged cells, fonts, borders, widths, print settings
and formulas); an .xls form is read with python-calamine (values and merged cells only) and saved as .xlsx.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from ..excel import save_workbook
from ..synonyms import normalise
from . import labels as L
from . import tables as T
from .grid import Grid, insert_rows, write
from .plan import CellFill, FormPlan, RowInsert, Unknown
from .sources import INDICATOR, PROFILE, SKIP, TABLE_NOTES, VALUE_KEYS, Sources

XLSX_SUFFIXES = (".xlsx", ".xlsm")
READ_SUFFIXES = (*XLSX_SUFFIXES, ".xls", ".et", ".ods")
FILE_FILTER = "表格文件 (*.xlsx *.xls *.xlsm *.et *.ods);;所有文件 (*)"


class FormError(Exception):
    """The form cannot be read (Chinese message)."""


def open_form(path: Path | str) -> tuple[Workbook, list[str]]:
    path = Path(path)
    if path.suffix.lower() not in READ_SUFFIXES:
        raise FormError(f"无法读取“{path.name}”：请选择 Excel 表格（.xlsx 或 .xls）")
    try:
        if path.suffix.lower() in XLSX_SUFFIXES:
            return load_workbook(path), []
        return _from_calamine(path), [
            f"“{path.name}”是旧版 Excel 格式（{path.suffix}），已读出其中的文字和合并单元格，填好后另存为 .xlsx；"
            "原表的字体、边框、列宽请打开核对"
        ]
    except FormError:
        raise
    except FileNotFoundError as exc:
        raise FormError(f"找不到“{path.name}”（在U盘上的话，请检查U盘是否插好），请重新选择") from exc
    except PermissionError as exc:
        raise FormError(
            f"无法读取“{path.name}”：没有权限，或它正被其他程序（如 Excel、WPS）占用，请关闭后重试"
        ) from exc
    except Exception as exc:  # noqa: BLE001 - any unreadable file gets one plain sentence
        raise FormError(f"无法打开“{path.name}”：不是 Excel 表格，或文件已损坏") from exc


def _from_calamine(path: Path) -> Workbook:
    book = CalamineWorkbook.from_path(str(path))
    wb = Workbook()
    wb.remove(wb.active)
    for name in book.sheet_names:
        sheet = book.get_sheet_by_name(name)
        ws = wb.create_sheet(name)
        for r, row in enumerate(sheet.to_python(skip_empty_area=False), start=1):
            for c, value in enumerate(row, start=1):
                if value != "":
                    write(
                        ws,
                        ws.cell(r, c).coordinate,
                        int(value) if isinstance(value, float) and value.is_integer() else value,
                    )
        for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    return wb


def fingerprint(wb: Workbook) -> str:
    """The form's layout: its labels and where they stand (not its file name, not what is filled in)."""
    import hashlib

    parts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and normalise(cell.value) and not cell.value.startswith("="):
                    parts.append(f"{ws.title}|{cell.coordinate}|{normalise(cell.value)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def ident(sheet: str, kind: str, text: str, n: int) -> str:
    """How an assignment is remembered: by sheet, kind and label (and which of equal labels), not by row, so
    that it still holds when the form's tables grow."""
    return f"{sheet}|{kind}|{normalise(text)}|{n}"


def plan_form(wb: Workbook, sources: Sources, assignments: dict[str, str] | None = None) -> FormPlan:
    """Recognise every sheet and decide each cell (rows are inserted into ``wb`` now; values at ``apply``)."""
    assignments = assignments or {}
    plan = FormPlan(fingerprint=fingerprint(wb))
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        _plan_sheet(ws, sources, assignments, plan)
    return plan


def _plan_sheet(ws, sources: Sources, assignments: dict[str, str], plan: FormPlan) -> None:
    seen: Counter[str] = Counter()

    def known(kind: str, text: str) -> tuple[str, str | None]:
        key = normalise(text) + kind
        seen[key] += 1
        i = ident(ws.title, kind, text, seen[key])
        return i, assignments.get(i)

    grid = Grid(ws)
    skip: set[tuple[int, int]] = set()
    village = T.find_village_table(grid, sources.data.profile.village)
    if village:
        skip |= T.region(grid, village.header_row, village.last_row, village.header_row - 1)
        _plan_village(grid, village, sources, plan, known)
    grid = Grid(ws)
    for table in reversed(T.find_ledger_tables(grid)):  # bottom first: inserting rows moves what is below
        if any((table.header_row, c) in skip for c in table.columns):
            continue
        _plan_ledger(ws, table, sources, plan, known)
    grid = Grid(ws)
    for table in T.find_ledger_tables(grid):
        end = table.total_row or (table.body[-1] if table.body else table.header_row)
        skip |= T.region(grid, table.header_row, end, table.header_row - 1)
    _plan_labels(grid, sources, plan, known, skip)


def _value_fill(ws, cell: str, label: str, key: str, sources: Sources, assigned: bool) -> CellFill:
    return CellFill(ws.title, cell, label, key, sources.value(key), sources.source(key), assigned)


def _plan_village(grid: Grid, table: T.VillageTable, sources: Sources, plan: FormPlan, known) -> None:
    ws, name = grid.ws, sources.data.profile.village
    if table.row is None:
        plan.notes.append(f"“{ws.title}”是各村汇总表，但表中没有找到“{name}”这一行，未填写")
        return
    if grid.is_empty(table.row, table.village_col):
        cell = grid.coordinate(table.row, table.village_col)
        plan.fills.append(
            CellFill(ws.title, cell, "村名", PROFILE + "村(社区)", name, "村妇联基本资料：村(社区)")
        )
    columns = dict(table.columns)
    for col, text in table.unknown.items():
        if normalise(text) in L.HEADER_WORDS:
            continue
        i, assigned = known("列", text)
        if assigned and assigned != SKIP:
            columns[col] = assigned
        elif not assigned:
            plan.unknowns.append(
                Unknown(ws.title, grid.coordinate(table.header_row, col), text, "列", VALUE_KEYS, ident=i)
            )
    for col, key in columns.items():
        if grid.fillable(table.row, col):
            label = grid.text(table.header_row, col)
            plan.fills.append(
                _value_fill(
                    ws, grid.coordinate(table.row, col), label, key, sources, col not in table.columns
                )
            )


def _plan_ledger(ws, table: T.LedgerTable, sources: Sources, plan: FormPlan, known) -> None:
    columns, rows = sources.table(table.table)
    if table.occupied:
        header = ws.cell(table.header_row, min(table.columns)).coordinate
        plan.notes.append(f"“{ws.title}”{header} 起的表格下面已经有内容，没有填写，以免覆盖")
        return
    wanted = dict(table.columns)
    for col, text in table.unknown.items():
        if normalise(text) in L.HEADER_WORDS:
            continue
        i, assigned = known("列", text)
        if assigned and assigned != SKIP:
            wanted[col] = assigned.rpartition("/")[2]
        elif not assigned:
            cell = ws.cell(table.header_row, col).coordinate
            plan.unknowns.append(
                Unknown(ws.title, cell, text, "列", tuple(f"表:{table.table}/{c}" for c in columns), ident=i)
            )
    body = list(table.body)
    missing = len(rows) - len(body)
    if missing > 0:
        at = body[-1] if body else table.header_row + 1
        style = body[-1] if body else table.header_row + 1
        insert_rows(ws, at, missing, style)
        plan.inserts.append(RowInsert(ws.title, at, missing, style))
        body = (
            body[:-1] + list(range(at, at + missing)) + [body[-1] + missing]
            if body
            else list(range(at, at + missing))
        )
    grid = Grid(ws)
    source = TABLE_NOTES[table.table]
    headers = {col: grid.text(table.header_row, col) for col in wanted}
    for number, (row, record) in enumerate(zip(body, rows, strict=False), start=1):
        record = {**record, "序号": number}  # the form's own numbering (pre-numbered rows are placeholders)
        for col, name in wanted.items():
            if name not in record or grid.top_left(row, col) != (row, col) or grid.is_formula(row, col):
                continue
            if name == "序号" and grid.value(row, col) == number:
                continue
            if name == "序号" and not (
                grid.is_empty(row, col) or isinstance(grid.value(row, col), int | float)
            ):
                continue
            cell = grid.coordinate(row, col)
            plan.fills.append(
                CellFill(ws.title, cell, headers[col], f"表:{table.table}/{name}", record[name], source)
            )
    if not rows:
        plan.notes.append(f"“{ws.title}”的表格按{source}填写，本月没有记录")


def _plan_labels(grid: Grid, sources: Sources, plan: FormPlan, known, skip) -> None:
    ws = grid.ws
    for row, col, text in L.label_cells(grid, skip):
        inline = L.inline_labels(text)
        spots = L.targets(grid, row, col)
        if inline and (len(inline) > 1 or not spots):
            _plan_inline(grid, row, col, inline, sources, plan, known)
            continue
        for cell, scope in spots:
            label = L.with_context(grid, row, col, text)
            label = scope + label if scope else label
            key, why = L.match_label(label)
            i, assigned = known("标签", label)
            coordinate = grid.coordinate(*cell)
            if assigned:
                if assigned != SKIP:
                    plan.fills.append(_value_fill(ws, coordinate, label, assigned, sources, True))
            elif key:
                plan.fills.append(_value_fill(ws, coordinate, label, key, sources, False))
            else:
                plan.unknowns.append(Unknown(ws.title, coordinate, label, "标签", VALUE_KEYS, why, i))


def _plan_inline(grid: Grid, row: int, col: int, parts, sources: Sources, plan: FormPlan, known) -> None:
    text, pieces, keys = "", [], []
    for label, blank, unit in parts:
        if normalise(label) in L.PART_OF:  # 其中：网格数：… — a lead-in, not a question
            pieces.append(f"{label}：")
            continue
        key, why = L.match_label(f"{label}（{unit}）" if unit else label)
        i, assigned = known("标签", label)
        key = (None if assigned == SKIP else assigned) if assigned else key
        if key:
            value = sources.value(key)
            shown = f"{value:%Y年%m月%d日}" if hasattr(value, "isoformat") else str(value)
            pieces.append(f"{label}：{shown}{unit}" + ("  " if blank.strip() or len(blank) > 1 else ""))
            keys.append(key)
        else:
            pieces.append(f"{label}：{blank}{unit}")
            if not assigned:
                coordinate = grid.coordinate(row, col)
                plan.unknowns.append(Unknown(grid.ws.title, coordinate, label, "标签", VALUE_KEYS, why, i))
    if keys:
        text = "".join(pieces).rstrip()
        source = "；".join(sources.source(k) for k in keys)
        plan.fills.append(
            CellFill(
                grid.ws.title,
                grid.coordinate(row, col),
                "、".join(p[0] for p in parts),
                "、".join(keys),
                text,
                source,
            )
        )


def apply_plan(wb: Workbook, plan: FormPlan, out: Path | str) -> Path:
    """Write the planned values and save the filled form (atomically; the original is never touched)."""
    for fill in plan.fills:
        value = fill.value
        if fill.key.endswith("(%)") and "%" in wb[fill.sheet][fill.cell].number_format and value is not None:
            value = value / 100  # the form shows a fraction as a percentage: 86.4 is written 0.864
        write(wb[fill.sheet], fill.cell, value)
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")
    return save_workbook(wb, out)


__all__ = ["FILE_FILTER", "FormError", "INDICATOR", "apply_plan", "fingerprint", "open_form", "plan_form"]
