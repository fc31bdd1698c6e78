"""导入花名册… and 导出花名册…: the roster to and from spreadsheets, off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.members.roster_export import default_file_name, export_roster
from fedclient.core.members.roster_import import (
    ROSTER_FIELDS,
    apply_roster_import,
    load_roster,
    plan_roster_import,
)
from fedclient.core.paths import documents_dir
from fedclient.core.village import get_profile

from ..forms import run_dialog
from ..import_dialog import ImportDialog, Importer, database_importer, open_import
from ..operations import OperationRunner


def roster_importer(ops: OperationRunner) -> Importer:
    return database_importer(
        ops,
        title="导入花名册",
        noun="人",
        fields=ROSTER_FIELDS,
        load=load_roster,
        plan=plan_roster_import,
        apply=apply_roster_import,
        changes=Area.MEMBERS,
    )


def import_roster(parent: QWidget, ops: OperationRunner, path: str | None = None) -> ImportDialog | None:
    return open_import(parent, roster_importer(ops), path, "选择花名册表格")


class ExportOptions(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("导出花名册")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("把全部成员（含离任）导出为 Excel 表格，身份证号和电话保存为文本。"))
        self.mask = QCheckBox("遮盖身份证号中间部分（如 4307**********1234），交给他人时建议勾选")
        self.mask.setChecked(True)
        layout.addWidget(self.mask)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("选择保存位置…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def export_roster_to_file(
    parent: QWidget, ops: OperationRunner, path: str | None = None, mask: bool | None = None
):
    if mask is None:
        mask = run_dialog(ExportOptions(parent), lambda options: options.mask.isChecked())
        if mask is None:
            return None
    if path is None:
        profile = ops.read_now(get_profile)
        default = documents_dir() / default_file_name(profile.village if profile else "")
        path, _ = QFileDialog.getSaveFileName(parent, "导出花名册", str(default), "Excel 工作簿 (*.xlsx)")
        if not path:
            return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"

    def done(n: int) -> None:
        QMessageBox.information(parent, "导出完成", f"已导出 {n} 人到：\n{path}")

    return ops.with_progress("正在导出花名册", export_roster, Path(path), mask, on_done=done, parent=parent)
