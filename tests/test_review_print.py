"""述职评议's printing as the chair sees it: the same pages as the one document it used to be, read and drawn in
the background with a progress dialog whose 取消 leaves no file; papers too long to preview go straight to the
printer chosen (here: a file)."""

from __future__ import annotations

import threading

from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QDialog

from fedclient.core.review.printout import ballot_html, review_papers, sheet_html
from fedclient.core.review.sheets import review_sheets
from fedclient.core.village import get_profile
from fedclient.ui import printing
from fedclient.ui.review import actions, review_print

from .conftest import DEMO_TODAY
from .pdf_text import needs_poppler, page_texts
from .user import click


def review_page(main_window, copies: int):
    actions.open_review(main_window)
    page = main_window.tabs.currentWidget().review_page
    page.today = DEMO_TODAY
    page.year.setValue(2026)
    page.copies.setValue(copies)
    main_window.ops.wait_idle()
    return page


def one_document(db, copies: int) -> str:
    """The papers as they were drawn before: one document, each sheet and ballot from a page break."""
    village = db.run(get_profile).village
    sheets = db.run(review_sheets, 2026, DEMO_TODAY)
    parts = [sheet_html(s, village, 2026, new_page=i > 0) for i, s in enumerate(sheets)]
    names = [(s.name, s.role) for s in sheets]
    parts += [ballot_html(names, village, 2026, new_page=True) for _ in range(copies)]
    return "".join(parts)


@needs_poppler
def test_the_papers_drawn_part_by_part_are_the_pages_of_the_one_document(demo_db, qapp, tmp_path):
    papers = demo_db.run(review_papers, 2026, 2, DEMO_TODAY)
    printing.save_pdf(
        one_document(demo_db, 2), tmp_path / "before.pdf", "A4", False, None, "", papers.base_pt
    )
    printing.save_pdf(papers.parts, tmp_path / "after.pdf", "A4", False, None, papers.title, papers.base_pt)
    before, after = page_texts(tmp_path / "before.pdf"), page_texts(tmp_path / "after.pdf")
    assert len(after) == papers.sheets + 2 and papers.sheets >= 10  # each 述职表 keeps to its page
    assert after == before
    assert "本人签字" in after[0] and "民主测评票" in after[-1]


def test_printing_previews_a_villages_papers_with_every_page(qtbot, main_window, monkeypatch):
    page = review_page(main_window, copies=3)
    shown: list[int] = []

    def look(dialog: QPrintPreviewDialog) -> int:
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        shown.append(preview.pageCount())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintPreviewDialog, "exec", look)
    page.preview_button.click()
    assert not page.pdf_button.isEnabled(), "she cannot start a second job meanwhile"
    main_window.ops.wait_idle()
    sheets = len(page.rows)
    assert shown == [sheets + 3] and page.pdf_button.isEnabled()


@needs_poppler
def test_a_cancelled_pdf_leaves_no_file_and_says_so(qtbot, main_window, monkeypatch, tmp_path):
    page = review_page(main_window, copies=2)
    drawing, go_on = threading.Event(), threading.Event()
    real = printing._paint_part

    def held(*args, **kwargs):
        drawing.set()
        assert go_on.wait(10), "the test never let the drawing go on"
        return real(*args, **kwargs)

    monkeypatch.setattr(printing, "_paint_part", held)
    folder = tmp_path / "文件"
    folder.mkdir()
    out = folder / "述职评议.pdf"
    page.save_pdf(str(out))
    qtbot.waitUntil(lambda: bool(main_window.ops.progress_dialogs), timeout=10_000)
    assert drawing.wait(10)
    dialog = main_window.ops.progress_dialogs[0]
    assert dialog.windowTitle() == "正在保存为 PDF……"
    click(qtbot, dialog, "取消")
    go_on.set()
    main_window.ops.wait_idle()
    assert not out.exists() and list(folder.iterdir()) == [], "no file, not even a half one"
    assert page.message.text() == "已取消，没有保存或打印任何内容。" and page.pdf_button.isEnabled()

    monkeypatch.setattr(printing, "_paint_part", real)
    page.save_pdf(str(out))
    main_window.ops.wait_idle()
    assert page.message.text() == f"已保存：{out}（{len(page.rows) + 2} 页）"
    assert len(page_texts(out)) == len(page.rows) + 2


@needs_poppler
def test_papers_too_long_to_preview_are_printed_without_it(qtbot, main_window, monkeypatch, tmp_path):
    """A county's thousands of 述职表: no preview (Qt draws every page of it at once); she chooses the printer
    and the pages are drawn in the background. Printed to a file, the file is written whole."""
    page = review_page(main_window, copies=1)
    monkeypatch.setattr(review_print, "PREVIEW_MOST", 1000)
    asked: list[str] = []
    monkeypatch.setattr(review_print.QMessageBox, "question", lambda _p, _t, text: asked.append(text) or
                        review_print.QMessageBox.StandardButton.Yes)  # fmt: skip
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda _d: pytest_fail("no preview"))
    out = tmp_path / "打印.pdf"

    def choose_printer(dialog) -> bool:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return True

    monkeypatch.setattr(review_print, "run_dialog", choose_printer)
    page.preview_button.click()
    main_window.ops.wait_idle()
    sheets = len(page.rows)
    assert asked and f"述职表 {sheets} 份、测评票 1 份" in asked[0]
    assert len(page_texts(out)) == sheets + 1 and page.message.text().startswith("已保存")


def pytest_fail(text: str):
    raise AssertionError(text)


@needs_poppler
def test_a_county_sized_ballot_is_drawn_a_page_of_names_at_a_time(qapp, tmp_path):
    """More names than a village has: the 测评票 goes in pages of 20 names (each laid out alone), numbered on,
    the header on every page, the title on the first and the date line on the last."""
    from fedclient.core.review.printout import LONG_BALLOT, PT, ballot_parts

    names = [(f"成员{i}", "执委") for i in range(1, LONG_BALLOT + 31)]
    parts = ballot_parts(names, "某村", 2026)
    pages = printing.save_pdf(parts, tmp_path / "票.pdf", "A4", False, None, "", PT)
    texts = page_texts(tmp_path / "票.pdf")
    assert pages == len(parts) == len(texts) == 7
    assert "民主测评票" in texts[0] and not any("民主测评票" in t for t in texts[1:])
    assert all("序号" in t for t in texts) and "测评日期" in texts[-1] and "测评日期" not in texts[-2]
    assert "成员21" in texts[1] and "成员20" not in texts[1] and "成员130" in texts[-1]
    assert len(ballot_parts(names[:LONG_BALLOT], "某村", 2026)) == 1  # a village's: one part, as it was
