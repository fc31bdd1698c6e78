"""The 回访 page of the case dialog: the visits of a saved case, added and changed one at a time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.mediation import FollowUpDraft, delete_followup, get_case

from ..forms import open_dialog
from ..looks import set_role
from ..operation import user_message
from ..operations import OperationRunner
from .followup_dialog import FollowUpDialog

HEADERS = ["回访日期", "回访人", "协议履行", "满意度", "反弹迹象", "情况记录"]


class FollowUpsPage(QWidget):
    def __init__(self, ops: OperationRunner, case_id: int | None, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops, self.case_id, self.number = ops, case_id, number
        self.visits: list[FollowUpDraft] = []
        self.hint = QLabel("回访在案件有了调解结果之后进行。新案件请先保存。")
        set_role(self.hint, "hint")
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        self.add_button = QPushButton("添加回访")
        self.edit_button = QPushButton("修改")
        self.delete_button = QPushButton("删除")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
            button.setEnabled(case_id is not None)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.dialog: FollowUpDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        record = self.ops.read_now(get_case, self.case_id) if self.case_id is not None else None
        self.visits = record.followups if record else []
        self.table.setRowCount(len(self.visits))
        for row, v in enumerate(self.visits):
            values = [f"{v.visit_date:%Y-%m-%d}", v.visitor_name, "已履行" if v.performed else "未履行",
                      v.satisfaction, v.relapse_signs or "无", v.notes]  # fmt: skip
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def _selected(self) -> FollowUpDraft | None:
        rows = self.table.selectionModel().selectedRows()
        return self.visits[rows[0].row()] if rows else None

    def open_dialog(self, visit: FollowUpDraft | None) -> FollowUpDialog:
        self.dialog = FollowUpDialog(self.ops, self.case_id, self.number, visit, self)
        self.dialog.accepted.connect(self.refresh)
        open_dialog(self.dialog)
        return self.dialog

    def add(self) -> None:
        self.open_dialog(None)

    def edit_selected(self) -> None:
        visit = self._selected()
        if visit is not None:
            self.open_dialog(visit)

    def delete_selected(self) -> None:
        visit = self._selected()
        if visit is None:
            return
        answer = QMessageBox.question(
            self, "删除回访", f"确定删除 {visit.visit_date:%Y-%m-%d} 的回访记录吗？"
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ops.write(
            delete_followup,
            visit.id,
            changes=Area.CASES,
            on_done=lambda _r: self.refresh(),
            on_error=lambda e: QMessageBox.warning(self, "不能删除", user_message(e)),
            parent=self,
        )
