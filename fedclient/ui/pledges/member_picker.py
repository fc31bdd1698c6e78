"""Choosing a member by typing her name or pinyin initials (zxl → 张秀兰)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QWidget

from fedclient.core.pinyin import initials_index

from ..forms import fill_combo
from ..long_combo import long_combo


def with_initials(choices) -> list[tuple[int, str, str]]:
    """(id, label, the name's pinyin initials): what the picker searches. Worked out with the read, on its worker
    thread (thousands of names at county scale)."""
    return [c if len(c) == 3 else (c[0], c[1], initials_index(c[1].split("（")[0])) for c in choices]


class MemberPicker(QWidget):
    changed = Signal()

    def __init__(
        self,
        choices: list[tuple[int, str]] = (),
        parent: QWidget | None = None,
        placeholder: str = "请选择承诺人",
        editable: bool = False,
    ):
        """``editable``: a name not in the list may be typed into the box (``forms.combo_value`` reads it)."""
        super().__init__(parent)
        self._wanted: int | None = None  # chosen before the choices were read: selected once they are
        self._choices = with_initials(choices)
        self.search = QLineEdit()
        self.search.setPlaceholderText("拼音首字母")
        self.search.setMaximumWidth(130)
        self.combo = long_combo()  # thousands of names at county scale: no Qt item per name
        self.combo.setMinimumWidth(200)
        self.combo.setPlaceholderText(placeholder)
        if editable:
            self.combo.setEditable(True)
            self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.combo.lineEdit().setPlaceholderText(placeholder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed
        )  # one line, in a taller form too
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
        if current is None and self._wanted is None and not q:
            # Nobody chosen yet: no one preselected, or a pledge saved without looking goes to the first name.
            was_blocked = self.combo.blockSignals(True)
            self.combo.setCurrentIndex(-1)
            self.combo.blockSignals(was_blocked)
        if self.member_id() != current:
            self.changed.emit()

    def member_id(self) -> int | None:
        return self.combo.currentData()

    def set_choices(self, choices: list[tuple[int, str]] | list[tuple[int, str, str]]) -> None:
        """The choices (read in the background: ``with_initials`` there), keeping the member chosen."""
        current = self.member_id() if self.member_id() is not None else self._wanted
        self._choices = with_initials(choices)
        self._filter(self.search.text())
        if current is not None and self.member_id() != current:
            self.set_member(current)

    def set_member(self, member_id: int | None) -> None:
        self._wanted = member_id
        self.search.clear()
        index = self.combo.findData(member_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
