"""Nothing is reported as saved unless it is complete on the disk (issue 13, defect 1).

A full disk is simulated by making the write or the flush fail with ENOSPC; where this machine lets the
tests mount a 2 MB tmpfs, the disk is really filled. In every case the chair reads the cause in Chinese,
the command exits non-zero, the file that was there before is untouched byte for byte, and no temporary
file is left in the folder.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from fedclient.core import safe_write
from fedclient.core.safe_write import SaveFailed, check_pdf, check_xlsx, is_own_leftover, saving
from tests.cli_in_process import run_cli
from tests.full_disk import fill, mount_tmpfs, unmount

OLD = b"%PDF-1.4 the good old file\nstartxref\n0\n%%EOF\n"
ROSTER = Path(__file__).parent / "data" / "roster_sample.xlsx"


def enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def old_file(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(OLD)
    return path


def assert_untouched(path: Path) -> None:
    assert path.read_bytes() == OLD, "the file that was there before must be left exactly as it was"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name], "no temporary file left behind"


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_keeps_the_old_file_and_says_so(tmp_path, monkeypatch, where):
    target = old_file(tmp_path / "out", "公示牌.pdf")
    with pytest.raises(SaveFailed, match="磁盘空间不足") as failure, saving(target, check_pdf) as tmp:
        tmp.write_bytes(OLD.replace(b"good old", b"new"))  # complete, but never reaches the disk
        if where == "write":
            enospc()
        monkeypatch.setattr(os, "fsync", enospc)
    assert "公示牌.pdf" in str(failure.value) and "Errno" not in str(failure.value)
    assert_untouched(target)


def test_a_refused_rename_says_there_is_no_permission(tmp_path, monkeypatch):
    target = old_file(tmp_path / "out", "月报.xlsx")

    def denied(*_args):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(SaveFailed, match="没有写入权限"), saving(target) as tmp:
        tmp.write_bytes(b"complete")
    assert_untouched(target)


def test_truncated_or_empty_outputs_are_never_renamed_into_place(tmp_path, demo_db):
    from fedclient.core.members.roster_export import export_roster

    good = tmp_path / "good.xlsx"
    demo_db.run(export_roster, good)
    check_xlsx(good)  # a complete workbook passes
    cases = {
        "board.pdf": (check_pdf, OLD[:-8]),  # cut before %%EOF
        "roster.xlsx": (check_xlsx, good.read_bytes()[:-200]),  # the zip's directory cut off
        "empty.pdf": (check_pdf, b""),
    }
    for name, (check, content) in cases.items():
        target = old_file(tmp_path / name.replace(".", "_"), name)
        with pytest.raises(SaveFailed, match="没有完整写入|空的"), saving(target, check) as tmp:
            tmp.write_bytes(content)
        assert_untouched(target)


def test_only_the_programs_own_temporary_names_count_as_leftovers(tmp_path):
    target = tmp_path / "月报.xlsx"
    made = safe_write.temp_path_for(target)
    assert is_own_leftover(made) and is_own_leftover(Path(str(made) + "-journal"))
    for other in ("月报.xlsx", "月报.xlsx.part", "下载.part", ".月报.xlsx.tmp", "a.fedclient-part.pdf"):
        assert not is_own_leftover(tmp_path / other), other


@pytest.fixture
def month_workbook(demo_db, tmp_path):
    from fedclient.core.monthly_report.export import export_month

    return export_month(demo_db, 2026, 10, tmp_path / "inputs" / "杉板村.xlsx").path


def commands(kind: str, db: Path, target: Path, month_workbook: Path) -> list[str]:
    return {
        "print-grids": ["print-grids", "--db", str(db), "--pdf", str(target)],
        "print-board": ["print-board", "--db", str(db), "--year", "2026", "--pdf", str(target)],
        "export-month": ["export-month", "--db", str(db), "--month", "2026-10", "--out", str(target)],
        "consolidate": ["consolidate", "--month", "2026-10", "--out", str(target), str(month_workbook)],
        "backup": ["backup", "--db", str(db), "--out", str(target)],
        "import-roster": [
            "import-roster",
            str(ROSTER),
            "--db",
            str(db),
            "--dry-run",
            "--refused-out",
            str(target),
        ],
    }[kind]


@pytest.mark.parametrize(
    "kind", ["print-grids", "print-board", "export-month", "consolidate", "backup", "import-roster"]
)
def test_every_command_that_writes_a_file_fails_cleanly_on_a_full_disk(
    kind, qapp, demo_db, month_workbook, tmp_path, monkeypatch, capsys
):
    suffix = {"print-grids": ".pdf", "print-board": ".pdf", "backup": ".sqlite"}.get(kind, ".xlsx")
    target = old_file(tmp_path / "out", f"输出{suffix}")
    argv = commands(kind, demo_db.path, target, month_workbook)
    monkeypatch.setattr(os, "fsync", enospc)
    code, out, err = run_cli(argv, capsys)
    assert code not in (0, None), out
    assert "磁盘空间不足" in err and "Traceback" not in err and "Errno" not in err
    assert "已保存" not in out and "已导出" not in out and "已备份" not in out
    assert_untouched(target)


@pytest.mark.parametrize("kind", ["print-grids", "export-month", "backup"])
def test_on_a_real_full_tmpfs(kind, qapp, demo_db, month_workbook, tmp_path, capsys):
    disk = tmp_path / "disk"
    if not mount_tmpfs(disk):
        pytest.skip("this machine does not let the tests mount a tmpfs")
    try:
        suffix = {"print-grids": ".pdf", "backup": ".sqlite"}.get(kind, ".xlsx")
        target = disk / f"输出{suffix}"
        target.write_bytes(OLD)
        fill(disk)
        code, out, err = run_cli(commands(kind, demo_db.path, target, month_workbook), capsys)
        assert code not in (0, None), out
        assert "磁盘空间不足" in err and "Traceback" not in err
        assert target.read_bytes() == OLD
        assert sorted(p.name for p in disk.iterdir()) == sorted([target.name, "填满.bin"])
    finally:
        unmount(disk)
