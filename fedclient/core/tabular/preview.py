"""What an importer's check of every row returns, shown by the import dialog before anything is written, and
the refused rows saved back to a file the chair can correct and import again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cells import cell_text
from .read import Field, Record, Table


class RowValues(Mapping):
    """A row's shown values by field name: one tuple per row and the names shared (a dict per row of a
    50,000-row file costs tens of megabytes)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: Sequence[str]):
        self._names, self._values = names, tuple(values)

    def __getitem__(self, name: str) -> str:
        return self._values[self._names[name]]

    def __setitem__(self, name: str, value: str) -> None:
        values = list(self._values)
        values[self._names[name]] = value
        self._values = tuple(values)

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def row_values(record: Record, fields: Sequence[Field], **shown: str) -> RowValues:
    """The row's cells as text; ``shown``: the text to show instead for some fields (as checked)."""
    names = _names_of(tuple(f.name for f in fields))
    texts = [record.text(f.name) for f in fields]
    for name, text in shown.items():
        texts[names[name]] = text
    return RowValues(names, texts)


@lru_cache(maxsize=64)
def _names_of(names: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


KIND_LABELS = {
    "new": "新增",
    "update": "更新",
    "same": "无变化",
    "refused": "不能导入",
    "duplicate": "重复",
    "skipped": "跳过",
}


@dataclass(slots=True)  # one per row of the file: 50,000 rows must stay small
class PreviewRow:
    row_number: int  # row in the sheet
    kind: str  # "new" | "update" | "same" | "refused" | "duplicate" | "skipped"
    values: Mapping[str, str]  # field name -> text shown in the preview (``RowValues``)
    problems: list[str] = field(default_factory=list)  # why it is refused / duplicate
    warnings: list[str] = field(default_factory=list)  # imported, but worth a look
    changes: list[str] = field(default_factory=list)  # for updates: "联系电话：旧 → 新"
    payload: Any = None  # what the importer will write (its own type)
    existing_id: int | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def writes(self) -> bool:
        return self.kind in ("new", "update")

    @property
    def note(self) -> str:
        return "；".join(self.problems + self.changes + self.warnings)


@dataclass
class Preview:
    rows: list[PreviewRow]
    source: str = ""  # the file's name, for the history of changes ("导入 花名册.xlsx")
    notes: list[str] = field(default_factory=list)  # about the whole file (所在组取自表中的分组标题行…)
    read_mapping: dict[str, int | None] | None = None  # ``Table.read_mapping``: the fields the rows show

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    def summary(self) -> str:
        parts = [f"{label} {self.count(kind)} 行" for kind, label in KIND_LABELS.items()]
        return f"共 {len(self.rows)} 行：" + "，".join(parts)

    def warning_rows(self) -> list[PreviewRow]:
        """Rows to be written that carry a warning worth the chair's look."""
        return [r for r in self.rows if r.writes and r.warnings]


def skipped_row(record: Record, fields) -> PreviewRow:
    """A row that is not data (合计, a signature line, a hidden row, …), listed with the reason."""
    return PreviewRow(record.row_number, "skipped", row_values(record, fields), [record.skip])


def save_problem_rows(table: Table, rows: Sequence[PreviewRow], path: Path | str) -> int:
    """The rows that were not imported, as the user wrote them plus a 未导入原因 column, so she can fix them
    and import the file again. Returns how many rows were written."""
    from openpyxl import Workbook

    from ..excel import save_workbook, write_table

    bad = [r for r in rows if r.kind in ("refused", "duplicate")]
    source = table.rows  # as read: a group merged down over several rows is written into each
    headers = [cell_text(h) or f"第{i + 1}列" for i, h in enumerate(source[table.header_row])]
    carried, group = table.filled().carried, table.group_field
    if carried is not None and carried.column is not None and group is not None:  # a group from headings
        headers += [f"第{i + 1}列" for i in range(len(headers), carried.column)] + [group.label]
    data = []
    for r in bad:
        cells = list(source[r.row_number - 1]) + [None] * len(headers)
        data.append([*cells[: len(headers)], f"第{r.row_number}行：" + "；".join(r.problems)])
    wb = Workbook()
    ws = wb.active
    ws.title = "未导入的行"
    write_table(ws, [*headers, "未导入原因"], data, widths={"未导入原因": 60})
    save_workbook(wb, path)
    return len(bad)
