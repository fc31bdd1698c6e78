"""Reading the spreadsheets people really have (WPS / Excel / CSV) into rows, for any import.

API (generic: the caller describes its fields; nothing here knows about members or households):

    FIELDS = [Field("name", "姓名", ("姓名", "名字"), required=True), Field("birth", "出生日期", ("出生年月",))]
    table = load_table(path, FIELDS)        # reads .xlsx/.xls/.csv, finds the sheet and header row
    table.mapping                           # field name -> column index or None (guessed; the user may change it)
    for record in table.records():          # blank rows and 合计/总计/小计 rows skipped
        record.row_number                   # 1-based row in the sheet, as WPS/Excel shows it
        record.raw["birth"]                 # the cell as read (str, float, int, date, datetime or None)
        record.text("name")                 # the cell as clean text ("13800138000", never "13800138000.0")
        parse_date(record.raw["birth"])     # -> ParsedDate(value, month_only, warning) or raises DateError

- ``read_sheets(path)`` -> list[Sheet]; CSV is read as UTF-8 (with or without BOM), then GB18030 (a superset of
  GBK, what WPS writes on Chinese Windows); the delimiter (comma, tab, semicolon) is sniffed.
- ``find_header(sheets, fields)`` -> (sheet index, row index): the row, on any sheet, among the first 30 rows,
  whose cells best match the fields' header synonyms. Title rows and merged title cells above it are ignored.
- ``guess_mapping(headers, fields)`` -> mapping, matching normalised headers ("身份证号码（必填）" → 身份证号码).
- ``Table.with_mapping(mapping)`` / ``Table.with_header(sheet_index, row_index)`` to apply the user's choice.
- ``missing_required(mapping, fields)`` -> labels of required fields that no column was mapped to.
- ``Preview`` / ``PreviewRow``: what an importer's check of every row returns (kind new / update / same /
  refused / duplicate, shown values, problems, warnings, changes, payload); fedclient.ui.import_dialog shows
  it. ``save_problem_rows(table, rows, path)`` writes the refused and duplicate rows as the user wrote them,
  plus a 未导入原因 column, so she can fix them and import the file again.
Spreadsheet cells come from python-calamine, which gives every number as a float and dates as date objects.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
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


class DateError(ValueError):
    pass


@dataclass(frozen=True)
class ParsedDate:
    value: date
    month_only: bool = False  # the source gave year and month only (day set to 1)
    warning: str = ""


EXCEL_EPOCH = date(1899, 12, 30)
_DATE_PATTERNS = [
    re.compile(
        r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*[.\-/月]\s*(\d{1,2})\s*日?"
    ),  # 1975.3.2 1975/3/2 1975年3月2日
    re.compile(r"(\d{4})(\d{2})(\d{2})"),  # 19750302
]
_MONTH_PATTERNS = [
    re.compile(r"(\d{4})\s*[.\-/年]\s*(\d{1,2})\s*月?"),  # 1975.03 1990年07月 1975-3
    re.compile(r"(\d{4})(\d{2})"),  # 197503
]


def parse_date(value: Any) -> ParsedDate | None:
    """A date from a cell or text; None when empty. Raises DateError (Chinese) when it is not a date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return ParsedDate(value.date())
    if isinstance(value, date):
        return ParsedDate(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _parse_number(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    for pattern in _DATE_PATTERNS:
        if m := pattern.fullmatch(text):
            return ParsedDate(_make(int(m[1]), int(m[2]), int(m[3]), text))
    for pattern in _MONTH_PATTERNS:
        if m := pattern.fullmatch(text):
            return ParsedDate(_make(int(m[1]), int(m[2]), 1, text), month_only=True)
    if re.fullmatch(r"\d{1,6}(\.0)?", text):
        return _parse_number(float(text))
    raise DateError(f"“{text}”不是能识别的日期（可写作 1975-03-02、1975.3.2、1975年3月2日 或 1975.03）")


def _make(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"“{text}”不是存在的日期") from None


def _parse_number(number: float) -> ParsedDate:
    """A number in a date column: 1975.03 typed into Excel, or a date's serial number (27456)."""
    if 1000 <= number < 10000:
        year = int(number)
        hundredths = round((number - year) * 100)
        if 1 <= hundredths <= 12:
            # Excel turned "1975.10" into 1975.1: read it as October but ask the user to check.
            warning = f"“{number:g}”按{year}年{hundredths}月理解，请核对" if hundredths == 10 else ""
            return ParsedDate(date(year, hundredths, 1), month_only=True, warning=warning)
        raise DateError(f"“{number:g}”不是能识别的日期")
    if number.is_integer() and 1 <= number < 80000:
        return ParsedDate(EXCEL_EPOCH + timedelta(days=int(number)))
    raise DateError(f"“{number:g}”不是能识别的日期")


# --- previews shared by every importer (the Qt dialog shows these) ------------------------------------
@dataclass
class PreviewRow:
    row_number: int  # row in the sheet
    kind: str  # "new" | "update" | "same" | "refused" | "duplicate"
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


def save_problem_rows(table: Table, rows: Sequence[PreviewRow], path: Path | str) -> int:
    """The rows that were not imported, as the user wrote them plus a 未导入原因 column, so she can fix them
    and import the file again. Returns how many rows were written."""
    from openpyxl import Workbook

    from .excel import write_table

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
    wb.save(path)
    return len(bad)
