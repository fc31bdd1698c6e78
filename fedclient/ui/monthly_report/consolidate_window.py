"""乡镇汇总: a township officer combines the villages' monthly workbooks into one (inputs are only read)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.monthly_report.consolidate import Consolidation, consolidate, peek_township
from fedclient.core.monthly_report.layout import month_label, township_file_name

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

INPUT_KEY = "consolidate/input_folder"


class ConsolidateWindow(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, today: date | None = None):
        super().__init__(parent)
        self.ops = ops
        self.task = None
        self.result: Consolidation | None = None
        self.setWindowTitle("乡镇汇总")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAcceptDrops(True)
        self.resize(820, 600)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "把各村上报的月报（.xlsx）加入下面的列表（也可以直接拖进来），选好月份，点“开始汇总”。"
            "不是本月月报的文件会列在“问题”表中，其余照常汇总；原文件不会被修改。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.month = month_edit(self, today)
        self.month.dateChanged.connect(self._month_changed)
        form.addRow("报告月份：", self.month)
        layout.addLayout(form)

        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.files, 1)
        row = QHBoxLayout()
        for text, slot in (
            ("添加文件…", self.add_files_dialog),
            ("添加文件夹…", self.add_folder_dialog),
            ("移除所选", self.remove_selected),
            ("清空", self.clear_files),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        self.count = QLabel()
        row.addWidget(self.count)
        layout.addLayout(row)

        out_row = QHBoxLayout()
        self.out = QLineEdit()
        browse = QPushButton("选择…")
        browse.clicked.connect(self._browse_out)
        out_row.addWidget(QLabel("汇总保存到："))
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        layout.addLayout(out_row)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels(["文件", "未计入的原因"])
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems.setColumnWidth(0, 260)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().hide()
        self.problems.hide()
        layout.addWidget(self.problems, 1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start = QPushButton("开始汇总")
        self.start.setProperty("primary", True)
        self.start.clicked.connect(self.run)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        buttons.addWidget(self.start)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self._auto_name = ""
        self._township = ""
        self._month_changed()
        self._refresh_count()

    # --- the list of files ----------------------------------------------------------------------------------
    def paths(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_paths(self, paths: list[Path]) -> None:
        present = {p.resolve() for p in self.paths()}
        for path in paths:
            if path.suffix.lower() == ".xlsx" and path.resolve() not in present:
                self.files.addItem(str(path))
                present.add(path.resolve())
        self._refresh_count()
        if not self._township and self.files.count():
            self._township = peek_township(self.paths()[0])
            self._month_changed()

    def add_files_dialog(self) -> None:
        start = QSettings().value(INPUT_KEY) or str(remembered_folder())
        names, _ = QFileDialog.getOpenFileNames(self, "选择各村月报", start, XLSX_FILTER)
        if names:
            QSettings().setValue(INPUT_KEY, str(Path(names[0]).parent))
            self.add_paths([Path(n) for n in names])

    def add_folder_dialog(self) -> None:
        start = QSettings().value(INPUT_KEY) or str(remembered_folder())
        folder = QFileDialog.getExistingDirectory(self, "选择存放各村月报的文件夹", start)
        if folder:
            QSettings().setValue(INPUT_KEY, folder)
            found = sorted(p for p in Path(folder).glob("*.xlsx") if not p.name.startswith((".", "~$")))
            self.add_paths(found)

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._refresh_count()

    def clear_files(self) -> None:
        self.files.clear()
        self._refresh_count()

    def _refresh_count(self) -> None:
        self.count.setText(f"共 {self.files.count()} 个文件")
        self.start.setEnabled(self.files.count() > 0)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = []
        for url in event.mimeData().urls():
            path = Path(url.toLocalFile())
            paths.extend(sorted(path.glob("*.xlsx")) if path.is_dir() else [path])
        self.add_paths(paths)

    # --- output ---------------------------------------------------------------------------------------------
    def _month_changed(self, *_args) -> None:
        current = Path(self.out.text()) if self.out.text().strip() else None
        if current is None or current.name == self._auto_name:
            folder = current.parent if current else remembered_folder()
            self._auto_name = township_file_name(self._township, *chosen_month(self.month))
            self.out.setText(str(folder / self._auto_name))

    def _browse_out(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "汇总保存到", self.out.text(), XLSX_FILTER)
        if path:
            self.out.setText(path)

    def run(self) -> None:
        out = Path(self.out.text().strip()) if self.out.text().strip() else None
        if out is None:
            QMessageBox.warning(self, "乡镇汇总", "请选择汇总表保存的位置。")
            return
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        if not confirm_overwrite(self, out):
            return
        year, month = chosen_month(self.month)
        self.start.setEnabled(False)
        self.task = self.ops.with_progress(
            "正在汇总……",
            consolidate,
            self.paths(),
            year,
            month,
            out,
            on_done=self._done,
            on_error=self._failed,
            on_cancel=self._finished,
            parent=self,
            takes="nothing",
        )

    def _finished(self) -> None:
        self.task = None
        self.start.setEnabled(self.files.count() > 0)

    def _failed(self, error: Exception) -> None:
        self._finished()
        QMessageBox.warning(self, "乡镇汇总", f"汇总未能完成：{user_message(error)}")

    def _done(self, result: Consolidation) -> None:
        self._finished()
        self.result = result
        label = month_label(result.year, result.month)
        villages = "、".join(v.village for v in result.villages) or "无"
        self.summary.setText(
            f"{label}：已汇总 {len(result.villages)} 个村（{villages}）。"
            + (
                f"有 {len(result.problems)} 个文件未计入，原因见下表和汇总表的“问题”页。"
                if result.problems
                else ""
            )
        )
        self.problems.setRowCount(len(result.problems))
        for r, problem in enumerate(result.problems):
            self.problems.setItem(r, 0, QTableWidgetItem(problem.file))
            self.problems.setItem(r, 1, QTableWidgetItem(problem.reason))
        self.problems.resizeRowsToContents()
        self.problems.setVisible(bool(result.problems))
        offer_open_folder(self, "汇总完成", f"{label}乡镇汇总已保存到：", result.out)
