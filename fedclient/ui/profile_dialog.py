"""村妇联信息: the village profile, asked for on first start and editable from 设置."""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.database import Database
from fedclient.core.village import FIELD_LABELS, Profile, get_profile, save_profile, validate_profile

from .signals import data_signals

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
    def __init__(self, db: Database, parent: QWidget | None = None, first_start: bool = False):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("村妇联信息")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        if first_start:
            intro = QLabel(
                "欢迎使用村妇联工作台！请先填写本村（社区）妇联的基本信息，报表和公示栏会用到这些信息。"
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        current = db.run(get_profile) or Profile()
        for name, label in FIELD_LABELS.items():
            edit = QLineEdit(getattr(current, name))
            edit.setPlaceholderText(PLACEHOLDERS[name])
            error = QLabel()
            error.setProperty("role", "error")
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(edit)
            box.addWidget(error)
            form.addRow(f"{label}：", box)
            self.edits[name], self.errors[name] = edit, error
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        if first_start:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("稍后填写")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def profile(self) -> Profile:
        return Profile(**{f.name: self.edits[f.name].text() for f in fields(Profile)})

    def save(self) -> None:
        profile = self.profile()
        errors = validate_profile(profile)
        for name, label in self.errors.items():
            label.setText(errors.get(name, ""))
            label.setVisible(name in errors)
        if errors:
            self.edits[next(iter(errors))].setFocus()
            return
        try:
            self.db.run(save_profile, profile)
        except Exception as exc:
            QMessageBox.warning(self, "未能保存", f"村妇联信息未能保存：{exc}")
            return
        data_signals.changed.emit("profile")
        self.accept()
