"""The recovery code: shown once, printed for the cabinet, and what losing both means said twice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.encryption.recovery import grouped
from fedclient.core.encryption.sheet import WARNING, recovery_sheet_html

from ..looks import make_primary, set_text_colour


class RecoveryCodeDialog(QDialog):
    def __init__(self, code: str, data_file: Path, village: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.code, self.data_file, self.village = code, data_file, village
        self.setWindowTitle("恢复码")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "忘记开机密码时，用这个恢复码重新设置密码。请现在把它打印出来（或工整地抄下），放进妇联的文件柜。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.code_label = QLabel(grouped(code))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(20)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setTextInteractionFlags(self.code_label.textInteractionFlags().TextSelectableByMouse)
        self.code_label.setStyleSheet(
            "padding: 12px; border: 2px dashed #b33; background: #fff8f0; font-size: 22pt; font-weight: bold;"
            "font-family: Consolas, 'DejaVu Sans Mono', monospace;"
        )
        layout.addWidget(self.code_label)
        warning = QLabel(f"<b>{WARNING}</b>")
        warning.setWordWrap(True)
        set_text_colour(warning, "#a00")
        layout.addWidget(warning)
        row = QHBoxLayout()
        self.print_button = QPushButton("打印恢复码…")
        self.print_button.clicked.connect(self.print_sheet)
        self.copy_button = QPushButton("复制")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(grouped(code)))
        row.addWidget(self.print_button)
        row.addWidget(self.copy_button)
        row.addStretch()
        layout.addLayout(row)
        self.kept = QCheckBox("我已把恢复码打印或抄下，会放进文件柜保管。")
        layout.addWidget(self.kept)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.cancel_button = QPushButton("取消")
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button = QPushButton("确定")
        make_primary(self.ok_button)
        self.ok_button.setEnabled(False)
        self.ok_button.clicked.connect(self.confirm)
        self.kept.toggled.connect(self.ok_button.setEnabled)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)

    def sheet_html(self) -> str:
        return recovery_sheet_html(self.code, self.data_file, self.village)

    def print_sheet(self) -> None:
        from .. import printing  # Qt's print support only when she prints

        printing.preview_and_print(self, self.sheet_html, paper="A4", landscape=False)

    def confirm(self) -> None:
        answer = QMessageBox.question(
            self,
            "请再确认一次",
            "请记住：忘记开机密码、又找不到恢复码时，数据就再也无法读出，任何人都帮不了您。\n\n"
            "恢复码已经妥善保存了吗？",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.accept()
