"""Every test runs headless on temporary files: no screen, no real user folders."""

from __future__ import annotations

import os
import tempfile
import threading

# Before anything imports Qt or platformdirs: offscreen Qt, and per-user folders inside a temporary directory.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = tempfile.mkdtemp(prefix="fedclient-test-home-")
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DOCUMENTS_DIR"):
    os.environ[var] = os.path.join(_HOME, var.lower())

import sqlite3  # noqa: E402
import sys  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from contextlib import contextmanager  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from sqlalchemy import event  # noqa: E402

from fedclient.core.database import Database  # noqa: E402
from fedclient.core.demo import create_demo  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402

DEMO_TODAY = date(2026, 11, 25)


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite's backup API: a whole, consistent copy even of a WAL database."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


@contextmanager
def statements_run(engine) -> Iterator[list[tuple[str, tuple]]]:
    """The SQL statements the engine runs inside the block, each with its parameters, in order."""
    seen: list[tuple[str, tuple]] = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", remember)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "fedclient.sqlite"


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """An empty database migrated to the current schema once per session (migrating costs ~0.3 s a file)."""
    path = tmp_path_factory.mktemp("empty-template") / "empty.sqlite"
    open_database(path).dispose()
    return path


@pytest.fixture
def db(db_path: Path, empty_template: Path):
    """A temporary, empty database at the current schema: a copy of the session's migrated template."""
    copy_sqlite(empty_template, db_path)
    database = Database(db_path)
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo village, built once per test session at the current schema; tests get their own copy."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
    database = open_database(path)
    database.run(create_demo, today=DEMO_TODAY)
    database.dispose()
    return path


@pytest.fixture
def demo_db(db: Database, demo_template: Path) -> Database:
    """A temporary database holding the demo village of ``DEMO_TODAY`` (a copy of the session's template)."""
    db.dispose()  # no connection of ours may be open while the file's content is replaced
    copy_sqlite(demo_template, db.path)
    return db


@pytest.fixture
def qapp_args():
    return ["fedclient-tests"]


@pytest.fixture
def qapp(qapp_args):
    """The one QApplication of the session, set up in Chinese like the real program."""
    from fedclient.ui.app_setup import make_application

    return make_application(qapp_args)


@pytest.fixture
def threads_started():
    """The program's threads (named ``fedclient-…``) started since the test began and still running. Only these
    are the test's: an earlier test in the same worker may have left its own (a cancelled sheet reading's
    helper ends when its parse does)."""
    before = set(threading.enumerate())
    return lambda: [
        t.name for t in threading.enumerate() if t.name.startswith("fedclient-") and t not in before
    ]


@pytest.fixture
def ops(qapp, db: Database):
    """The operation runner pages and dialogs work through; shut down (waiting for its threads) at the end."""
    from fedclient.ui.operations import OperationRunner

    runner = OperationRunner(db)
    yield runner
    runner.shutdown()


@pytest.fixture
def main_window(qtbot, qapp, demo_db: Database):
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    window.all_tabs()  # as once start-up has settled: the tabs built after the first paint are there too
    return window


def first_row(model, predicate) -> int:
    """The first row of a list model whose record matches ``predicate``, or -1 (reads every row: small lists)."""
    return next((row for row in range(model.rowCount()) if predicate(model.row(row))), -1)


@pytest.fixture(autouse=True)
def _no_settings_left():
    """What the program remembers with QSettings (window geometry, 隐私模式, folders, the lock's idle minutes) is one
    file for every test in an xdist worker: each test starts with nothing remembered, whatever ran before it."""
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QSettings

        if QCoreApplication.instance() is not None:
            settings = QSettings()
            settings.clear()
            settings.sync()


@pytest.fixture(autouse=True)
def _no_damage_seen():
    """``db_faults.damage_seen`` lives for a process (the window's session); each test starts without it."""
    from fedclient.core import db_faults

    db_faults.damage_seen = False
    yield
    db_faults.damage_seen = False
