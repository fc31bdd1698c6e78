"""Choosing a member by typing her name or pinyin initials (zxl → 张秀兰)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from fedclient.core.pinyin import initials_index

from ..forms import fill_combo


class MemberPicker(QWidget):
    changed = Signal()

    def __init__(self, choices: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self._choices = [(mid, label, initials_index(label.split("（")[0])) for mid, label in choices]
        self.search = QLineEdit()
        self.search.setPlaceholderText("拼音首字母")
        self.search.setMaximumWidth(130)
        self.combo = QComboBox()
        self.combo.setMinimumWidth(200)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.combo, 1)
        self.search.textChanged.connect(self._filter)
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._filter("")

    def _filter(self, text: str) -> None:
        current = self.member_id()
        q = text.strip().lower()
        shown = [
            (label, mid)
            for mid, label, initials in self._choices
            if not q or q in label or any(word.startswith(q) for word in initials.split())
        ]
        fill_combo(self.combo, shown, current)
        if self.member_id() != current:
            self.changed.emit()

    def member_id(self) -> int | None:
        return self.combo.currentData()

    def set_member(self, member_id: int | None) -> None:
        self.search.clear()
        index = self.combo.findData(member_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
