"""Opening whatever file a chair calls a spreadsheet, by what it holds rather than by its name: an .xls that is
really an .xlsx (or the other way round), an HTML table saved as .xls by a web system, CSV/TXT in UTF-8, GBK or
UTF-16 (Excel's "Unicode 文本", tab-separated). Every failure is a ``TableError`` with a Chinese sentence."""

from __future__ import annotations

import codecs
import csv
import io
import logging
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..progress import Cancelled, Progress, no_progress
from .hidden import HiddenRows, match_sheets, xls_hidden_rows, xlsx_hidden_rows
from .markup import html_tables, looks_like_html, looks_like_xml_workbook, xml_workbook_sheets
from .ods import OdsSheet, is_ods, ods_layout

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel 2.x-4.x worksheets (BIFF2-4) start with a BOF record and have no OLE2 container.
OLD_BIFF = (b"\x09\x00", b"\x09\x02", b"\x09\x04")
FILE_FILTER = "表格文件 (*.xlsx *.xls *.csv *.txt *.et *.ods *.htm *.html);;所有文件 (*)"


class TableError(Exception):
    """The file could not be read as a table (Chinese message for the user)."""


@dataclass
class Sheet:
    name: str
    rows: list[list[Any]]
    hidden_rows: frozenset[int] = field(default_factory=frozenset)  # 0-based indices into rows
    visible: bool = True  # the sheet itself is hidden in the workbook
    hidden_rows_known: bool = True  # False when the file's hidden rows could not be checked (CSV has none)
    # Merged cells (first row, first column, last row, last column; 0-based, inclusive) of xlsx, xls, .ods
    # (``ods``), HTML and XML workbooks: the value is in the first cell only (``merged.fill_merged`` gives it
    # to the rows below the header).
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_columns: frozenset[int] = frozenset()  # 0-based; xlsx and xls (an old column kept out of sight)


def read_sheets(path: Path | str, progress: Progress = no_progress) -> list[Sheet]:
    path = Path(path)
    if not path.exists():
        raise TableError(f"找不到文件：{path.name}")
    if not path.is_file():
        raise TableError(f"“{path.name}”不是文件")
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise TableError(f"无法打开“{path.name}”：{exc.strerror or exc}") from exc
    if not head:
        raise TableError(f"“{path.name}”是空文件，没有任何数据")
    if head.startswith(ZIP_MAGIC) or head.startswith(OLE2_MAGIC):
        return read_workbook(path, is_zip=head.startswith(ZIP_MAGIC), progress=progress)
    if head[:2] in OLD_BIFF and head[2:4] in (b"\x04\x00", b"\x06\x00", b"\x08\x00"):
        raise TableError(
            f"“{path.name}”是很早期的 Excel 格式（Excel 4.0 或更早），请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"
        )
    text = decode_text(path.read_bytes(), path.name)
    if looks_like_html(text):
        sheets = html_tables(text, path.stem, progress)
        if not sheets:
            raise TableError(f"“{path.name}”是网页文件，但里面没有表格")
        return sheets
    if looks_like_xml_workbook(text):
        try:
            return xml_workbook_sheets(text)
        except Exception as exc:  # a damaged XML file: ElementTree's own errors
            log.info("XML spreadsheet %s: %r", path, exc)
            raise TableError(f"无法读取“{path.name}”：这个 XML 表格文件已损坏") from exc
    return [Sheet(path.stem, read_delimited(text))]


def read_workbook(path: Path, is_zip: bool, progress: Progress = no_progress) -> list[Sheet]:
    from python_calamine import CalamineWorkbook

    found, columns = None, {}
    if not is_zip:  # xlrd (pure Python) first: its parse is freed before calamine's rows take their room
        found_columns: list[tuple[str, frozenset[int]]] = []
        found = _parsed(lambda: xls_hidden_rows(path, found_columns), progress, "正在查看哪些行被隐藏")
    hidden: HiddenRows | None = None
    ods = is_zip and is_ods(path)
    layout: dict[str, OdsSheet] = {}  # an .ods's hidden rows and merged cells (calamine gives neither)

    def scan_hidden() -> None:  # read from the file's XML while calamine parses (in Rust)
        nonlocal hidden, layout
        progress(0, 0, "正在查看哪些行被隐藏……")
        if ods:
            layout, hidden = ods_layout(path, progress) or {}, {}  # each sheet's rows set below
        else:
            hidden = xlsx_hidden_rows(path, progress, columns)

    try:
        with path.open("rb") as f:
            workbook = CalamineWorkbook.from_filelike(f)
            metadata = {m.name: m for m in workbook.sheets_metadata}
            sheets, failed, worksheets = [], [], []
            for name in workbook.sheet_names:
                meta = metadata.get(name)
                if meta is not None and "WorkSheet" not in str(meta.typ):
                    continue  # a chart sheet or a macro sheet holds no table
                worksheets.append(name)
                try:
                    rows, merged = _sheet_rows(
                        workbook, name, progress, scan_hidden if is_zip and hidden is None else None
                    )
                except Cancelled:
                    raise
                except BaseException as exc:  # calamine raises (or panics) on a damaged sheet
                    if isinstance(exc, KeyboardInterrupt | SystemExit):
                        raise
                    log.info("sheet %r of %s unreadable: %r", name, path, exc)
                    failed.append(name)
                    continue
                visible = meta is None or str(meta.visible).endswith("Visible")
                sheets.append(Sheet(name, rows, visible=visible, merged=merged))
                progress(0, 0, f"已读入工作表“{name}”的 {len(rows)} 行")
    except Cancelled:
        raise
    except BaseException as exc:  # calamine's own errors, and pyo3's PanicException (a BaseException)
        if isinstance(exc, KeyboardInterrupt | SystemExit):
            raise
        log.info("workbook %s unreadable: %r", path, exc)
        raise TableError(_workbook_failure(path, exc)) from exc
    if not sheets:
        detail = f"（工作表“{'、'.join(failed)}”已损坏）" if failed else ""
        raise TableError(f"“{path.name}”中没有能读取的工作表{detail}")
    if is_zip:
        if hidden is None:
            scan_hidden()
        for sheet in sheets:
            if found := layout.get(sheet.name):
                hidden[sheet.name] = found.hidden_rows(len(sheet.rows))
                sheet.merged = sheet.merged or tuple(m for m in found.merged if m[0] < len(sheet.rows))
    else:
        hidden = match_sheets(worksheets, found)
        columns = match_sheets(worksheets, found_columns if found is not None else None)
    for sheet in sheets:
        sheet.hidden_columns = columns.get(sheet.name, frozenset())
        rows = hidden.get(sheet.name)
        sheet.hidden_rows_known = rows is not None
        sheet.hidden_rows = frozenset(i for i in rows if i < len(sheet.rows)) if rows else frozenset()
    return sheets


REPORT_EVERY = 0.1  # seconds between two progress reports while a sheet is parsed
SHARED_LENGTH = 10  # cells this short are often repeated (汉族, 群众, 执委, 2023.06): one string for all


def _sheet_rows(
    workbook: Any, name: str, progress: Progress, meanwhile: Callable[[], None] | None = None
) -> tuple[list[list[Any]], tuple[tuple[int, int, int, int], ...]]:
    """The sheet's rows as ``to_python(skip_empty_area=False)`` gives them (the sheet's own row and column
    numbers), built row by row with progress, equal short strings stored once, and its merged cells (calamine
    gives them for xlsx and xls, in the sheet's own numbers; None for .ods); ``meanwhile``: run here while
    calamine parses."""
    sheet = _parsed(lambda: workbook.get_sheet_by_name(name), progress, f"正在读取工作表“{name}”", meanwhile)
    first_row, first_column = sheet.start or (0, 0)
    pad = [""] * first_column
    shared = _Shared().__getitem__  # a C lookup per cell; Python only for a cell not shared (yet)
    rows: list[list[Any]] = []
    clock, due = time.monotonic, time.monotonic() + REPORT_EVERY
    for row in sheet.iter_rows():
        row = list(map(shared, row))
        rows.append(pad + row if first_column else row)
        if len(rows) % 500 == 0 and clock() >= due:
            progress(0, 0, f"正在读取工作表“{name}”：已读 {len(rows)} 行")
            due = clock() + REPORT_EVERY
    if first_row and len(rows) == sheet.height:  # rows above the data not given: the sheet's numbers kept
        width = len(rows[0]) if rows else 0
        rows[:0] = [[""] * width for _ in range(first_row)]
    ranges = sheet.merged_cell_ranges or ()
    merged = tuple(
        (r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges if (r1, c1) != (r0, c0) and r1 >= r0 and c1 >= c0
    )
    return rows, merged


class _Shared(dict):
    """Equal short texts as one string: ``shared[value]`` is the first such text seen, any other cell itself.
    Only str keys are stored, so no number, date or bool can match one (1 == 1.0 == True)."""

    __slots__ = ()

    def __missing__(self, value: Any) -> Any:
        if type(value) is str and len(value) <= SHARED_LENGTH:
            self[value] = value
        return value


def _parsed(
    parse: Callable[[], Any], progress: Progress, text: str, meanwhile: Callable[[], None] | None = None
) -> Any:
    """``parse()`` (calamine parsing a whole sheet, in Rust, without the GIL) on a helper thread, reporting
    progress while it works, so that a big sheet is never a silent second and 取消 is heard at once (the
    helper's result is then dropped); ``meanwhile()`` (Python work that needs no sheet) runs here first,
    on the other core."""
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["value"] = parse()
        except BaseException as exc:  # handed to the caller, as if parse() ran here
            result["error"] = exc

    helper = threading.Thread(target=work, name="fedclient-read-sheet", daemon=True)
    started = time.monotonic()
    helper.start()
    progress(0, 0, text + "……")
    if meanwhile is not None:
        meanwhile()
    while helper.is_alive():
        helper.join(REPORT_EVERY)
        if helper.is_alive():
            seconds = int(time.monotonic() - started)
            progress(0, 0, f"{text}……（已用 {seconds} 秒）" if seconds else f"{text}……")
    if "error" in result:
        raise result["error"]
    return result["value"]


def _workbook_failure(path: Path, exc: BaseException) -> str:
    detail = str(exc).lower()
    if "password" in detail or "encrypt" in detail or _is_encrypted(path):
        return f"“{path.name}”设置了打开密码，请在 Excel 或 WPS 中取消密码后另存，再导入"
    return f"无法读取表格“{path.name}”：文件已损坏，或不是 Excel/WPS 表格。请用 Excel 或 WPS 打开后另存为 .xlsx 再导入"


def _is_encrypted(path: Path) -> bool:
    """A workbook with an opening password: Office keeps it in an OLE2 file with an "EncryptedPackage"
    stream; OpenDocument lists encryption data in its manifest; an Excel 97-2003 file has a FILEPASS record
    (xlrd says so)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                return b"encryption-data" in z.read("META-INF/manifest.xml")
        with path.open("rb") as f:
            if "EncryptedPackage".encode("utf-16-le") in f.read(32 << 20):
                return True
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return _xls_encrypted(path)


def _xls_encrypted(path: Path) -> bool:
    import xlrd

    try:
        xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO()).release_resources()
    except Exception as exc:  # xlrd's own errors, and struct errors on a damaged file
        return "encrypted" in str(exc).lower()
    return False


# --- text files -----------------------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, file_name: str = "") -> str:
    """Text by its BOM, else UTF-16 recognised by its zero bytes, else UTF-8, else GB18030 (superset of GBK)."""
    encodings = [enc for bom, enc in _BOMS if data.startswith(bom)][:1]
    if not encodings:
        sample = data[:4096]
        # UTF-16 without a BOM: zero bytes, nearly all on one side (the high byte of tabs, line breaks and
        # digits); a Chinese text has few of those, and UTF-8 or GBK has no zero byte at all.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        many, few = max(even, odd), min(even, odd)
        if len(sample) >= 4 and many >= max(2, len(sample) // 64) and few <= many // 8:
            encodings = ["utf-16-le" if odd > even else "utf-16-be"]
        else:
            encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            break
        return text.lstrip("\ufeff")
    raise TableError(
        f"无法读取“{file_name}”：它不是表格文件，或文字编码无法识别（支持 Excel/WPS 表格、UTF-8、GBK 和 UTF-16 的 CSV/TXT）"
    )


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > max(2, len(sample) // 100)


def read_delimited(text: str) -> list[list[Any]]:
    """CSV or tab-separated text; the delimiter (comma, tab, semicolon, full-width comma) is sniffed."""
    sample = text[:8192]
    delimiter = ","
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",\t;，").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ",\t;，"}
        delimiter = max(counts, key=counts.get) if any(counts.values()) else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    except csv.Error as exc:
        raise TableError(f"文本表格格式有误，无法读取：{exc}") from exc
