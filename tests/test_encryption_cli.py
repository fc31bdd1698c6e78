"""The command line with a 开机密码: the password from FEDCLIENT_PASSWORD or --password-file (never an argument)
for every command; without it a Chinese message and exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from fedclient.cli import main
from fedclient.core.encryption import keys
from fedclient.core.encryption.recovery import sidecar_of
from tests.encryption_helpers import PASSWORD, SQLITE_MAGIC, encrypted_demo, readable_in, secrets_of

DATA = Path(__file__).parent / "data"


@pytest.fixture
def secret(demo_template, tmp_path, monkeypatch):
    path = tmp_path / "fedclient.sqlite"
    found, code = encrypted_demo(demo_template, path)
    monkeypatch.delenv("FEDCLIENT_PASSWORD", raising=False)
    yield path, found, code
    keys.forget_all()


def run_cli(*args: str, password: str | None = None, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FEDCLIENT_")}
    if password is not None:
        environ["FEDCLIENT_PASSWORD"] = password
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "fedclient", *args], capture_output=True, text=True, env=environ, timeout=300
    )


def test_without_the_password_every_command_refuses_in_chinese(secret, tmp_path, capsys):
    path, _found, _code = secret
    commands = [
        ["backup", "--out", str(tmp_path / "b.sqlite")],
        ["restore", "--from", str(tmp_path / "b.sqlite")],
        ["export-month", "--month", "2026-10", "--out", str(tmp_path / "m.xlsx")],
        ["print-board", "--year", "2026", "--pdf", str(tmp_path / "b.pdf")],
        ["print-grids", "--pdf", str(tmp_path / "g.pdf")],
        ["case-pdf", "--case", "2026-001", "--kind", "agreement", "--pdf", str(tmp_path / "c.pdf")],
        ["import-roster", str(DATA / "roster_sample.xlsx"), "--dry-run"],
        ["demo"],
        ["password", "--remove"],
    ]
    for command in commands:
        keys.forget_all()
        with pytest.raises(SystemExit) as exit_info:
            main([command[0], "--db", str(path), *command[1:]])
        assert exit_info.value.code == 2, command
        err = capsys.readouterr().err
        assert "设置了开机密码" in err and "FEDCLIENT_PASSWORD" in err, command
    assert not list(tmp_path.glob("*.pdf")) and not (tmp_path / "m.xlsx").exists()
    result = run_cli("backup", "--db", str(path), "--out", str(tmp_path / "b.sqlite"))
    assert result.returncode == 2 and "Traceback" not in result.stderr and "ERROR CORE" not in result.stderr
    assert "开机密码" in result.stderr


def test_with_the_password_commands_work_and_backups_stay_encrypted(secret, tmp_path, monkeypatch):
    path, found, _code = secret
    monkeypatch.setenv("FEDCLIENT_PASSWORD", PASSWORD)
    out = tmp_path / "usb" / "b.sqlite"
    out.parent.mkdir()
    assert main(["backup", "--db", str(path), "--out", str(out)]) == 0
    assert out.read_bytes()[:16] != SQLITE_MAGIC and readable_in(out, found) == []
    assert sidecar_of(out).is_file()
    assert (
        main(["export-month", "--db", str(path), "--month", "2026-10", "--out", str(tmp_path / "m.xlsx")])
        == 0
    )
    assert (tmp_path / "m.xlsx").read_bytes()[:2] == b"PK"  # the township's workbook stays plain Excel
    assert main(["print-board", "--db", str(path), "--year", "2026", "--pdf", str(tmp_path / "b.pdf")]) == 0
    keys.forget_all()
    assert main(["restore", "--db", str(path), "--from", str(out)]) == 0
    assert path.read_bytes()[:16] != SQLITE_MAGIC and readable_in(path, found) == []
    pw_file = tmp_path / "pw.txt"
    pw_file.write_text(PASSWORD + "\n", encoding="utf-8")
    monkeypatch.delenv("FEDCLIENT_PASSWORD")
    keys.forget_all()
    assert (
        main(
            [
                "print-grids",
                "--db",
                str(path),
                "--password-file",
                str(pw_file),
                "--pdf",
                str(tmp_path / "g.pdf"),
            ]
        )
        == 0
    )


def test_wrong_passwords_are_slowed_not_fatal(secret, tmp_path, capsys, monkeypatch):
    path, _found, _code = secret
    monkeypatch.setenv("FEDCLIENT_PASSWORD", "不对的密码")
    out = str(tmp_path / "b.sqlite")
    for _attempt in range(3):
        keys.forget_all()
        with pytest.raises(SystemExit):
            main(["backup", "--db", str(path), "--out", out])
        err = capsys.readouterr().err
        assert "开机密码不对" in err
    assert "需等待 2 秒" in err  # after the third wrong one in a row
    monkeypatch.setenv("FEDCLIENT_PASSWORD", PASSWORD)
    keys.forget_all()
    assert main(["backup", "--db", str(path), "--out", out]) == 0  # waits, then works
    assert "等待" in capsys.readouterr().err


def test_password_command_sets_changes_resets_with_the_code_and_removes(demo_template, tmp_path, capsys):
    import shutil

    path = tmp_path / "fedclient.sqlite"
    shutil.copyfile(demo_template, path)
    found = secrets_of(path)
    result = run_cli("password", "--db", str(path), "--set", FEDCLIENT_NEW_PASSWORD=PASSWORD)
    assert result.returncode == 0, result.stderr
    code = next(line.split("：")[1] for line in result.stdout.splitlines() if line.startswith("恢复码"))
    assert result.stdout.count("无法读出") == 1
    assert path.read_bytes()[:16] != SQLITE_MAGIC and readable_in(path, found) == []
    result = run_cli(
        "password", "--db", str(path), "--change", password=PASSWORD, FEDCLIENT_NEW_PASSWORD="第二个新密码"
    )
    assert result.returncode == 0, result.stderr
    assert (
        run_cli(
            "backup", "--db", str(path), "--out", str(tmp_path / "x.sqlite"), password=PASSWORD
        ).returncode
        == 2
    )
    code_file = tmp_path / "code.txt"
    code_file.write_text(code.lower().replace("-", " "), encoding="utf-8")
    result = run_cli(
        "password",
        "--db",
        str(path),
        "--reset",
        "--recovery-code-file",
        str(code_file),
        FEDCLIENT_NEW_PASSWORD="忘了又设的密码",
    )
    assert result.returncode == 0, result.stderr
    assert "恢复码：" in result.stdout  # a new one: the old code was typed in
    result = run_cli("password", "--db", str(path), "--remove", password="忘了又设的密码")
    assert result.returncode == 0, result.stderr
    assert path.read_bytes()[:16] == SQLITE_MAGIC
    assert run_cli("backup", "--db", str(path), "--out", str(tmp_path / "y.sqlite")).returncode == 0
