"""Faults on writing files, seen the way the chair sees them: the command run as its own process (so that
what Python prints by itself at clean-up reaches the console as it would), the window's own dialogs.

Each case: one Chinese sentence saying what happened and what to do, nothing said to be saved that is not,
the file that was there before untouched, no temporary file left beside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_in_process import run_cli
from tests.full_disk import fill, mount_tmpfs, unmount

ROOT = Path(__file__).resolve().parent.parent
OLD = b"%PDF-1.4 the good old file\nstartxref\n0\n%%EOF\n"


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["XDG_STATE_HOME"] = str(tmp_path / "state")  # the log file of the child
    return env


def run_child(code: str, tmp_path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=child_env(tmp_path), timeout=120
    )


def logged(tmp_path: Path) -> str:
    logs = list((tmp_path / "state").rglob("fedclient.log"))
    return logs[0].read_text(encoding="utf-8") if logs else ""


def test_an_error_while_cleaning_up_after_a_command_goes_to_the_log_not_the_console(tmp_path):
    # What a full disk does to an Excel writer: the zip it left open fails again when Python collects it.
    code = f"""
import errno, sys
import fedclient.cli.history as command

class ZipLeftOpen:
    def __del__(self):
        raise OSError(errno.ENOSPC, "No space left on device")

def run(args):
    ZipLeftOpen()
    print("错误：未能保存 x.csv：磁盘空间不足。", file=sys.stderr)
    return 2

command.run = run
from fedclient.cli import main
sys.exit(main(["history", "--db", {str(tmp_path / "db.sqlite")!r}, "--out", "x.csv"]))
"""
    done = run_child(code, tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == "错误：未能保存 x.csv：磁盘空间不足。", done.stderr
    assert "Traceback" in logged(tmp_path) and "No space left on device" in logged(tmp_path)


def test_a_warning_logged_by_a_command_is_not_printed_on_the_console(tmp_path):
    code = f"""
import logging, sys
import fedclient.cli.history as command

def run(args):
    try:
        raise ValueError("inside")
    except ValueError:
        logging.getLogger("fedclient").warning("汇总时无法读取 x.xlsx", exc_info=True)
    print("已导出 0 条修改记录：x.csv")
    return 0

command.run = run
from fedclient.cli import main
sys.exit(main(["history", "--db", {str(tmp_path / "db.sqlite")!r}, "--out", "x.csv"]))
"""
    done = run_child(code, tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert "ValueError: inside" in logged(tmp_path)


@pytest.mark.parametrize("command", ["export-month", "consolidate"])
def test_a_workbook_on_a_really_full_disk_is_one_sentence_on_the_console(command, demo_db, tmp_path):
    from fedclient.core.monthly_report.export import export_month

    disk = tmp_path / "U盘"
    if not mount_tmpfs(disk):
        pytest.skip("this machine does not let the tests mount a tmpfs")
    try:
        source = export_month(demo_db, 2026, 10, tmp_path / "杉板村.xlsx").path
        target = disk / "月报.xlsx"
        target.write_bytes(OLD)
        fill(disk)
        argv = {
            "export-month": ["--db", str(demo_db.path), "--month", "2026-10", "--out", str(target)],
            "consolidate": ["--month", "2026-10", "--out", str(target), str(source)],
        }[command]
        done = subprocess.run(
            [sys.executable, "-m", "fedclient", command, *argv],
            capture_output=True,
            text=True,
            env=child_env(tmp_path),
            timeout=120,
        )
        assert done.returncode == 2 and "已" not in done.stdout
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "磁盘空间不足" in lines[0], done.stderr
        assert target.read_bytes() == OLD
        assert sorted(p.name for p in disk.iterdir()) == sorted([target.name, "填满.bin"])
    finally:
        unmount(disk)


def open_handles_under(folder: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(folder)):
            found.append(target)
    return found


def test_a_workbook_that_fills_the_disk_leaves_no_handle_open_on_its_temporary_file(demo_db, tmp_path):
    # Windows deletes the temporary file only once no handle is open on it: a handle left open by the
    # Excel writer would leave a half-written .fedclient-part file beside the chair's workbook.
    from fedclient.core.monthly_report.export import export_month
    from fedclient.core.safe_write import SaveFailed

    disk = tmp_path / "U盘"
    if not Path("/proc/self/fd").is_dir() or not mount_tmpfs(disk):
        pytest.skip("this machine does not let the tests mount a tmpfs")
    try:
        fill(disk)
        with pytest.raises(SaveFailed, match="磁盘空间不足"):
            export_month(demo_db, 2026, 10, disk / "月报.xlsx")
        assert open_handles_under(disk) == []
        assert sorted(p.name for p in disk.iterdir()) == ["填满.bin"]
    finally:
        unmount(disk)


FORM_DIR = Path(__file__).parent


def every_command(
    db: Path, target_stem: Path, workbook: Path, form: Path
) -> dict[str, tuple[list[str], Path]]:
    """Each command that writes a file the chair names, with the file it writes."""
    pdf, xlsx = target_stem.with_suffix(".pdf"), target_stem.with_suffix(".xlsx")
    roster = FORM_DIR / "data" / "roster_sample.xlsx"
    return {
        "print-board": (["print-board", "--db", str(db), "--year", "2026", "--pdf", str(pdf)], pdf),
        "print-grids": (["print-grids", "--db", str(db), "--pdf", str(pdf)], pdf),
        "print-review": (["print-review", "--db", str(db), "--year", "2026", "--pdf", str(pdf)], pdf),
        "case-pdf": (
            ["case-pdf", "--db", str(db), "--case", "2025-001", "--kind", "registration", "--pdf", str(pdf)],
            pdf,
        ),
        "export-month": (["export-month", "--db", str(db), "--month", "2026-10", "--out", str(xlsx)], xlsx),
        "fill-form": (
            ["fill-form", "--db", str(db), "--month", "2026-10", "--form", str(form), "--out", str(xlsx)],
            xlsx,
        ),
        "consolidate": (["consolidate", "--month", "2026-10", "--out", str(xlsx), str(workbook)], xlsx),
        "history": (["history", "--db", str(db), "--out", str(target_stem.with_suffix(".csv"))], None),
        "backup": (["backup", "--db", str(db), "--out", str(target_stem.with_suffix(".sqlite"))], None),
        "import-roster": (
            ["import-roster", str(roster), "--db", str(db), "--dry-run", "--refused-out", str(xlsx)],
            xlsx,
        ),
    }


COMMANDS = list(every_command(Path("d"), Path("t"), Path("w"), Path("f")))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, demo_template):
    from fedclient.core.migrate import open_database
    from fedclient.core.monthly_report.export import export_month
    from tests.conftest import copy_sqlite
    from tests.forms_factory import indicator_form

    folder = tmp_path_factory.mktemp("inputs")
    copy_sqlite(
        demo_template, folder / "demo.sqlite"
    )  # exporting notes the month as sent: not in the template
    db = open_database(folder / "demo.sqlite")
    try:
        workbook = export_month(db, 2026, 10, folder / "杉板村.xlsx").path
    finally:
        db.dispose()
    return workbook, indicator_form(folder / "乡镇表格.xlsx")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_on_a_stick_that_was_pulled_out_is_named_and_nothing_is_said_saved(
    command, qapp, demo_db, inputs, tmp_path, monkeypatch, capsys
):
    stick = tmp_path / "U盘"
    real_mkdir = Path.mkdir

    def gone(self, *args, **kwargs):  # the drive is gone: not even its root can be made
        if str(self).startswith(str(stick)):
            raise FileNotFoundError(2, "The system cannot find the path specified", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", gone)
    argv, _ = every_command(demo_db.path, stick / "月报" / "输出", *inputs)[command]
    code, out, err = run_cli(argv, capsys)
    assert code == 2
    message = err.strip().splitlines()[-1]
    assert "文件夹不存在" in message and "U盘是否插好" in message, err
    assert "意外错误" not in err and "Errno" not in err and "system cannot" not in err
    assert not any(word in out for word in ("已保存", "已导出", "已备份", "已汇总", "填写完成")), out


@pytest.mark.parametrize("command", ["print-board", "case-pdf", "export-month", "fill-form", "import-roster"])
def test_a_folder_named_on_the_command_line_is_made_for_every_kind_of_file(
    command, qapp, demo_db, inputs, tmp_path, capsys
):
    argv, written = every_command(demo_db.path, tmp_path / "新文件夹" / "输出", *inputs)[command]
    code, _out, err = run_cli(argv, capsys)
    assert code in (0, None), err
    assert written.is_file() and written.stat().st_size > 0


def readonly_error() -> Exception:
    """SQLite's own error for a data file it may only read (read-only attribute, read-only folder)."""
    import sqlite3

    con = sqlite3.connect(f"file:{ROOT / 'tests' / 'data' / 'schema_0001.sqlite'}?mode=ro", uri=True)
    try:
        con.execute("CREATE TABLE t(x)")
    except sqlite3.OperationalError as exc:
        return exc
    finally:
        con.close()
    raise AssertionError("a read-only connection wrote")


def test_a_read_only_data_file_is_named_as_such():
    from fedclient.core.failures import explain

    assert "没有权限写入数据文件" in explain(readonly_error())


@pytest.mark.parametrize("command", ["export-month", "backup"])
def test_a_file_saved_whole_is_reported_saved_even_when_the_data_file_cannot_note_it(
    command, demo_db, tmp_path, monkeypatch, capsys
):
    from fedclient.core.database import Database
    from fedclient.core.safe_write import check_sqlite, check_xlsx

    def cannot_write(*_args):
        raise readonly_error()

    monkeypatch.setattr(Database, "set_metas", cannot_write)
    target = tmp_path / "U盘" / ("月报.xlsx" if command == "export-month" else "备份.sqlite")
    argv = {
        "export-month": [
            "export-month",
            "--db",
            str(demo_db.path),
            "--month",
            "2026-10",
            "--out",
            str(target),
        ],
        "backup": ["backup", "--db", str(demo_db.path), "--out", str(target)],
    }[command]
    code, out, err = run_cli(argv, capsys)
    assert code == 0 and str(target) in out, err
    (check_xlsx if command == "export-month" else check_sqlite)(target)  # complete, as said
    assert err.startswith("注意：") and "已完整保存" in err and "数据文件是只读的" in err, err


def test_a_data_file_that_cannot_be_written_refuses_an_import_in_chinese(demo_db, tmp_path, capsys):
    if (
        os.geteuid() != 0
        or subprocess.run(["chattr", "+i", str(demo_db.path)], capture_output=True).returncode
    ):
        pytest.skip("needs root and chattr to make the data file read-only for root")
    demo_db.dispose()
    try:
        roster = ROOT / "tests" / "data" / "roster_sample.xlsx"
        code, _out, err = run_cli(["import-roster", str(roster), "--db", str(demo_db.path)], capsys)
    finally:
        subprocess.run(["chattr", "-i", str(demo_db.path)], capture_output=True)
    assert code == 2 and "没有权限写入数据文件" in err and "意外错误" not in err, err


def test_a_read_only_data_file_still_opens_after_its_automatic_backup(demo_db, tmp_path, monkeypatch):
    # The window's start makes the day's backup, then notes it in the data file: a read-only file stopped
    # the start there with 程序出错, though the backup was complete.
    from fedclient.core.backup import auto_backup_if_due
    from fedclient.core.database import Database
    from fedclient.core.safe_write import check_sqlite

    def cannot_write(*_args):
        raise readonly_error()

    monkeypatch.setattr(Database, "set_metas", cannot_write)
    made = auto_backup_if_due(demo_db, tmp_path / "backups")
    assert made is not None
    check_sqlite(made)


def cancel_once_replaced(target: Path):
    """A progress whose 取消 arrives at the first report after the file was put in place."""
    from fedclient.core.progress import Cancelled

    def progress(_done, _total, _text=""):
        if target.read_bytes() != OLD:
            raise Cancelled()

    return progress


@pytest.mark.parametrize("writer", ["export-month", "consolidate", "township", "roster"])
def test_a_cancel_never_says_cancelled_of_a_file_already_replaced(writer, demo_db, inputs, tmp_path):
    from fedclient.core.members.roster_export import export_roster
    from fedclient.core.monthly_report.consolidate import consolidate
    from fedclient.core.monthly_report.export import export_month
    from fedclient.core.monthly_report.township import consolidate_township
    from fedclient.core.progress import Cancelled

    target = tmp_path / "out" / "月报.xlsx"
    target.parent.mkdir()
    target.write_bytes(OLD)
    progress = cancel_once_replaced(target)
    run = {
        "export-month": lambda: export_month(demo_db, 2026, 10, target, progress=progress),
        "consolidate": lambda: consolidate([inputs[0]], 2026, 10, target, progress=progress),
        "township": lambda: consolidate_township([inputs[0]], (2026, 10), target, progress=progress),
        "roster": lambda: demo_db.run(export_roster, target, progress=progress),
    }[writer]
    try:
        run()
    except Cancelled:
        assert target.read_bytes() == OLD, "told cancelled, yet the old file was replaced"
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_a_file_fault_outside_the_saves_is_told_in_chinese_in_the_window(qapp):
    from fedclient.ui.operation import user_message

    gone = FileNotFoundError(2, "No such file or directory", "/media/u/花名册.xlsx")
    held = PermissionError(13, "Permission denied", "D:/月报.xlsx")
    assert user_message(gone) == "找不到文件 花名册.xlsx（在U盘上的话，请检查U盘是否插好），请重新选择。"
    assert "月报.xlsx" in user_message(held) and "Excel" in user_message(held)
    assert "Errno" not in user_message(gone) + user_message(held)


def test_a_township_form_that_is_gone_or_held_is_not_called_damaged(tmp_path, monkeypatch):
    from fedclient.core.forms import FormError
    from fedclient.core.forms.fill import open_form

    with pytest.raises(FormError, match="找不到“乡镇表格.xlsx”.*U盘"):
        open_form(tmp_path / "U盘" / "乡镇表格.xlsx")

    def held(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("fedclient.core.forms.fill.load_workbook", held)
    with pytest.raises(FormError, match="正被其他程序"):
        open_form(tmp_path / "乡镇表格.xlsx")


def test_restore_says_in_chinese_why_a_file_is_no_backup_or_could_not_be_restored(
    demo_db, tmp_path, monkeypatch, capsys
):
    import fedclient.core.backup as backup

    not_a_backup = tmp_path / "U盘" / "备份.sqlite"
    not_a_backup.parent.mkdir()
    not_a_backup.write_bytes(b"PK\x03\x04 a workbook saved under the wrong name" * 100)
    demo_db.dispose()
    code, _out, err = run_cli(["restore", "--db", str(demo_db.path), "--from", str(not_a_backup)], capsys)
    assert code == 2 and "不是有效的备份文件" in err and "不是村妇联工作台的数据文件" in err, err
    assert "file is not a database" not in err

    good = backup.backup_to(demo_db, tmp_path / "好的备份.sqlite")
    demo_db.dispose()

    def refused(*_args):
        raise readonly_error()

    monkeypatch.setattr(backup, "_restore_into", refused)
    code, _out, err = run_cli(["restore", "--db", str(demo_db.path), "--from", str(good)], capsys)
    assert code == 2 and "恢复没有完成（没有写入权限" in err and "readonly" not in err, err


def test_a_data_folder_where_the_lock_cannot_be_made_is_named_not_unexpected(demo_db, monkeypatch, capsys):
    import fedclient.core.data_lock as data_lock

    real_open = os.open

    def refused(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(data_lock.os, "open", refused)
    roster = ROOT / "tests" / "data" / "roster_sample.xlsx"
    code, _out, err = run_cli(["import-roster", str(roster), "--db", str(demo_db.path)], capsys)
    assert code == 2 and "没有权限写入数据文件" in err and "意外错误" not in err, err
