from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fedclient.core.database import Database


class PledgesTab(QWidget):
    """Placeholder until its issue fills the tab."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        label = QLabel("承诺页将管理执委“一句话承诺”、践诺记录、年度履职考核，并打印承诺公示栏。")
        label.setProperty("role", "placeholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
