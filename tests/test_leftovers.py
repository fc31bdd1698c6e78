"""What a killed run left behind is cleaned up on the next start, and nothing else (issue 13, defect 6)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fedclient.cli import main
from fedclient.core.paths import backup_dir_for
from fedclient.core.safe_write import is_own_leftover, saving

# Windows: whether a process still runs is not asked (os.kill would end it); leftovers go after an hour there.
pytestmark = pytest.mark.skipif(os.name != "posix", reason="the writer's process is looked up on POSIX only")

KILLED_WRITER = (
    "import sys, time\n"
    "from fedclient.core.safe_write import saving\n"
    "with saving(sys.argv[1]) as tmp:\n"
    "    tmp.write_bytes(b'x' * 100000)\n"
    "    print('writing', flush=True)\n"
    "    time.sleep(60)\n"
)


def killed_while_writing(target: Path) -> Path:
    """Run a writer in another process and kill -9 it halfway; returns the temporary file it left."""
    before = set(target.parent.iterdir())
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(target)], stdout=subprocess.PIPE)
    assert proc.stdout.readline().strip() == b"writing"
    proc.kill()
    proc.wait()
    (left,) = set(target.parent.iterdir()) - before
    assert is_own_leftover(left)
    return left


def aged(path: Path, hours: float = 2) -> Path:
    path.write_bytes(b"old")
    past = time.time() - hours * 3600
    os.utime(path, (past, past))
    return path


def test_the_next_start_removes_only_this_programs_abandoned_temporary_files(demo_db, tmp_path, capsys):
    data = demo_db.path.parent
    backups = backup_dir_for(demo_db.path)
    backups.mkdir(parents=True)
    killed = [killed_while_writing(data / "花名册.xlsx"), killed_while_writing(backups / "auto-x.sqlite")]
    journal = Path(str(killed[1]) + "-journal")
    journal.write_bytes(b"j")
    old_style = aged(backups / "auto-20261101-080000.sqlite.part")
    kept = [
        aged(data / "月报.xlsx.part"),  # the user's own (or another program's) files, however old
        aged(data / "下载.tmp"),
        aged(data / ".花名册.xlsx.tmp"),
        aged(data / "auto-20261101-080000.sqlite.part"),  # old-style name, but not in the backup folder
        aged(backups / "auto-20261129-080000.sqlite.part", hours=0),  # may still be written by a running copy
        aged(data / "a.fedclient-part.pdf"),
    ]
    with saving(data / "正在写.pdf") as mine:  # this very process is writing one: never touched
        mine.write_bytes(b"%PDF")
        assert main(["backup", "--db", str(demo_db.path), "--out", str(tmp_path / "copy.sqlite")]) == 0
        assert mine.exists()
    for path in [*killed, journal, old_style]:
        assert not path.exists(), path
    for path in kept:
        assert path.read_bytes() == b"old", path


def test_saving_into_a_folder_clears_what_a_killed_save_left_there(tmp_path):
    target = tmp_path / "公示牌.pdf"
    left = killed_while_writing(target)
    with saving(target) as tmp:
        tmp.write_bytes(b"complete")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["公示牌.pdf"]
    assert not left.exists()


KILLED_EXPORT = (
    "import time\n"
    "from openpyxl import Workbook\n"
    "import fedclient.core.excel\n"
    "wb = Workbook(write_only=True)\n"
    "ws = wb.create_sheet('台账')\n"
    "for i in range(20000):\n"
    "    ws.append([i, '一行'])\n"
    "print('writing', flush=True)\n"
    "time.sleep(60)\n"
)


def test_a_killed_exports_sheet_files_are_removed_from_the_temp_folder_and_nothing_else(
    demo_db, tmp_path, monkeypatch
):
    import tempfile

    from fedclient.core.leftovers import clean_at_start, scratch_dir

    system_temp = tmp_path / "系统临时"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    others = [aged(system_temp / "openpyxl.abcd1234.xml"), aged(system_temp / "别的程序.tmp")]
    env = {**os.environ, "TMPDIR": str(system_temp), "TEMP": str(system_temp), "TMP": str(system_temp)}
    proc = subprocess.Popen([sys.executable, "-c", KILLED_EXPORT], stdout=subprocess.PIPE, env=env)
    assert proc.stdout.readline().strip() == b"writing"
    proc.kill()
    proc.wait()
    left = list(scratch_dir().iterdir())
    assert left and all(p.name.startswith(f"openpyxl.{proc.pid}-") for p in left)
    removed = clean_at_start(demo_db.path)
    assert sorted(removed) == sorted(left) and list(scratch_dir().iterdir()) == []
    for path in others:
        assert path.read_bytes() == b"old"
