"""Printing and saving the case documents (受理登记表, 调解协议书, 回访记录) of the selected case.

The documents' module (their HTML, with ``html``'s entity tables) is imported when the chair opens the menu or asks
for a document, not when the tab is built (issue 18: the window's memory)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox


class DocumentActions:
    """Mixed into the tab, which provides ``ops`` and ``selected_id()``. A4 portrait suits these forms."""

    def _documents_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.aboutToShow.connect(lambda: menu.isEmpty() and self._fill_documents_menu(menu))
        return menu

    def _fill_documents_menu(self, menu: QMenu) -> None:
        from fedclient.core.mediation.documents import KINDS

        for kind, title in KINDS.items():
            menu.addAction(f"打印{title}…", lambda k=kind: self.print_document(k))
        menu.addSeparator()
        for kind, title in KINDS.items():
            menu.addAction(f"{title}另存为 PDF…", lambda k=kind: self.save_document_pdf(k))

    def _document(self, kind: str) -> tuple[str, str] | None:
        from fedclient.core.mediation.documents import DocumentRefused, document_html

        case_id = self.selected_id()
        if case_id is None:
            return None
        try:
            return self.ops.read_now(document_html, case_id, kind)
        except DocumentRefused as exc:
            QMessageBox.information(self, "无法生成文书", str(exc))
            return None

    def print_document(self, kind: str) -> None:
        document = self._document(kind)
        if document is not None:
            from ..printing import preview_and_print  # printing (QtPrintSupport) is loaded when used

            preview_and_print(self, lambda: document[1], paper="A4", landscape=False)

    def save_document_pdf(self, kind: str, path: str | None = None) -> Path | None:
        document = self._document(kind)
        if document is None:
            return None
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, "另存为 PDF", str(Path.home() / f"{document[0]}.pdf"), "PDF 文件 (*.pdf)"
            )
            if not path:
                return None
        from ..printing import save_pdf

        try:
            save_pdf(document[1], path, paper="A4", landscape=False, title=document[0])
        except OSError as exc:
            QMessageBox.warning(self, "保存失败", str(exc))
            return None
        self.show_status(f"已保存 {path}")
        return Path(path)
