"""Memory of the window at county scale with every tab and every page opened, beside its floors.

    .venv/bin/python benchmarks/window_memory.py [--runs 3] [--keep DIR]

County scale: 5,000 members, 10,000 pledges, 20,000 cases, 50,000 services (``startup.build_county``; the
database is kept in ``--keep DIR`` and reused). Each figure is the resident memory (VmRSS, and the peak VmHWM)
of its own process, offscreen Qt, throw-away user folders; the three kinds of process alternate (paired runs,
the machine is shared) and the medians are printed:
- floor: a bare PySide6 window with five empty tabs, shown (the target is 2x this);
- imports floor: the same bare window after importing every module the program's window had loaded once all
  its tabs were open (PySide6, SQLAlchemy, the program's own modules; not the stand-ins of
  ``fedclient.on_demand`` for modules nobody used): what the code costs before it holds a single row or builds a
  single widget of its own;
- the program: ``MainWindow`` over the county database, then each tab and each page inside a tab is made
  current in turn (tabs built lazily are built by opening them) and its reads are waited for.
Figures in tenths of MiB (a change under 1 MiB shows). The last run of the program also prints what each tab and
page added, to see where memory goes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

MEASURE = r"""
import json, sys
def memory():
    with open("/proc/self/status") as f:
        d = {l.split(":")[0]: int(l.split()[1]) / 1024 for l in f if l.startswith(("VmRSS", "VmHWM", "RssAnon"))}
    return {"rss": d["VmRSS"], "peak": d["VmHWM"], "anon": d["RssAnon"]}
"""

CHILD_BARE = (
    MEASURE
    + r"""
for name in (json.load(open(sys.argv[1])) if len(sys.argv) > 1 else []):
    try:
        __import__(name)
    except Exception:  # a module that only imports inside the program (none expected); the floor stays honest
        pass
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget
app = QApplication(sys.argv[:1])
window = QMainWindow(); tabs = QTabWidget(); window.setCentralWidget(tabs)
for title in ("首页", "成员", "承诺", "调解", "网格"):
    tabs.addTab(QWidget(), title)
window.resize(1300, 700); window.show()
QTimer.singleShot(500, lambda: (print("RESULT " + json.dumps(memory()), flush=True), app.quit()))
app.exec()
"""
)

CHILD_APP = (
    MEASURE
    + r"""
import gc
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget
from fedclient.core.migrate import open_database
from fedclient.ui.app_setup import make_application
from fedclient.ui.main_window import MainWindow
app = make_application()  # as fedclient.app.main makes it
window = MainWindow(open_database(sys.argv[1]))
window.resize(1300, 700); window.show()
steps, seen = [], set()
todo = [(window.tabs, i) for i in range(window.tabs.count())]

def settle():
    for _ in range(3):
        window.ops.wait_idle()
        app.processEvents()

def step():
    settle()
    if todo:
        widget, index = todo.pop(0)
        widget.setCurrentIndex(index)
        QTimer.singleShot(100, lambda: opened(widget, index))
        return
    gc.collect()
    # what the program really imported: not fedclient.on_demand's stand-ins for modules nobody asked for
    modules = sorted(n for n, m in sys.modules.items()
                     if m is not None and n != "__main__" and type(m).__name__ != "StandIn")  # fmt: skip
    json.dump(modules, open(sys.argv[2], "w"))
    print("RESULT " + json.dumps({**memory(), "steps": steps}), flush=True)
    window.close(); app.quit()

def opened(widget, index):
    settle()
    gc.collect()
    steps.append((widget.tabText(index), memory()["rss"]))
    inner = [t for t in widget.widget(index).findChildren(QTabWidget) if id(t) not in seen]
    for t in inner:  # the pages of a tab (found once the tab is built and shown)
        seen.add(id(t))
        todo[0:0] = [(t, j) for j in range(t.count()) if j != t.currentIndex()]
    step()

def first():
    settle()
    steps.append(("窗口", memory()["rss"]))
    step()

QTimer.singleShot(200, first)
app.exec()
"""
)


def run_child(code: str, args: list[str], home: Path) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop(
        "PYTHONDONTWRITEBYTECODE", None
    )  # a chair's copy reads compiled bytecode (the first run writes it)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[var] = str(home / var.lower())
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError(f"child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")


def median(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the county database in")
    args = parser.parse_args()
    from startup import county_database

    county = county_database(args.keep, "fedclient-memory-")
    home = Path(tempfile.mkdtemp(prefix="fedclient-memory-home-"))
    modules = home / "modules.json"
    run_child(CHILD_APP, [str(county), str(modules)], home)  # the day's backup, and the list of modules
    floors, imports, apps = [], [], []
    for _ in range(args.runs):  # paired: bare window, imports + bare window, the program
        floors.append(run_child(CHILD_BARE, [], home))
        imports.append(run_child(CHILD_BARE, [str(modules)], home))
        apps.append(run_child(CHILD_APP, [str(county), str(modules)], home))
    bare = median(floors, "rss")
    print(f"window memory at county scale, medians of {args.runs} paired runs (resident set, MiB):")
    print(f"  floor: bare PySide6 window, five tabs       {bare:6.1f}")
    floor2 = median(imports, "rss")
    print(f"  imports floor: the program's modules + bare {floor2:6.1f}   {floor2 / bare:4.1f}x the floor")
    full = median(apps, "rss")
    print(f"  the program, every tab and page opened     {full:6.1f}   {full / bare:4.1f}x the floor"
          f" (target 2x = {2 * bare:.1f}); peak {median(apps, 'peak'):.1f}")  # fmt: skip
    anon = [median(runs, "anon") for runs in (floors, imports, apps)]
    # The resident set counts the pages of Qt's libraries and fonts mapped from disk, which move with the state
    # of the system's file cache (a venv written minutes ago maps ~10 MiB more than one read back from disk);
    # the anonymous part is the memory the process itself took.
    print(f"  anonymous memory alone (RssAnon): bare {anon[0]:.1f}, imports floor {anon[1]:.1f},"
          f" the program {anon[2]:.1f} = {anon[2] / anon[0]:.1f}x the bare window's")  # fmt: skip
    print("  what each tab and page added (last run): ", end="")
    steps, last = apps[-1]["steps"], None
    parts = []
    for title, rss in steps:
        parts.append(f"{title} {rss:.1f}" if last is None else f"{title} {rss - last:+.1f}")
        last = rss
    print(", ".join(parts))


if __name__ == "__main__":
    main()
