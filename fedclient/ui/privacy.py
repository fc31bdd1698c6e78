"""隐私模式 (设置 menu, remembered on this computer): mediation parties' names masked on screen (张某某), for
when others can see the screen. ID numbers are masked in every list anyway; a full one is shown only on a
click, which the history records."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractItemView, QWidget

KEY = "privacy_mode"


def is_on() -> bool:
    return QSettings().value(KEY, False, type=bool)


def set_on(on: bool, window: QWidget | None = None) -> None:
    QSettings().setValue(KEY, on)
    if window is not None:  # lists read names when painting: repaint them
        for view in window.findChildren(QAbstractItemView):
            view.viewport().update()
