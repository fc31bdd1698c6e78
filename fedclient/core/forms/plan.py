"""What filling a form will do, shown before anything is written: cells with their values and sources, rows
to add, and what was not understood (with the keys the chair may assign it to)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class CellFill:
    sheet: str
    cell: str  # coordinate of the cell written
    label: str  # the label or column on the form
    key: str  # what it was matched to (sources' key, or 表:<table>/<column>)
    value: Any
    source: str
    assigned: bool = False  # from the chair's remembered assignment


@dataclass
class Unknown:
    sheet: str
    cell: str  # where the chair assigns it: the value cell of a label, the header cell of a column
    text: str  # the label or column as written on the form
    kind: str  # "标签" or "列"
    options: tuple[str, ...]  # keys she may pick from
    reason: str = "无法识别"
    ident: str = ""  # how an assignment for it is remembered (``fill.ident``)


@dataclass
class RowInsert:
    sheet: str
    at: int
    count: int
    style_row: int


@dataclass
class FormPlan:
    fills: list[CellFill] = field(default_factory=list)
    unknowns: list[Unknown] = field(default_factory=list)
    inserts: list[RowInsert] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    fingerprint: str = ""

    def summary(self) -> str:
        text = f"将填写 {len(self.fills)} 个单元格"
        if self.inserts:
            text += f"，增加 {sum(i.count for i in self.inserts)} 行"
        if self.unknowns:
            text += f"；{len(self.unknowns)} 处未能识别，保持空白"
        return text
