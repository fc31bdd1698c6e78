"""一户一档: one household's visits and services, disputes and people helped, as the printed file shows them."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout

from fedclient.core.grids.printouts import household_file_html

from ..operations import OperationRunner
from ..printing import document_font, preview_and_print, save_document_pdf

# On the screen Qt's rich text ignores the printed form's cell padding (given in pt): a label cell's background then
# covers the last row's bottom border, and a table as wide as the page comes out a pixel wider (its outer border,
# rounding), so a sideways scrollbar shows for nothing. The screen gets padding in px, the cells' own borders only
# and tables a hair narrower than the page.
SCREEN_STYLE = "table.form td, table.form th { padding: 3px; }"


def on_screen(html: str) -> str:
    """The printed file's HTML as the dialog shows it (printing and the PDF keep ``html`` itself)."""
    html = html.replace("</style>", SCREEN_STYLE + "</style>", 1).replace("border='1'", "border='0'")
    return html.replace("width='100%'", "width='99.5%'")  # (a pixel of rounding at some widths)


class HouseholdFileDialog(QDialog):
    def __init__(self, ops: OperationRunner, household_id: int, parent=None):
        super().__init__(parent)
        self.ops = ops
        self.household_id = household_id
        self.document = ops.read_now(household_file_html, household_id, date.today())
        self.setWindowTitle(self.document[0])
        self.resize(900, 640)
        self.view = QTextBrowser()
        self.view.document().setDefaultFont(document_font(10.5))
        self.view.setHtml(on_screen(self.document[1]))
        print_button = QPushButton("打印…")
        print_button.clicked.connect(self.print_file)
        pdf_button = QPushButton("存为 PDF…")
        pdf_button.clicked.connect(lambda: self.save_pdf())
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(print_button)
        buttons.addWidget(pdf_button)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def print_file(self) -> None:
        preview_and_print(self, lambda: self.document[1], landscape=False)

    def save_pdf(self, path: str | None = None):
        return save_document_pdf(self, self.document, path)
