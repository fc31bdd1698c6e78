"""导入住户…: households from a spreadsheet through the shared import dialog (mapping, preview, one
transaction, off the GUI thread)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from fedclient.core.changes import Area
from fedclient.core.grids.household_import import (
    HOUSEHOLD_FIELDS,
    apply_household_import,
    load_households,
    plan_household_import,
)

from ..import_dialog import ImportDialog, Importer, database_importer, open_import
from ..operations import OperationRunner


def household_importer(ops: OperationRunner) -> Importer:
    return database_importer(
        ops,
        title="导入住户",
        noun="户",
        fields=HOUSEHOLD_FIELDS,
        load=load_households,
        plan=plan_household_import,
        apply=apply_household_import,
        changes=Area.GRIDS,
    )


def import_households(parent: QWidget, ops: OperationRunner, path: str | None = None) -> ImportDialog | None:
    return open_import(parent, household_importer(ops), path, "选择住户表格")
