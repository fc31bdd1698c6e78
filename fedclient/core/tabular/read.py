"""Reading a spreadsheet or CSV file into a ``Table``: finding the sheet and the header row, guessing which
column is which field, and cells as clean text (see the package's docstring for the API)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

HEADER_SCAN_ROWS = 30
TOTAL_WORDS = ("合计", "总计", "小计", "共计")
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".et")
SUPPORTED_SUFFIXES = (*SPREADSHEET_SUFFIXES, ".csv", ".txt")
FILE_FILTER = "表格文件 (*.xlsx *.xls *.csv *.et *.ods);;所有文件 (*)"


class TableError(Exception):
    """The file could not be read as a table (Chinese message for the user)."""


@dataclass(frozen=True)
class Field:
    name: str  # identifier used by the caller
    label: str  # Chinese label shown to the user
    synonyms: tuple[str, ...] = ()  # header words that mean this field (the label counts too)
    required: bool = False

    def matches(self, header: str) -> int:
        """How well a normalised header names this field: 2 exactly, 1 by containing a synonym, 0 not."""
        words = [normalise_header(w) for w in (self.label, *self.synonyms)]
        if header in words:
            return 2
        if header and any(len(w) >= 2 and w in header for w in words):
            return 1
        return 0


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]


@dataclass(frozen=True)
class Record:
    row_number: int
    raw: dict[str, Any]  # field name -> cell as read (None when the field is not mapped)

    def text(self, name: str) -> str:
        return cell_text(self.raw.get(name))


@dataclass
class Table:
    path: Path
    sheets: list[Sheet]
    fields: Sequence[Field]
    sheet_index: int
    header_row: int  # 0-based index into the sheet's rows
    mapping: dict[str, int | None] = field(default_factory=dict)

    @property
    def sheet(self) -> Sheet:
        return self.sheets[self.sheet_index]

    @property
    def headers(self) -> list[str]:
        rows = self.sheet.rows
        return [cell_text(c) for c in rows[self.header_row]] if self.header_row < len(rows) else []

    def with_header(self, sheet_index: int, header_row: int) -> Table:
        table = replace(self, sheet_index=sheet_index, header_row=header_row)
        table.mapping = guess_mapping(table.headers, self.fields)
        return table

    def with_mapping(self, mapping: dict[str, int | None]) -> Table:
        return replace(self, mapping=dict(mapping))

    def records(self) -> Iterator[Record]:
        """Data rows below the header, skipping blank rows and total rows."""
        for index in range(self.header_row + 1, len(self.sheet.rows)):
            row = self.sheet.rows[index]
            if is_blank(row) or is_total(row):
                continue
            raw = {
                name: (row[col] if col is not None and col < len(row) else None)
                for name, col in self.mapping.items()
            }
            yield Record(index + 1, raw)

    def data_row_count(self) -> int:
        return sum(1 for _ in self.records())


# --- reading -------------------------------------------------------------------------------------------
def read_sheets(path: Path | str) -> list[Sheet]:
    path = Path(path)
    if not path.exists():
        raise TableError(f"找不到文件：{path.name}")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return [Sheet(path.stem, read_csv_rows(path.read_bytes()))]
    if suffix not in SPREADSHEET_SUFFIXES:
        raise TableError(f"不支持的文件类型“{suffix or '无扩展名'}”，请选择 .xlsx、.xls 或 .csv 文件")
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        return [
            Sheet(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
            for name in workbook.sheet_names
        ]
    except Exception as exc:  # calamine raises its own error types for damaged or encrypted files
        raise TableError(f"无法读取表格“{path.name}”：文件已损坏、被加密，或不是表格文件（{exc}）") from exc


def read_csv_rows(data: bytes) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError("无法识别文件的文字编码（应为 UTF-8 或 GBK）")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


# --- header and columns --------------------------------------------------------------------------------
def normalise_header(text: Any) -> str:
    """'身份证号码\\n（必填）*' -> '身份证号码'."""
    value = unicodedata.normalize("NFKC", cell_text(text))
    value = re.sub(r"[(\[【].*?[)\]】]", "", value)
    return re.sub(r"[\s*:：]+", "", value)


def header_score(row: Sequence[Any], fields: Sequence[Field]) -> int:
    headers = [normalise_header(c) for c in row]
    score = 0
    for f in fields:
        best = max((f.matches(h) for h in headers), default=0)
        score += best
    return score


def find_header(sheets: Sequence[Sheet], fields: Sequence[Field]) -> tuple[int, int]:
    best = (0, 0, 0)  # score, sheet, row
    for s, sheet in enumerate(sheets):
        for r, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
            score = header_score(row, fields)
            if score > best[0]:
                best = (score, s, r)
    return best[1], best[2]


def guess_mapping(headers: Sequence[str], fields: Sequence[Field]) -> dict[str, int | None]:
    """Each field gets the best-matching column; a column serves one field (exact matches win)."""
    normalised = [normalise_header(h) for h in headers]
    candidates = sorted(
        ((f.matches(h), -fi, ci, f.name) for fi, f in enumerate(fields) for ci, h in enumerate(normalised)),
        reverse=True,
    )
    mapping: dict[str, int | None] = {f.name: None for f in fields}
    used: set[int] = set()
    for score, _fi, column, name in candidates:
        if score and mapping[name] is None and column not in used:
            mapping[name] = column
            used.add(column)
    return mapping


def missing_required(mapping: dict[str, int | None], fields: Sequence[Field]) -> list[str]:
    return [f.label for f in fields if f.required and mapping.get(f.name) is None]


def load_table(path: Path | str, fields: Sequence[Field]) -> Table:
    sheets = read_sheets(path)
    if not any(sheet.rows for sheet in sheets):
        raise TableError("文件中没有任何数据")
    sheet_index, header_row = find_header(sheets, fields)
    table = Table(Path(path), sheets, list(fields), sheet_index, header_row)
    table.mapping = guess_mapping(table.headers, fields)
    return table


# --- cells ---------------------------------------------------------------------------------------------
def cell_text(value: Any) -> str:
    """A cell as text: floats that are whole numbers lose their '.0'; dates become yyyy-mm-dd."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return unicodedata.normalize("NFKC", str(value)).strip()


def is_blank(row: Sequence[Any]) -> bool:
    return all(cell_text(c) == "" for c in row)


def is_total(row: Sequence[Any]) -> bool:
    """A 合计/总计 row: one of its first cells is only such a word (spaces inside allowed: '合 计')."""
    for cell in row[:3]:
        text = re.sub(r"\s+", "", cell_text(cell))
        if text in TOTAL_WORDS or any(
            text.startswith(w + ":") or text.startswith(w + "：") for w in TOTAL_WORDS
        ):
            return True
    return False
