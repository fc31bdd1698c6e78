from __future__ import annotations

import sqlite3
import subprocess
import sys

from sqlalchemy import select

from fedclient.cli import main
from fedclient.core.backup import check_backup
from fedclient.core.migrate import open_database
from fedclient.core.models import Member, VillageProfile
from fedclient.core.validation import check_id_number
from tests.conftest import copy_sqlite

SUBCOMMANDS = (
    "demo",
    "backup",
    "restore",
    "password",
    "import-roster",
    "print-board",
    "case-pdf",
    "print-grids",
    "print-review",
    "export-month",
    "fill-form",
    "consolidate",
    "history",
)


def test_help_lists_every_subcommand_in_order():
    result = subprocess.run([sys.executable, "-m", "fedclient", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    listed = [line.split()[0] for line in lines if line.startswith("    ") and not line.startswith("     ")]
    assert listed == list(SUBCOMMANDS)


def test_help_loads_neither_the_database_layer_nor_qt():
    """``--help`` stays fast: each subcommand imports its services only when it runs."""
    probe = (
        "import sys\n"
        "from contextlib import redirect_stdout\n"
        "from io import StringIO\n"
        "from fedclient.cli import main\n"
        "try:\n"
        "    with redirect_stdout(StringIO()):\n"
        "        main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'PySide6', 'openpyxl') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


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


def test_backup_subcommand_writes_a_sound_copy(tmp_path, demo_template):
    path = tmp_path / "d.sqlite"
    copy_sqlite(demo_template, path)
    out = tmp_path / "copy.sqlite"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert check_backup(out)


def test_the_data_file_may_be_named_before_the_subcommand(tmp_path, demo_template, monkeypatch):
    """``python -m fedclient --db X backup`` backs up X, not the default data file (which must stay untouched)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "default"))
    path = tmp_path / "d.sqlite"
    copy_sqlite(demo_template, path)
    out = tmp_path / "copy.sqlite"
    assert main(["--db", str(path), "backup", "--out", str(out)]) == 0
    assert check_backup(out)
    copy = sqlite3.connect(out)
    assert (
        copy.execute("SELECT count(*) FROM members").fetchone()[0] > 0
    )  # the demo village's, not an empty file
    copy.close()
    assert not (tmp_path / "default").exists()


def test_subcommands_work_on_a_missing_file_before_any_profile(tmp_path):
    path = tmp_path / "empty.sqlite"
    out = tmp_path / "b.sqlite"
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert path.exists() and check_backup(out)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fedclient", *args], capture_output=True, text=True)


def test_help_and_usage_errors_are_in_chinese():
    result = run_cli("--help")
    assert "用法" in result.stdout and "显示本帮助" in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout
    missing = run_cli("restore", "--db", "x.sqlite")
    assert missing.returncode == 2
    assert "缺少必填参数" in missing.stderr and "--from" in missing.stderr
    assert "required" not in missing.stderr


def test_restore_from_a_bad_or_newer_file_says_why_and_keeps_the_data(tmp_path, demo_template):
    import sqlite3

    path = tmp_path / "d.sqlite"
    copy_sqlite(demo_template, path)
    good = tmp_path / "good.sqlite"
    main(["backup", "--db", str(path), "--out", str(good)])
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(good.read_bytes()[:5000])
    before = path.read_bytes()
    for source, reason in ((newer, "更新版本"), (corrupt, "不是有效的备份文件")):
        result = run_cli("restore", "--db", str(path), "--from", str(source))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("错误：") and reason in result.stderr
    assert path.read_bytes() == before
    assert not (tmp_path / "backups").exists()


def test_demo_can_name_another_village_for_trying_the_township_merge(tmp_path):
    path = tmp_path / "v2.sqlite"
    assert main(["demo", "--db", str(path), "--seed", "7", "--village", "望城村"]) == 0
    db = open_database(path)
    try:
        with db.session() as s:
            assert s.get(VillageProfile, 1).village == "望城村"
    finally:
        db.dispose()
