"""文件 → 导出 → 调解案件台账: choose the year and whether names are masked, then write the workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.mediation import case_years, export_ledger, ledger_file_name

from ..forms import combo
from ..looks import set_role
from ..operations import OperationRunner


class LedgerExportDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("导出调解案件台账")
        today = date.today()
        years = sorted(set(ops.read_now(case_years)) | {today.year}, reverse=True)
        self.year = combo([(f"{y}年", y) for y in years])
        self.full_names = QCheckBox("显示当事人全名")
        hint = QLabel(
            "不勾选时当事人姓名显示为“张某某”，适合报送乡镇或司法所检查。\n勾选后为全名，仅供调解站存档，请注意保密。"
        )
        set_role(hint, "hint")
        form = QFormLayout()
        form.addRow("年度", self.year)
        form.addRow("", self.full_names)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导出…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.choose_file)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    def choose_file(self) -> None:
        name = self.ops.read_now(ledger_file_name, self.year.currentData())
        path, _ = QFileDialog.getSaveFileName(
            self, "保存调解台账", str(Path.home() / name), "Excel 文件 (*.xlsx)"
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        year, mask = self.year.currentData(), not self.full_names.isChecked()
        self.ops.with_progress(
            "正在导出调解台账",
            export_ledger,
            path,
            year,
            date.today(),
            mask,
            on_done=lambda n: self._done(path, n),
            parent=self,
        )

    def _done(self, path: str, count: int) -> None:
        QMessageBox.information(self, "导出完成", f"已导出 {count} 件案件：\n{path}")
        self.accept()
