"""How long the 议事决议 dialog holds the GUI thread as it opens, with a county's roster as its 责任人 list.

Opens a copy of a county-scale database, then, ``--runs`` times: builds the dialog, shows it and processes the
events it posts (``opening``), waits for its list when it reads it in the background and measures the GUI thread's
part of filling it (``list in``), and the three keystrokes z, x, l of a pinyin search (``zxl``). The floor is the
same dialog with an empty list. Works on the code before the 责任人 picker (the page read the list and handed it to
the dialog) and after (the dialog reads it). Run by hand:

    .venv/bin/python benchmarks/decision_dialog.py --db county.sqlite [--runs 9]
"""

from __future__ import annotations

import argparse
import inspect
import os
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fedclient.core.database import Database  # noqa: E402
from fedclient.core.grids.council_decisions import DecisionData  # noqa: E402
from fedclient.core.members.query import member_choices  # noqa: E402
from fedclient.ui.app_setup import make_application  # noqa: E402
from fedclient.ui.grids import decision_dialog  # noqa: E402
from fedclient.ui.operations import OperationRunner  # noqa: E402

READS_ITSELF = "ops" in inspect.signature(decision_dialog.DecisionDialog.__init__).parameters


def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def one(qapp, ops: OperationRunner, people: list, empty: bool) -> dict[str, float]:
    """One opening: the GUI thread's milliseconds for each step."""
    figures: dict[str, float] = {}
    decision = DecisionData(due_date=date(2026, 12, 31))
    start = time.perf_counter()
    if READS_ITSELF:
        dialog = decision_dialog.DecisionDialog(ops, decision, date(2026, 12, 1))
    else:
        dialog = decision_dialog.DecisionDialog(decision, [] if empty else people, date(2026, 12, 1))
    dialog.show()
    qapp.processEvents()
    figures["opening"] = ms_since(start)
    if READS_ITSELF:
        FILLED.clear()
        ops.wait_idle(120)
        figures["list in"] = FILLED[0] if FILLED else float("nan")
    else:
        figures["list in"] = 0.0  # the page had read it and handed it over: filled in the constructor
    if not empty:
        search = getattr(dialog.responsible, "search", None)
        if search is not None:
            begin = time.perf_counter()
            for typed in ("z", "zx", "zxl"):
                search.setText(typed)
                qapp.processEvents()
            figures["zxl"] = ms_since(begin)
            assert dialog.responsible.combo.count() > 0
    dialog.close()
    dialog.deleteLater()
    qapp.processEvents()
    return figures


FILLED: list[float] = []  # the GUI thread's part of filling the list once read (after)


def time_the_filling() -> None:
    real = decision_dialog.DecisionDialog._people_read

    def timed(self, people):
        begin = time.perf_counter()
        real(self, people)
        FILLED.append(ms_since(begin))

    decision_dialog.DecisionDialog._people_read = timed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    qapp = make_application([])
    if READS_ITSELF:
        time_the_filling()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county.sqlite"
        shutil.copy(args.db, path)
        db = Database(path)
        ops = OperationRunner(db)
        people = db.run(member_choices)
        print(f"{'after' if READS_ITSELF else 'before'}: {len(people)} people in the list, {args.runs} runs")
        real_choices = decision_dialog.__dict__.get("member_choices")
        results: dict[str, list[float]] = {}
        floors: dict[str, list[float]] = {}
        one(qapp, ops, people, empty=False)  # warm: imports, pinyin of every name
        for _ in range(args.runs):  # paired: the list, then the floor, in each run
            for name, ms in one(qapp, ops, people, empty=False).items():
                results.setdefault(name, []).append(ms)
            if real_choices is not None:
                decision_dialog.member_choices = lambda _session: []
            for name, ms in one(qapp, ops, people, empty=True).items():
                floors.setdefault(name, []).append(ms)
            if real_choices is not None:
                decision_dialog.member_choices = real_choices
        for name, times in results.items():
            floor = statistics.median(floors.get(name, [0.0]))
            print(
                f"  {name:<8} median {statistics.median(times):7.1f} ms  max {max(times):7.1f}  floor {floor:6.1f}"
            )
        ops.shutdown()
        db.dispose()


if __name__ == "__main__":
    main()
