"""What a 开机密码 adds to start-up: opening the demo village with the password against opening it without.

    .venv/bin/python benchmarks/password_startup.py [--runs 7]

Each start is its own process and times, from before the first import, what the window does before it is
built: (unlock: sqlcipher3 imported, scrypt of the password, the key checked on the file), open_database (schema
version check, Alembic at head), and a first query (the members counted). The floor: at most 0.3 s more with
the password (issue 15).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "桂花树下2026"
CHILD = r"""
import time
t0 = time.perf_counter()
import sys
from pathlib import Path
path, password = Path(sys.argv[1]), sys.argv[2]
if password:
    from fedclient.core.encryption.unlock import unlock
    unlock(path, password)
t1 = time.perf_counter()
from sqlalchemy import func, select
from fedclient.core.migrate import open_database
from fedclient.core.models import Member
db = open_database(path)
n = db.run(lambda s: s.scalar(select(func.count()).select_from(Member)))
db.dispose()
t2 = time.perf_counter()
print(f"{t1 - t0:.4f} {t2 - t0:.4f} {n}")
"""


def start(path: Path, password: str, env: dict) -> tuple[float, float]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), password],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fedclient-pwstart-") as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), XDG_DATA_HOME=str(Path(tmp) / "xdg"))
        plain, locked = Path(tmp) / "plain.sqlite", Path(tmp) / "locked.sqlite"
        subprocess.run(
            [sys.executable, "-m", "fedclient", "demo", "--db", str(plain)],
            env=env,
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        shutil.copyfile(plain, locked)
        subprocess.run(
            [sys.executable, "-m", "fedclient", "password", "--set", "--db", str(locked)],
            check=True,
            capture_output=True,
            cwd=ROOT,
            env=dict(env, FEDCLIENT_NEW_PASSWORD=PASSWORD),
        )
        start(plain, "", env), start(locked, PASSWORD, env)  # warm the disk cache and the bytecode
        without, with_pw, unlocks = [], [], []
        for _ in range(args.runs):
            without.append(start(plain, "", env)[1])
            unlock, total = start(locked, PASSWORD, env)
            unlocks.append(unlock)
            with_pw.append(total)
    a, b = statistics.median(without), statistics.median(with_pw)
    print(f"without password: {a:.3f} s   with password: {b:.3f} s   (medians of {args.runs} starts)")
    print(f"of which unlocking (sqlcipher3 import, scrypt, key check): {statistics.median(unlocks):.3f} s")
    print(f"cost of the password: {b - a:+.3f} s   (floor: at most +0.300 s)")


if __name__ == "__main__":
    main()
