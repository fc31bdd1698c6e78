"""What the chair reads on the window is Chinese: every button, tooltip, placeholder and menu entry of every tab
and page (the pages of all five tabs, built as after start-up), not only the labels a test happened to look at."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMenu, QWidget

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def texts_shown(window) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    for widget in window.findChildren(QWidget):
        where = f"{type(widget).__name__} {widget.objectName()}"
        if widget.toolTip():
            seen.append((where + " 的提示", widget.toolTip()))
        if isinstance(widget, QLineEdit) and widget.placeholderText():
            seen.append((where + " 的占位文字", widget.placeholderText()))
        if isinstance(widget, QAbstractButton) and widget.text():
            seen.append((where + " 的文字", widget.text()))
    for menu in window.findChildren(QMenu):
        for action in menu.actions():
            if action.text():
                seen.append(("菜单项", action.text()))
    return seen


def test_every_button_tooltip_placeholder_and_menu_entry_reads_chinese(main_window, qtbot):
    qtbot.waitUntil(lambda: "杉板村" in main_window.windowTitle())
    seen = texts_shown(main_window)
    assert len(seen) > 100, "the pages of every tab are there"
    latin = [
        (where, text) for where, text in seen if not CHINESE.search(text) and not text.strip("…◀▶ ").isdigit()
    ]
    assert latin == []
