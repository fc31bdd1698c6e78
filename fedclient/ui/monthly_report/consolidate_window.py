"""乡镇汇总: a township officer combines the villages' monthly workbooks into one (inputs are only read)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
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

from fedclient.core.monthly_report.consolidate import Consolidation, peek_township
from fedclient.core.monthly_report.layout import month_label, township_file_name
from fedclient.core.monthly_report.township import consolidate_township

from ..looks import make_primary
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
SPANS = ("单月", "季度", "半年", "全年")


def period_range(span: str, year: int, month: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The calendar quarter, half year or year holding ``month``, up to ``month`` (months not yet over are
    never asked for)."""
    first = {"单月": month, "季度": 3 * ((month - 1) // 3) + 1, "半年": 1 if month <= 6 else 7, "全年": 1}[
        span
    ]
    return (year, first), (year, month)


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
            "把各村上报的月报（.xlsx）加入下面的列表（也可以直接拖进来），选好月份（季度、半年、全年汇总选截至的月份），点“开始汇总”。"
            "不是本月月报的文件会列在“问题”表中，其余照常汇总；原文件不会被修改。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.month = month_edit(self, today)
        self.month.dateChanged.connect(self._month_changed)
        self.span = QComboBox()
        self.span.addItems(SPANS)
        self.span.setToolTip("季度、半年、全年：从该期第一个月汇总到所选月份")
        self.span.currentIndexChanged.connect(self._month_changed)
        span_row = QHBoxLayout()
        span_row.addWidget(self.month)
        span_row.addWidget(QLabel("汇总范围："))
        span_row.addWidget(self.span)
        span_row.addStretch(1)
        form.addRow("截至月份：", span_row)
        list_row = QHBoxLayout()
        self.list_label = QLabel()
        edit_list = QPushButton("村名单与报送期限…")
        edit_list.clicked.connect(self.edit_village_list)
        list_row.addWidget(self.list_label, 1)
        list_row.addWidget(edit_list)
        form.addRow("村名单：", list_row)
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
        self.status_title = QLabel()
        self.status_title.setWordWrap(True)
        self.status_title.hide()
        layout.addWidget(self.status_title)
        self.status = QTableWidget(0, 0)
        self.status.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status.verticalHeader().hide()
        self.status.hide()
        layout.addWidget(self.status, 2)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.start = QPushButton("开始汇总")
        make_primary(self.start)
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
        self._show_list()

    # --- the township's village list ------------------------------------------------------------------------
    def _show_list(self) -> None:
        from .village_list_dialog import read_list

        self.villages, self.deadline_day = self.ops.read_now(read_list)
        due = f"报送期限：次月 {self.deadline_day} 日" if self.deadline_day else "未设报送期限"
        text = f"{len(self.villages)} 个村（{due}）" if self.villages else f"尚未填写村名单（{due}）"
        self.list_label.setText(text)

    def edit_village_list(self):
        from .village_list_dialog import VillageListDialog

        dialog = VillageListDialog(self.ops, self)
        dialog.finished.connect(lambda *_: self._show_list())
        dialog.open()
        return dialog

    def months(self) -> tuple[tuple[int, int], tuple[int, int]]:
        return period_range(self.span.currentText(), *chosen_month(self.month))

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
            first, last = self.months()
            name = township_file_name(self._township, *last)
            if first != last:
                name = name.replace(month_label(*last), f"{month_label(*first)}至{last[1]:02d}月")
            self._auto_name = name
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
        first, last = self.months()
        self.start.setEnabled(False)
        self.task = self.ops.with_progress(
            "正在汇总……",
            consolidate_township,
            self.paths(),
            last,
            out,
            first,
            list(self.villages),
            self.deadline_day,
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
        label = result.label
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
        self._show_status(result)
        offer_open_folder(self, "汇总完成", f"{label}乡镇汇总已保存到：", result.out)

    def _show_status(self, result: Consolidation) -> None:
        """报送情况 as the workbook has it: per village for a month, villages × months for a period."""
        sheet = result.extra_sheets[0] if result.extra_sheets else None
        if sheet is None:
            return
        self.status_title.setText(sheet.title)
        self.status.setColumnCount(len(sheet.headers))
        self.status.setHorizontalHeaderLabels(sheet.headers)
        self.status.setRowCount(len(sheet.rows))
        for r, row in enumerate(sheet.rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem("" if value is None else str(value))
                if len(sheet.headers) > 1 and c > 0 and str(value) in ("✓", "迟", "✗"):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.status.setItem(r, c, item)
        self.status.resizeColumnsToContents()
        grid = all(h.endswith("月") for h in sheet.headers[1:])  # villages × months: narrow columns
        self.status.horizontalHeader().setStretchLastSection(not grid)
        self.status_title.show()
        self.status.show()
