"""What a chair does with the mouse and keyboard, for tests of the real widgets.

``type_into`` clicks into a field and types: Latin text key by key (``qtbot.keyClicks``), Chinese the way an
input method delivers it (a committed ``QInputMethodEvent``: QTest can only type Latin-1 keys). ``click``
finds a visible button by its Chinese text and clicks it with the mouse. ``message_under`` reads the message
shown under a field, as she sees it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QPlainTextEdit, QWidget

from fedclient.ui.forms import FieldBox


def type_into(qtbot, widget: QWidget, text: str, replace: bool = True) -> None:
    """Click into ``widget`` (select what is there when ``replace``), then type ``text``."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    target.setFocus()
    if replace:
        qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(target, Qt.Key.Key_Delete)
    run: list[str] = []
    for char in text + "\0":
        if char != "\0" and char.isascii() == (not run or run[-1].isascii()):
            run.append(char)
            continue
        chunk = "".join(run)
        if chunk.isascii():
            qtbot.keyClicks(target, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(target, event)
        run = [char]


def leave(qtbot, widget: QWidget) -> None:
    """Tab out of a field, as the chair does before looking at its message."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not widget.hasFocus())


def button(parent: QWidget, text: str) -> QAbstractButton:
    found = [b for b in parent.findChildren(QAbstractButton) if b.text() == text and b.isVisible()]
    assert len(found) == 1, f"{len(found)} visible buttons read “{text}”"
    return found[0]


def click(qtbot, parent: QWidget, text: str) -> None:
    """Click the one visible button reading ``text`` (保存, 删除, 取消 ...)."""
    target = button(parent, text)
    assert target.isEnabled(), f"“{text}” is greyed out"
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)


def choose(qtbot, box: QComboBox, label: str) -> None:
    """Pick the item reading ``label`` from a drop-down list."""
    index = box.findText(label)
    assert index >= 0, f"no “{label}” in the list"
    box.setFocus()
    box.setCurrentIndex(index)


def message_under(widget: QWidget) -> str:
    """The message shown under a field ("" when none is shown)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, FieldBox):
        parent = parent.parentWidget()
    assert parent is not None, "this field shows no messages"
    return parent.message.text() if parent.message.isVisible() else ""


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return widget.text()


def closed(dialog: QWidget) -> bool:
    """The dialog is off the screen: closed, and (an editing dialog, ``forms.open_dialog``) deleted once the event
    loop has run; a closed dialog kept in memory for the rest of the session would be a leak."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def deleted(dialog: QWidget) -> bool:
    return not shiboken6.isValid(dialog)
