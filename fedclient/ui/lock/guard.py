"""The lock: after the idle time she chose, or from 文件 → 锁定, every open window of the program is covered
(nothing of the data shows, shortcuts do nothing) until the 开机密码 is typed on any of them. What she was
typing in a dialog stays there, under the cover."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fedclient.core.encryption.unlock import check_password, wait_before

from .fields import Note, WrongTries, password_edit
from .password_dialog import idle_minutes

if TYPE_CHECKING:
    from ..main_window import MainWindow

ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}
BLOCKED_WHILE_LOCKED = {QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride}


class Curtain(QWidget):
    """An opaque cover over one window, with the password field."""

    def __init__(self, guard: LockGuard, host: QWidget):
        super().__init__(host)
        self.guard = guard
        self.setObjectName("lockCurtain")
        self.setAttribute(
            Qt.WidgetAttribute.WA_StyledBackground, True
        )  # an opaque cover, not a see-through one
        self.setStyleSheet("#lockCurtain { background: #f3efe9; }")
        outer = QVBoxLayout(self)
        outer.addStretch()
        title = QLabel("村妇联工作台已锁定")
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        outer.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(QLabel("请输入开机密码继续："), alignment=Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch()
        self.password = password_edit("开机密码")
        self.password.setMaximumWidth(300)
        self.button = QPushButton("解锁")
        self.button.setProperty("primary", "true")
        self.button.clicked.connect(self.try_unlock)
        self.password.returnPressed.connect(self.try_unlock)
        row.addWidget(self.password)
        row.addWidget(self.button)
        row.addStretch()
        outer.addLayout(row)
        self.message = Note()
        outer.addWidget(self.message, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch()
        self.tries = WrongTries(self, guard.window.db.path, self.button, self.message)
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False

    def try_unlock(self) -> None:
        path = self.guard.window.db.path
        if wait_before(path) > 0:
            self.tries.tick()
            return
        if check_password(path, self.password.text()):
            self.guard.unlock()
        else:
            self.message.setText("开机密码不对，请重新输入。")
            self.password.selectAll()
            self.tries.tick()


class LockGuard(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.curtains: list[Curtain] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.enabled, self.idle_ms = False, 0
        QApplication.instance().installEventFilter(self)
        self.refresh()

    @property
    def locked(self) -> bool:
        return bool(self.curtains)

    def refresh(self) -> None:
        """After the password was set or removed, or the idle time changed."""
        self.enabled = self.window.db.encrypted  # cached: the filter sees every mouse move
        self.idle_ms = idle_minutes() * 60_000
        self.window.lock_action.setEnabled(self.enabled)
        if self.enabled and not self.locked:
            self.timer.start(self.idle_ms)
        elif not self.enabled:
            self.timer.stop()

    def lock(self) -> None:
        if self.locked or not self.enabled:
            return
        self.timer.stop()
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.isWindow():
                self.curtains.append(Curtain(self, widget))
        active = [c for c in self.curtains if c.parentWidget().isActiveWindow()] or self.curtains
        if active:
            active[0].password.setFocus()

    def unlock(self) -> None:
        for curtain in self.curtains:
            curtain.parentWidget().removeEventFilter(curtain)
            curtain.hide()
            curtain.deleteLater()
        self.curtains.clear()
        self.refresh()

    def _in_curtain(self, watched: QObject) -> bool:
        while watched is not None:
            if isinstance(watched, Curtain):
                return True
            watched = watched.parent()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if self.locked:
            return kind in BLOCKED_WHILE_LOCKED and not self._in_curtain(watched)
        if kind in ACTIVITY and self.enabled:
            self.timer.start(self.idle_ms)
        return False
