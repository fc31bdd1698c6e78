"""At start: the 开机密码 (or 忘记密码 with the recovery code) before any data is opened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.encryption.recovery import new_code, unlock_with_code
from fedclient.core.encryption.rekey import set_password
from fedclient.core.encryption.unlock import WrongPassword, record_failure, unlock, wait_before

from ..looks import make_primary
from .fields import Note, WrongTries, password_edit
from .password_dialog import NewPassword
from .recovery_dialog import RecoveryCodeDialog


class UnlockDialog(QDialog):
    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.setWindowTitle("村妇联工作台 — 开机密码")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel("这台电脑上的村妇联工作台数据已加密。请输入开机密码：")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.password = password_edit("开机密码")
        layout.addWidget(self.password)
        self.message = Note()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        forgot = QPushButton("忘记密码…")
        forgot.clicked.connect(self.forgot)
        quit_button = QPushButton("退出")
        quit_button.clicked.connect(self.reject)
        self.open_button = QPushButton("打开")
        make_primary(self.open_button)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self.try_open)
        buttons.addWidget(forgot)
        buttons.addStretch()
        buttons.addWidget(quit_button)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.tries = WrongTries(self, self.path, self.open_button, self.message)

    def try_open(self) -> None:
        if wait_before(self.path) > 0:
            self.tries.tick()
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            unlock(self.path, self.password.text())
        except WrongPassword as exc:
            self.message.setText(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            self.tries.tick()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    def forgot(self) -> None:
        from ..forms import run_dialog  # (imported when asked: the window opens without it)

        if run_dialog(ForgotDialog(self.path, self)):
            self.accept()


class ForgotDialog(QDialog):
    """忘记密码: the recovery code and a new password; afterwards a new recovery code (the old one was typed)."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle("忘记密码")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "请拿出设置密码时打印的恢复码，输入它（不分大小写，横线可不输），再设一个新的开机密码。"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("例如 K7QM-3HXP-……")
        self.code_message = Note()
        form.addRow("恢复码：", self.code)
        form.addRow("", self.code_message)
        layout.addLayout(form)
        self.new = NewPassword()
        layout.addWidget(self.new)
        buttons = QHBoxLayout()
        buttons.addStretch()
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        self.reset_button = QPushButton("重设密码")
        make_primary(self.reset_button)
        self.reset_button.setDefault(True)
        self.reset_button.clicked.connect(self.reset)
        buttons.addWidget(cancel)
        buttons.addWidget(self.reset_button)
        layout.addLayout(buttons)
        self.tries = WrongTries(self, self.path, self.reset_button, self.code_message)

    def reset(self) -> None:
        password = self.new.value()
        if password is None or wait_before(self.path) > 0:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = unlock_with_code(self.path, self.code.text())
        finally:
            QApplication.restoreOverrideCursor()
        if key is None:
            record_failure(self.path)
            self.code_message.setText(
                "恢复码不对，或找不到数据文件旁的 .key 文件（也没有在备份文件夹里找到）。请核对后再试。"
            )
            self.tries.tick()
            return
        code = new_code()
        from ..forms import run_dialog

        if not run_dialog(RecoveryCodeDialog(code, self.path, parent=self)):
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            set_password(self.path, password, code)
        finally:
            QApplication.restoreOverrideCursor()
        QMessageBox.information(self, "密码已重设", "开机密码已重设，请用新的恢复码替换文件柜里的旧恢复码。")
        self.accept()
