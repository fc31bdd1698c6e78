"""Menu entries of the monthly report and the township consolidation (filled by the report issue)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .main_window import MainWindow


def install(window: MainWindow) -> None:
    return None
