from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fedclient.core.database import Database


class MediationTab(QWidget):
    """Placeholder until its issue fills the tab."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        label = QLabel("调解页将登记婚姻家庭矛盾纠纷调解案件、回访记录，并打印调解文书。")
        label.setProperty("role", "placeholder")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self).addWidget(label)
