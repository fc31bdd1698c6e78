"""首页's read loads only what it reads with (issue 18: its figures within 1 s of the window): each domain
package gives its names when first used, so the reminders do not bring in the editing services, the exports and
the ID checks. Every name the packages gave before is still there, and is what its module defines."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from datetime import date

import pytest

DOMAINS = ("members", "pledges", "mediation", "grids", "duty")

# What no reminder or chart of 首页 needs (each is loaded when a tab, a dialog or an export asks for it).
NOT_FOR_HOME = (
    "fedclient.core.members.service",
    "fedclient.core.members.query",
    "fedclient.core.pledges.service",
    "fedclient.core.mediation.service",
    "fedclient.core.mediation.ledger_export",
    "fedclient.core.mediation.query",
    "fedclient.core.grids.services",
    "fedclient.core.grids.council",
    "fedclient.core.validation",
    "stdnum",
)

PROBE = """
import json, sys
from datetime import date
from fedclient.core.database import Database
from fedclient.ui.home import loader
from fedclient.ui.main_window import read_profile

db = Database(sys.argv[1])
board = db.run(loader.load, date(2026, 6, 20))
read_profile(db)  # the window's title, read beside 首页's figures
print(json.dumps({"groups": len(board.groups), "loaded": sorted(m for m in %r if m in sys.modules)}))
db.dispose()
"""


def test_home_read_loads_no_service_export_or_id_check(db, tmp_path):
    from fedclient.core.demo import create_demo

    db.run(create_demo, today=date(2026, 6, 20))
    db.dispose()
    done = subprocess.run(
        [sys.executable, "-c", PROBE % (NOT_FOR_HOME,), str(db.path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["groups"] > 0, "the demo village has reminders on 首页"
    assert result["loaded"] == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_name_a_domain_package_gives_is_its_modules(domain):
    package = importlib.import_module(f"fedclient.core.{domain}")
    importlib.import_module(f"fedclient.core.{domain}.reminders")  # importing the module leaves the function
    assert callable(package.reminders) and package.reminders.__name__ == "reminders"
    for name in package.__all__:
        value = getattr(package, name)
        if isinstance(value, type) or callable(value):  # a class or function: the one its module defines
            assert getattr(sys.modules[value.__module__], value.__name__) is value
    with pytest.raises(AttributeError):
        package.no_such_name  # noqa: B018
    assert not hasattr(package, "no_such_name")


def test_a_name_is_importable_from_its_package():
    from fedclient.core.grids import GridData, coverage
    from fedclient.core.mediation import export_ledger, mask_name
    from fedclient.core.members import save_member

    assert GridData.__name__ == "GridData" and coverage.__module__ == "fedclient.core.grids.report"
    assert export_ledger.__module__ == "fedclient.core.mediation.ledger_export"
    assert mask_name("张秀兰") != "张秀兰" and save_member.__module__ == "fedclient.core.members.service"


TITLE_PROBE = """
import json, sys
from fedclient.core.database import Database
from fedclient.ui.main_window import read_profile

profile = read_profile(Database(sys.argv[1]))
print(json.dumps({"title": profile.title, "sqlalchemy": "sqlalchemy" in sys.modules}))
"""


def test_the_window_title_is_read_without_sqlalchemy_and_says_what_get_profile_says(db):
    """The title shows as soon as the window has painted: it does not wait for the engine 首页's read makes."""
    from fedclient.core.village import Profile, get_profile, profile_in_file, save_profile

    assert profile_in_file(db) is None and db.run(get_profile) is None  # not yet filled in
    db.run(save_profile, Profile("湖南省", "益阳市", "桃江县", "灰山港镇", "杉板村", "张秀兰", "13800138000"))
    assert profile_in_file(db) == db.run(get_profile)
    db.dispose()
    done = subprocess.run(
        [sys.executable, "-c", TITLE_PROBE, str(db.path)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {
        "title": "桃江县灰山港镇杉板村",
        "sqlalchemy": False,
    }
