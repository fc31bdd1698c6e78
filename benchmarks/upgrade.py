"""How long opening a data file of the previous revision takes at county scale: what a start does before the
window shows (SQLite's integrity check, the pre-migration backup, the upgrade to head), each step timed.

    .venv/bin/python benchmarks/upgrade.py [--runs 3] [--keep DIR] [--db OLD.sqlite]

``--db``: a file at an older revision (copied, never changed); else the county database of
``startup.county_database`` (kept in ``--keep DIR``), taken down to the revision before head with Alembic's
downgrade, once. The floor beside the upgrade: the rows of the tables revision 0008 rebuilds, copied once into
plain tables by SQLite (no index, no constraint), in the same process, right after.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fedclient.core import migrate  # noqa: E402
from fedclient.core.backup import copy_database  # noqa: E402


def previous_revision_copy(county: Path) -> Path:
    from alembic import command

    old = county.with_name("county-previous.sqlite")
    if old.exists():
        return old
    shutil.copy(county, old)
    engine = migrate.make_engine(old, foreign_keys=False, track_changes=False)
    migrate._one_transaction(engine)
    with engine.begin() as conn:
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, migrate._chain()[migrate.head_revision()])
    engine.dispose()
    return old


def rebuilt_tables() -> tuple[str, ...]:
    from importlib import util

    spec = util.spec_from_file_location(
        "r0008", migrate.migrations_dir() / "versions" / "0008_ids_never_reused.py"
    )
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.TABLES


def floor(path: Path, tables: tuple[str, ...]) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    began = time.perf_counter()
    conn.execute("BEGIN")
    for table in tables:
        conn.execute(f'CREATE TABLE "_copy_{table}" AS SELECT * FROM "{table}"')
    conn.execute("ROLLBACK")
    conn.close()
    return time.perf_counter() - began


def one_run(old: Path, work: Path) -> dict[str, float]:
    for item in work.iterdir():
        if item.is_file():
            item.unlink()
    path = work / "村.sqlite"
    shutil.copy(old, path)
    began = time.perf_counter()
    migrate.check_integrity(path)
    checked = time.perf_counter()
    copy_database(path, work / "pre-migration.sqlite")
    backed_up = time.perf_counter()
    migrate.upgrade_to_head(path)
    done = time.perf_counter()
    return {
        "check": checked - began,
        "backup": backed_up - checked,
        "upgrade": done - backed_up,
        "total": done - began,
        "floor": floor(work / "pre-migration.sqlite", rebuilt_tables()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the county database in")
    parser.add_argument("--db", type=Path, help="a data file at an older revision (copied)")
    args = parser.parse_args()
    from startup import county_database

    old = args.db or previous_revision_copy(county_database(args.keep, "fedclient-upgrade-"))
    work = (args.keep or old.parent) / "upgrade-runs"
    work.mkdir(exist_ok=True)
    print(
        f"opening {old.name} at revision {migrate.read_revision(old)} (program at {migrate.head_revision()})"
    )
    runs = [one_run(old, work) for _ in range(args.runs)]
    figure = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"medians of {args.runs} runs:")
    print(
        f"  integrity check {figure['check']:.2f} s, backup {figure['backup']:.2f} s, upgrade {figure['upgrade']:.2f} s"
    )
    print(f"  total before the window can open: {figure['total']:.2f} s")
    print(f"  floor of the upgrade (the rebuilt tables' rows copied once, plain): {figure['floor']:.2f} s")


if __name__ == "__main__":
    main()
