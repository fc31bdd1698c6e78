"""设置 → 调解提醒: how long a case may stay open, and how soon an agreement is followed up."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from fedclient.core.changes import Area
from fedclient.core.settings import get_int, set_setting

from ..forms import ButtonRow, Form
from ..looks import set_role
from ..operations import OperationRunner

KEYS = {
    "case_overdue_days": "案件受理超过（天）仍无结果即提醒",
    "followup_interval_days": "达成协议后（天）仍未回访即提醒",
}


class ReminderSettingsDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("调解提醒设置")
        self.spins: dict[str, QSpinBox] = {}
        self.form = Form(self)
        form = QFormLayout()
        for key, label in KEYS.items():
            spin = QSpinBox()
            spin.setRange(1, 365)
            spin.setSuffix(" 天")
            spin.setValue(ops.read_now(get_int, key))
            self.spins[key] = spin
            form.addRow(label, self.form.field(key, spin))
        hint = QLabel(
            "一般调解在受理后一个月内办结，协议达成后一个月内回访。\n月报中的“在办超期案件数”固定按30天统计。"
        )
        set_role(hint, "hint")
        self.buttons = ButtonRow()
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.top)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)

    def save(self) -> None:
        values = {key: str(spin.value()) for key, spin in self.spins.items()}
        self.form.submit(self.ops, _write, values, changes=Area.SETTINGS | Area.CASES, on_done=self._saved)

    def _saved(self, _result: object) -> None:
        self.accept()


def _write(session, values: dict[str, str]) -> None:
    for key, value in values.items():
        set_setting(session, key, value)
