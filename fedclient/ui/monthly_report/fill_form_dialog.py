"""填写乡镇表格…: open the township's form, see every cell the program will fill (with where each value comes
from) and what it did not understand, assign those once from the list, and save the filled copy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.forms import FILE_FILTER, SKIP, PreparedForm, fill_and_save, key_label, preview

from ..looks import make_primary, set_role
from ..operation import user_message
from ..operations import OperationRunner
from .export_dialog import (
    XLSX_FILTER,
    chosen_month,
    confirm_overwrite,
    month_edit,
    offer_open_folder,
    remembered_folder,
)

FORM_FOLDER_KEY = "forms/folder"
FILL_HEADERS = ("工作表", "单元格", "表格上的文字", "填入的值", "来源")
UNKNOWN_HEADERS = ("工作表", "单元格", "表格上的文字", "原因", "指定为")


def shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class FillFormDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ops = ops
        self.task = None
        self.prepared: PreparedForm | None = None
        self.picks: dict[str, str] = {}
        self.setWindowTitle("填写乡镇表格")
        self.resize(1100, 680)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "打开乡镇发来的表格（.xlsx 或 .xls），程序按所选月份月报中的数字和名册填写，表格原有的格式、合并单元格和公式"
            "都不改动；原文件不会被修改，填好的表格另存一份。下方列出将填写的每个单元格及数值来源；没有识别的文字保持空白，"
            "可以在“指定为”中选择，程序会记住这张表格的样式，下个月直接填写。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.form_path = QLineEdit()
        self.form_path.setReadOnly(True)
        self.form_path.setPlaceholderText("请选择乡镇发来的表格")
        choose = QPushButton("选择表格…")
        choose.clicked.connect(self._choose_form)
        row = QHBoxLayout()
        row.addWidget(self.form_path, 1)
        row.addWidget(choose)
        form.addRow("乡镇表格：", row)
        self.month = month_edit(self, today)
        self.month.dateChanged.connect(lambda *_: self.refresh())
        form.addRow("按哪个月填写：", self.month)
        self.mask = QCheckBox("隐去调解当事人姓名（如“张某某”）")
        self.mask.setChecked(True)
        self.mask.toggled.connect(lambda *_: self.refresh())
        form.addRow("当事人姓名：", self.mask)
        layout.addLayout(form)

        self.summary = QLabel("尚未选择表格。")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.fills = self._table(FILL_HEADERS)
        layout.addWidget(self.fills, 3)
        self.unknown_label = QLabel("未能识别的文字（保持空白）：")
        layout.addWidget(self.unknown_label)
        self.unknowns = self._table(UNKNOWN_HEADERS)
        layout.addWidget(self.unknowns, 2)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        set_role(self.notes, "hint")
        layout.addWidget(self.notes)

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("保存填好的表格…", QDialogButtonBox.ButtonRole.AcceptRole)
        make_primary(self.save_button)
        self.save_button.setEnabled(False)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _table(self, headers) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(list(headers))
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        return table

    # --- reading the form --------------------------------------------------------------------------------
    def _choose_form(self) -> None:
        folder = QSettings().value(FORM_FOLDER_KEY) or str(remembered_folder())
        path, _ = QFileDialog.getOpenFileName(self, "选择乡镇发来的表格", str(folder), FILE_FILTER)
        if path:
            QSettings().setValue(FORM_FOLDER_KEY, str(Path(path).parent))
            self.open_form(Path(path))

    def open_form(self, path: Path) -> None:
        self.form_path.setText(str(path))
        self.picks = {}
        self.refresh()

    def refresh(self) -> None:
        if not self.form_path.text() or self.task is not None:
            return
        self.save_button.setEnabled(False)
        self.summary.setText("正在识别……")
        self.task = self.ops.with_progress(
            "正在识别表格……",
            preview,
            Path(self.form_path.text()),
            *chosen_month(self.month),
            self.mask.isChecked(),
            dict(self.picks),
            on_done=self._show,
            on_error=self._failed,
            on_cancel=self._finished,
            parent=self,
            takes="database",
        )

    def _finished(self) -> None:
        self.task = None

    def _failed(self, error: Exception) -> None:
        self._finished()
        self.prepared = None
        self.summary.setText("无法识别这张表格。")
        QMessageBox.warning(self, "填写乡镇表格", user_message(error))

    def _show(self, prepared: PreparedForm) -> None:
        self._finished()
        self.prepared = prepared
        plan = prepared.plan
        self.summary.setText(plan.summary() + "。")
        self.fills.setRowCount(len(plan.fills))
        for r, f in enumerate(plan.fills):
            source = f.source + ("（您指定的）" if f.assigned else "")
            for c, text in enumerate((f.sheet, f.cell, f.label, shown(f.value), source)):
                self.fills.setItem(r, c, QTableWidgetItem(text))
        self.unknowns.setRowCount(len(plan.unknowns))
        for r, u in enumerate(plan.unknowns):
            for c, text in enumerate((u.sheet, u.cell, u.text, u.reason)):
                self.unknowns.setItem(r, c, QTableWidgetItem(text))
            self.unknowns.setCellWidget(r, 4, self._picker(u.ident, u.options))
        self.unknown_label.setVisible(bool(plan.unknowns))
        self.unknowns.setVisible(bool(plan.unknowns))
        self.notes.setText("\n".join(plan.notes))
        self.save_button.setEnabled(bool(plan.fills))

    def _picker(self, ident: str, options) -> QComboBox:
        combo = QComboBox()
        combo.addItem("（保持空白，下次再问）", "")
        combo.addItem("不填（以后也不问）", SKIP)
        for key in options:
            combo.addItem(key_label(key), key)
        combo.setCurrentIndex(max(0, combo.findData(self.picks.get(ident, ""))))
        combo.currentIndexChanged.connect(lambda _i, c=combo, i=ident: self._picked(i, c.currentData()))
        return combo

    def _picked(self, ident: str, key: str) -> None:
        if key:
            self.picks[ident] = key
        else:
            self.picks.pop(ident, None)
        self.refresh()

    # --- saving ------------------------------------------------------------------------------------------
    def default_target(self) -> Path:
        source = Path(self.form_path.text())
        year, month = chosen_month(self.month)
        return remembered_folder() / f"{source.stem}（已填{year}年{month:02d}月）.xlsx"

    def save(self) -> None:
        if self.prepared is None or self.task is not None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "填好的表格保存到", str(self.default_target()), XLSX_FILTER
        )
        if not path:
            return
        out = Path(path) if path.lower().endswith(".xlsx") else Path(path + ".xlsx")
        if not confirm_overwrite(self, out):
            return
        self.save_button.setEnabled(False)
        self.task = self.ops.with_progress(
            "正在填写表格……",
            fill_and_save,
            Path(self.form_path.text()),
            *chosen_month(self.month),
            self.mask.isChecked(),
            dict(self.picks),
            out,
            changes=Area.SETTINGS,  # the picks are remembered for this layout
            on_done=self._saved,
            on_error=self._save_failed,
            on_cancel=self._finished,
            parent=self,
            takes="database",
        )

    def _saved(self, result) -> None:
        self._finished()
        path, plan = result
        self.save_button.setEnabled(True)
        offer_open_folder(self, "表格已填好", f"{plan.summary()}，已保存到：", path)

    def _save_failed(self, error: Exception) -> None:
        self._finished()
        self.save_button.setEnabled(True)
        QMessageBox.warning(self, "表格未能保存", f"{user_message(error)}\n\n原表格没有改动，请处理后重试。")
