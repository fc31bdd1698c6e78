"""What keeping the history of changes costs a big roster import (issue 15).

.venv/bin/python benchmarks/history_import.py [--rows 50000]

Writes the roster workbook of ``roster_import.py``, then, each in a fresh process, plans and applies the import
into a fresh data file twice: with the history (every new member written to ``change_log`` in the same
transaction, by ``history.bulk``) and without it. Prints both apply times and the difference per row.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def child(xlsx: Path, db_path: Path, history: bool) -> dict:
    from sqlalchemy import event, text
    from sqlalchemy.orm import Session

    from fedclient.core.history import bulk, recorder
    from fedclient.core.history.source import imported_from
    from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
    from fedclient.core.migrate import open_database

    if not history:
        for name, fn in (
            ("before_flush", recorder._before_flush),
            ("after_flush", recorder._after_flush),
            ("do_orm_execute", recorder._statement),
            ("before_commit", recorder._before_commit),
        ):
            event.remove(Session, name, fn)
        bulk.record_bulk = False
    db = open_database(db_path)
    preview = db.run(plan_roster_import, load_roster(xlsx))
    started = time.perf_counter()
    db.run(imported_from(apply_roster_import, xlsx), preview)
    seconds = time.perf_counter() - started
    with db.session() as session:
        logged = session.execute(text("SELECT count(*) FROM change_log")).scalar()
    db.dispose()
    return {"seconds": seconds, "logged": logged}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        xlsx, db_path, history = args.child
        print(json.dumps(child(Path(xlsx), Path(db_path), history == "on")))
        return
    from roster_import import write_roster

    with tempfile.TemporaryDirectory() as folder:
        xlsx = Path(folder) / "roster.xlsx"
        write_roster(xlsx, args.rows)
        results = {}
        for mode in ("off", "on"):
            out = subprocess.run(
                [sys.executable, __file__, "--child", str(xlsx), str(Path(folder) / f"{mode}.sqlite"), mode],
                capture_output=True,
                text=True,
                check=True,
            )
            results[mode] = json.loads(out.stdout.strip().splitlines()[-1])
    off, on = results["off"]["seconds"], results["on"]["seconds"]
    print(f"apply {args.rows} rows without history: {off:.1f} s")
    print(f"apply {args.rows} rows with history:    {on:.1f} s ({results['on']['logged']} history rows)")
    print(f"history costs {on - off:.1f} s, {(on - off) / args.rows * 1e6:.0f} µs per row")


if __name__ == "__main__":
    main()
