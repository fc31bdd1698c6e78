"""Commands that cannot do what was asked end with one of the README's exit statuses (2: not done, the message
says why) and one Chinese sentence, never a traceback or 意外错误: run as processes, as the chair runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fedclient.core.encryption.keys import is_encrypted
from tests.read_only import read_only

ROOT = Path(__file__).resolve().parent.parent
README_STATUSES = {0, 2, 3, 130}  # README, "Command line": done, not done, damaged, interrupted


def run_command(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("FEDCLIENT_")}
    environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), environ.get("PYTHONPATH")]))
    environ["XDG_STATE_HOME"] = str(tmp_path / "state")  # the child's log file
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "fedclient", *args], capture_output=True, text=True, env=environ, timeout=120
    )


def test_consolidate_with_every_village_workbook_missing_is_not_done_and_writes_nothing(tmp_path):
    out = tmp_path / "汇总.xlsx"
    result = run_command(
        tmp_path, "consolidate", "--month", "2026-10", "--out", str(out),
        str(tmp_path / "一村.xlsx"), str(tmp_path / "二村.xlsx"),
    )  # fmt: skip
    assert result.returncode == 2 and result.returncode in README_STATUSES, result
    assert "未计入 一村.xlsx：文件不存在" in result.stderr and "未计入 二村.xlsx：文件不存在" in result.stderr
    assert "错误：没有可汇总的月报" in result.stderr and "没有生成汇总表" in result.stderr
    assert "已汇总" not in result.stdout and "Traceback" not in result.stderr + result.stdout
    assert not out.exists() and list(tmp_path.glob("*.fedclient-part")) == []


def test_consolidate_with_every_workbook_missing_leaves_the_old_merge_as_it_was(tmp_path):
    out = tmp_path / "汇总.xlsx"
    out.write_bytes(b"last month's merge")
    result = run_command(
        tmp_path, "consolidate", "--month", "2026-10", "--out", str(out), str(tmp_path / "x.xlsx")
    )
    assert result.returncode == 2 and "原有的文件没有改动" in result.stderr, result
    assert out.read_bytes() == b"last month's merge"


def test_password_on_a_data_file_that_cannot_be_written_says_so_in_chinese(demo_db, tmp_path):
    demo_db.dispose()
    with read_only(demo_db.path):
        result = run_command(tmp_path, "password", "--db", str(demo_db.path), "--set",
                             FEDCLIENT_NEW_PASSWORD="kaiji-2026")  # fmt: skip
    assert result.returncode == 2, result
    assert (
        "错误：没有权限写入数据文件（数据文件是只读的）" in result.stderr
        and "开机密码和数据文件都没有改动" in result.stderr
    )
    assert "意外错误" not in result.stderr and "Traceback" not in result.stderr + result.stdout
    assert "恢复码" not in result.stdout  # no code is handed out for a password that was not set
    assert not is_encrypted(demo_db.path)


def test_password_in_a_read_only_folder_says_so_in_chinese(demo_db, tmp_path):
    demo_db.dispose()
    folder = demo_db.path.parent
    with read_only(folder):
        result = run_command(tmp_path, "password", "--db", str(demo_db.path), "--set",
                             FEDCLIENT_NEW_PASSWORD="kaiji-2026")  # fmt: skip
    assert result.returncode == 2, result
    assert "没有权限写入数据文件" in result.stderr and "意外错误" not in result.stderr, result.stderr
    assert not is_encrypted(demo_db.path)
