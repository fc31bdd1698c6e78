"""村妇联信息: the village profile, asked for on first start and editable from 设置."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.changes import Area
from fedclient.core.village import FIELD_LABELS, Profile, get_profile, save_profile, validate_profile

from .forms import ButtonRow, Form
from .operations import OperationRunner

PLACEHOLDERS = {
    "province": "如：湖南省",
    "city": "如：常德市",
    "county": "如：临澧县",
    "township": "如：合口镇",
    "village": "如：杉板村",
    "chair_name": "妇联主席姓名",
    "chair_phone": "手机号或带区号的固定电话（印在公示栏上作监督电话）",
}


class ProfileDialog(QDialog):
    def __init__(self, ops: OperationRunner, parent: QWidget | None = None, first_start: bool = False):
        super().__init__(parent)
        self.ops = ops
        self.setWindowTitle("村妇联信息")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        if first_start:
            intro = QLabel(
                "欢迎使用村妇联工作台！请先填写本村（社区）妇联的基本信息，报表和公示栏会用到这些信息。"
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        self.form = Form(self)
        layout.addWidget(self.form.top)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        current = ops.read_now(get_profile) or Profile()
        for name, label in FIELD_LABELS.items():
            edit = QLineEdit(getattr(current, name))
            edit.setPlaceholderText(PLACEHOLDERS[name])
            form.addRow(f"{label}：", self.form.field(name, edit))
            self.edits[name] = edit
        layout.addLayout(form)
        self.buttons = ButtonRow(cancel_text="稍后填写" if first_start else "取消")
        self.buttons.save_clicked.connect(self.save)
        self.buttons.cancel_clicked.connect(self.reject)
        layout.addWidget(self.buttons)

    def profile(self) -> Profile:
        return Profile(**{f.name: self.edits[f.name].text() for f in fields(Profile)})

    def save(self) -> None:
        profile = self.profile()
        if self.form.show(validate_profile(profile)):
            self.form.submit(self.ops, save_profile, profile, changes=Area.PROFILE, on_done=self._saved)

    def _saved(self, _profile: Profile) -> None:
        self.accept()
