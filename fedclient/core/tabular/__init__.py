"""Reading the spreadsheets people really have (WPS / Excel / CSV) into rows, for any import.

API (generic: the caller describes its fields; nothing here knows about members or households):

    FIELDS = [Field("name", "姓名", ("姓名", "名字"), required=True), Field("birth", "出生日期", ("出生年月",))]
    table = load_table(path, FIELDS)        # reads .xlsx/.xls/.csv, finds the sheet and header row
    table.mapping                           # field name -> column index or None (guessed; the user may change it)
    for record in table.records():          # blank rows and 合计/总计/小计 rows skipped
        record.row_number                   # 1-based row in the sheet, as WPS/Excel shows it
        record.raw["birth"]                 # the cell as read (str, float, int, date, datetime or None)
        record.text("name")                 # the cell as clean text ("13800138000", never "13800138000.0")
        parse_date(record.raw["birth"])     # (``dates``) -> ParsedDate(value, month_only, warning) or raises DateError

- ``read_sheets(path)`` -> list[Sheet]; CSV is read as UTF-8 (with or without BOM), then GB18030 (a superset of
  GBK, what WPS writes on Chinese Windows); the delimiter (comma, tab, semicolon) is sniffed.
- ``find_header(sheets, fields)`` -> (sheet index, row index): the row, on any sheet, among the first 30 rows,
  whose cells best match the fields' header synonyms. Title rows and merged title cells above it are ignored.
- ``guess_mapping(headers, fields)`` -> mapping, matching normalised headers ("身份证号码（必填）" → 身份证号码).
- ``Table.with_mapping(mapping)`` / ``Table.with_header(sheet_index, row_index)`` to apply the user's choice.
- ``missing_required(mapping, fields)`` -> labels of required fields that no column was mapped to.
- ``Preview`` / ``PreviewRow`` (``preview``): what an importer's check of every row returns (kind new / update / same /
  refused / duplicate, shown values, problems, warnings, changes, payload); fedclient.ui.import_dialog shows
  it. ``save_problem_rows(table, rows, path)`` writes the refused and duplicate rows as the user wrote them,
  plus a 未导入原因 column, so she can fix them and import the file again.
Spreadsheet cells come from python-calamine, which gives every number as a float and dates as date objects.
"""

from .dates import DateError, ParsedDate, parse_date
from .preview import Preview, PreviewRow, save_problem_rows
from .read import (
    FILE_FILTER,
    Field,
    Record,
    Sheet,
    Table,
    TableError,
    cell_text,
    find_header,
    guess_mapping,
    load_table,
    missing_required,
    read_sheets,
)

__all__ = [
    "FILE_FILTER",
    "DateError",
    "Field",
    "ParsedDate",
    "Preview",
    "PreviewRow",
    "Record",
    "Sheet",
    "Table",
    "TableError",
    "cell_text",
    "find_header",
    "guess_mapping",
    "load_table",
    "missing_required",
    "parse_date",
    "read_sheets",
    "save_problem_rows",
]
