"""A worksheet of a township form seen as a grid of cells: merged areas, formulas, empty cells to fill, and
writing a value or inserting rows without disturbing the form's own layout, styles and formulas."""

from __future__ import annotations

import re
from copy import copy
from datetime import date, datetime
from typing import Any

from openpyxl.cell.cell import MergedCell
from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..excel import DATE_FORMAT, set_value

_REF = re.compile(r"(\$?[A-Z]{1,3})(\$?)(\d+)")


class Grid:
    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.owner: dict[tuple[int, int], CellRange] = {}
        for area in ws.merged_cells.ranges:
            for row in range(area.min_row, area.max_row + 1):
                for col in range(area.min_col, area.max_col + 1):
                    self.owner[(row, col)] = area

    @property
    def max_row(self) -> int:
        return self.ws.max_row

    @property
    def max_col(self) -> int:
        return self.ws.max_column

    def top_left(self, row: int, col: int) -> tuple[int, int]:
        area = self.owner.get((row, col))
        return (area.min_row, area.min_col) if area else (row, col)

    def span(self, row: int, col: int) -> tuple[int, int, int, int]:
        """(min_row, min_col, max_row, max_col) of the merged area holding the cell, or the cell alone."""
        area = self.owner.get((row, col))
        return (area.min_row, area.min_col, area.max_row, area.max_col) if area else (row, col, row, col)

    def value(self, row: int, col: int) -> Any:
        r, c = self.top_left(row, col)
        return self.ws.cell(r, c).value

    def text(self, row: int, col: int) -> str:
        value = self.value(row, col)
        return value.strip() if isinstance(value, str) and not is_formula(value) else ""

    def is_formula(self, row: int, col: int) -> bool:
        r, c = self.top_left(row, col)
        cell = self.ws.cell(r, c)
        return cell.data_type == "f" or is_formula(cell.value)

    def is_empty(self, row: int, col: int) -> bool:
        value = self.value(row, col)
        return value is None or (isinstance(value, str) and not value.strip())

    def fillable(self, row: int, col: int) -> bool:
        return row >= 1 and col >= 1 and self.is_empty(row, col) and not self.is_formula(row, col)

    def bordered(self, row: int, col: int) -> bool:
        cell = self.ws.cell(*self.top_left(row, col))
        if isinstance(cell, MergedCell):
            return False
        b = cell.border
        return any(side is not None and side.style for side in (b.left, b.right, b.top, b.bottom))

    def right_of(self, row: int, col: int) -> tuple[int, int]:
        return row, self.span(row, col)[3] + 1

    def below(self, row: int, col: int) -> tuple[int, int]:
        return self.span(row, col)[2] + 1, col

    def coordinate(self, row: int, col: int) -> str:
        return self.ws.cell(*self.top_left(row, col)).coordinate


def is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=") or type(value).__name__ == "ArrayFormula"


def write(ws: Worksheet, coordinate: str, value: Any) -> None:
    """Write as the monthly workbook does (text stays text, never a formula), keeping the form's own style;
    a date gets yyyy-mm-dd only where the form did not choose a format."""
    cell = ws[coordinate]
    if isinstance(value, date | datetime):
        keep = cell.number_format
        cell.value = value
        cell.number_format = DATE_FORMAT if keep == "General" else keep
        return
    keep = cell.number_format
    set_value(cell, value)
    if cell.number_format != "@":
        cell.number_format = keep


def shift_formula(formula: str, at: int, count: int) -> str:
    """References to rows at or below ``at`` move down by ``count``; a range across ``at`` grows."""
    tokens = Tokenizer(formula)
    out = []
    for token in tokens.items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            prefix, _, ref = token.value.rpartition("!")

            def move(m: re.Match) -> str:
                row = int(m.group(3))
                return f"{m.group(1)}{m.group(2)}{row + count if row >= at else row}"

            token.value = (prefix + "!" if prefix else "") + _REF.sub(move, ref)
        out.append(token.value)
    return "=" + "".join(out)


def insert_rows(ws: Worksheet, at: int, count: int, style_row: int) -> None:
    """Insert ``count`` rows before row ``at``, styled like ``style_row`` (a row number before the insert),
    moving merged areas, row heights, formulas and the print area below them as a spreadsheet program does."""
    if count <= 0:
        return
    for row in ws.iter_rows():
        for cell in row:
            if is_formula(cell.value) and isinstance(cell.value, str):
                cell.value = shift_formula(cell.value, at, count)
    moved = [area for area in ws.merged_cells.ranges if area.min_row >= at]
    for area in moved:
        ws.merged_cells.remove(area)
    heights = {r: d.height for r, d in ws.row_dimensions.items() if r >= at and d.height}
    ws.insert_rows(at, count)
    for area in moved:
        area.shift(0, count)
        ws.merged_cells.add(area)
    for r in sorted(heights, reverse=True):
        ws.row_dimensions[r + count].height = heights[r]
        if r < at + count:
            ws.row_dimensions[r].height = None
    source = style_row + count if style_row >= at else style_row
    model = [ws.cell(source, c) for c in range(1, ws.max_column + 1)]
    merged_in_row = [a for a in ws.merged_cells.ranges if a.min_row == a.max_row == source]
    for r in range(at, at + count):
        for cell in model:
            target = ws.cell(r, cell.column)
            target._style = copy(cell._style)
        if ws.row_dimensions[source].height:
            ws.row_dimensions[r].height = ws.row_dimensions[source].height
        for area in merged_in_row:
            ws.merge_cells(start_row=r, end_row=r, start_column=area.min_col, end_column=area.max_col)
    if ws.print_area:
        ws.print_area = [shift_formula("=" + part, at, count)[1:] for part in str(ws.print_area).split(",")]
