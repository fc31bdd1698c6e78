"""修改记录 of one record (and its parts: a case's parties and follow-ups, a pledge's progress). Read only:
the history cannot be edited from the program."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from fedclient.core.history.labels import kind_name
from fedclient.core.history.query import HistoryFilter, history_ids, rows_by_ids

from ..id_list_model import IdListTableModel
from ..list_table import set_up_long_list
from ..operations import OperationRunner

COLUMNS = [
    ("时间", lambda r: r.when),
    ("操作", lambda r: r.action),
    ("记录", lambda r: f"{r.kind} {r.label}".strip()),
    ("修改内容", lambda r: r.changes),
    ("来源", lambda r: r.source),
]
WIDTHS = (150, 60, 230, 420, 170)  # 记录: a link names both ends ("调解员 案件 2026-001 · 张秀兰")


def history_table(ops: OperationRunner, parent: QWidget) -> tuple[QTableView, IdListTableModel]:
    model = IdListTableModel(COLUMNS, lambda ids: ops.read_now(rows_by_ids, ids), parent)
    view = QTableView(parent)
    view.setModel(model)
    set_up_long_list(view)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    for column, width in enumerate(WIDTHS):
        view.setColumnWidth(column, width)
    view.horizontalHeader().setSectionResizeMode(len(WIDTHS) - 2, QHeaderView.ResizeMode.Stretch)
    return view, model


class RecordHistoryDialog(QDialog):
    def __init__(self, ops: OperationRunner, kind: str, record_id: int, title: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"修改记录 — {title or kind_name(kind)}")
        self.resize(1000, 480)
        self.view, self.model = history_table(ops, self)
        self.note = QLabel("正在读取……")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        wanted = HistoryFilter(record=(kind, str(record_id)))
        ops.read(history_ids, wanted, on_done=self._show, parent=self, key="history")

    def _show(self, ids: list[int]) -> None:
        self.model.set_ids(ids)
        self.note.setText(
            f"共 {len(ids)} 条，最新的在上。身份证号、电话、当事人姓名和纠纷细节在修改记录中只保留遮盖后的样子；"
            "修改记录不能在程序中更改。"
            if ids
            else "这条记录还没有修改记录（修改记录从升级到本版本时开始保存）。"
        )
