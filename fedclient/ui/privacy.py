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
    if window is not None:  # lists work out their rows' texts when first painted: again, and repaint them
        for view in window.findChildren(QAbstractItemView):
            forget = getattr(view.model(), "forget_looks", None)
            if forget is not None:
                forget()
            view.viewport().update()
