"""Reading the spreadsheets people really have (WPS / Excel / CSV / web exports) into rows, for any import.

API (generic: the caller describes its fields; nothing here knows about members or households):

    FIELDS = [Field("name", "姓名", ("名字",), required=True, person=True), Field("birth", "出生日期", ("出生年月",))]
    table = load_table(path, FIELDS)        # any format, found by content; the sheet with the most people
    table.sheet_summary()                   # 工作表“花名册”，表头在第 3 行；另有工作表“填写示例”…
    table.mapping                           # field name -> column index or None (guessed; the user may change it)
    for record in table.records():          # every non-blank row below the header
        record.skip                         # "" for a data row, else why it is not one (合计行, 隐藏的行, 不像人名 …)
        record.row_number                   # 1-based row in the sheet, as WPS/Excel shows it
        record.raw["birth"]                 # the cell as read, text cleaned (str, float, date, datetime or None)
        record.text("name")                 # the cell as clean text ("13800138000", never "13800138000.0")
    parse_date(value, month_style(table.column_values("birth")))   # ParsedDate(value, month_only, warning)

- ``read_sheets(path)`` (``files``): the format by content: zip -> xlsx/ods, OLE2 -> xls (python-calamine), an
  HTML table or Excel 2003 XML saved as .xls (``markup``), else text by BOM / UTF-16 / UTF-8 / GB18030, comma-,
  tab- or semicolon-separated. Hidden rows (``Sheet.hidden_rows``) of xlsx, ods, xls (``hidden``: xlrd), HTML and
  XML workbooks are known; where they could not be checked (``Sheet.hidden_rows_known`` False: a file xlrd cannot
  read, an .xlsb) ``table.hidden_rows_warning()`` says so to the chair. CSV/TXT have no hidden rows.
- Cells (``cells``): invisible characters (zero-width spaces, BOMs) removed, NFKC, WPS's leading apostrophe
  before a number dropped, everywhere text comes in.
- A row is data only if the ``person`` field looks like a person's name (``people.name_problem``); hidden rows
  are skipped unless ``table.with_options(include_hidden=True)``; the chair may confirm a skipped row
  (``with_options(confirmed=[row numbers])``). Blank rows, and rows holding only a pre-filled 序号, are blank.
- Merged cells (``merged``; ``Sheet.merged`` from calamine for xlsx/xls, from content.xml for .ods (``ods``:
  calamine gives none; its hidden rows in the same streaming pass), rowspan/colspan of HTML, MergeDown of XML): below the header a merge down (所在组, 户号, 备注) is given to every row it covers; a name merged down
  is one person on several rows (the rows below skipped, saying so); a merge across two columns read is warned
  (``Record.notes``, the importers add it to the row's warnings). ``table.rows`` are the rows so read.
- Group heading rows (``groups``; a ``Field(group=True)``): a row "一组" (第一组, 一组（12人）, 二组:) above its
  people gives its group to the rows under it until the next heading (another kind of heading ends it); the
  heading is skipped saying so; a filled group column wins, a disagreement is a warning (``Record.notes``);
  ``table.read_mapping`` points the group field at a column added for it, ``table.groups_note()`` says how the
  group was found (the importers put it in ``Preview.notes``).
- ``choose_sheet`` / ``load_table`` (``sheets``): the sheet with the most people, statistics sheets losing ties;
  ``table.doubt`` says when another sheet holds about as many. ``sheet_header`` / ``find_header`` /
  ``guess_mapping`` / ``missing_required``; ``Table.with_header``, ``with_mapping`` apply the user's choice.
- ``Preview`` / ``PreviewRow`` (``preview``): what an importer's check of every row returns (kind new / update /
  same / refused / duplicate / skipped); fedclient.ui.import_dialog shows it. ``save_problem_rows`` writes the
  rows not imported as the user wrote them, plus a 未导入原因 column.
Spreadsheet cells come from python-calamine, which gives every number as a float and dates as date objects.
"""

from ..dates import DateError, ParsedDate, month_style, parse_date
from .cells import cell_text, clean_text
from .files import FILE_FILTER, Sheet, TableError, read_sheets
from .people import is_person_name, name_problem, person_name, remark_warning
from .preview import Preview, PreviewRow, RowValues, row_values, save_problem_rows, skipped_row
from .read import Field, Record, Table, find_header, guess_mapping, missing_required, sheet_header
from .sheets import SheetChoice, choose_sheet, load_table

__all__ = [
    "FILE_FILTER",
    "DateError",
    "Field",
    "ParsedDate",
    "Preview",
    "PreviewRow",
    "Record",
    "RowValues",
    "Sheet",
    "SheetChoice",
    "Table",
    "TableError",
    "cell_text",
    "choose_sheet",
    "clean_text",
    "find_header",
    "guess_mapping",
    "is_person_name",
    "load_table",
    "missing_required",
    "month_style",
    "name_problem",
    "parse_date",
    "person_name",
    "remark_warning",
    "read_sheets",
    "row_values",
    "save_problem_rows",
    "sheet_header",
    "skipped_row",
]
