from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fedclient.core.database import Database


class HomeTab(QWidget):
    """Placeholder until its issue fills the tab."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        label = QLabel("首页将显示今日待办（到期承诺、待回访案件、未走访户等）和本年工作概况图表。")
        label.setProperty("role", "placeholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
