"""设置 → 开机密码…: set one (with its recovery code), change it, renew the code, remove it; the idle time."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.encryption.policy import password_problem
from fedclient.core.encryption.recovery import ensure_sidecar, new_code, store_code
from fedclient.core.encryption.rekey import RekeyFailed, set_password
from fedclient.core.encryption.unlock import check_password, wait_before
from fedclient.core.migrate import open_database
from fedclient.core.village import get_profile

from ..forms import run_dialog
from ..looks import make_primary
from .fields import IDLE_KEY, Note, idle_minutes, password_edit
from .recovery_dialog import RecoveryCodeDialog

if TYPE_CHECKING:
    from ..main_window import MainWindow

WHY = (
    "设置开机密码后，数据文件和备份都会加密：电脑借给别人、丢了或文件被拷走，别人也看不到身份证号和调解记录。"
)


def idle_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(1, 240)
    box.setSuffix(" 分钟")
    box.setValue(idle_minutes())
    box.valueChanged.connect(lambda v: QSettings().setValue(IDLE_KEY, v))
    return box


def idle_row(window: MainWindow) -> QSpinBox:
    box = idle_box()
    box.valueChanged.connect(lambda _v: window.lock_guard.refresh())
    return box


class NewPassword(QWidget):
    """The new password typed twice, with the reason beside the fields when it cannot be used."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.first = password_edit("至少 6 个字符")
        self.second = password_edit("再输入一遍")
        self.message = Note()
        form.addRow("新的开机密码：", self.first)
        form.addRow("再输入一遍：", self.second)
        form.addRow("", self.message)

    def value(self) -> str | None:
        password = self.first.text()
        problem = password_problem(password)
        if problem is None and password != self.second.text():
            problem = "两次输入的密码不一样，请重新输入。"
        self.message.setText(problem or "")
        return None if problem else password


def village_name(window: MainWindow) -> str:
    profile = window.ops.read_now(get_profile)
    return profile.title if profile and profile.village else ""


def reencrypt(window: MainWindow, password: str | None, code: str | None) -> bool:
    """Re-encrypt the data file with the window's data closed (like a restore), then open it again."""
    path = window.db.path
    window.close_database()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    error = None
    try:
        set_password(path, password, code)
    except (RekeyFailed, OSError, sqlite3.Error) as exc:
        error = exc
    finally:
        QApplication.restoreOverrideCursor()
        window.set_database(open_database(path))
    if error is not None:
        QMessageBox.warning(window, "没有完成", f"{error}\n数据没有丢失，仍按原来的方式保存。")
        return False
    window.lock_guard.refresh()
    return True


def open_password_settings(window: MainWindow) -> None:
    run_dialog(ManageDialog(window) if window.db.encrypted else SetDialog(window))


class SetDialog(QDialog):
    """No password yet: why, the password twice, the idle time; then the recovery code; then encryption."""

    def __init__(self, window: MainWindow, first_start: bool = False):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("设置开机密码")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        why = QLabel(WHY + ("（建议现在设置，也可以以后在“设置”菜单中设置。）" if first_start else ""))
        why.setWordWrap(True)
        layout.addWidget(why)
        self.new = NewPassword()
        layout.addWidget(self.new)
        idle = QFormLayout()
        idle.addRow("空闲多久后自动锁定：", idle_row(window))
        layout.addLayout(idle)
        buttons = QHBoxLayout()
        buttons.addStretch()
        later = QPushButton("以后再说" if first_start else "取消")
        later.clicked.connect(self.reject)
        self.next_button = QPushButton("下一步：恢复码")
        make_primary(self.next_button)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.go_on)
        buttons.addWidget(later)
        buttons.addWidget(self.next_button)
        layout.addLayout(buttons)

    def go_on(self) -> None:
        password = self.new.value()
        if password is None:
            return
        code = new_code()
        shown = RecoveryCodeDialog(code, self.window_.db.path, village_name(self.window_), self)
        if not run_dialog(shown):
            return
        if reencrypt(self.window_, password, code):
            QMessageBox.information(
                self,
                "开机密码已设置",
                "开机密码已设置。数据文件和备份文件夹里的备份都已加密，下次打开时要输入密码。",
            )
            self.accept()


class ManageDialog(QDialog):
    """With a password: the idle time, change the password, a new recovery code, or no password."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("开机密码")
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        idle = QFormLayout()
        idle.addRow("空闲多久后自动锁定：", idle_row(window))
        layout.addLayout(idle)
        current = QFormLayout()
        self.current = password_edit("现在的开机密码")
        self.current_message = Note()
        current.addRow("现在的开机密码：", self.current)
        current.addRow("", self.current_message)
        layout.addLayout(current)
        change = QGroupBox("修改开机密码（恢复码不变）")
        box = QVBoxLayout(change)
        self.new = NewPassword()
        box.addWidget(self.new)
        self.change_button = QPushButton("修改密码")
        self.change_button.clicked.connect(self.change)
        box.addWidget(self.change_button, alignment=Qt.AlignmentFlag.AlignRight)
        layout.addWidget(change)
        other = QHBoxLayout()
        self.code_button = QPushButton("生成新的恢复码…")
        self.code_button.clicked.connect(self.renew_code)
        self.remove_button = QPushButton("取消开机密码…")
        self.remove_button.clicked.connect(self.remove)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        other.addWidget(self.code_button)
        other.addWidget(self.remove_button)
        other.addStretch()
        other.addWidget(close)
        layout.addLayout(other)

    def _current_ok(self) -> bool:
        path = self.window_.db.path
        wait = wait_before(path)
        if wait > 0:
            self.current_message.setText(f"密码已连续输错多次，请等 {wait:.0f} 秒再试。")
            return False
        if not check_password(path, self.current.text()):
            self.current_message.setText("现在的开机密码不对。")
            return False
        self.current_message.setText("")
        return True

    def change(self) -> None:
        password = self.new.value()
        if password is None or not self._current_ok():
            return
        if reencrypt(self.window_, password, None):
            QMessageBox.information(
                self, "开机密码已修改", "开机密码已修改。恢复码不变；以前的备份仍可用原来的密码或恢复码打开。"
            )
            self.accept()

    def renew_code(self) -> None:
        if not self._current_ok():
            return
        code = new_code()
        shown = RecoveryCodeDialog(code, self.window_.db.path, village_name(self.window_), self)
        if not run_dialog(shown):
            return
        path, key = self.window_.db.path, self.window_.db.key
        store_code(path, code)
        ensure_sidecar(path, key)
        QMessageBox.information(self, "新的恢复码", "新的恢复码已生效；旧的那张只能打开以前的备份。")

    def remove(self) -> None:
        if not self._current_ok():
            return
        answer = QMessageBox.question(
            self,
            "取消开机密码",
            "取消后，数据文件不再加密，任何人打开这台电脑都能看到全部数据。\n"
            "备份文件夹里以前的备份仍用原来的密码保护。确定取消开机密码吗？",
        )
        if answer == QMessageBox.StandardButton.Yes and reencrypt(self.window_, None, None):
            QMessageBox.information(self, "已取消开机密码", "已取消开机密码，数据文件不再加密。")
            self.accept()
