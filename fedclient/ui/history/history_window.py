"""修改记录 of the whole database: filtered by date range, kind of record, source and text, in SQL; the rows
read a page at a time (years of history). 导出CSV writes what is listed, for the township's audits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.history.labels import KINDS
from fedclient.core.history.query import HistoryFilter, export_csv, history_ids
from fedclient.core.history.source import KINDS as SOURCES
from fedclient.core.paths import documents_dir

from ..date_input import DateInput
from ..forms import combo, combo_value
from ..looks import set_role
from ..operation import user_message
from ..operations import OperationRunner
from ..search_box import read_after_typing
from .record_dialog import history_table

MAIN_KINDS = ("members", "helped_people", "pledges", "mediation_cases", "grids", "households",
              "grid_services", "council_meetings", "village_profile", "database")  # fmt: skip


class HistoryWindow(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("修改记录（全部）")
        self.resize(1200, 680)
        self.since, self.until = DateInput(None, "不限"), DateInput(None, "不限")
        self.kind = combo([("全部种类", None), *[(KINDS[k], k) for k in MAIN_KINDS]])
        self.source = combo([("全部来源", None), *[(label, k) for k, label in SOURCES.items()]])
        self.text = QLineEdit()
        self.text.setPlaceholderText("姓名、种类、操作、内容或导入的文件名")
        self.text.setClearButtonEnabled(True)
        export = QPushButton("导出CSV…")
        export.clicked.connect(self.export)
        filters = QHBoxLayout()
        for label, widget in (
            ("从", self.since),
            ("到", self.until),
            ("种类", self.kind),
            ("来源", self.source),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(QLabel("查找"))
        filters.addWidget(self.text, 1)
        filters.addWidget(export)
        self.view, self.model = history_table(ops, self)
        self.count = QLabel()
        note = QLabel(
            "修改记录在每次保存、导入、恢复时自动写下，程序中不能更改或删除。"
            "身份证号、电话、当事人姓名和纠纷细节只保留遮盖后的样子。"
        )
        set_role(note, "hint")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count)
        bottom.addStretch(1)
        bottom.addWidget(note)
        layout.addLayout(bottom)
        self._delay = read_after_typing(self, self.text, self.refresh, self.ops, "list")
        for box in (self.kind, self.source):
            box.currentIndexChanged.connect(self.refresh)
        for edit in (self.since, self.until):
            edit.editingFinished.connect(self.refresh)
        self.refresh()

    def filters(self) -> HistoryFilter:
        return HistoryFilter(
            since=self.since.value(),
            until=self.until.value(),
            kind=combo_value(self.kind),
            source=combo_value(self.source),
            text=self.text.text(),
        )

    def refresh(self) -> None:
        self.ops.read(history_ids, self.filters(), on_done=self._show, parent=self, key="list")

    def _show(self, ids: list[int]) -> None:
        self.model.set_ids(ids)
        self.count.setText(f"共 {len(ids)} 条，最新的在上")

    def export(self) -> None:
        default = str(documents_dir() / f"修改记录_{date.today():%Y%m%d}.csv")
        path, _ = QFileDialog.getSaveFileName(self, "导出修改记录", default, "CSV 文件 (*.csv)")
        if not path:
            return
        self.ops.with_progress(
            "导出修改记录",
            export_csv,
            self.filters(),
            Path(path),
            on_done=lambda n: QMessageBox.information(self, "导出完成", f"已导出 {n} 条修改记录：\n{path}"),
            on_error=lambda e: QMessageBox.warning(self, "未能导出", user_message(e)),
            parent=self,
        )
