"""The window shows without loading what it does not need yet: the pinyin dictionaries (~0.26 s, ~50 MiB),
the spreadsheet libraries, Alembic (only an upgrade needs it) and the demo's fake-data generator load when
first used, not at start; SQLAlchemy, the models and the domain services, the tabs other than 首页 and the
menus' dialogs load after the first paint (首页's figures are read by a worker, the other tabs are built when
opened or in idle time: tests/test_lazy_tabs.py)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from fedclient.cli import SUBCOMMANDS

LATER = ("pypinyin", "openpyxl", "python_calamine", "xlrd", "xlsxwriter", "faker", "alembic", "mako")
AFTER_FIRST_PAINT = (
    "sqlalchemy",
    "fedclient.core.models",
    "fedclient.core.dashboard",
    "fedclient.core.village",
    "fedclient.core.members",
    "fedclient.ui.members.tab",
    "fedclient.ui.pledges.tab",
    "fedclient.ui.mediation.tab",
    "fedclient.ui.grids.tab",
    "fedclient.ui.backup_actions",
    "fedclient.ui.profile_dialog",
    "fedclient.ui.lock.password_dialog",
    "fedclient.ui.review.self_check_dialog",
)

# Runs the real start-up (fedclient.app.main) and records the modules loaded when the event loop would start,
# i.e. once the window is built and shown.
PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication, QMainWindow

def at_exec(*_args):
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    app = QApplication.instance()
    print(json.dumps({"shown": len(shown), "looks": [app.styleSheet(), app.font().pointSizeF()],
                      "modules": sorted(m for m in %r if m in sys.modules)}))
    return 0

QApplication.exec = at_exec
from fedclient.app import main
main(["--db", sys.argv[1]])
"""


def test_the_window_shows_before_sqlalchemy_the_other_tabs_and_the_big_libraries_load(demo_db):
    demo_db.dispose()
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (LATER + AFTER_FIRST_PAINT,), str(demo_db.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["shown"] == 1 and report["looks"] == ["", 11]  # the looks without a style sheet
    assert report["modules"] == []


@pytest.mark.parametrize("command", [m.__name__.rsplit(".", 1)[-1].replace("_", "-") for m in SUBCOMMANDS])
def test_a_subcommands_help_loads_none_of_its_services(command):
    probe = (
        "import sys\n"
        "from contextlib import redirect_stdout\n"
        "from io import StringIO\n"
        "from fedclient.cli import main\n"
        "try:\n"
        "    with redirect_stdout(StringIO()):\n"
        f"        main([{command!r}, '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {(*LATER, 'sqlalchemy', 'PySide6')!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# Every tab built (as the window does in idle time), then the modules loaded.
ALL_TABS_PROBE = """
import json, sys
from PySide6.QtWidgets import QApplication, QMainWindow

def at_exec(*_args):
    window = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()][0]
    window.all_tabs()
    window.ops.wait_idle()
    print(json.dumps({"built": window.lazy.pending() == 0, "import_menu": [a.text() for a in window.import_menu.actions()],
                      "modules": sorted(m for m in %r if m in sys.modules)}))
    window.close()
    return 0

QApplication.exec = at_exec
from fedclient.app import main
main(["--db", sys.argv[1]])
"""
UNTIL_CHOSEN = (
    "fedclient.ui.import_dialog",
    "fedclient.ui.members.transfer",
    "fedclient.core.members.roster_import",
)


def test_with_every_tab_built_the_roster_import_is_still_not_loaded_until_chosen(demo_db):
    demo_db.dispose()
    result = subprocess.run(
        [sys.executable, "-c", ALL_TABS_PROBE % (LATER + UNTIL_CHOSEN,), str(demo_db.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["built"] and "导入花名册…" in report["import_menu"]
    assert report["modules"] == []
