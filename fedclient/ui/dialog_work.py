"""A dialog that runs long work through the operation runner and is never closed under it.

A dialog deleted once closed (``forms.open_dialog``) must not go while work it started may still call it back:
closing it (its buttons, Esc, ×) while work runs cancels that work and closes once it has ended. An import is
rolled back, or, when it was already being saved, finishes and is reported (``told_when_closing``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QWidget

from .operation import Operation
from .operations import OperationRunner


class WorkingDialog(QDialog):
    def __init__(self, parent: QWidget | None, ops: OperationRunner):
        super().__init__(parent)
        self.ops = ops
        self.tasks: set[Operation] = set()  # the work under way (``start_work``)
        self._closing: int | None = None  # closed while work ran: the result to close with once it has ended

    @property
    def closing(self) -> bool:
        return self._closing is not None

    def start_work(
        self,
        title: str,
        fn: Callable[..., Any],
        arg: Any,
        *,
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None],
        on_cancel: Callable[[], None],
        told_when_closing: bool = False,
        **options: Any,
    ) -> None:
        """``ops.with_progress(title, fn, arg, …)`` with this dialog as parent, remembered until it has ended.
        Once the chair has closed the dialog, only work ``told_when_closing`` still calls back."""
        task: Operation | None = None

        def ended(callback: Callable[..., None]) -> Callable[..., None]:
            def run(*args: Any) -> None:
                self.tasks.discard(task)
                if not self.closing or told_when_closing:
                    callback(*args)
                if self.closing and not self.tasks and self.isVisible():
                    super(WorkingDialog, self).done(self._closing)

            return run

        task = self.ops.with_progress(
            title,
            fn,
            arg,
            on_done=ended(on_done),
            on_error=ended(on_error),
            on_cancel=ended(on_cancel),
            parent=self,
            **options,
        )
        if task is not None:
            self.tasks.add(task)

    def done(self, result: int) -> None:
        running = [task for task in self.tasks if not task.finished]
        if not running:
            super().done(result)
            return
        self._closing = result
        for task in running:
            task.cancel()
        self.closing_started()

    def closing_started(self) -> None:
        """What the dialog shows while its work stops (a subclass says so)."""
