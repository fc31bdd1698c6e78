"""How long 述职评议's printing holds the GUI thread, on a county's thousands of executive members.

Before (the page read and built the papers with ``ops.read_now``, then Qt drew them on the GUI thread): the
milliseconds of that read alone, the GUI thread blocked throughout (drawing a county's papers as one document
was not attempted: it ended the process). After (``ui/review/review_print.py``): 保存为 PDF… is started on a real
述职评议 page and the GUI thread is watched by a 10 ms timer until the PDF is saved; printed are the longest gap
between two ticks (the floor beside it: the same timer with nothing running), the job's whole time and the pages.
Run by hand:

    .venv/bin/python benchmarks/review_print.py --db county.sqlite [--runs 3] [--copies 1]
"""

from __future__ import annotations

import argparse
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

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from fedclient.core.database import Database  # noqa: E402
from fedclient.ui.app_setup import make_application  # noqa: E402
from fedclient.ui.operations import OperationRunner  # noqa: E402

TODAY = date(2026, 12, 1)
try:
    from fedclient.ui.review import review_print  # noqa: F401, E402

    AFTER = True
except ImportError:
    AFTER = False


def watch(until, most_s: float = 900.0) -> tuple[float, float]:
    """Runs the event loop with a 10 ms timer until ``until()``: (longest gap between ticks in ms, seconds)."""
    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    loop = QEventLoop()
    start = time.perf_counter()
    while not until():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        if time.perf_counter() - start > most_s:
            raise TimeoutError
    timer.stop()
    ticks.append(time.perf_counter())
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)) * 1000, time.perf_counter() - start


def before(ops: OperationRunner, copies: int) -> dict[str, float]:
    from fedclient.core.review.printout import review_printout

    start = time.perf_counter()
    board = ops.read_now(review_printout, 2026, copies, TODAY, True)
    return {"GUI thread blocked, ms (read and build only)": (time.perf_counter() - start) * 1000,
            "html characters": len(board.html)}  # fmt: skip


def after(ops: OperationRunner, copies: int, out: Path) -> dict[str, float]:
    from fedclient.ui.review.review_page import ReviewPage

    page = ReviewPage(ops, today=TODAY)
    page.show()
    page.year.setValue(2026)
    page.copies.setValue(copies)
    ops.wait_idle(120)
    watch(lambda: True)
    page.save_pdf(str(out))
    gap, seconds = watch(lambda: not ops.busy)
    text = page.message.text()
    assert text.startswith("已保存"), text
    pages = int(text.rsplit("（", 1)[1].split(" ")[0])
    page.close()
    page.deleteLater()
    out.unlink()
    return {"longest GUI-thread gap, ms": gap, "job, s": seconds, "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    make_application([])
    results: dict[str, list[float]] = {}
    floors: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county.sqlite"
        shutil.copy(args.db, path)
        db = Database(path)
        ops = OperationRunner(db)
        for _ in range(args.runs):
            figures = (
                after(ops, args.copies, Path(tmp) / "述职评议.pdf") if AFTER else before(ops, args.copies)
            )
            for name, value in figures.items():
                results.setdefault(name, []).append(value)
            idle = time.perf_counter()
            floors.append(watch(lambda idle=idle: time.perf_counter() - idle > 2)[0])  # the floor: 2 s idle
        ops.shutdown()
        db.dispose()
    print(f"{'after' if AFTER else 'before'}: {args.runs} runs, {args.copies} 测评票")
    for name, values in results.items():
        print(f"  {name:<46} median {statistics.median(values):10.1f}  max {max(values):10.1f}")
    print(f"  {'floor: longest gap with nothing running, ms':<46} median {statistics.median(floors):10.1f}")


if __name__ == "__main__":
    main()
