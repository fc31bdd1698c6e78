"""Printing the 述职评议 papers (每位执委的述职表, then the 民主测评票) from the 述职评议 page.

A county has thousands of executive members: the papers are read and built on a worker thread with a progress
dialog and 取消 (``ops.with_progress``), and a PDF, or a printout too long to preview, is drawn there as well, part
by part (``printing.paint_document``). Only papers short enough for Qt's preview (which draws every page at once,
on the GUI thread) are previewed: a village's. A cancelled PDF leaves no file (``safe_write.saving``); a cancelled
print is aborted, not sent half. The page's print buttons stay disabled until the job has ended.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fedclient.core.review.printout import Papers, review_papers
from fedclient.core.village import get_profile
from fedclient.ui import printing
from fedclient.ui.forms import run_dialog
from fedclient.ui.operation import user_message

TITLE = "述职评议"
NO_VILLAGE = "请先在“设置 → 村妇联信息”中填写村名。"
# Qt's preview draws every page on the GUI thread before it shows: papers longer than this (HTML characters; a
# village of 25 members with 30 ballots is ~250,000, a county ~16 million) are printed without it, on a worker.
PREVIEW_MOST = 600_000


def read_papers(session, year: int, copies: int, today: date, sheets: bool, progress) -> Papers | None:
    """On the worker: the papers, or None when the village has no name yet (the papers' title needs it)."""
    if get_profile(session) is None:
        return None
    return review_papers(session, year, copies, today, sheets, progress)


def write_pdf(db, year: int, copies: int, today: date, path: Path, progress) -> tuple[Papers, int] | None:
    """On the worker: the papers read (in a session that ends before drawing), then drawn into ``path``."""
    papers = db.run(read_papers, year, copies, today, True, progress)
    if papers is None:
        return None
    pages = printing.save_pdf(
        papers.parts, path, "A4", False, None, papers.title, papers.base_pt, progress=progress
    )
    return papers, pages


def print_on(printer: QPrinter, papers: Papers, progress) -> int:
    """On the worker: drawn onto the printer the chair chose (aborted, not half sent, when cancelled)."""
    return printing.paint_document(papers.parts, printer, None, papers.base_pt, progress=progress)


def short_enough_to_preview(papers: Papers) -> bool:
    return sum(len(part) for part in papers.parts) <= PREVIEW_MOST


class ReviewPrinting:
    """The print jobs of one 述职评议 page (``page.year``, ``page.copies``, ``page.today``, ``page.message``)."""

    def __init__(self, page, buttons):
        self.page, self.ops, self.buttons = page, page.ops, list(buttons)

    def _busy(self, busy: bool) -> None:
        for button in self.buttons:
            button.setEnabled(not busy)

    def _say(self, text: str) -> None:
        self.page.message.setText(text)

    def _failed(self, exc: Exception) -> None:
        self._busy(False)
        QMessageBox.warning(self.page, TITLE, f"{user_message(exc)}\n没有保存或打印任何半成品。")

    def _cancelled(self) -> None:
        self._busy(False)
        self._say("已取消，没有保存或打印任何内容。")

    # --- 打印述职表和测评票… / 只打印测评票… ----------------------------------------------------------------
    def print_papers(self, sheets: bool) -> None:
        p = self.page
        self._busy(True)
        self.ops.with_progress(
            "正在准备述职表和测评票……" if sheets else "正在准备测评票……",
            read_papers, p.year.value(), p.copies.value(), p.today, sheets,
            on_done=self._read, on_error=self._failed, on_cancel=self._cancelled, parent=p,
        )  # fmt: skip

    def _read(self, papers: Papers | None) -> None:
        if papers is None:
            self._busy(False)
            QMessageBox.warning(self.page, TITLE, NO_VILLAGE)
            return
        if short_enough_to_preview(papers):
            try:
                printing.preview_and_print(self.page, lambda: papers.parts, "A4", False, None, papers.base_pt)
            finally:
                self._busy(False)
            return
        self._print_without_preview(papers)

    def _print_without_preview(self, papers: Papers) -> None:
        count = f"述职表 {papers.sheets} 份、测评票 {papers.ballots} 份"
        asked = QMessageBox.question(
            self.page,
            TITLE,
            f"共{count}，页数很多，不打开打印预览。\n现在选择打印机打印吗？（也可以先“保存为 PDF…”查看）",
        )
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(printing.page_layout("A4", landscape=False))
        if asked != QMessageBox.StandardButton.Yes or run_dialog(QPrintDialog(printer, self.page)) is None:
            self._busy(False)
            return
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            self._save(Path(printer.outputFileName()))  # printed to a file: written whole or not at all
            return
        self.ops.with_progress(
            "正在打印……", print_on, printer, papers, on_done=self._printed, on_error=self._failed,
            on_cancel=self._cancelled, parent=self.page, takes="nothing",
        )  # fmt: skip

    def _printed(self, pages: int) -> None:
        self._busy(False)
        self._say(f"已送往打印机：{pages} 页。")

    # --- 保存为 PDF… ------------------------------------------------------------------------------------
    def save_pdf(self, path: str | Path | None = None) -> None:
        """Asks where (unless ``path``), then writes the PDF on a worker; the page's message says how it went."""
        self._busy(True)
        self.ops.read(get_profile, on_done=lambda profile: self._named(profile, path), on_error=self._failed,
                      parent=self.page)  # fmt: skip

    def _named(self, profile, path: str | Path | None) -> None:
        if profile is None:
            self._busy(False)
            QMessageBox.warning(self.page, TITLE, NO_VILLAGE)
            return
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            name = f"{profile.village}{self.page.year.value()}年度执委述职评议.pdf"
            path, _ = QFileDialog.getSaveFileName(
                self.page, "保存为 PDF", str(Path(folder) / name), "PDF 文件 (*.pdf)"
            )
            if not path:
                self._busy(False)
                return
        path = Path(path)
        self._save(path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf"))

    def _save(self, path: Path) -> None:
        p = self.page
        self.ops.with_progress(
            "正在保存为 PDF……", write_pdf, p.year.value(), p.copies.value(), p.today, path,
            on_done=lambda result: self._saved(result, path), on_error=self._failed, on_cancel=self._cancelled,
            parent=p, takes="database",
        )  # fmt: skip

    def _saved(self, result: tuple[Papers, int] | None, path: Path) -> None:
        self._busy(False)
        if result is None:
            QMessageBox.warning(self.page, TITLE, NO_VILLAGE)
            return
        self._say(f"已保存：{path}（{result[1]} 页）")
