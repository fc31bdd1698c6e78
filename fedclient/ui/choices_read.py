"""A dialog's choice list (every member in office, every mediator: thousands at county scale) read in the
background while the dialog is already on screen.

The widgets that show the list, and those whose use needs it (保存), wait disabled with a word saying why; the
rest of the form can be typed into meanwhile. ``fill`` gets the list when it is in and must keep what the chair
chose or typed (``forms.fill_combo`` keeps the selected value).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtWidgets import QWidget

from .operations import OperationRunner

WAITING = "正在读取名单……"
TIP_BEFORE = "fedclient_tip_before_read"


def read_choices(
    ops: OperationRunner,
    dialog: QWidget,
    fn: Callable[..., Any],
    *args: Any,
    fill: Callable[[Any], None],
    waiting: Iterable[QWidget],
    key: object = "choices",
) -> None:
    """``fn(session, *args)`` on a worker; ``waiting`` disabled until ``fill(result)`` has run (a newer read
    with the same ``key`` supersedes this one)."""
    widgets = list(waiting)
    for widget in widgets:
        if widget.toolTip() != WAITING:  # (a second read while the first runs: the tip before both)
            widget.setProperty(TIP_BEFORE, widget.toolTip())
        widget.setEnabled(False)
        widget.setToolTip(WAITING)

    def done(result: Any) -> None:
        fill(result)
        for widget in widgets:
            widget.setEnabled(True)
            widget.setToolTip(widget.property(TIP_BEFORE) or "")

    ops.read(fn, *args, on_done=done, parent=dialog, key=key)
