"""导出月报: the monthly workbook for the township (shared/reports.md), and the reminder to send it.

``layout`` names the sheets, indicators (with their owning domain) and columns; ``data`` reads them from the
domains' ``report`` modules; ``writer`` writes the workbook; ``export`` saves it and remembers it was sent;
``reminders`` asks for last month's report; ``consolidate`` merges the villages' workbooks for the township.
"""

from .data import ReportData, collect
from .export import ExportResult, default_file_name, export_month, exported_at, last_month
from .reminders import reminders
from .writer import FileBusy, write_report

__all__ = [
    "ExportResult",
    "FileBusy",
    "ReportData",
    "collect",
    "default_file_name",
    "export_month",
    "exported_at",
    "last_month",
    "reminders",
    "write_report",
]
