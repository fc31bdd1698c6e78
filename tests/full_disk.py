"""A real full disk for tests, as root: a small tmpfs mounted in the test's folder and filled to the last byte."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path


def mount_tmpfs(folder: Path, size: str = "2m") -> bool:
    """Make ``folder`` a tmpfs of ``size``; False where this machine does not allow it (not root, a container)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    folder.mkdir()
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
            capture_output=True,
            timeout=20,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def unmount(folder: Path) -> None:
    """Detach the tmpfs even if a file in it is still open (``-l``): no mount is left behind the tests."""
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=20)


def fill(folder: Path) -> None:
    with open(folder / "填满.bin", "wb", buffering=0) as f:
        for block in (65536, 512):  # big blocks, then the last few small ones
            try:
                while True:
                    f.write(b"\0" * block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
