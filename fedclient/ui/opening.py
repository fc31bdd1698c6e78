"""Opening the data file at start. An ordinary start reads only its revision (~1 ms) and opens it at once; when
the file must be checked (after an unclean end), backed up and upgraded, or created, which takes seconds on a
county's file (revision 0008 rebuilds its tables), the work runs off the GUI thread and the chair sees a window
naming the step under way (检查, 备份, 升级) instead of a program that seems not to start. The first start of a day's
automatic backup (``backup_shown``) is run and shown the same way."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

log = logging.getLogger("fedclient")
SHOW_AFTER_MS = 400  # a check of a small file is over before the window would flash


class _Steps(QObject):
    step = Signal(str)
    done = Signal()


def needs_work(path: Path, check: bool) -> bool:
    """Whether opening ``path`` does more than read its revision."""
    from fedclient.core.migrate import DatabaseError, head_revision, read_revision

    if check or not path.exists() or path.stat().st_size == 0:
        return True
    try:
        return read_revision(path) != head_revision()
    except DatabaseError:
        return False  # refused at once by open_database, with its message


def open_shown(path: Path, check: bool = False) -> Any:
    """``open_database(path, check=check)``; its errors raised here, in the GUI thread."""
    from fedclient.core.migrate import open_database

    if not needs_work(path, check):
        return open_database(path, check=check)
    return _shown("正在打开数据文件……", lambda step: open_database(path, check=check, progress=step))


def backup_shown(db: Any, backup_dir: Path) -> Path | None:
    """``auto_backup_if_due(db, backup_dir)`` (the first start of a day copies and checks the whole file: seconds on
    a county's) off the GUI thread, named in a window when it takes more than a moment; its errors raised here.

    While that window shows, SQLAlchemy and the models (``load_engine_modules``) are imported on a third thread:
    the copy and its check run in SQLite, outside Python's lock, so the import costs the chair nothing there,
    where after the first paint it would hold up 首页's figures. A quick backup (a village's file) imports
    nothing: the window is not held up, and nothing is imported beside the window being built."""
    from fedclient.core.backup import auto_backup_if_due
    from fedclient.core.database import load_engine_modules

    return _shown(
        BACKING_UP, lambda _step: auto_backup_if_due(db, backup_dir), meanwhile=_quietly(load_engine_modules)
    )


BACKING_UP = "正在做今天的自动备份，请稍候……"


def _quietly(fn: Callable[[], None]) -> Callable[[], None]:
    def run() -> None:
        try:
            fn()
        except Exception:  # imported again where first needed, and any error reported there
            log.exception("提前导入失败")

    return run


def _shown(
    label: str, job: Callable[[Callable[..., None]], Any], meanwhile: Callable[[], None] | None = None
) -> Any:
    """``job(step)`` run on a thread while the GUI thread waits, a window naming the step shown after
    ``SHOW_AFTER_MS``; ``step(done, total, text)`` changes what it says. Its result returned, its error raised.
    ``meanwhile()`` runs on another thread from when the window shows (the job takes more than a moment); it
    has ended when this returns (nothing of it runs beside what the GUI thread does next)."""
    steps = _Steps()
    result: dict[str, Any] = {}
    dialog = QProgressDialog(label, "", 0, 0)
    dialog.setWindowTitle("村妇联工作台")
    dialog.setCancelButton(None)  # an upgrade or a backup ends by itself, whole or not at all
    dialog.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
    dialog.setMinimumWidth(420)
    dialog.setAutoClose(False)
    dialog.reset()  # not shown by Qt's own timer: by ours, after SHOW_AFTER_MS
    steps.step.connect(dialog.setLabelText)
    loop = QEventLoop()
    steps.done.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    beside: list[threading.Thread] = []

    def taking_a_while() -> None:
        dialog.show()
        if meanwhile is not None:
            beside.append(threading.Thread(target=meanwhile, name="fedclient-preload"))
            beside[0].start()

    timer.timeout.connect(taking_a_while)

    def work() -> None:
        try:
            result["value"] = job(lambda _d=0, _t=0, text="": steps.step.emit(text))
        except BaseException as exc:  # raised in the GUI thread below
            result["error"] = exc
        finally:
            steps.done.emit()

    thread = threading.Thread(target=work, name="fedclient-start")
    thread.start()
    timer.start(SHOW_AFTER_MS)
    loop.exec()
    thread.join()
    timer.stop()
    for other in beside:
        other.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in result:
        raise result["error"]
    return result["value"]
