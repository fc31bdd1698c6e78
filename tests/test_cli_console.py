"""The command line prints Chinese safely when Windows hands it an ANSI code page (output redirected to a file
or a pipe). PYTHONIOENCODING=cp1252 gives the same situation on any system: a code page without Chinese."""

from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONIOENCODING="cp1252", PYTHONUTF8="0")
    return subprocess.run(
        [sys.executable, "-m", "fedclient", *args], capture_output=True, env=env, timeout=120
    )


def test_help_is_printed_in_utf8_through_an_ansi_code_page():
    result = run_cli("--help")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "子命令" in result.stdout.decode("utf-8")


def test_an_error_message_reaches_stderr_in_utf8_through_an_ansi_code_page(tmp_path):
    result = run_cli("print-board", "--year", "1900", "--pdf", str(tmp_path / "board.pdf"))
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "错误：年度不正确：1900" in stderr
    assert "UnicodeEncodeError" not in stderr
