"""Which database reads run on the GUI thread (``ops.read_now``) as the chair walks the county window, and how long.

Opens a copy of a county-scale database in the real window (offscreen), wraps ``OperationRunner.read_now`` to
record each call (function, milliseconds, rows returned), shows every tab and every page inside it, waits for the
background reads, then opens the dialogs and filters named in ``DIALOGS``. Prints one line per call site: how
many calls, the median and the slowest time, the rows. A frame is ~16 ms: a read above it, or one that grows with
the data, belongs in ``ops.read``. Run by hand:

    .venv/bin/python benchmarks/gui_thread_reads.py --db county.sqlite [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QDialog, QTabWidget  # noqa: E402

from fedclient.core.database import Database  # noqa: E402
from fedclient.ui.operations import OperationRunner  # noqa: E402

CALLS: dict[str, list[tuple[float, int]]] = defaultdict(list)
STAGE = ["walk"]
OPENING: dict[str, list[float]] = defaultdict(list)  # a dialog's whole opening on the GUI thread, ms


def rows_of(value) -> int:
    if isinstance(value, tuple) and value and all(isinstance(v, (list, tuple)) for v in value):
        return sum(len(v) for v in value)  # (a list, another list)
    if isinstance(value, (list, tuple, dict, set)):
        return len(value)
    return 1 if value is not None else 0


def instrument() -> None:
    plain = OperationRunner.read_now

    def timed(self, fn, *args):
        start = time.perf_counter()
        value = plain(self, fn, *args)
        ms = (time.perf_counter() - start) * 1000
        name = (
            f"{getattr(fn, '__module__', '').removeprefix('fedclient.core.')}.{getattr(fn, '__name__', fn)}"
        )
        CALLS[f"{STAGE[0]:<10} {name}"].append((ms, rows_of(value)))
        return value

    OperationRunner.read_now = timed


def settle(window, qapp) -> None:
    for _ in range(3):
        qapp.processEvents()
        window.ops.wait_idle(120)
    qapp.processEvents()


def walk(window, qapp) -> None:
    """Every tab, and every page of a tab (nested tab widgets), shown in turn."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(window, qapp)
        tab = window.tabs.widget(index)
        for inner in tab.findChildren(QTabWidget):
            for page in range(inner.count()):
                inner.setCurrentIndex(page)
                settle(window, qapp)


def dialogs(window, qapp) -> None:
    """Opens (and closes) what a chair opens from the pages: each dialog's reads happen while it is built."""
    from PySide6.QtCore import QTimer

    def close_modals():
        for w in qapp.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()

    def opening(stage: str, fn) -> None:
        STAGE[0] = stage
        timer = QTimer()
        timer.timeout.connect(close_modals)
        timer.start(50)
        start = time.perf_counter()
        try:
            fn()
            OPENING[stage].append((time.perf_counter() - start) * 1000)
        except Exception as exc:  # noqa: BLE001 - a probe: say what failed and go on
            print(f"  ({stage}: {type(exc).__name__}: {exc})")
        timer.stop()
        close_modals()
        settle(window, qapp)

    from fedclient.ui.mediation.followup_dialog import FollowUpDialog

    grids_tab = window.tab_by_key("grids")
    members = window.tab_by_key("members")
    mediation = window.tab_by_key("mediation")
    pledges = window.tab_by_key("pledges")
    from datetime import date

    for stage, fn in (
        ("新增成员", lambda: members.roster.add_member()),
        ("新增服务", lambda: grids_tab.service_page.new_service()),
        ("新增议事决议", lambda: grids_tab.council_page.add_decision()),
        ("新增网格", lambda: grids_tab.grid_page.new_grid()),
        ("新增调解", lambda: mediation.open_case(None)),
        ("新增承诺", lambda: pledges.list_page.new()),
        ("帮扶对象", lambda: members.helped.add_person()),
        ("排班", lambda: mediation.duty_page.edit_day(date.today())),
        ("回访", lambda: FollowUpDialog(window.ops, 1, "", None, window).open()),
    ):
        opening(stage, fn)


def one_run(source: Path) -> None:
    from fedclient.ui.app_setup import make_application
    from fedclient.ui.main_window import MainWindow

    qapp = make_application([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county.sqlite"
        shutil.copy(source, path)
        db = Database(path)
        window = MainWindow(db)
        window.resize(1366, 768)
        window.show()
        window.all_tabs()
        settle(window, qapp)
        STAGE[0] = "walk"
        walk(window, qapp)
        dialogs(window, qapp)
        window.shutdown()
        window.deleteLater()
        db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    instrument()
    for _ in range(args.runs):
        one_run(args.db)
    print(f"{'stage':<10} {'read_now function':<52} {'calls':>5} {'median ms':>9} {'max ms':>8} {'rows':>6}")
    for name, calls in sorted(CALLS.items(), key=lambda kv: -max(ms for ms, _ in kv[1])):
        times = [ms for ms, _ in calls]
        print(
            f"{name:<63} {len(calls):>5} {statistics.median(times):>9.1f} {max(times):>8.1f} "
            f"{max(r for _, r in calls):>6}"
        )
    print("\nopening a dialog on the GUI thread (its reads included), ms:")
    for stage, times in OPENING.items():
        print(
            f"  {stage:<8} median {statistics.median(times):>7.1f}  max {max(times):>7.1f}  ({len(times)} runs)"
        )


if __name__ == "__main__":
    main()
