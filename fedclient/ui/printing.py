"""One drawing function for the printer, the print preview and PDF files.

Documents are HTML built in ``fedclient.core`` (sizes in pt, tables with ``<thead>`` so the header repeats
on every page). ``paint_document`` lays the HTML out on pages of the target device and draws a footer line
with the page number on each page. The Chinese font is set explicitly, so PDFs embed a Simplified Chinese
face rather than a Japanese variant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QWidget

from .app_setup import cjk_font

PAPERS = {"A4": QPageSize.PageSizeId.A4, "A3": QPageSize.PageSizeId.A3}
MARGINS_MM = QMarginsF(12, 12, 12, 12)
# The footer under each page: given (page number, page count), the text to draw.
Footer = Callable[[int, int], str]


def default_footer(page: int, pages: int) -> str:
    return f"第 {page} 页 / 共 {pages} 页" if pages > 1 else ""


def page_layout(paper: str = "A4", landscape: bool = True) -> QPageLayout:
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(QPageSize(PAPERS[paper]), orientation, MARGINS_MM, QPageLayout.Unit.Millimeter)


def make_document(html: str, base_pt: float = 12) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(cjk_font(base_pt))
    doc.setDocumentMargin(0)
    doc.setHtml(html)
    return doc


def paint_document(
    html: str, device, footer: Footer | None = default_footer, base_pt: float = 12, footer_pt: float = 10
) -> int:
    """Draw ``html`` onto a QPrinter or QPdfWriter, page by page; returns the number of pages."""
    doc = make_document(html, base_pt)
    doc.documentLayout().setPaintDevice(device)
    dpi = device.resolution()
    paint = device.pageLayout().paintRectPixels(dpi)
    footer_h = int(dpi * max(0.32, footer_pt * 1.9 / 72)) if footer else 0
    width, height = paint.width(), paint.height() - footer_h
    doc.setPageSize(QSizeF(width, height))
    pages = doc.pageCount()
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("无法开始打印或写入 PDF（打印机或文件不可用）")
    try:
        for number in range(1, pages + 1):
            if number > 1:
                device.newPage()
            painter.save()
            top = (number - 1) * height
            painter.translate(0, -top)
            doc.drawContents(painter, QRectF(0, top, width, height))
            painter.restore()
            text = footer(number, pages) if footer else ""
            if text:
                painter.setFont(cjk_font(footer_pt))
                painter.drawText(
                    QRectF(0, height, width, footer_h),
                    Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignBottom,
                    text,
                )
    finally:
        painter.end()
    return pages


def save_pdf(
    html: str,
    path: Path | str,
    paper: str = "A4",
    landscape: bool = True,
    footer: Footer | None = default_footer,
    title: str = "",
    base_pt: float = 12,
    footer_pt: float = 10,
) -> int:
    """Write ``html`` as a PDF (to a temporary file first, so a failure leaves no half-written PDF)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".part")
    try:  # find out now, in words the chair understands, rather than from a painter that cannot start
        tmp.open("wb").close()
    except OSError as exc:
        raise OSError(write_problem(exc, path)) from exc
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    writer.setPageLayout(page_layout(paper, landscape))
    writer.setTitle(title)
    writer.setCreator("村妇联工作台")
    try:
        pages = paint_document(html, writer, footer, base_pt, footer_pt)
    except BaseException:
        del writer
        tmp.unlink(missing_ok=True)
        raise
    del writer  # flushes and closes the file
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise OSError(write_problem(exc, path)) from exc
    return pages


def write_problem(exc: OSError, path: Path) -> str:
    """Why a file could not be written, in Chinese (the system's own text is English on many machines)."""
    if isinstance(exc, FileNotFoundError) or not path.parent.is_dir():
        return f"文件夹不存在：{path.parent}"
    if isinstance(exc, PermissionError):
        return "没有写入权限，或该文件正被其他程序（如 PDF 阅读器）打开，请关闭后重试或换一个位置"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，请输入文件名"
    return f"无法写入文件（{exc.strerror or exc}）"


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
    dialog.exec()


def print_with_dialog(parent: QWidget, html: str, paper: str = "A4", landscape: bool = True) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(paper, landscape))
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_document(html, printer)
    return True


def ensure_gui_for_printing() -> QApplication:
    """The command line prints without a screen: use Qt's offscreen platform when there is no display."""
    if QApplication.instance() is None and sys.platform.startswith("linux") and not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .app_setup import make_application

    return make_application()
