"""What an importer's check of every row returns, shown by the import dialog before anything is written, and
the refused rows saved back to a file the chair can correct and import again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cells import cell_text
from .read import Record, Table


@dataclass
class PreviewRow:
    row_number: int  # row in the sheet
    kind: str  # "new" | "update" | "same" | "refused" | "duplicate" | "skipped"
    values: dict[str, str]  # field name -> text shown in the preview
    problems: list[str] = field(default_factory=list)  # why it is refused / duplicate
    warnings: list[str] = field(default_factory=list)  # imported, but worth a look
    changes: list[str] = field(default_factory=list)  # for updates: "联系电话：旧 → 新"
    payload: Any = None  # what the importer will write (its own type)
    existing_id: int | None = None

    KIND_LABELS = {
        "new": "新增",
        "update": "更新",
        "same": "无变化",
        "refused": "不能导入",
        "duplicate": "重复",
        "skipped": "跳过",
    }

    @property
    def kind_label(self) -> str:
        return self.KIND_LABELS.get(self.kind, self.kind)

    @property
    def writes(self) -> bool:
        return self.kind in ("new", "update")

    @property
    def note(self) -> str:
        return "；".join(self.problems + self.changes + self.warnings)


@dataclass
class Preview:
    rows: list[PreviewRow]

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind)

    def summary(self) -> str:
        parts = [f"{label} {self.count(kind)} 行" for kind, label in PreviewRow.KIND_LABELS.items()]
        return f"共 {len(self.rows)} 行：" + "，".join(parts)

    def warning_rows(self) -> list[PreviewRow]:
        """Rows to be written that carry a warning worth the chair's look."""
        return [r for r in self.rows if r.writes and r.warnings]


def skipped_row(record: Record, fields) -> PreviewRow:
    """A row that is not data (合计, a signature line, a hidden row, …), listed with the reason."""
    shown = {f.name: record.text(f.name) for f in fields}
    return PreviewRow(record.row_number, "skipped", shown, [record.skip])


def save_problem_rows(table: Table, rows: Sequence[PreviewRow], path: Path | str) -> int:
    """The rows that were not imported, as the user wrote them plus a 未导入原因 column, so she can fix them
    and import the file again. Returns how many rows were written."""
    from openpyxl import Workbook

    from ..excel import save_workbook, write_table

    bad = [r for r in rows if r.kind in ("refused", "duplicate")]
    source = table.sheet.rows
    headers = [cell_text(h) or f"第{i + 1}列" for i, h in enumerate(source[table.header_row])]
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
