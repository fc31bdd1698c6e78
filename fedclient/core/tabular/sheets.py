"""Which sheet of a workbook holds the people: the one with the most rows that look like people; example,
instructions and hidden sheets only when no other sheet has any; a sheet named like statistics (统计, 汇总,
分析) loses to a sheet holding as many. When another sheet holds about as many people as the one read (this
year's and last year's roster side by side), the table says so (``Table.doubt``) instead of reading the first
silently: the chair picks the sheet (the dialog's 工作表, the command line's ``--sheet``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..progress import Progress, no_progress
from .cells import cell_text, is_blank, row_label
from .files import Sheet, TableError, read_sheets
from .people import is_person_name
from .read import Field, Table, _header_words, guess_mapping, header_score, sheet_header

EXAMPLE_SHEET_WORDS = ("示例", "样表", "样例", "范例", "模板", "说明", "例子", "填写要求", "填表要求")
SUMMARY_SHEET_WORDS = ("统计", "汇总", "分析")
CLOSE_ENOUGH = 0.8  # another sheet holding this share of the people read or more: the chair is asked


@dataclass(frozen=True)
class SheetChoice:
    name: str
    people: int  # rows that look like people under the best header of that sheet
    example: bool  # named like an example or instructions sheet, or hidden
    hidden: bool = False  # hidden in the workbook
    summary: bool = False  # named like statistics (统计, 汇总)

    @property
    def note(self) -> str:
        kind = (
            "隐藏的工作表，"
            if self.hidden
            else "示例或说明，"
            if self.example
            else "统计或汇总，"
            if self.summary
            else ""
        )
        return f"{kind}{self.people} 行像人员"


def choose_sheet(sheets: Sequence[Sheet], fields: Sequence[Field]) -> tuple[int, int, list[SheetChoice]]:
    """The sheet holding the most plausible people (an example or instructions sheet only when no other
    sheet has any; a statistics sheet losing ties), its header row, and what each sheet held."""
    person = next((f for f in fields if f.person), None)
    ranked, choices = [], []
    for index, sheet in enumerate(sheets):
        row = sheet_header(sheet, fields)
        score = header_score(sheet.rows[row], fields) if sheet.rows else 0
        people = 0
        if score and person is not None:
            headers = [cell_text(c) for c in sheet.rows[row]]
            col = guess_mapping(headers, fields, sheet.hidden_columns).get(person.name)
            if col is not None:
                hidden = sheet.hidden_rows
                cells = [
                    r[col]
                    for i, r in enumerate(sheet.rows[row + 1 :], start=row + 1)
                    if col < len(r) and i not in hidden and not row_label(r, col)
                ]
                people = _people(cells, _header_words(fields, headers))
        example = not sheet.visible or any(w in sheet.name for w in EXAMPLE_SHEET_WORDS)
        summary = any(w in sheet.name for w in SUMMARY_SHEET_WORDS)
        choices.append(SheetChoice(sheet.name, people, example, not sheet.visible, summary))
        ranked.append(((people > 0 and not example, people, not summary, score, -index), index, row))
    _key, index, row = max(ranked)
    return index, row, choices


def sheet_doubt(choices: Sequence[SheetChoice], chosen: str) -> str:
    """What to tell the chair when another sheet (not an example, hidden or statistics one) holds about as
    many people as the sheet read; "" when the choice is plain."""
    read = next((c for c in choices if c.name == chosen), None)
    if read is None or read.people == 0:
        return ""
    rivals = [
        c
        for c in choices
        if c.name != chosen
        and not (c.example or c.hidden or c.summary)
        and c.people >= max(1, CLOSE_ENOUGH * read.people)
    ]
    if not rivals:
        return ""
    others = "、".join(f"“{c.name}”（{c.people} 行像人员）" for c in rivals)
    return (
        f"工作表 {others} 和读取的“{read.name}”（{read.people} 行像人员）差不多，"
        "都像人员名单：请确认要导入的是哪一个工作表"
    )


def _people(cells: list[Any], header_words: frozenset[str]) -> int:
    """How many of a name column's cells look like a person's name, each distinct cell judged once (the type
    too: 1, 1.0 and True are equal keys but not the same text)."""
    judged = {
        key: is_person_name(cell_text(key[1]), header_words)
        for key in set(zip(map(type, cells), cells, strict=True))
    }
    return sum(map(judged.__getitem__, zip(map(type, cells), cells, strict=True)))


def load_table(
    path: Path | str, fields: Sequence[Field], sheet: str | None = None, progress: Progress = no_progress
) -> Table:
    """Read the file and guess where the data is; ``sheet`` (a name) overrides the sheet chosen."""
    progress(0, 0, "正在读取表格……")
    sheets = read_sheets(path, progress)
    if not any(not is_blank(row) for s in sheets for row in s.rows):
        raise TableError(f"“{Path(path).name}”中没有任何数据（表格是空的）")
    progress(0, 0, f"已读入 {sum(len(s.rows) for s in sheets)} 行，正在查找表头……")
    index, header_row, choices = choose_sheet(sheets, fields)
    doubt = sheet_doubt(choices, sheets[index].name)
    if sheet is not None:
        names = [s.name for s in sheets]
        if sheet not in names:
            raise TableError(f"没有名为“{sheet}”的工作表（有：{'、'.join(names)}）")
        index, doubt = names.index(sheet), ""
        header_row = sheet_header(sheets[index], fields)
    table = Table(Path(path), sheets, list(fields), index, header_row, choices=choices, doubt=doubt)
    table.mapping = guess_mapping(table.headers, fields, table.sheet.hidden_columns)
    return table
