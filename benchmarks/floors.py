"""The floor of a list step: SQLite alone running the statements the program runs for it.

``sql_floor(db, fn, *args)`` records the SQL that ``db.run(fn, *args)`` sends, then times the same statements on
a plain sqlite3 connection (rows fetched, nothing else): what would be left if Python, SQLAlchemy and Qt cost
nothing. A figure far above its floor is time spent in the program, not in the database.
"""

from __future__ import annotations

import sqlite3
import statistics
import time

from sqlalchemy import event


def sql_floor(db, fn, *args, repeat: int = 5, idle: float = 0.0) -> float:
    """Milliseconds, the median of ``repeat`` runs. ``idle``: seconds of nothing before each run, as before the
    program's own run of a search (the typing and its pause): a machine that sat idle for a moment runs the same
    statements markedly slower than back to back (here 18 → 27-37 ms), so a search is compared with the SQL run
    in the same state."""
    seen: list[tuple[str, tuple]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many) -> None:
        seen.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        db.run(fn, *args)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    conn = sqlite3.connect(db.path)
    try:
        conn.execute(
            "SELECT count(*) FROM sqlite_master"
        ).fetchall()  # the schema read, as a pooled connection has
        times = []
        for _ in range(repeat):
            if idle:
                time.sleep(idle)
            started = time.perf_counter()
            for statement, parameters in seen:
                conn.execute(statement, parameters).fetchall()
            times.append(time.perf_counter() - started)
    finally:
        conn.close()
    return statistics.median(times) * 1000


def one_statement_floor(floor, *args, **options) -> float:
    """``floor(*args, **options)`` with the search run as one statement, as on a one-core computer: a search that
    tests every row reads its table in two halves at once on two connections (``listing.scanned_in_halves``); its
    bare query is the one statement it would be without the split."""
    from fedclient.core import listing

    cores = listing._cores
    listing._cores = lambda: 1
    try:
        return floor(*args, **options)
    finally:
        listing._cores = cores
