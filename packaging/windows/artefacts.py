"""windows-check's checks that need no Wine: the built files themselves, and the report they all go into."""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Report:
    def __init__(self) -> None:
        self.rows: list[tuple[str, bool, float, str]] = []

    def step(self, name: str, fn, *args) -> bool:
        started = time.monotonic()
        try:
            detail = fn(*args) or ""
            ok = True
        except Exception as exc:  # every failure is reported, with its reason
            detail, ok = f"{type(exc).__name__}: {exc}", False
        self.rows.append((name, ok, time.monotonic() - started, str(detail)))
        print(
            f"{'PASS' if ok else 'FAIL'}  {name} ({time.monotonic() - started:.0f} s)  {detail}", flush=True
        )
        return ok

    def print(self) -> bool:
        failed = [r for r in self.rows if not r[1]]
        print("\n==== windows-check report ====")
        for name, ok, seconds, detail in self.rows:
            print(f"{'PASS' if ok else 'FAIL'}  {seconds:6.0f} s  {name}: {detail}")
        print(f"{len(self.rows) - len(failed)} passed, {len(failed)} failed")
        return not failed


def version_strings(data: bytes) -> dict[str, str]:
    """The StringFileInfo of a Windows executable (what Explorer's Properties and 应用和功能 show)."""
    import pefile

    pe = pefile.PE(data=data)
    found = {}
    for info in getattr(pe, "FileInfo", []):
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                found.update({k.decode(): v.decode() for k, v in table.entries.items()})
    return found


def version_resources(setup: Path, portable: Path, version: str) -> str:
    with zipfile.ZipFile(portable) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith("/fedclient-gui.exe")]
        launcher = version_strings(zf.read(name))
    installer = version_strings(setup.read_bytes())
    for what, found in (("installer", installer), ("fedclient-gui.exe", launcher)):
        assert found.get("ProductVersion") == version, f"{what}: {found}"
        assert found.get("CompanyName"), f"{what} has no publisher: {found}"
    return f"{version}, {installer['CompanyName']} (installer and fedclient-gui.exe)"


def tampered_python_refused(work: Path) -> str:
    """The build's signature check (fetch.sh) passes python.org's python.exe and refuses a changed copy."""
    (embeddable,) = (work / "pynsist-cache").glob("python-*-embed-amd64.zip")
    folder = work / "check" / "signature"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with zipfile.ZipFile(embeddable) as zf:
        original = zf.read("python.exe")
    tampered = bytearray(original)
    tampered[len(tampered) // 2] ^= 0xFF
    (folder / "python.exe").write_bytes(original)
    (folder / "tampered.exe").write_bytes(bytes(tampered))

    def verify(name: str) -> subprocess.CompletedProcess:
        script = f'source "{HERE}/common.sh"; source "{HERE}/fetch.sh"; verify_signature "$1" "Python Software Foundation"'
        return subprocess.run(
            ["bash", "-c", script, "verify", str(folder / name)], capture_output=True, text=True
        )

    assert verify("python.exe").returncode == 0, "python.org's own python.exe was refused"
    refused = verify("tampered.exe")
    assert refused.returncode != 0 and "refusing to build" in refused.stderr, (
        "a changed python.exe was accepted"
    )
    return "python.exe accepted, a copy with one byte changed refused"


def qt_without_system_icu(pkgs: Path) -> str:
    """PySide6 6.10+ imports Windows' icu.dll (Windows 10 1903+): the README's pin to 6.9 must hold."""
    import pefile

    pe = pefile.PE(str(pkgs / "PySide6" / "Qt6Core.dll"), fast_load=True)
    pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
    imports = sorted(entry.dll.decode().lower() for entry in pe.DIRECTORY_ENTRY_IMPORT)
    icu = [name for name in imports if name.startswith("icu")]
    assert not icu, f"Qt6Core.dll imports {icu}: needs Windows 10 1903+ (see README)"
    pyside = sorted(p.name for p in pkgs.iterdir() if p.name.lower().startswith("pyside6_e"))
    return f"{', '.join(pyside) or 'PySide6'}: no icu*.dll among {len(imports)} imports"
