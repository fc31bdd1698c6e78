"""Making a data file or its folder read-only the way the chair meets it, for the user running the tests: the
"只读" mode bits (not enough for root, who writes anyway) or, for root, ``chattr +i`` (the system refuses every
write, root's too). ``read_only(path)`` skips the test where neither can be done."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(path: Path) -> Iterator[Path]:
    """``path`` (a file or a folder) read-only inside the ``with``; as it was afterwards."""
    if os.name == "posix" and os.geteuid() == 0:
        if (
            not shutil.which("chattr")
            or subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode
        ):
            pytest.skip("needs chattr (and a file system that has it) to make a file read-only for root")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        return
    mode = path.stat().st_mode
    path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    if os.access(path, os.W_OK):
        path.chmod(mode)
        pytest.skip("this system lets the tests write a read-only file")
    try:
        yield path
    finally:
        path.chmod(mode)
