"""导出月报: choose the month, whether party names are masked, and where to save; export off the GUI thread."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.monthly_report.export import (
    ExportResult,
    default_file_name,
    export_month,
    exported_at,
    last_month,
)
from fedclient.core.monthly_report.layout import month_label
from fedclient.core.paths import documents_dir
from fedclient.core.village import get_profile

from ..looks import make_primary, set_role
from ..operation import user_message
from ..operations import OperationRunner

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
FOLDER_KEY = "report/folder"


def month_edit(parent: QWidget | None = None, today: date | None = None) -> QDateEdit:
    """A month picker (yyyy年MM月) set to last month; months after this one cannot be chosen."""
    today = today or date.today()
    year, month = last_month(today)
    edit = QDateEdit(QDate(year, month, 1), parent)
    edit.setDisplayFormat("yyyy年MM月")
    edit.setMinimumDate(QDate(2000, 1, 1))
    edit.setMaximumDate(QDate(today.year, today.month, 28))
    edit.setMinimumWidth(140)
    return edit


def chosen_month(edit: QDateEdit) -> tuple[int, int]:
    d = edit.date()
    return d.year(), d.month()


def remembered_folder() -> Path:
    folder = QSettings().value(FOLDER_KEY)
    return Path(folder) if folder and Path(folder).is_dir() else documents_dir()


def offer_open_folder(
    parent: QWidget | None, title: str, text: str, path: Path, note: str | None = None
) -> None:
    """Say where the file went (and ``note``, what else the chair should know) and offer to open its folder
    in the file manager."""
    extra = f"{note}\n\n" if note else ""
    answer = QMessageBox.question(
        parent,
        title,
        f"{text}\n\n{path}\n\n{extra}是否打开所在文件夹？",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


def confirm_overwrite(parent: QWidget, path: Path) -> bool:
    if not path.exists():
        return True
    answer = QMessageBox.question(parent, "文件已存在", f"{path.name} 已存在，要替换它吗？")
    return answer == QMessageBox.StandardButton.Yes


class ReportDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ops = ops
        self.today = today or date.today()
        self.task = None  # the export running, if any
        self.result: ExportResult | None = None
        self.profile = ops.read_now(get_profile)
        self.setWindowTitle("导出月报")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "生成报送乡镇妇联的月报工作簿：汇总、执委名册、承诺践诺、调解台账、网格服务、议事会。"
            "数字与各页签中的统计一致。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.month = month_edit(self, today)
        self.month.dateChanged.connect(self._month_changed)
        form.addRow("报告月份：", self.month)
        self.mask = QCheckBox("隐去调解当事人姓名（如“张某某”）")
        self.mask.setChecked(True)
        self.mask.setToolTip("上报材料中的当事人姓名默认隐去；只有乡镇明确要求实名时才取消勾选。")
        form.addRow("当事人姓名：", self.mask)
        self.path = QLineEdit()
        browse = QPushButton("选择…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("保存到：", row)
        layout.addLayout(form)

        self.note = QLabel()
        self.note.setWordWrap(True)
        set_role(self.note, "hint")
        layout.addWidget(self.note)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        set_role(self.warning, "warning")
        layout.addWidget(self.warning)
        if self.profile is None or not self.profile.village:
            self.warning.setText("尚未填写村妇联信息（设置 → 村妇联信息），月报的标题和文件名将不完整。")
        self.warning.setVisible(bool(self.warning.text()))

        buttons = QDialogButtonBox()
        self.export_button = buttons.addButton("导出", QDialogButtonBox.ButtonRole.AcceptRole)
        make_primary(self.export_button)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._auto_name = ""
        self._month_changed()

    # --- fields ---------------------------------------------------------------------------------------------
    def _default_name(self) -> str:
        return default_file_name(self.profile, *chosen_month(self.month))

    def _month_changed(self, *_args) -> None:
        """Keep the file name in step with the month unless the user typed a name of her own."""
        current = Path(self.path.text()) if self.path.text().strip() else None
        if current is None or current.name == self._auto_name:
            folder = current.parent if current else remembered_folder()
            self._auto_name = self._default_name()
            self.path.setText(str(folder / self._auto_name))
        year, month = chosen_month(self.month)
        done = self.ops.read_now(exported_at, year, month)
        note = (
            f"{month_label(year, month)}的月报已于 {done.replace('T', ' ')[:16]} 导出过；再次导出会按当前数据重新生成。"
            if done
            else f"{month_label(year, month)}的月报尚未导出。"
        )
        today = self.today
        if (year, month) == (today.year, today.month):
            note += "本月尚未结束，月报中的数字只统计到今天。"
        self.note.setText(note)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "月报保存到", self.path.text(), XLSX_FILTER)
        if path:
            self.path.setText(path)

    def target(self) -> Path | None:
        text = self.path.text().strip()
        if not text:
            return None
        path = Path(text)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    # --- export ---------------------------------------------------------------------------------------------
    def export(self) -> None:
        path = self.target()
        if path is None:
            QMessageBox.warning(self, "导出月报", "请选择月报保存的位置。")
            return
        if not confirm_overwrite(self, path):
            return
        year, month = chosen_month(self.month)
        self.export_button.setEnabled(False)
        self.task = self.ops.with_progress(
            "正在导出月报……",
            export_month,
            year,
            month,
            path,
            self.mask.isChecked(),
            changes=Area.SETTINGS,  # the month is recorded as sent
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._finished,
            parent=self,
            takes="database",
        )

    def _finished(self) -> None:
        self.task = None
        self.export_button.setEnabled(True)

    def _done(self, result: ExportResult) -> None:
        self._finished()
        self.result = result
        QSettings().setValue(FOLDER_KEY, str(result.path.parent))
        self.accept()
        offer_open_folder(
            self.parentWidget(),
            "月报已导出",
            f"{month_label(result.year, result.month)}的月报已保存到：",
            result.path,
            note=result.note,
        )

    def _failed(self, error: Exception) -> None:
        self._finished()
        message = user_message(error)
        QMessageBox.warning(self, "月报未能导出", f"{message}\n\n没有写入任何半成品，请处理后重试。")
