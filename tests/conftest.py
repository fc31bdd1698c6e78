"""Every test runs headless on temporary files: no screen, no real user folders."""

from __future__ import annotations

import os
import tempfile

# Before anything imports Qt or platformdirs: offscreen Qt, and per-user folders inside a temporary directory.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = tempfile.mkdtemp(prefix="fedclient-test-home-")
for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "XDG_DOCUMENTS_DIR"):
    os.environ[var] = os.path.join(_HOME, var.lower())

from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from fedclient.core.database import Database  # noqa: E402
from fedclient.core.demo import create_demo  # noqa: E402
from fedclient.core.migrate import open_database  # noqa: E402

DEMO_TODAY = date(2026, 11, 25)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "fedclient.sqlite"


@pytest.fixture
def db(db_path: Path):
    database = open_database(db_path)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    db.run(create_demo, today=DEMO_TODAY)
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
def main_window(qtbot, qapp, demo_db: Database):
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    return window
