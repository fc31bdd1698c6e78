"""A long list of reminders, one line each (调解's 提醒 page, 承诺's reminders).

At county scale these are thousands of lines (4,778 for 调解, 3,813 for 承诺): a ``QListWidget`` keeps a Qt item
and its Python wrapper per line (about 0.8 KB each); this list keeps only the texts and what each line opens,
and Qt draws the few lines on screen from them. It looks and behaves as the list widget did: one line per
reminder, chosen with a double click or Enter (``chosen`` gives what the line was set with).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from .pairs_model import PairsModel


class ReminderList(QListView):
    chosen = Signal(object)  # the target of the line double-clicked or activated (None for a message line)

    def __init__(self, parent: QWidget | None = None, on: str = "activated"):
        """``on``: "activated" (double click or Enter, as the platform has it) or "doubleClicked"."""
        super().__init__(parent)
        self.lines = PairsModel(self)
        self.setModel(self.lines)
        self.setUniformItemSizes(True)  # one line each: thousands lay out at once
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        getattr(self, on).connect(lambda index: self.chosen.emit(self.target(index.row())))

    def set_lines(self, lines: Iterable[tuple[str, Any]]) -> None:
        """Each line's text and what choosing it opens."""
        self.lines.set_pairs(lines)

    def count(self) -> int:
        return len(self.lines.labels)

    def text(self, row: int) -> str:
        return self.lines.labels[row]

    def target(self, row: int) -> Any:
        return self.lines.values[row] if 0 <= row < len(self.lines.values) else None
