"""导出月报: the monthly workbook for the township (shared/reports.md), and the reminder to send it.

``layout`` names the sheets, indicators (with their owning domain) and columns; ``data`` reads them from the
domains' ``report`` modules; ``writer`` writes the workbook; ``export`` saves it and remembers it was sent;
``reminders`` asks for last month's report; ``consolidate`` merges the villages' workbooks for the township.

The names below are imported when first used: 首页 needs only ``reminders`` at start, and the spreadsheet
writer is loaded when a workbook is written.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .reminders import reminders

if TYPE_CHECKING:
    from .data import ReportData, collect
    from .export import ExportResult, default_file_name, export_month, exported_at, last_month
    from .writer import FileBusy, build_workbook, write_report

_LAZY = {
    "ReportData": "data",
    "collect": "data",
    "ExportResult": "export",
    "default_file_name": "export",
    "export_month": "export",
    "exported_at": "export",
    "last_month": "export",
    "FileBusy": "writer",
    "build_workbook": "writer",
    "write_report": "writer",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ExportResult",
    "FileBusy",
    "ReportData",
    "build_workbook",
    "collect",
    "default_file_name",
    "export_month",
    "exported_at",
    "last_month",
    "reminders",
    "write_report",
]
