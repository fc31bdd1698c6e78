"""填写乡镇表格: fill the township's own forms with the monthly workbook's values (issue 16, part 1).

``sources`` (what can be filled: ``monthly_report.collect``'s indicators and ledgers, the profile), recognisers
``labels`` (label cells) and ``tables`` (ledger tables, a row per village) on a ``grid``, ``fill`` (plan, then
write into a copy), ``layouts`` (the chair's assignments, remembered by the form's layout).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from ..database import Database
from ..progress import Progress, no_progress
from .fill import FILE_FILTER, FormError, apply_plan, fingerprint, open_form, plan_form
from .layouts import remember, remembered
from .plan import CellFill, FormPlan, Unknown
from .sources import SKIP, Sources, gather, key_label


@dataclass
class PreparedForm:
    """A form read and planned, ready to show as a preview and to save."""

    workbook: Workbook
    plan: FormPlan
    sources: Sources


def prepare(
    db: Database,
    form: Path | str,
    year: int,
    month: int,
    mask_names: bool = True,
    assignments: dict[str, str] | None = None,
    today: date | None = None,
) -> PreparedForm:
    """Read the month (one transaction) and the form, and plan every cell with the remembered assignments
    of this layout plus ``assignments`` (the chair's new picks)."""
    wb, notes = open_form(form)
    with db.session() as session:
        sources = gather(session, year, month, mask_names=mask_names, today=today)
        chosen = {**remembered(session, fingerprint(wb)), **(assignments or {})}
    plan = plan_form(wb, sources, chosen)
    plan.notes[:0] = notes
    return PreparedForm(wb, plan, sources)


def save(
    db: Database, prepared: PreparedForm, out: Path | str, assignments: dict[str, str] | None = None
) -> Path:
    """Write the filled copy (atomically) and remember the chair's assignments for this layout."""
    path = apply_plan(prepared.workbook, prepared.plan, out)
    if assignments:
        with db.session() as session:
            remember(session, prepared.plan.fingerprint, assignments)
    return path


def preview(
    db: Database,
    form: Path | str,
    year: int,
    month: int,
    mask_names: bool = True,
    assignments: dict[str, str] | None = None,
    progress: Progress = no_progress,
) -> PreparedForm:
    """For the window: ``prepare`` with progress messages."""
    progress(0, 2, "正在读取表格和本月数据")
    prepared = prepare(db, form, year, month, mask_names, assignments)
    progress(1, 2, "正在识别")
    return prepared


def fill_and_save(
    db: Database,
    form: Path | str,
    year: int,
    month: int,
    mask_names: bool,
    assignments: dict[str, str],
    out: Path | str,
    progress: Progress = no_progress,
) -> tuple[Path, FormPlan]:
    """Plan again with the chair's picks, write the filled copy and remember the picks for this layout."""
    prepared = preview(db, form, year, month, mask_names, assignments, progress)
    progress(1, 2, "正在保存")
    return save(db, prepared, out, assignments), prepared.plan


__all__ = [
    "FILE_FILTER",
    "SKIP",
    "CellFill",
    "FormError",
    "FormPlan",
    "PreparedForm",
    "Unknown",
    "fill_and_save",
    "key_label",
    "prepare",
    "preview",
    "save",
]
