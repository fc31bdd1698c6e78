"""Faults measured from outside, as processes (issue 13, "what it must show"). Run by hand; prints figures.

1. ``kill -9`` at random moments of ``demo``, of an upgrade from each saved revision in ``tests/data`` older
   than head, and of ``restore``; then each file is opened as the next start after an unclean end opens it
   (``open_database(check=True)``) and checked: it opens, passes ``integrity_check``, is at head, and holds
   wholly the old or wholly the new data.
2. Every command that writes a file, its output on a 2 MB tmpfs filled to several levels (root needed to mount
   it; otherwise skipped, and the suite's patched-write tests are what covers it): a command that says it saved
   must have left a complete file; one that failed must name 磁盘空间不足, leave the old file byte for byte and
   no temporary file. Also ``import-roster`` and ``demo`` with the data file itself on a full tmpfs.
3. Two imports of a 400-person roster without ID numbers started together, repeated: people stored twice.
4. The real window (offscreen) holding a data file: ``demo``, ``restore`` and ``import-roster`` must refuse with
   exit 2 and leave the file as it was; ``export-month`` (reading) runs beside it.
Every process's output is searched for "Traceback".

    .venv/bin/python benchmarks/faults_outside.py [--trials 100] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fedclient.core.data_lock import DataLock  # noqa: E402
from fedclient.core.migrate import head_revision, open_database, read_revision  # noqa: E402
from fedclient.core.safe_write import check_pdf, check_sqlite, check_xlsx, is_own_leftover  # noqa: E402

DATA = ROOT / "tests" / "data"
OLD = b"%PDF-1.4 the good old file\nstartxref\n0\n%%EOF\n"
tracebacks = 0


def env(home: Path) -> dict[str, str]:
    values = dict(os.environ)
    values.update(
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
    )
    return values


def cli(home: Path, *argv: str, timeout: float = 300) -> tuple[int, str, str]:
    global tracebacks
    done = subprocess.run(
        [sys.executable, "-m", "fedclient", *argv],
        capture_output=True,
        text=True,
        env=env(home),
        cwd=ROOT,
        timeout=timeout,
    )
    tracebacks += (done.stdout + done.stderr).count("Traceback")
    return done.returncode, done.stdout, done.stderr


def start(home: Path, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "fedclient", *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(home),
        cwd=ROOT,
    )


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    global tracebacks
    out, err = proc.communicate(timeout=300)
    out, err = out or "", err or ""
    tracebacks += (out + err).count("Traceback")
    return proc.returncode, out, err


def names(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:  # closed: the tmpfs must unmount afterwards
        return sorted(r[0] for r in conn.execute("SELECT name FROM members"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def opens(path: Path) -> str | None:
    """What the next start after an unclean end does; None when all is well, else what went wrong."""
    try:
        open_database(path, check=True).dispose()
        with closing(sqlite3.connect(path)) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                return "integrity_check failed"
        if read_revision(path) != head_revision():
            return "not at head"
    except Exception as exc:  # noqa: BLE001 - a figure, not a crash of the script
        return f"{type(exc).__name__}: {exc}"
    return None


def duration(home: Path, make: callable, argv: callable) -> float:
    path = make(home / "timing")
    began = time.perf_counter()
    code, _out, err = cli(home, *argv(path))
    assert code == 0, err
    return time.perf_counter() - began


def kill_trials(home: Path, label: str, trials: int, make, argv, expected) -> dict:
    """``make(folder)`` prepares a data file, ``argv(path)`` the command, ``expected(path, before)`` checks
    the data after the kill (wholly old or wholly new)."""
    length = duration(home, make, argv)
    killed = unopenable = wrong = 0
    problems: list[str] = []
    for n in range(trials):
        folder = home / f"{label}-{n}"
        path = make(folder)
        before = names(path) if path.exists() and path.stat().st_size else []
        proc = start(home, *argv(path))
        time.sleep(random.uniform(0, length * 1.1))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        finish(proc)
        problem = opens(path)
        if problem:
            unopenable += 1
            problems.append(problem)
        elif not expected(path, before):
            wrong += 1
            problems.append(f"trial {n}: neither the old nor the new data")
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"  {label:<24} {trials} runs ({length:.1f} s each), {killed} killed before the end: "
        f"{unopenable} unopenable, {wrong} with partial data"
    )
    for problem in problems[:3]:
        print(f"    {problem}")
    return {"killed": killed, "unopenable": unopenable, "wrong": wrong}


def kills(home: Path, trials: int, demo_file: Path, demo_names: list[str]) -> int:
    print(f"1. kill -9 at a random moment, then the next start opens the file ({trials} per kind)")
    bad = 0

    def fresh(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        return folder / "村.sqlite"

    result = kill_trials(
        home,
        "demo",
        trials,
        fresh,
        lambda p: ["demo", "--db", str(p)],
        lambda p, _b: names(p) in ([], demo_names),
    )
    bad += result["unopenable"] + result["wrong"]
    for saved in sorted(DATA.glob("schema_*.sqlite")):
        if read_revision(saved) == head_revision():
            continue

        def copy(folder: Path, saved: Path = saved) -> Path:
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy(saved, folder / "村.sqlite")
            return folder / "村.sqlite"

        result = kill_trials(
            home,
            f"upgrade from {saved.stem[-4:]}",
            trials,
            copy,
            lambda p: ["backup", "--db", str(p), "--out", str(p.parent / "out.sqlite")],
            lambda p, b: names(p) == b,
        )
        bad += result["unopenable"] + result["wrong"]

    def current(folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "村.sqlite"
        open_database(path).dispose()  # an empty village: the backup (the demo) replaces it
        return path

    result = kill_trials(
        home,
        "restore",
        trials,
        current,
        lambda p: ["restore", "--db", str(p), "--from", str(demo_file)],
        lambda p, b: names(p) in (b, demo_names),
    )
    return bad + result["unopenable"] + result["wrong"]


def mount(folder: Path, size: str = "2m") -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
    )
    return done.returncode == 0


def fill_leaving(folder: Path, free: int) -> None:
    stats = os.statvfs(folder)
    left = stats.f_bavail * stats.f_frsize - free
    with open(folder / "填满.bin", "wb") as f:
        try:
            f.write(b"\0" * max(left, 0))
        except OSError:
            pass
    if free == 0:
        with open(folder / "填满2.bin", "wb", buffering=0) as f:
            try:
                while True:
                    f.write(b"\0" * 512)
            except OSError:
                pass


def check_csv(path: Path) -> None:
    text = path.read_text(encoding="utf-8-sig")
    if not text.endswith("\n") or len(text.splitlines()) < 2:
        raise ValueError("incomplete CSV")


CHECKS = {".pdf": check_pdf, ".xlsx": check_xlsx, ".sqlite": check_sqlite, ".csv": check_csv}


def tmpfs_outputs(home: Path, demo_file: Path, workbook: Path, case: str) -> tuple[int, int]:
    print("2. every command that writes a file, its output on a 2 MB tmpfs filled to several levels")
    disk = home / "disk"
    if not mount(disk):
        print("  skipped: this machine does not let the script mount a tmpfs (root needed)")
        return 0, 0
    roster = DATA / "roster_sample.xlsx"
    commands = {
        "print-board": (".pdf", ["print-board", "--db", str(demo_file), "--year", "2026", "--pdf"]),
        "print-grids": (".pdf", ["print-grids", "--db", str(demo_file), "--pdf"]),
        "case-pdf": (
            ".pdf",
            ["case-pdf", "--db", str(demo_file), "--case", case, "--kind", "agreement", "--pdf"],
        ),
        "export-month": (".xlsx", ["export-month", "--db", str(demo_file), "--month", "2026-10", "--out"]),
        "consolidate": (".xlsx", ["consolidate", "--month", "2026-10", str(workbook), "--out"]),
        "backup": (".sqlite", ["backup", "--db", str(demo_file), "--out"]),
        "fill-form": (
            ".xlsx",
            ["fill-form", "--db", str(demo_file), "--month", "2026-10", "--form", str(workbook), "--out"],
        ),
        "history": (".csv", ["history", "--db", str(demo_file), "--out"]),
        "import-roster --refused-out": (
            ".xlsx",
            ["import-roster", str(roster), "--db", str(demo_file), "--dry-run", "--refused-out"],
        ),
    }
    runs = false_saves = 0
    try:
        for label, (suffix, argv) in commands.items():
            outcomes = []
            for free in (0, 4096, 65536, 262144, 1048576):
                for old in (False, True):
                    for extra in disk.iterdir():
                        extra.unlink()
                    target = disk / f"输出{suffix}"
                    if old:
                        target.write_bytes(OLD)
                    fill_leaving(disk, free)
                    code, out, err = cli(home, *argv, str(target))
                    runs += 1
                    leftovers = [p.name for p in disk.iterdir() if is_own_leftover(p)]
                    if code == 0:
                        try:
                            CHECKS[suffix](target)
                            outcomes.append("saved")
                        except Exception:  # noqa: BLE001
                            false_saves += 1
                            outcomes.append("FALSELY SAVED")
                    else:
                        fine = "磁盘空间不足" in err and not leftovers
                        fine = fine and (target.read_bytes() == OLD if old else not target.exists())
                        if not fine:
                            false_saves += 1
                        outcomes.append(
                            "refused (磁盘空间不足)" if fine else f"BAD FAILURE: {err.strip()[:80]}"
                        )
            print(
                f"  {label:<28} {len(outcomes)} runs: "
                + ", ".join(f"{outcomes.count(o)}× {o}" for o in set(outcomes))
            )
        for label, argv in (
            ("import-roster (data on tmpfs)", ["import-roster", str(roster)]),
            ("demo (data on tmpfs)", ["demo"]),
        ):
            for extra in disk.iterdir():
                extra.unlink()
            path = disk / "村.sqlite"
            open_database(path).dispose()
            before = names(path)
            fill_leaving(disk, 16384)
            code, _out, err = cli(home, *argv, "--db", str(path))
            runs += 1
            (disk / "填满.bin").unlink()
            ok = code != 0 and "磁盘空间不足" in err and opens(path) is None and names(path) == before
            ok = ok or (code == 0 and opens(path) is None)
            false_saves += not ok
            print(
                f"  {label:<28} exit {code}: {'ok' if ok else 'BAD'} ({err.strip().splitlines()[-1][:60] if err else ''})"
            )
    finally:
        if subprocess.run(["umount", str(disk)], capture_output=True).returncode != 0:
            print(f"  (could not unmount {disk}: run umount yourself)")
    return runs, false_saves


def concurrent_imports(home: Path, repeats: int = 10) -> int:
    print(f"3. two imports of a 400-person roster without ID numbers started together ({repeats} times)")
    roster = home / "花名册.csv"
    given = "秀兰英华玉芳丽敏静霞"
    people = [s + a + b for s in "王李张刘" for a in given for b in given][:400]
    lines = [f"{name},19{60 + i % 40}年3月2日,1380013{i:04d}" for i, name in enumerate(people)]
    roster.write_text("姓名,出生年月,手机号码\n" + "\n".join(lines) + "\n", encoding="utf-8")
    doubled = 0
    outcomes = []
    for n in range(repeats):
        path = home / f"imports-{n}" / "村.sqlite"
        path.parent.mkdir(parents=True)
        open_database(path).dispose()
        procs = [start(home, "import-roster", str(roster), "--db", str(path)) for _ in range(2)]
        codes = [finish(proc)[0] for proc in procs]
        outcomes.append("+".join(map(str, sorted(codes))))
        stored = names(path)
        doubled += len(stored) - len(set(stored))
    print(f"  exit codes {', '.join(sorted(set(outcomes)))}; people stored twice: {doubled}")
    return doubled


def window_holds(home: Path, demo_file: Path, workbook: Path) -> int:
    print("4. the window open on a data file, commands beside it")
    folder = home / "window"
    folder.mkdir()
    path = folder / "村.sqlite"
    shutil.copy(demo_file, path)
    window = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(path)],
        env=env(home),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    probe = DataLock(path)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and probe.try_acquire():
        probe.release()
        time.sleep(0.2)
    wrong = 0
    try:
        before = digest(path)
        for argv in (
            ["demo", "--db", str(path)],
            ["restore", "--db", str(path), "--from", str(demo_file)],
            ["import-roster", str(DATA / "roster_sample.xlsx"), "--db", str(path)],
        ):
            began = time.perf_counter()
            code, _out, err = cli(home, *argv)
            waited = time.perf_counter() - began
            ok = code == 2 and "请先关闭村妇联工作台窗口" in err and digest(path) == before
            wrong += not ok
            print(
                f"  {argv[0]:<14} exit {code} after {waited:.1f} s, data untouched: {digest(path) == before}"
            )
        code, _out, err = cli(
            home, "export-month", "--db", str(path), "--month", "2026-10", "--out", str(folder / "月报.xlsx")
        )
        print(f"  export-month   exit {code} beside the window (reading commands take no lock)")
        wrong += code != 0
    finally:
        window.terminate()
        finish(window)
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--parts", default="1234", help="which parts to run, e.g. 2 for the tmpfs part alone")
    args = parser.parse_args()
    home = args.keep or Path(tempfile.mkdtemp(prefix="faults-outside-"))
    home.mkdir(parents=True, exist_ok=True)
    random.seed(13)
    began = time.perf_counter()
    demo_file = home / "demo.sqlite"
    code, _out, err = cli(home, "demo", "--db", str(demo_file))
    assert code == 0, err
    demo_file_copy = home / "demo-backup.sqlite"
    cli(home, "backup", "--db", str(demo_file), "--out", str(demo_file_copy))
    demo_names = names(demo_file)
    workbook = home / "杉板村.xlsx"
    cli(home, "export-month", "--db", str(demo_file), "--month", "2026-10", "--out", str(workbook))
    with closing(sqlite3.connect(demo_file)) as conn:
        case = conn.execute("SELECT number FROM mediation_cases ORDER BY number LIMIT 1").fetchone()[0]
    try:
        bad_kills = kills(home, args.trials, demo_file_copy, demo_names) if "1" in args.parts else 0
        runs, false_saves = tmpfs_outputs(home, demo_file, workbook, case) if "2" in args.parts else (0, 0)
        doubled = concurrent_imports(home) if "3" in args.parts else 0
        window_wrong = window_holds(home, demo_file, workbook) if "4" in args.parts else 0
    finally:
        if args.keep is None:
            shutil.rmtree(home, ignore_errors=True)
    print()
    print(f"unopenable or partial databases after kill -9: {bad_kills}   (must be 0)")
    print(f"outputs on a full tmpfs wrongly reported or left: {false_saves} of {runs} runs   (must be 0)")
    print(f"people stored twice by concurrent imports: {doubled}   (must be 0)")
    print(f"commands not refused while the window held the file: {window_wrong}   (must be 0)")
    print(f"tracebacks in the output of every process: {tracebacks}   (must be 0)")
    print(f"total {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
