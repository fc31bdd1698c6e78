from __future__ import annotations

import subprocess
import sys

from sqlalchemy import select

from fedclient.cli import main
from fedclient.core.backup import check_backup
from fedclient.core.migrate import open_database
from fedclient.core.models import Member, VillageProfile
from fedclient.core.validation import check_id_number


def test_help_lists_subcommands():
    result = subprocess.run([sys.executable, "-m", "fedclient", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for name in ("demo", "backup", "restore"):
        assert name in result.stdout


def test_demo_creates_a_village_with_valid_ids_and_refuses_a_second_time(tmp_path, capsys):
    path = tmp_path / "new" / "demo.sqlite"
    assert main(["demo", "--db", str(path)]) == 0
    db = open_database(path)
    with db.session() as s:
        profile = s.get(VillageProfile, 1)
        members = list(s.scalars(select(Member)))
    assert profile.village and profile.chair_name
    assert len(members) >= 10
    ids = [m.id_number for m in members if m.id_number]
    assert ids and all(check_id_number(i).ok and not check_id_number(i).warnings for i in ids)
    db.dispose()
    try:
        main(["demo", "--db", str(path)])
        raise AssertionError("a second demo must be refused")
    except SystemExit as exc:
        assert exc.code != 0
    assert "已有数据" in capsys.readouterr().err


def test_backup_subcommand_writes_a_sound_copy(tmp_path):
    path = tmp_path / "d.sqlite"
    main(["demo", "--db", str(path)])
    out = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert check_backup(out)


def test_subcommands_work_on_a_missing_file_before_any_profile(tmp_path):
    path = tmp_path / "empty.sqlite"
    out = tmp_path / "b.sqlite"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert path.exists() and check_backup(out)
