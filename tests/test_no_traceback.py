"""No command ever shows a Python traceback (issue 13, defect 3): a known failure gets its own Chinese
sentence, an unexpected one a sentence plus the log file (which gets the traceback); the exit is non-zero.
One damaged workbook does not stop the township merge of the good ones."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fedclient.core import failures
from tests.cli_in_process import run_cli

ROSTER = Path(__file__).parent / "data" / "roster_sample.xlsx"


@pytest.fixture
def log_folder(tmp_path, monkeypatch):
    folder = tmp_path / "日志"
    monkeypatch.setattr(failures, "log_dir", lambda: folder)
    before = list(logging.getLogger().handlers)
    yield folder
    for handler in logging.getLogger().handlers:
        if handler not in before:
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_an_unexpected_error_is_one_sentence_and_the_log_keeps_the_traceback(
    demo_db, log_folder, monkeypatch, capsys
):
    import fedclient.core.grids.board as board

    def broken(*_args):
        raise RuntimeError("一个没想到的错误")

    monkeypatch.setattr(board, "grid_board_html", broken)
    code, out, err = run_cli(["print-grids", "--db", str(demo_db.path), "--pdf", "x.pdf"], capsys)
    assert code == 2 and out == ""
    assert "意外错误" in err and str(log_folder / "fedclient.log") in err
    assert "Traceback" not in err and "RuntimeError" not in err and len(err.strip().splitlines()) == 1
    logged = (log_folder / "fedclient.log").read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: 一个没想到的错误" in logged


def test_a_database_held_by_another_program_is_named_as_such(demo_db, log_folder, monkeypatch, capsys):
    import fedclient.core.database as database

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(str(demo_db.path), timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")  # another program writing
    try:
        code, out, err = run_cli(["import-roster", str(ROSTER), "--db", str(demo_db.path)], capsys)
    finally:
        other.rollback()
        other.close()
    assert code not in (0, None)
    assert "数据文件正被另一个程序使用" in err and "Traceback" not in err and "locked" not in err


def damage_one_sheet(good: Path, damaged: Path) -> None:
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(damaged, "w") as dst:
        sheets = sorted(n for n in src.namelist() if n.startswith("xl/worksheets/sheet"))
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == sheets[-1]:  # a ledger cut off in the middle of its XML
                data = data[: len(data) // 2]
            dst.writestr(item, data)


def test_consolidate_lists_a_damaged_workbook_and_still_merges_the_good_one(demo_db, tmp_path, capsys):
    from fedclient.core.monthly_report.export import export_month

    good = export_month(demo_db, 2026, 10, tmp_path / "in" / "杉板村.xlsx").path
    damaged = tmp_path / "in" / "青山村.xlsx"
    damage_one_sheet(good, damaged)
    out = tmp_path / "乡镇汇总.xlsx"
    code, stdout, err = run_cli(
        ["consolidate", "--month", "2026-10", "--out", str(out), str(damaged), str(good)], capsys
    )
    assert code == 0 and "已汇总 1 个村" in stdout
    assert "青山村.xlsx" in err and "损坏" in err and "Traceback" not in err
    problems = list(load_workbook(out)["问题"].iter_rows(values_only=True))
    row = next(r for r in problems if r[0] == "青山村.xlsx")
    assert "损坏" in row[2]


def test_a_failure_while_writing_the_log_is_not_shown_either(demo_db, tmp_path, monkeypatch, capsys):
    import fedclient.core.grids.board as board

    blocked = tmp_path / "不是文件夹"
    blocked.write_text("x")
    monkeypatch.setattr(failures, "log_dir", lambda: blocked / "日志")
    monkeypatch.setattr(board, "grid_board_html", lambda *_a: shutil.rmtree("/nonexistent/fedclient"))
    code, _out, err = run_cli(["print-grids", "--db", str(demo_db.path), "--pdf", "x.pdf"], capsys)
    assert code == 2 and "意外错误" in err and "没能写入日志文件" in err and "Traceback" not in err


def test_the_window_words_the_same_known_failures_the_same_way():
    import errno

    from sqlalchemy.exc import OperationalError

    from fedclient.ui.operation import user_message

    locked = OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))
    assert user_message(locked) == failures.LOCKED
    assert "磁盘空间不足" in user_message(OSError(errno.ENOSPC, "No space left on device"))
    assert "locked" not in user_message(locked) and "Errno" not in user_message(OSError(errno.ENOSPC, "x"))
