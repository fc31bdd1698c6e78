"""Printing a printout of the review domain (述职表 and 测评票, 自查表, 积分证): preview and print, or save as
PDF, through the shared drawing path (``ui.printing``). A4 portrait."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from fedclient.core.pledges.board import Board
from fedclient.ui import printing


def preview(parent: QWidget, make: Callable[[], Board]) -> None:
    board = make()
    printing.preview_and_print(
        parent, lambda: board.html, "A4", False, board.footer, board.base_pt, board.footer_pt
    )


def save_pdf(parent: QWidget, make: Callable[[], Board], name: str, path: str | Path | None = None) -> str:
    """Asks where (unless ``path``), writes the PDF; returns the message to show ("" when nothing was saved)."""
    if not path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(
            parent, "保存为 PDF", str(Path(folder) / name), "PDF 文件 (*.pdf)"
        )
        if not path:
            return ""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        board = make()
        pages = printing.save_pdf(board.html, path, "A4", False, board.footer, board.title, board.base_pt,
                                  board.footer_pt)  # fmt: skip
    except OSError as exc:
        QMessageBox.warning(parent, "保存为 PDF", str(exc))
        return ""
    finally:
        QApplication.restoreOverrideCursor()
    return f"已保存：{path}（{pages} 页）"
