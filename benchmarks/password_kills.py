"""Kills during set-password and change-password: the data file must always open, with all its rows.

    .venv/bin/python benchmarks/password_kills.py [--kills 100]

Each run copies the demo village, starts a process that sets (half the runs) or changes (the other half) the
开机密码, kills it with SIGKILL at a random moment of the re-encryption, and then checks the file as the next
start would: it opens (plain, or with the old or the new password), SQLite's integrity_check says ok, every
table has the rows it had, and the recovery code opens it once it has been unlocked (the .key file is written
again when missing). Prints how many runs ended in each state; the floor is 0 unreadable files and 0 lost rows.
POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fedclient.core import sqlfile  # noqa: E402
from fedclient.core.encryption import keys  # noqa: E402
from fedclient.core.encryption.recovery import ensure_sidecar, read_sidecar, sidecar_of  # noqa: E402
from fedclient.core.encryption.unlock import try_password  # noqa: E402

OLD, NEW, CODE = "原来的密码123", "新的开机密码456", "ABCDEFGHJKLMNPQRSTUVWXYZ"
CHILD = r"""
import sys
from pathlib import Path
from fedclient.core.encryption.rekey import set_password
from fedclient.core.encryption.unlock import unlock
path, mode, old, new, code = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
if mode == "change":
    unlock(path, old)
print("ready", flush=True)
sys.stdin.readline()
set_password(path, new, code if mode == "set" else None)
print("done", flush=True)
"""


def counts(path: Path) -> dict[str, int]:
    conn = sqlfile.connect(path, readonly=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t != "app_meta"
        }
    finally:
        conn.close()


def run_once(source: Path, folder: Path, mode: str, delay: float | None) -> tuple[Path, float]:
    """One child on a fresh copy, killed ``delay`` seconds after it starts (None: left to finish, timed)."""
    path = folder / "fedclient.sqlite"
    shutil.copyfile(source, path)
    for extra in (".key",):
        if Path(str(source) + extra).exists():
            shutil.copyfile(str(source) + extra, str(path) + extra)
    env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(folder / "xdg"))
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), mode, OLD, NEW, CODE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout.readline().strip() == "ready", child.stderr.read()
    started = time.perf_counter()
    child.stdin.write("go\n")
    child.stdin.flush()
    if delay is None:
        assert child.stdout.readline().strip() == "done", child.stderr.read()
        took = time.perf_counter() - started
        child.wait()
        return path, took
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    return path, time.perf_counter() - started


def check(path: Path, expected: dict[str, int], mode: str) -> str:
    keys.forget_all()
    if not keys.is_encrypted(path):
        state = "plain (old)"
    elif try_password(path, NEW) is not None:
        state = "new password"
    elif mode == "change" and try_password(path, OLD) is not None:
        state = "old password"
    else:
        return "UNREADABLE"
    try:
        found = counts(path)
    except (sqlite3.Error, AssertionError):
        return "UNREADABLE"
    if found != expected:
        return "ROWS LOST"
    if keys.is_encrypted(path):
        key = keys.key_for(path)
        ensure_sidecar(path, key)
        if read_sidecar(sidecar_of(path), CODE) != key:
            return "CODE FAILS"
    return state


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=100)
    args = parser.parse_args()
    from fedclient.core.demo import create_demo
    from fedclient.core.encryption.rekey import set_password
    from fedclient.core.migrate import open_database

    random.seed(15)
    with tempfile.TemporaryDirectory(prefix="fedclient-kills-") as tmp:
        base = Path(tmp)
        plain = base / "plain.sqlite"
        db = open_database(plain)
        db.run(create_demo)
        db.dispose()
        expected = counts(plain)
        locked = base / "locked.sqlite"
        shutil.copyfile(plain, locked)
        set_password(locked, OLD, CODE)
        keys.forget_all()
        # How long one run takes when not killed: the kills land anywhere in it (and a little after).
        durations = {}
        for mode, source in (("set", plain), ("change", locked)):
            folder = base / f"time-{mode}"
            folder.mkdir()
            _path, took = run_once(source, folder, mode, None)
            durations[mode] = took
        results: dict[str, dict[str, int]] = {"set": {}, "change": {}}
        for i in range(args.kills):
            mode = "set" if i % 2 == 0 else "change"
            folder = base / f"run-{i}"
            folder.mkdir()
            delay = random.uniform(0, durations[mode])
            path, _ = run_once(plain if mode == "set" else locked, folder, mode, delay)
            state = check(path, expected, mode)
            results[mode][state] = results[mode].get(state, 0) + 1
            shutil.rmtree(folder, ignore_errors=True)
        print(
            f"one undisturbed run: set-password {durations['set']:.2f} s, change-password {durations['change']:.2f} s"
        )
        print(f"rows in the demo village: {sum(expected.values())} in {len(expected)} tables")
        bad = 0
        for mode, states in results.items():
            print(
                f"{mode}-password, {sum(states.values())} kills: "
                + ", ".join(f"{k}: {v}" for k, v in sorted(states.items()))
            )
            bad += sum(v for k, v in states.items() if k.startswith(("UNREADABLE", "ROWS", "CODE")))
        print(f"unreadable files, lost rows or a code that fails: {bad}   (floor: 0)")


if __name__ == "__main__":
    main()
