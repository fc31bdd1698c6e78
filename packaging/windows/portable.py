"""The portable zip: the program laid out as the installer installs it, plus fedclient-gui.exe to double-click.

    python portable.py PYNSIST_BUILD_DIR INSTALLER_CFG LAUNCHER_EXE OUT.zip

The folders come from pynsist's build directory (Python\\, pkgs\\, bin\\) and the data folders from the same
installer.cfg the installer is made from ("files = db > $INSTDIR\\pkgs"), so both carry the same program.
Names in the zip are ASCII: Windows 10's built-in unzip does not read UTF-8 file names.
The bytecode compiled for the shipped Python (build.sh, hash-based) goes in beside the modules; no other.
"""

from __future__ import annotations

import configparser
import sys
import zipfile
from pathlib import Path

from installer_config import PYTHON_VERSION

PYC_SUFFIX = ".cpython-" + "".join(PYTHON_VERSION.split(".")[:2]) + ".pyc"  # .cpython-312.pyc

PROGRAM_FOLDERS = ("Python", "pkgs", "bin")
README = """村妇联工作台（免安装版）

双击 fedclient-gui.exe 打开村妇联工作台。
命令行：bin\\fedclient.exe --help（例如 bin\\fedclient.exe export-month --month 2026-05 --out 月报.xlsx）。
数据保存在 %LOCALAPPDATA%\\fedclient，和安装版相同；删除本文件夹不会删除数据。
"""


def data_folders(cfg_path: Path) -> list[tuple[Path, str]]:
    """(source folder, folder inside the program) for each "files" line of installer.cfg."""
    cfg = configparser.ConfigParser()
    cfg.read(cfg_path, encoding="utf-8")
    pairs = []
    for line in cfg["Include"].get("files", "").splitlines():
        if not line.strip():
            continue
        source, _, destination = line.rpartition(">")
        inside = destination.strip().replace("$INSTDIR", "").strip("\\").replace("\\", "/")
        source_path = Path(source.strip())
        pairs.append((source_path, f"{inside}/{source_path.name}" if inside else source_path.name))
    return pairs


def shipped(path: Path) -> bool:
    if "__pycache__" in path.parts:
        return path.parent.name == "__pycache__" and path.name.endswith(PYC_SUFFIX)
    return True


def add_tree(zf: zipfile.ZipFile, folder: Path, inside: str) -> int:
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and shipped(path):
            zf.write(path, f"{inside}/{path.relative_to(folder).as_posix()}")
            count += 1
    return count


def main(argv: list[str]) -> int:
    build_dir, cfg_path, launcher, out = (Path(a) for a in argv)
    top = out.stem.replace("-portable", "").removesuffix("-x64")  # fedclient-0.1.0
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        files = sum(add_tree(zf, build_dir / name, f"{top}/{name}") for name in PROGRAM_FOLDERS)
        for source, inside in data_folders(cfg_path):
            files += add_tree(zf, source, f"{top}/{inside}")
        zf.write(launcher, f"{top}/fedclient-gui.exe")
        zf.writestr(f"{top}/README.txt", "\ufeff" + README.replace("\n", "\r\n"))
    partial.replace(out)
    print(f"{out.name}: {files + 2} files, {out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
