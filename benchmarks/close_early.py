"""Closing the window at random moments of start-up must always end the program cleanly.

    .venv/bin/python benchmarks/close_early.py [--runs 20] [--within 3.0] [--keep DIR]

Each start runs the real ``fedclient.app.main`` in its own process (offscreen Qt, throw-away user folders) on the
demo village and on a county-scale database (built as in ``startup.py``); a timer closes the main window after a
random delay within the first seconds. A start counts as an abort when the process does not exit with status 0
or Qt complains about a thread destroyed while running.
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.startup import build_county, build_demo  # noqa: E402

# argv: database, delay in ms. The timer starts as soon as the QApplication exists (before the window is built).
CHILD = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
from fedclient.ui.app_setup import make_application
from fedclient.app import main

def close_windows():
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMainWindow):
            widget.close()
    QTimer.singleShot(20, close_windows)  # not shown yet: try again

app = make_application()
QTimer.singleShot(int(sys.argv[2]), close_windows)
QTimer.singleShot(60_000, lambda: sys.exit(3))
sys.exit(main(["--db", sys.argv[1]]))
"""


def start_and_close(db: Path, delay_ms: int, home: Path) -> tuple[int, bool, float]:
    """One start closed after ``delay_ms``: (exit status, whether Qt reported a running thread destroyed, s)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    began = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), str(delay_ms)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    destroyed = "QThread: Destroyed" in proc.stderr
    return proc.returncode, destroyed, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--within", type=float, default=3.0, help="close within this many seconds")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the databases in")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="fedclient-close-early-"))
    work.mkdir(parents=True, exist_ok=True)
    demo, county = work / "demo.sqlite", work / "county.sqlite"
    if not demo.exists():
        build_demo(demo)
    if not county.exists():
        print("building the county-scale database …", flush=True)
        build_county(county)
    home = Path(tempfile.mkdtemp(prefix="fedclient-close-early-home-"))
    for label, path in (("demo village", demo), ("county scale", county)):
        statuses: collections.Counter[str] = collections.Counter()
        aborts = []
        for _ in range(args.runs):
            delay = rng.randrange(int(args.within * 1000))
            status, destroyed, seconds = start_and_close(path, delay, home)
            statuses[str(status)] += 1
            if status != 0 or destroyed:
                aborts.append(f"{delay} ms → status {status}{', QThread destroyed' if destroyed else ''}")
            print(
                f"  {label}: closed after {delay:4d} ms → exit status {status} ({seconds:.1f} s)", flush=True
            )
        print(f"{label}: {len(aborts)} aborts out of {args.runs}; exit statuses {dict(statuses)}")
        for line in aborts:
            print(f"    {line}")


if __name__ == "__main__":
    main()
