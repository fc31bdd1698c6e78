"""One drawing function for the printer, the print preview and PDF files.

Documents are HTML built in ``fedclient.core`` (sizes in pt, tables with ``<thead>`` so the header repeats
on every page). ``paint_document`` lays the HTML out for the target device, cuts it into pages where no text
line and no table row is split (``pagination``) and draws a footer line with the page number on each page. The Chinese font is set explicitly, so PDFs embed a Simplified Chinese
face rather than a Japanese variant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QStandardPaths, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from fedclient.core.safe_write import Incomplete, check_pdf, saving

from .app_setup import cjk_font
from .forms import run_dialog
from .pagination import page_slices
from .pdf_text_layer import repair_text_layer

PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}
MARGINS_MM = QMarginsF(12, 12, 12, 12)
# The footer under each page: given (page number, page count), the text to draw.
Footer = Callable[[int, int], str]
# Long drawing's report (done, total, text): ``OperationRunner.with_progress``'s, which raises ``Cancelled``.
Progress = Callable[[int, int, str], None]


def default_footer(page: int, pages: int) -> str:
    return f"第 {page} 页 / 共 {pages} 页" if pages > 1 else ""


def page_layout(paper: str = "A4", landscape: bool = True) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(PAPERS[paper]), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)


def document_font(point_size: float, bold: bool = False) -> QFont:
    """The Chinese face for printing. Its ``locl`` feature is off: with it, Noto Sans CJK swaps the digits of
    a Latin run (R001, ABC-2026) for glyphs no code point maps to, and the PDF's text layer loses them."""
    font = cjk_font(point_size, bold)
    font.setFeature(QFont.Tag("locl"), 0)
    return font


def make_document(html: str, base_pt: float = 12) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(document_font(base_pt))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    return doc


def paint_document(
    html: str | list[str],
    device,
    footer: Footer | None = default_footer,
    base_pt: float = 12,
    footer_pt: float = 10,
    drawn: list[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """Draw ``html`` onto a QPrinter or QPdfWriter, page by page; returns the number of pages. The text drawn
    (document and footers) is appended to ``drawn`` when given.

    A list of parts (a county's thousands of 述职表) is drawn part after part, each from a new page, each laid
    out alone (one document of them all took minutes and gigabytes); ``progress(done, total, text)`` hears of each
    part and may raise ``Cancelled``: the painter is ended, the caller's file is not kept (``saving``). Page
    numbers need every page laid out first: parts take no footer."""
    parts = [html] if isinstance(html, str) else html
    if footer is not None and len(parts) > 1:
        raise ValueError("分份绘制的文档没有页脚")
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("无法开始打印或写入 PDF（打印机或文件不可用）")
    pages = 0
    try:
        for done, part in enumerate(parts, 1):
            pages += _paint_part(part, device, painter, pages, footer, base_pt, footer_pt, drawn)
            if progress is not None:
                progress(done, len(parts), f"正在排版……（第 {done}/{len(parts)} 份，{pages} 页）")
    except BaseException:
        if isinstance(device, QPrinter):
            device.abort()  # a cancelled or failed print job is dropped, not sent half
        raise
    finally:
        finished = painter.end()
    if not finished:
        raise Incomplete("没有完整写出（打印机或文件出错）")
    return pages


def _paint_part(html: str, device, painter: QPainter, before: int, footer: Footer | None, base_pt: float,
                footer_pt: float, drawn: list[str] | None) -> int:  # fmt: skip
    """One document from a new page (unless it is the first), ``before`` pages drawn already."""
    doc = make_document(html, base_pt)
    if drawn is not None:
        drawn.append(doc.toPlainText())
    doc.documentLayout().setPaintDevice(device)
    dpi = device.resolution()
    paint = device.pageLayout().paintRectPixels(dpi)
    footer_h = int(dpi * max(0.32, footer_pt * 1.9 / 72)) if footer else 0
    width, height = paint.width(), paint.height() - footer_h
    doc.setTextWidth(width)
    slices = page_slices(doc, height)
    pages = len(slices)
    margin = dpi / 100  # a row's bottom border lies on the cut: it is drawn on the page above as well
    for number, piece in enumerate(slices, 1):
        if number > 1 or before:
            device.newPage()
        if piece.header:
            _draw_part(painter, doc, piece.header[0], piece.header[1], -piece.header[0], width, margin)
        _draw_part(painter, doc, piece.top, piece.bottom, piece.header_height - piece.top, width, margin)
        text = footer(number, pages) if footer else ""
        if drawn is not None:
            drawn.append(text)
        if text:
            painter.setFont(document_font(footer_pt))
            painter.drawText(
                QRectF(0, height, width, footer_h),
                Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignBottom,
                text,
            )
    return pages


def _draw_part(painter: QPainter, doc: QTextDocument, top: float, bottom: float, shift: float, width: float,
               margin: float) -> None:  # fmt: skip
    """Draw the document from ``top`` to ``bottom``, moved down by ``shift``. Only what lies inside is drawn
    at all (not merely hidden by clipping), so the PDF holds no invisible text of the next page."""
    painter.save()
    painter.translate(0, shift)
    painter.setClipRect(QRectF(0, top - margin, width, bottom - top + 2 * margin))
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = QRectF(0, top + margin, width, max(0.0, bottom - top - 2 * margin))
    doc.documentLayout().draw(painter, context)
    painter.restore()


def save_pdf(
    html: str | list[str],
    path: Path | str,
    paper: str = "A4",
    landscape: bool = True,
    footer: Footer | None = default_footer,
    title: str = "",
    base_pt: float = 12,
    footer_pt: float = 10,
    progress: Progress | None = None,
) -> int:
    """Write ``html`` as a PDF through ``core.safe_write.saving``: drawn into a temporary file, checked
    (the painter finished, the file ends with ``%%EOF``), flushed and only then renamed over ``path``.
    Before the check its text layer is repaired (``pdf_text_layer``), so copying or searching gives the
    characters drawn. Raises ``SaveFailed`` (an OSError with a Chinese message naming the cause); the old file
    stays, as it does when ``progress`` raises ``Cancelled`` (parts: ``paint_document``)."""
    drawn: list[str] = []
    with saving(path, check_pdf) as tmp:
        writer = QPdfWriter(str(tmp))
        try:
            writer.setResolution(300)
            writer.setPageLayout(page_layout(paper, landscape))
            writer.setTitle(title)
            writer.setCreator("村妇联工作台")
            pages = paint_document(html, writer, footer, base_pt, footer_pt, drawn, progress)
        finally:
            del writer  # flushes and closes the file (before it is checked, renamed or deleted)
        repair_text_layer(tmp, "".join(drawn), pdf_fonts())
    return pages


def pdf_fonts() -> list[QFont]:
    """The faces a document may draw with (regular and bold of the chosen Chinese family)."""
    return [document_font(12), document_font(12, bold=True)]


def preview_and_print(
    parent: QWidget,
    html_fn: Callable[[], str],
    paper: str = "A4",
    landscape: bool = True,
    footer: Footer | None = default_footer,
    base_pt: float = 12,
    footer_pt: float = 10,
) -> None:
    """Qt's print preview; its print button prints with the same drawing code."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper, landscape))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("打印预览")
    dialog.resize(1100, 700)
    dialog.paintRequested.connect(lambda p: paint_document(html_fn(), p, footer, base_pt, footer_pt))
    run_dialog(dialog)  # deleted once closed, as every report window


def print_with_dialog(parent: QWidget, html: str, paper: str = "A4", landscape: bool = True) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper, landscape))
    if run_dialog(QPrintDialog(printer, parent)) is None:  # deleted once closed
        return False
    paint_document(html, printer)
    return True


def save_document_pdf(
    parent: QWidget, document: tuple[str, str], path: str | Path | None = None, landscape: bool = False
) -> Path | None:
    """A (title, html) document saved as PDF: asks where (the Documents folder, named after the title) unless
    ``path`` is given; a failure is said in a message box. Returns the path saved, or None."""
    title, html = document
    if path is None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            parent, "另存为 PDF", str(Path(folder) / f"{title}.pdf"), "PDF 文件 (*.pdf)"
        )
        if not path:
            return None
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    try:
        save_pdf(html, path, paper="A4", landscape=landscape, title=title)
    except OSError as exc:
        QMessageBox.warning(parent, "保存失败", str(exc))
        return None
    status = getattr(parent.window(), "statusBar", None)
    if callable(status):
        status().showMessage(f"已保存 {path}", 8000)
    return path


def ensure_gui_for_printing() -> QApplication:
    """The command line prints without a screen: use Qt's offscreen platform when there is no display."""
    if QApplication.instance() is None and sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .app_setup import make_application

    return make_application()
