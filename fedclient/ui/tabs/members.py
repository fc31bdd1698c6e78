from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fedclient.core.database import Database


class MembersTab(QWidget):
    """Placeholder until its issue fills the tab."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        label = QLabel("成员页将管理执委、兼职副主席、巾帼志愿者花名册和帮扶对象，并可导入原有花名册表格。")
        label.setProperty("role", "placeholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
