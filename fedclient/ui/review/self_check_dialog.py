"""规范化建设自查表: the quantified self-check of the year, each item with its rule and what to fix; printable."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.review.printout import self_check_printout
from fedclient.core.review.self_check import SelfCheck, self_check
from fedclient.core.village import get_profile
from fedclient.ui.operations import OperationRunner

from ..looks import heading, make_primary, set_role
from . import print_dialog

HEADERS = ["项目", "实际情况", "评分标准", "满分", "得分", "需整改"]


class SelfCheckDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ops = ops
        self.today = today or date.today()
        self.check: SelfCheck | None = None
        self.setWindowTitle("规范化建设自查表")
        self.resize(1200, 620)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(self.today.year)
        self.year.setSuffix(" 年")
        self.total = QLabel()
        heading(self.total, 16)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        for col, width in enumerate((120, 230, 300, 50, 50)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hint = QLabel("由程序按记录计算，供乡镇考核前自查：得分低的项目看“需整改”一栏。")
        set_role(hint, "hint")
        self.message = QLabel()
        preview = QPushButton("打印预览…")
        make_primary(preview)
        save = QPushButton("保存为 PDF…")
        close = QPushButton("关闭")
        top = QHBoxLayout()
        top.addWidget(QLabel("年度"))
        top.addWidget(self.year)
        top.addSpacing(20)
        top.addWidget(self.total)
        top.addStretch()
        buttons = QHBoxLayout()
        buttons.addWidget(preview)
        buttons.addWidget(save)
        buttons.addWidget(self.message, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.year.valueChanged.connect(self.refresh)
        preview.clicked.connect(lambda: print_dialog.preview(self, self._printout))
        save.clicked.connect(lambda: self.save_pdf())
        close.clicked.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        self.ops.read(self_check, self.year.value(), self.today, on_done=self._show, parent=self, key="check")

    def _show(self, check: SelfCheck) -> None:
        self.check = check
        self.total.setText(f"总分 {check.total:g} 分（{check.grade}）")
        self.table.setRowCount(len(check.items))
        for i, item in enumerate(check.items):
            values = (
                item.name,
                item.found,
                item.rule,
                str(item.full),
                f"{item.score:g}",
                "；".join(item.fixes) or "—",
            )
            for col, text in enumerate(values):
                cell = QTableWidgetItem(text)
                if col == 4 and item.score < item.full:
                    cell.setForeground(QColor("#b03a2e"))
                self.table.setItem(i, col, cell)

    def _printout(self):
        return self.ops.read_now(self_check_printout, self.year.value(), self.today)

    def save_pdf(self, path: str | None = None) -> str:
        profile = self.ops.read_now(get_profile)
        name = f"{profile.village if profile else ''}{self.year.value()}年度规范化建设自查表.pdf"
        text = print_dialog.save_pdf(self, self._printout, name, path)
        if text:
            self.message.setText(text)
        return text
