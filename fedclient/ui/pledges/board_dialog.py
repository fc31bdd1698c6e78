"""打印承诺公示栏: the start-of-year board, a quarter's 践诺情况公示 or the assessment table, previewed and
printed, or saved as PDF — one drawing path (fedclient.ui.printing) for all three."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.pledges.board import Board, assessment_table, default_posted, pledge_board
from fedclient.core.village import get_profile
from fedclient.ui import printing

from ..forms import DateInput, combo
from ..looks import make_primary, set_role
from ..operations import OperationRunner

KINDS = [
    ("承诺公示栏（年初公示）", None),
    ("第一季度践诺情况公示", 1),
    ("第二季度践诺情况公示", 2),
    ("第三季度践诺情况公示", 3),
    ("第四季度践诺情况公示", 4),
    ("年度履职考核表", "assessment"),
]


def current_quarter(day: date) -> int:
    return (day.month - 1) // 3 + 1


class BoardDialog(QDialog):
    def __init__(
        self, ops: OperationRunner, year: int, parent: QWidget | None = None, kind: int | str | None = None,
        today: date | None = None,
    ):  # fmt: skip
        super().__init__(parent)
        self.ops = ops
        self.today = today or date.today()
        self.setWindowTitle("打印承诺公示栏")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.kind = combo(KINDS, kind)
        self.paper = combo([("A4 横向", "A4"), ("A3 横向", "A3")])
        self.posted = DateInput(self.today)
        self.hint = hint = QLabel()
        set_role(hint, "hint")
        hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("年度：", self.year)
        form.addRow("内容：", self.kind)
        form.addRow("纸张：", self.paper)
        form.addRow("公示日期：", self.posted)
        preview = QPushButton("打印预览…")
        make_primary(preview)
        save = QPushButton("保存为 PDF…")
        close = QPushButton("关闭")
        preview.clicked.connect(self.preview)
        save.clicked.connect(self.save_pdf)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(preview)
        buttons.addWidget(save)
        buttons.addStretch()
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.year.valueChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.setWindowTitle(
            "打印" + self.kind.currentText().split("（")[0]
        )  # what she chose, not always 承诺公示栏
        self.hint.setText(
            "考核表只印姓名、职务和考核情况，不印身份证号和个人电话。"
            if kind == "assessment"
            else "公示栏只印姓名、职务和承诺，不印身份证号和个人电话；页脚印主席电话作为监督电话。"
        )
        self.posted.setEnabled(kind != "assessment")
        if kind != "assessment":
            self.posted.set_value(self.ops.read_now(default_posted, self.year.value(), kind, self.today))

    def board(self) -> Board:
        kind, paper, year = self.kind.currentData(), self.paper.currentData(), self.year.value()
        if kind == "assessment":
            return self.ops.read_now(assessment_table, year, paper, self.today)
        return self.ops.read_now(
            pledge_board, year, kind, paper, self.posted.value() or self.today, self.today
        )

    def default_name(self) -> str:
        profile = self.ops.read_now(get_profile)
        village = profile.village if profile else ""
        label = self.kind.currentText().split("（")[0]
        return f"{village}{self.year.value()}年{label}_{self.paper.currentData()}.pdf"

    def preview(self) -> None:
        board = self.board()
        if self._no_profile():
            return
        printing.preview_and_print(
            self,
            lambda: board.html,
            self.paper.currentData(),
            True,
            board.footer,
            board.base_pt,
            board.footer_pt,
        )

    def _no_profile(self) -> bool:
        if self.ops.read_now(get_profile) is None:
            QMessageBox.warning(
                self, "打印公示栏", "请先在“设置 → 村妇联信息”中填写村名和主席电话（监督电话）。"
            )
            return True
        return False

    def save_pdf(self, path: str | Path | None = None) -> Path | None:
        if self._no_profile():
            return None
        if not path:
            folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            path, _ = QFileDialog.getSaveFileName(
                self, "保存为 PDF", str(Path(folder) / self.default_name()), "PDF 文件 (*.pdf)"
            )
            if not path:
                return None
        path = Path(path)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        board = self.board()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            pages = printing.save_pdf(
                board.html, path, self.paper.currentData(), True, board.footer, board.title, board.base_pt,
                board.footer_pt,
            )  # fmt: skip
        except OSError as exc:
            QMessageBox.warning(self, "保存为 PDF", str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.message.setText(f"已保存：{path}（{pages} 页）")
        return path
