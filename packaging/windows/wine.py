"""A throw-away Wine prefix for windows-check: no menus or files written into the real home, no display.

Wine 8.0 (Debian 12) gaps, worked around here for the test only, never in what ships:
- no bcryptprimitives.dll, which python-calamine's Rust code imports: a small shim from wine-shims/ is compiled
  into the prefix;
- no X display here, and Qt's windows platform plugin fails on Wine 8: the null graphics driver and Qt's
  minimal platform with fonts (see fresh());
- no Chinese font: Noto Sans CJK from the Linux host is registered in the prefix (see add_font());
- propsys.VariantToString is missing, so Python's _wmi.pyd aborts the process when platform.machine() asks WMI
  (SQLAlchemy does at import): the installed copy's _wmi.pyd is set aside (Python then reads the registry).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


class Wine:
    def __init__(self, prefix: Path, home: Path, shims: Path) -> None:
        self.prefix, self.home, self.shims = prefix, home, shims
        self.drive_c = prefix / "drive_c"
        self.env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env.update(
            WINEPREFIX=str(prefix),
            HOME=str(
                home
            ),  # Wine links Desktop, Documents ... to the home's folders: keep the real one clean
            WINEDEBUG="-all",
            WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree=d;mshtml=d",
        )
        self.env.pop("PYTHONUTF8", None)
        self.env.pop("PYTHONIOENCODING", None)

    def fresh(self) -> str:
        self.kill()
        shutil.rmtree(self.prefix, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)
        self.home.mkdir(parents=True)
        self.run("wineboot", "--init", timeout=600)
        self.run("winecfg", "/v", "win10")
        # No X display: Wine's null graphics driver. Qt's windows platform plugin aborts on Wine 8 (WinRT
        # UISettings) and its offscreen one finds no fonts there: "minimal" with the Windows (GDI) font database.
        # Set in the Windows environment: Wine does not pass QT_QPA_PLATFORM on from the Unix one.
        self.run("reg", "add", r"HKCU\Software\Wine\Drivers", "/v", "Graphics", "/d", "null", "/f")
        self.run(
            "reg", "add", r"HKCU\Environment", "/v", "QT_QPA_PLATFORM", "/d", "minimal:enable_fonts", "/f"
        )
        self.wait()
        self.add_font(Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC")
        system32 = self.drive_c / "windows" / "system32"
        for source in sorted(self.shims.glob("*.c")):
            dll = system32 / f"{source.stem}.dll"
            subprocess.run(
                ["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-o", str(dll), str(source), "-ladvapi32"],
                check=True,
            )
        return f"{self.prefix.name} as Windows 10, test-only shims: {', '.join(p.stem for p in self.shims.glob('*.c'))}"

    def add_font(self, font: Path, name: str) -> None:
        """Windows has Microsoft YaHei and SimSun; Wine has no Chinese font its DirectWrite sees, so Qt would
        print boards without text. Noto Sans CJK (fonts-noto-cjk) stands in, registered like a Windows font."""
        shutil.copy(font, self.drive_c / "windows" / "Fonts" / font.name)
        key = r"HKLM\Software\Microsoft\Windows NT\CurrentVersion\Fonts"
        self.run("reg", "add", key, "/v", f"{name} (TrueType)", "/d", font.name, "/f")

    @staticmethod
    def without_wmi(python_dir: Path) -> None:
        wmi = python_dir / "_wmi.pyd"
        if wmi.exists():
            wmi.rename(wmi.with_suffix(".pyd.wine-test"))

    def run(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["wine", *args], env=self.env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
        )

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen(
            ["wine", *args],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def wait(self) -> None:
        """Until every program in the prefix has ended (a silent uninstaller runs on from a temporary copy)."""
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=600)

    def kill(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True)
        subprocess.run(["wineserver", "-w"], env=self.env, capture_output=True, timeout=60)
