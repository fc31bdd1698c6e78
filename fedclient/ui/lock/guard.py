"""The lock: after the idle time she chose, or from 文件 → 锁定, every open window of the program is covered
(nothing of the data shows, shortcuts do nothing) until the 开机密码 is typed on any of them. What she was
typing in a dialog stays there, under the cover."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QCursor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from fedclient.core.encryption.unlock import check_password, wait_before

from ..looks import heading, make_primary
from .fields import Note, WrongTries, idle_minutes, password_edit

if TYPE_CHECKING:
    from ..main_window import MainWindow

CURTAIN_COLOUR = QColor("#f3efe9")
POLL_MS = 2000  # how often the window looks for the chair's activity


class Curtain(QWidget):
    """An opaque cover over one window, with the password field."""

    def __init__(self, guard: LockGuard, host: QWidget):
        super().__init__(host)
        self.guard = guard
        self.setObjectName("lockCurtain")
        outer = QVBoxLayout(self)
        outer.addStretch()
        title = heading(QLabel("村妇联工作台已锁定"), 20)
        outer.addWidget(title, alignment=Qt.AlignmentFlag.AlignHCenter)
        outer.addWidget(QLabel("请输入开机密码继续："), alignment=Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        row.addStretch()
        self.password = password_edit("开机密码")
        self.password.setMaximumWidth(300)
        self.button = QPushButton("解锁")
        make_primary(self.button)
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
        self.setGeometry(host.rect())
        self.raise_()
        self.show()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        QPainter(self).fillRect(self.rect(), CURTAIN_COLOUR)  # an opaque cover, not a see-through one

    def fit(self) -> None:
        """Cover the whole window again (it may have been resized or got new children)."""
        self.setGeometry(self.parentWidget().rect())
        self.raise_()

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
    """Idle time is watched by polling (the cursor, the focused field and its text) every 2 s, not by an
    application-wide event filter: a Python filter would be called while Qt destroys objects in worker threads
    and could deadlock on the GIL."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.curtains: list[Curtain] = []
        self.disabled: list[QAction] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.enabled, self.idle_ms, self.last_mark = False, 0, None
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.look_for_activity)
        self.refresh()

    @property
    def locked(self) -> bool:
        return bool(self.curtains)

    def refresh(self) -> None:
        """After the password was set or removed, or the idle time changed."""
        self.enabled = self.window.db.encrypted
        self.idle_ms = idle_minutes() * 60_000
        self.window.lock_action.setEnabled(self.enabled)
        if self.enabled and not self.locked:
            self.timer.start(self.idle_ms)
        elif not self.enabled:
            self.timer.stop()
        if self.enabled:
            self.poll.start()
        else:
            self.poll.stop()

    def _mark(self) -> tuple:
        pos = QCursor.pos()
        widget = QApplication.focusWidget()
        state = None
        if isinstance(widget, QLineEdit):
            state = (widget.text(), widget.cursorPosition())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            state = widget.document().revision()
        return (pos.x(), pos.y(), id(widget), state)

    def look_for_activity(self) -> None:
        if self.locked:
            for curtain in self._covering():
                curtain.fit()
            return
        if not self.enabled:
            return
        mark = self._mark()
        if mark != self.last_mark:
            self.last_mark = mark
            self.timer.start(self.idle_ms)

    def lock(self) -> None:
        if self.locked or not self.enabled:
            return
        self.timer.stop()
        self.disabled = [a for a in self.window.findChildren(QAction) if a.isEnabled()]
        for action in self.disabled:  # no shortcut works under the cover
            action.setEnabled(False)
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible() and widget.isWindow():
                self.curtains.append(Curtain(self, widget))
        active = [c for c in self.curtains if c.parentWidget().isActiveWindow()] or self.curtains
        if active:
            active[0].password.setFocus()

    def _covering(self) -> list[Curtain]:
        """The curtains still there: one goes with its window (a progress dialog whose work ended while locked)."""
        return [c for c in self.curtains if shiboken6.isValid(c)]

    def unlock(self) -> None:
        for curtain in self._covering():
            curtain.hide()
            curtain.deleteLater()
        self.curtains.clear()
        for action in self.disabled:
            action.setEnabled(True)
        self.disabled = []
        self.last_mark = None
        self.refresh()
