"""What the lock's dialogs and its guard share: a password field, a wait after wrong passwords, the idle time."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget

from fedclient.core.encryption.unlock import wait_before

from ..looks import set_role

IDLE_KEY = "lock/idle_minutes"
DEFAULT_IDLE = 10


def idle_minutes() -> int:
    """Minutes without the chair's activity before the window locks (set in 开机密码…)."""
    return int(QSettings().value(IDLE_KEY, DEFAULT_IDLE))


def password_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(260)
    return edit


class WrongTries:
    """After wrong passwords: the button waits (counting down in ``label``) before the next try is checked."""

    def __init__(self, owner: QWidget, path, button: QPushButton, label: QLabel):
        self.path, self.button, self.label = path, button, label
        self.timer = QTimer(owner)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.tick)
        self.tick()

    def tick(self) -> None:
        wait = wait_before(self.path)
        self.button.setEnabled(wait <= 0)
        if wait > 0:
            self.label.setText(f"密码已连续输错多次，请等 {wait:.0f} 秒再试。")
            if not self.timer.isActive():
                self.timer.start()
        elif self.timer.isActive():
            self.timer.stop()
            self.label.setText("现在可以再试一次。")


class Note(QLabel):
    """A message beside the fields (the form's error style), shown only while it has something to say."""

    def __init__(self):
        super().__init__()
        set_role(self, "error")
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        super().setText(text)
        self.setVisible(bool(text))
