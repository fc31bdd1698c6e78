"""What an import plugs into the import dialog: its fields and its load / plan / apply functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fedclient.core.changes import Area
from fedclient.core.tabular import Field, Preview, Table

from .operations import OperationRunner


@dataclass
class Importer:
    ops: OperationRunner
    title: str  # "导入花名册"
    noun: str  # what a row is, for buttons: "人", "户"
    fields: Sequence[Field]
    load: Callable[..., Table]  # load(path, progress=...) -> Table (the file only)
    plan: Callable[..., Preview]  # plan(session, table, progress=...) -> Preview
    apply: Callable[..., Any]  # apply(session, preview, progress=...) -> result with added and updated
    changes: Area  # what a finished import changed

    def done_message(self, result: Any, preview: Preview) -> str:
        message = f"已导入 {result.added} {self.noun}，更新 {result.updated} {self.noun}。"
        skipped = preview.count("refused") + preview.count("duplicate")
        if skipped:
            message += f"\n有 {skipped} 行未导入（原因见预览，可“另存未导入的行”改好后再导入）。"
        message += "".join(f"\n{note}。" for note in preview.notes)
        return message


def database_importer(
    ops: OperationRunner,
    *,
    title: str,
    noun: str,
    fields: Sequence[Field],
    load: Callable[..., Table],
    plan: Callable[..., Preview],
    apply: Callable[..., Any],
    changes: Area,
) -> Importer:
    """An ``Importer`` whose plan and apply are core services run in one transaction each.

    ``apply(session, preview, progress=...)`` returns a result with ``added`` and ``updated`` counts.
    """
    return Importer(ops, title, noun, fields, load, plan, apply, changes)
