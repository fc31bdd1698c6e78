"""A generic import dialog: read a spreadsheet, let the user correct which column is which, preview every
row with its problems, then import — all the slow parts off the GUI thread (the operation runner).

Any importer plugs in with an ``Importer``: its fields (``tabular.Field``) and three functions taking a
``progress`` keyword — ``load(path)`` -> Table, ``plan(table)`` -> Preview, ``apply(preview)`` -> message.
The 成员 tab imports rosters with it; the 网格 tab can import households the same way.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.history.source import imported_from
from fedclient.core.tabular import Preview, Table, missing_required, save_problem_rows, sheet_header

from .dialog_work import WorkingDialog
from .forms import open_dialog
from .import_preview import NOTE_COLUMN, PreviewModel
from .importer import Importer, database_importer

__all__ = ["ImportDialog", "Importer", "database_importer", "open_import"]
from .looks import make_primary, set_role
from .operation import user_message

NOT_MAPPED = "（不导入）"


class ImportDialog(WorkingDialog):
    def __init__(self, parent: QWidget, importer: Importer):
        super().__init__(parent, importer.ops)
        self.importer = importer
        self.table: Table | None = None
        self.preview: Preview | None = None
        self.setWindowTitle(importer.title)
        self.resize(1280, 680)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        self.file_label = QLabel("请选择要导入的表格文件")
        top.addWidget(self.file_label, 1)
        top.addWidget(QLabel("工作表："))
        self.sheet_combo = QComboBox()
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        top.addWidget(self.sheet_combo)
        top.addWidget(QLabel("表头在第"))
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 1)
        top.addWidget(self.header_spin)
        top.addWidget(QLabel("行"))
        layout.addLayout(top)
        notes = QHBoxLayout()
        self.sheet_note = QLabel(wordWrap=True)
        set_role(self.sheet_note, "hint")
        notes.addWidget(self.sheet_note, 1)
        self.include_hidden = QCheckBox()
        self.include_hidden.setToolTip("这些行在表格里被隐藏了（可能是作废或调走的人），默认不导入")
        self.include_hidden.toggled.connect(self._options_changed)
        self.include_hidden.hide()
        notes.addWidget(self.include_hidden)
        layout.addLayout(notes)
        # Another sheet as much like a roster as the one read; the file's hidden rows could not be checked.
        self.hidden_note = QLabel(wordWrap=True, visible=False)
        set_role(self.hidden_note, "warning")
        layout.addWidget(self.hidden_note)

        self.mapping_box = QGroupBox("各列对应（已自动识别，不对可以改）")
        self.mapping_grid = QGridLayout(self.mapping_box)
        self.mapping_grid.setHorizontalSpacing(8)
        self.combos: dict[str, QComboBox] = {}
        per_row = 4
        for i, f in enumerate(importer.fields):
            combo = QComboBox()
            combo.setMinimumContentsLength(13)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.currentIndexChanged.connect(self._mapping_changed)
            label = QLabel(f"{f.label}{'*' if f.required else ''}：")
            self.mapping_grid.addWidget(label, i // per_row, (i % per_row) * 2, Qt.AlignmentFlag.AlignRight)
            self.mapping_grid.addWidget(combo, i // per_row, (i % per_row) * 2 + 1)
            self.combos[f.name] = combo
        layout.addWidget(self.mapping_box)

        bar = QHBoxLayout()
        self.summary = QLabel(wordWrap=True)
        bar.addWidget(self.summary, 1)
        self.problems_only = QCheckBox("只看有问题的行")
        self.problems_only.toggled.connect(self._show_rows)
        bar.addWidget(self.problems_only)
        layout.addLayout(bar)

        self.model = PreviewModel(importer.fields, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        layout.addWidget(self.view, 1)
        self.detail = QLabel(wordWrap=True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail)

        buttons = QHBoxLayout()
        self.save_refused_button = QPushButton("另存未导入的行…")
        self.save_refused_button.setToolTip("保存为表格，附“未导入原因”一列，改好后可再次导入")
        self.save_refused_button.clicked.connect(self.save_refused)
        buttons.addWidget(self.save_refused_button)
        self.confirm_button = QPushButton("这一行是人员，导入")
        self.confirm_button.setToolTip(
            "被跳过的行（不像人名、合计、隐藏的行）核对后确认是人员，就会检查并导入"
        )
        self.confirm_button.clicked.connect(self.toggle_confirmed)
        self.confirm_button.setEnabled(False)
        buttons.addWidget(self.confirm_button)
        buttons.addStretch(1)
        self.import_button = QPushButton("导入")
        make_primary(self.import_button)
        self.import_button.clicked.connect(self.do_import)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)
        layout.addLayout(buttons)
        self._set_busy(True)

        self._replan_timer = QTimer(self)
        self._replan_timer.setSingleShot(True)
        self._replan_timer.setInterval(250)
        self._replan_timer.timeout.connect(self.replan)
        self.sheet_combo.currentIndexChanged.connect(self._header_changed)
        self.header_spin.valueChanged.connect(self._header_changed)
        self._filling = False
        self._generation = 0

    # --- loading --------------------------------------------------------------------------------------
    def load(self, path: Path | str) -> None:
        self.file_label.setText(f"文件：{Path(path).name}")
        self.start_work(
            "正在读取表格",
            self.importer.load,
            path,
            on_done=self._loaded,
            on_error=self._load_failed,
            on_cancel=self.reject,
            takes="nothing",
        )

    def _load_failed(self, error: Exception) -> None:
        QMessageBox.warning(self, "无法读取", user_message(error))
        self.reject()

    def _loaded(self, table: Table) -> None:
        self._filling = True
        self.table = table
        self.sheet_combo.clear()
        counts = {c.name: c for c in table.choices}
        for sheet in table.sheets:
            choice = counts.get(sheet.name)
            extra = f"（{choice.note}）" if choice else ""
            self.sheet_combo.addItem(sheet.name + extra)
        self.sheet_combo.setCurrentIndex(table.sheet_index)
        self.sheet_combo.setEnabled(len(table.sheets) > 1)
        self._fill_header_controls()
        self._filling = False
        self.replan()

    def _fill_header_controls(self) -> None:
        table = self.table
        self.sheet_note.setText("读取：" + table.sheet_summary() + "。不对可以在右上方换工作表或表头行。")
        hidden = table.hidden_count()
        self.include_hidden.setText(f"也导入隐藏的 {hidden} 行")
        self.include_hidden.setChecked(table.include_hidden)
        self.include_hidden.setVisible(hidden > 0)
        doubt = f"{table.doubt}（右上方“工作表”可以换）" if table.doubt else ""
        columns = table.columns_note() and f"{table.columns_note()}（不对可以在下面“各列对应”里改）"
        notes = [text for text in (doubt, columns, table.hidden_rows_warning()) if text]
        self.hidden_note.setText("\n".join(f"注意：{text}。" for text in notes))
        self.hidden_note.setVisible(bool(notes))
        self.header_spin.setRange(1, max(1, len(table.sheet.rows)))
        self.header_spin.setValue(table.header_row + 1)
        options = [NOT_MAPPED] + [
            f"第{i + 1}列：{h}" if h else f"第{i + 1}列" for i, h in enumerate(table.headers)
        ]
        for name, combo in self.combos.items():
            combo.clear()
            combo.addItems(options)
            column = table.mapping.get(name)
            combo.setCurrentIndex(0 if column is None else column + 1)

    def _header_changed(self) -> None:
        if self._filling or self.table is None:
            return
        self._filling = True
        sheet = max(0, self.sheet_combo.currentIndex())
        if sheet == self.table.sheet_index:
            row = self.header_spin.value() - 1
        else:  # another sheet: find its header row again
            row = sheet_header(self.table.sheets[sheet], self.importer.fields)
        self.table = self.table.with_header(sheet, min(row, max(0, len(self.table.sheets[sheet].rows) - 1)))
        self._fill_header_controls()
        self._filling = False
        self._replan_timer.start()

    def _options_changed(self) -> None:
        if self._filling or self.table is None:
            return
        self.table = self.table.with_options(include_hidden=self.include_hidden.isChecked())
        self._replan_timer.start()

    def toggle_confirmed(self) -> None:
        """The chair says the selected skipped row is a person (or takes that back)."""
        row = self._selected_row()
        if row is None or self.table is None:
            return
        confirmed = set(self.table.confirmed) ^ {row.row_number}
        self.table = self.table.with_options(confirmed=confirmed)
        self._replan_timer.start()

    def _selected_row(self):
        index = self.view.selectionModel().currentIndex()
        return (
            self.model.rows[index.row()] if index.isValid() and index.row() < len(self.model.rows) else None
        )

    def _mapping_changed(self) -> None:
        if self._filling or self.table is None:
            return
        mapping = {
            name: (c.currentIndex() - 1 if c.currentIndex() > 0 else None) for name, c in self.combos.items()
        }
        self.table = self.table.with_mapping(mapping)
        self._replan_timer.start()

    # --- preview --------------------------------------------------------------------------------------
    def replan(self) -> None:
        if self.table is None or self.closing:
            return
        missing = missing_required(self.table.mapping, self.importer.fields)
        if missing:
            self.preview = None
            self.model.set_rows([], self.table.mapping)
            self.summary.setText(f"请指定“{'、'.join(missing)}”在哪一列，才能检查和导入。")
            set_role(self.summary, "error")
            self._set_busy(False)
            return
        self._set_busy(True)
        self._generation += 1
        generation = self._generation
        self.start_work(
            "正在检查每一行",
            self.importer.plan,
            self.table,
            on_done=lambda p: self._planned(p, generation),
            on_error=self._check_failed,
            on_cancel=lambda: self._set_busy(False),
        )

    def _planned(self, preview: Preview, generation: int) -> None:
        if generation != self._generation:
            return  # the mapping changed again while this check ran; a newer one is coming
        self.preview = preview
        self._show_rows()
        writes = preview.count("new") + preview.count("update")
        empty = f"表头（第 {self.table.header_row + 1} 行）下面没有任何数据行，没有可导入的"
        text = preview.summary() if preview.rows else empty + self.importer.noun
        text += "".join(f"。{note}" for note in preview.notes)
        warned = len(preview.warning_rows())
        if warned:
            text += f"；{warned} 行有提醒（会导入，请看“问题与说明”）"
        if preview.count("refused") or preview.count("duplicate"):
            text += "。有问题的行不会导入，可另存后改好再导入"
        if preview.count("skipped"):
            text += "。跳过的行若其实是人员，选中后点“这一行是人员，导入”"
        self.summary.setText(text)
        set_role(self.summary, "hint")
        self.import_button.setText(f"导入 {writes} {self.importer.noun}")
        self._set_busy(False)

    def _show_rows(self) -> None:
        if self.preview is None or self.table is None:
            return
        rows = self.preview.rows
        if self.problems_only.isChecked():
            rows = [r for r in rows if r.problems or r.warnings or r.kind == "update"]
        self.model.set_rows(rows, self.preview.read_mapping or self.table.mapping)  # 所在组 from headings too
        header = self.view.horizontalHeader()
        for col in range(self.model.columnCount()):
            label = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            width = 180 if "身份证" in label else 120 if "电话" in label else 40 + 14 * len(label)
            header.resizeSection(col, width)
        header.resizeSection(0, 56)
        header.resizeSection(1, 80)
        header.resizeSection(NOTE_COLUMN, 300)
        self.detail.setText("")
        self.confirm_button.setEnabled(False)

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """The whole explanation of the selected row, which may be too long for its cell."""
        if not current.isValid() or current.row() >= len(self.model.rows):
            self.detail.setText("")
            return
        row = self.model.rows[current.row()]
        confirmed = self.table is not None and row.row_number in self.table.confirmed
        self.confirm_button.setEnabled(row.kind == "skipped" or confirmed)
        self.confirm_button.setText("取消确认" if confirmed else "这一行是人员，导入")
        self.detail.setText(f"第{row.row_number}行（{row.kind_label}）：{row.note}" if row.note else "")
        set_role(self.detail, "error" if row.problems else "warning")

    def _set_busy(self, busy: bool) -> None:
        writes = self.preview is not None and any(r.writes for r in self.preview.rows)
        self.import_button.setEnabled(not busy and writes)
        has_bad = self.preview is not None and any(
            r.kind in ("refused", "duplicate") for r in self.preview.rows
        )
        self.save_refused_button.setEnabled(not busy and has_bad)

    # --- actions --------------------------------------------------------------------------------------
    def do_import(self) -> None:
        if self.preview is None:
            return
        self._set_busy(True)
        preview = self.preview
        self.start_work(
            self.importer.title,
            imported_from(self.importer.apply, self.table.path),
            preview,
            changes=self.importer.changes,
            on_done=lambda result: self._applied(self.importer.done_message(result, preview)),
            on_error=self._failed,
            on_cancel=lambda: self._set_busy(False),
            told_when_closing=True,
        )

    def closing_started(self) -> None:
        self._set_busy(True)
        self.summary.setText("正在取消，请稍候……")

    def _check_failed(self, error: Exception) -> None:
        QMessageBox.warning(self, "未能检查", f"检查表格时出错：{user_message(error)}")
        self._set_busy(False)

    def _applied(self, message: str) -> None:
        QMessageBox.information(self, "导入完成", message)
        self.accept()

    def _failed(self, error: Exception) -> None:
        QMessageBox.warning(self, "导入未完成", f"导入未能完成，没有写入任何一行：{user_message(error)}")
        self._set_busy(False)

    def save_refused(self) -> None:
        if self.preview is None or self.table is None:
            return
        default = str(self.table.path.with_name(self.table.path.stem + "_未导入的行.xlsx"))
        path, _ = QFileDialog.getSaveFileName(self, "另存未导入的行", default, "Excel 工作簿 (*.xlsx)")
        if not path:
            return
        try:
            n = save_problem_rows(self.table, self.preview.rows, path)
        except OSError as exc:
            QMessageBox.warning(self, "未能保存", str(exc))
            return
        QMessageBox.information(self, "已保存", f"未导入的 {n} 行已保存到：\n{path}\n改好后可以再次导入。")


def open_import(
    parent: QWidget, importer: Importer, path: str | None, choose_title: str
) -> ImportDialog | None:
    """Ask for a spreadsheet (unless ``path`` is given) and open the import dialog on it."""
    if path is None:
        from fedclient.core.paths import documents_dir
        from fedclient.core.tabular import FILE_FILTER

        path, _ = QFileDialog.getOpenFileName(parent, choose_title, str(documents_dir()), FILE_FILTER)
        if not path:
            return None
    dialog = ImportDialog(parent, importer)
    dialog.load(path)
    open_dialog(dialog)  # deleted once closed (after any work it started has ended: ``done``)
    return dialog
