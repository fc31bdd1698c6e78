from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fedclient.core.database import Database


class GridsTab(QWidget):
    """Placeholder until its issue fills the tab."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        label = QLabel("网格页将管理“1+2+N”网格、住户、网格服务记录和妇女议事会。")
        label.setProperty("role", "placeholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
