"""Cells merged below the header, read as the chair sees them: 所在组, 村, 户号 or 备注 written once and merged
down over the rows of one group belongs to every row of the merge (Excel and WPS keep the value in the merge's
first cell only). Merges in the title and header rows are the header's business (``read.two_row_header``).

- A merge down in any column but the name's is given to each row it covers that holds something else (a blank
  separator row inside it stays blank).
- A name merged down over several rows is one person written on several rows: the rows below are not other
  people (they are listed as skipped, with the row where her name is).
- A merge across columns the import reads (a remark merged over 备注 and 联系电话) is not guessed at: its text
  stays with the merge's first column and the row carries a warning naming both columns.

A sheet without merges below its header costs nothing here: its rows are used as they are.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .cells import cell_text, is_blank, is_prenumbered_blank
from .groups import Carried


@dataclass
class Filled:
    rows: list[list[Any]]  # the sheet's rows, merged cells below the header given to every row they cover
    notes: dict[int, str] = field(default_factory=dict)  # row index -> warning about a merge across columns
    continued: dict[int, int] = field(default_factory=dict)  # row index -> row index where the name is
    carried: Carried | None = None  # group heading rows (``groups``), when the table has a group field


def fill_merged(
    rows: list[list[Any]],
    merged: Sequence[tuple[int, int, int, int]],
    header_row: int,
    mapping: Mapping[str, int | None],
    labels: Mapping[str, str],
    person_column: int | None,
) -> Filled:
    """``rows`` with the merges below ``header_row`` filled (``rows`` itself when there are none: the sheet's
    rows are never changed); ``mapping``: field name -> column, ``labels``: field name -> Chinese label."""
    below = [m for m in merged if m[0] > header_row]
    if not below:
        return Filled(rows)
    filled = list(rows)
    copied: set[int] = set()
    notes: dict[int, list[str]] = {}
    continued: dict[int, int] = {}
    field_at = {col: labels[name] for name, col in mapping.items() if col is not None}
    for top, left, bottom, right in sorted(below):
        bottom = min(bottom, len(rows) - 1)
        value = rows[top][left] if left < len(rows[top]) else None
        if cell_text(value) == "":
            continue
        if covered := [c for c in range(left + 1, right + 1) if c in field_at]:  # across columns read
            others = "、".join(f"“{field_at[c]}”" for c in covered)
            text = cell_text(value)
            said = f"“{text if len(text) <= 20 else text[:20] + '…'}”是一个合并单元格，横跨"
            if left in field_at:
                said += f"“{field_at[left]}”和{others}列：只按“{field_at[left]}”导入，{others}没有填，请核对"
            else:
                said += f"第{left + 1}列和{others}列：内容在不导入的第{left + 1}列，{others}没有填，请核对"
            for r in range(top, bottom + 1):
                notes.setdefault(r, []).append(said)
        for r in range(top + 1, bottom + 1):
            row = rows[r]
            if is_blank(row) or is_prenumbered_blank(row):
                continue
            if left == person_column:
                continued[r] = top
                continue
            if r in copied:
                row = filled[r]
            else:
                filled[r] = row = list(row)
                copied.add(r)
            if left >= len(row):
                row.extend([None] * (left + 1 - len(row)))
            if cell_text(row[left]) == "":
                row[left] = value
    return Filled(filled, {r: "；".join(texts) for r, texts in notes.items()}, continued)
