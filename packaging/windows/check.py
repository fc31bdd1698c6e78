"""make windows-check: the built installer and portable zip, run under Wine in a fresh prefix.

Silent install of the previous version (built with a lower version number and quick compression), demo data,
silent install of this version over it (every row kept), then the installed command line (demo, export-month
read back with openpyxl, print-board checked with pdffonts), the window staying up (Qt's minimal platform: Wine 8 cannot run the windows one), the upgrade of
an old data file (backed up first), the portable zip, and a silent uninstall that leaves the data folder.
Prints a report; exits 1 when any step fails. Run by check.sh with the tools venv's Python.
"""

from __future__ import annotations

import datetime
import getpass
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from artefacts import Report, qt_without_system_icu, tampered_python_refused, version_resources
from installer_config import PYTHON_VERSION
from wine import Wine

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(os.environ.get("WINDOWS_BUILD_DIR", ROOT / "build" / "windows"))
APP = "村妇联工作台"
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\fedclient"
CONTRACT_SHEETS = ["汇总", "执委名册", "承诺践诺", "调解台账", "网格服务", "议事会", "说明"]  # reports.md
SIMPLIFIED_FONT = re.compile(r"CJKsc|CJK SC|SC-|SC$|YaHei|SimSun|DengXian|SimHei", re.IGNORECASE)


def compiled(pkgs: Path, packages: tuple[str, ...]) -> str:
    """Every module of ``packages`` has its bytecode for the shipped Python beside it (__pycache__)."""
    tag = "cpython-" + "".join(PYTHON_VERSION.split(".")[:2])
    sources = [p for name in packages for p in (pkgs / name).rglob("*.py")]
    missing = [p for p in sources if not (p.parent / "__pycache__" / f"{p.stem}.{tag}.pyc").is_file()]
    assert sources and not missing, f"no bytecode for {len(missing)} of {len(sources)} modules: {missing[:3]}"
    return f"{len(sources)} modules compiled ({tag})"


def pycs(folder: Path) -> dict[Path, tuple[int, int]]:
    """Every compiled file under ``folder`` with its modification time and size (a rewritten one differs)."""
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("__pycache__/*.pyc")}


def hash_based(folder: Path, magic: bytes) -> str:
    """Every pyc under ``folder`` is for the Python with ``magic`` and hash-based without checking the source
    (``--invalidation-mode unchecked-hash``): valid whatever file times unzipping gave it."""
    wrong_magic, timestamped = [], []
    for path in pycs(folder):
        head = path.read_bytes()[:8]
        if head[:4] != magic:
            wrong_magic.append(path.name)
        elif int.from_bytes(head[4:8], "little") != 0b01:  # flags: hash-based, check_source off
            timestamped.append(path.name)
    assert not wrong_magic, f"{len(wrong_magic)} pycs for another Python: {wrong_magic[:3]}"
    assert not timestamped, f"{len(timestamped)} pycs checked against the source: {timestamped[:3]}"
    return f"magic {magic.hex()}, unchecked-hash"


def snapshot(db_file: Path) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: two snapshots are equal when no row was lost or changed."""
    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr)
            for t in tables
            if not t.startswith("sqlite_")
        }


def revision(db_file: Path) -> str:
    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as con:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def previous_version(version: str) -> str:
    """A lower version number: 0.2.0 -> 0.1.99, 1.0.3 -> 1.0.2."""
    parts = [int(p) for p in re.findall(r"\d+", version)[:3]] + [0, 0]
    parts = parts[:3]
    for i in reversed(range(3)):
        if parts[i] > 0:
            parts[i] -= 1
            parts[i + 1 :] = [99] * (2 - i)
            return ".".join(map(str, parts))
    raise ValueError(f"no lower version than {version}")


class WindowsCheck:
    def __init__(self, version: str) -> None:
        self.version = version
        self.setup = ROOT / "dist" / f"fedclient-setup-{version}-x64.exe"
        self.portable = ROOT / "dist" / f"fedclient-portable-{version}-x64.zip"
        self.previous = previous_version(version)
        self.previous_setup = WORK / "check" / "previous" / f"fedclient-setup-{self.previous}-x64.exe"
        self.wine = Wine(
            WORK / "check" / "prefix", WORK / "check" / "home", ROOT / "packaging/windows/wine-shims"
        )
        user = self.wine.drive_c / "users" / getpass.getuser()
        self.local = user / "AppData" / "Local"
        self.instdir = self.local / "Programs" / APP
        self.win_instdir = f"C:\\users\\{getpass.getuser()}\\AppData\\Local\\Programs\\{APP}"
        self.data_file = self.local / "fedclient" / "fedclient.sqlite"
        self.start_menu = user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{APP}.lnk"
        self.desktop = user / "Desktop" / f"{APP}.lnk"
        self.out = self.wine.drive_c / "check"
        self.rows_before: dict = {}
        self.month = datetime.date.today().strftime("%Y-%m")

    # --- helpers --------------------------------------------------------------------------------------
    def cli(self, *args: str, timeout: int = 300) -> str:
        """The installed command line, its output through a pipe (Windows' ANSI code page): must be UTF-8."""
        result = self.wine.run(f"{self.win_instdir}\\bin\\fedclient.exe", *args, timeout=timeout)
        out = result.stdout.decode("utf-8") + result.stderr.decode("utf-8")
        if result.returncode != 0:
            raise AssertionError(f"fedclient {args[0]} exited {result.returncode}: {out[-800:]}")
        return out.strip().splitlines()[-1] if out.strip() else ""

    def registry(self, name: str) -> str:
        result = self.wine.run("reg", "query", UNINSTALL_KEY, "/v", name)
        match = re.search(rf"{name}\s+REG_\w+\s+(.*)", result.stdout.decode("utf-8", "replace"))
        return match.group(1).strip() if match else ""

    def install(self, setup: Path, version: str) -> str:
        self.wine.run(str(setup), "/S", timeout=600)
        self.wine.wait()
        self.wine.without_wmi(self.instdir / "Python")
        for path in (
            "pkgs/db/alembic.ini",
            "pkgs/resources/fedclient.png",
            "bin/fedclient.exe",
            "uninstall.exe",
        ):
            assert (self.instdir / path).is_file(), f"missing after install: {path}"
        assert self.registry("DisplayVersion") == version, (
            f"应用和功能 shows {self.registry('DisplayVersion')}"
        )
        assert self.registry("Publisher"), "no publisher in 应用和功能"
        assert self.start_menu.is_file() and self.desktop.is_file(), "shortcuts missing"
        return f"{version} in {self.instdir.relative_to(self.wine.drive_c)}"

    # --- steps ----------------------------------------------------------------------------------------
    def build_previous(self) -> str:
        if self.previous_setup.is_file() and self.previous_setup.stat().st_mtime > self.setup.stat().st_mtime:
            return f"reused {self.previous_setup.name}"
        script = ROOT / "packaging/windows/build.sh"
        args = [
            "--version",
            self.previous,
            "--fast",
            "--installer-only",
            "--out",
            str(self.previous_setup.parent),
        ]
        result = subprocess.run([str(script), *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-1500:] + result.stderr[-1500:]
        return f"{self.previous_setup.name}, {self.previous_setup.stat().st_size / 1e6:.0f} MB"

    def previous_with_data(self) -> str:
        self.cli("demo")
        self.rows_before = snapshot(self.data_file)
        return f"{sum(map(len, self.rows_before.values()))} rows in {len(self.rows_before)} tables"

    def upgrade_keeps_rows(self) -> str:
        detail = self.install(self.setup, self.version)
        assert snapshot(self.data_file) == self.rows_before, "rows changed by the upgrade"
        path = self.user_path()
        assert len(re.findall(r"Programs\\[^;]*\\bin", path)) == 1, (
            f"bin\\ not once on the user's PATH: {path}"
        )
        return detail + ", every row kept, bin\\ on PATH"

    def user_path(self) -> str:
        """The user's PATH from the registry (reg.exe prints non-ASCII letters as ? through a pipe)."""
        return self.wine.run("reg", "query", r"HKCU\Environment", "/v", "PATH").stdout.decode(
            "utf-8", "replace"
        )

    def demo(self) -> str:
        return self.cli("demo", "--db", r"C:\check\demo.sqlite")

    def export_month(self) -> str:
        from openpyxl import load_workbook

        line = self.cli("export-month", "--month", self.month, "--out", r"C:\check\月报.xlsx")
        workbook = load_workbook(self.out / "月报.xlsx", read_only=False)
        assert workbook.sheetnames == CONTRACT_SHEETS, workbook.sheetnames
        assert workbook["说明"].sheet_state == "hidden"
        return f"{line} — sheets {' '.join(workbook.sheetnames)}"

    def consolidate(self) -> str:
        """As a township officer types it in the command prompt, which passes the wildcard on unexpanded."""
        line = self.cli(
            "consolidate", "--month", self.month, "--out", r"C:\check\乡镇汇总.xlsx", r"C:\check\月报*.xlsx"
        )
        assert (self.out / "乡镇汇总.xlsx").is_file(), "no consolidated workbook"
        return line

    def print_board(self) -> str:
        year = str(datetime.date.today().year)
        self.cli("print-board", "--year", year, "--pdf", r"C:\check\公示栏.pdf")
        fonts = subprocess.run(
            ["pdffonts", str(self.out / "公示栏.pdf")], capture_output=True, text=True
        ).stdout
        names = [line.split()[0] for line in fonts.splitlines()[2:] if line.strip()]
        assert names, "no fonts in the PDF"
        assert not [n for n in names if "JP" in n], f"Japanese face in the PDF: {names}"
        assert any(SIMPLIFIED_FONT.search(n) for n in names), f"no Simplified Chinese face: {names}"
        return "fonts " + ", ".join(sorted(set(names)))

    def encrypted_file(self) -> str:
        """开机密码 with the Windows build's SQLCipher: the file is encrypted, a command with the password reads
        it, one without is refused in Chinese (no traceback), and the recovery code file is written beside it."""
        shutil.copy(self.out / "demo.sqlite", self.out / "secret.sqlite")
        (self.out / "pw.txt").write_text("村妇联2026春\n", encoding="utf-8")
        db, pw = r"C:\check\secret.sqlite", r"C:\check\pw.txt"
        self.cli("password", "--set", "--db", db, "--new-password-file", pw)
        assert not (self.out / "secret.sqlite").read_bytes().startswith(b"SQLite format 3"), "not encrypted"
        assert (self.out / "secret.sqlite.key").is_file(), "no recovery-code file beside the data file"
        args = ("export-month", "--db", db, "--month", self.month)
        line = self.cli(*args, "--password-file", pw, "--out", r"C:\check\加密月报.xlsx")
        assert (self.out / "加密月报.xlsx").is_file(), "no workbook from the encrypted file"
        refused = self.wine.run(f"{self.win_instdir}\\bin\\fedclient.exe", *args, "--out", r"C:\check\x.xlsx")
        said = refused.stdout.decode("utf-8") + refused.stderr.decode("utf-8")
        assert refused.returncode != 0 and "开机密码" in said and "Traceback" not in said, said[-400:]
        return f"file encrypted, {line}; without the password: exit {refused.returncode}, 开机密码 asked"

    def window_stays_up(self, seconds: int = 45) -> str:
        shutil.copy(self.data_file, self.out / "window.sqlite")
        script = f"{self.win_instdir}\\{APP}.launch.pyw"
        process = self.wine.start(
            f"{self.win_instdir}\\Python\\pythonw.exe", script, "--db", r"C:\check\window.sqlite"
        )
        time.sleep(seconds)
        alive = process.poll() is None
        self.wine.kill()
        assert alive, f"the program exited with {process.returncode}"
        self.window_opened("window.sqlite")
        return f"running after {seconds} s with its data open"

    def logged_window(self, db_name: str) -> bool:
        """The program's log says the main window opened on that file (the data file's lock file stays after
        the program ends, so it proves nothing)."""
        log = self.local / "fedclient" / "Logs" / "fedclient.log"
        text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
        return any("主窗口已打开" in line and db_name in line for line in text.splitlines())

    def window_opened(self, db_name: str) -> None:
        """The main window opened on that file, and no log holds a traceback."""
        assert self.logged_window(db_name), f"no main window on {db_name} in fedclient.log"
        self.no_traceback()

    def no_traceback(self) -> None:
        logs = [self.local / "fedclient" / "Logs" / "fedclient.log"]
        logs += list((self.local.parent / "Roaming").glob("*.launch.pyw.log"))
        for log in logs:
            if log.is_file():
                text = log.read_text(encoding="utf-8", errors="replace")
                assert "Traceback" not in text, f"{log.name}: {text[-800:]}"

    def old_data_file_upgraded(self) -> str:
        saved = sorted((ROOT / "tests" / "data").glob("schema_*.sqlite"))[0]
        folder = self.out / "old"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(saved, folder / "fedclient.sqlite")
        rows = snapshot(folder / "fedclient.sqlite")
        self.cli("backup", "--db", r"C:\check\old\fedclient.sqlite", "--out", r"C:\check\old-copy.sqlite")
        backups = list((folder / "backups" / "fedclient").glob("pre-migration-*.sqlite"))
        assert backups, "no pre-migration backup"
        assert snapshot(backups[0]) == rows, "the pre-migration backup differs from the old file"
        upgraded = snapshot(folder / "fedclient.sqlite")
        for table, old_rows in rows.items():  # the backup adds its own bookkeeping rows to app_meta
            assert len(upgraded.get(table, [])) >= len(old_rows), f"rows of {table} lost"
        head = revision(self.data_file)
        assert revision(folder / "fedclient.sqlite") == head, "not migrated to the newest revision"
        return f"{saved.name} -> revision {head}, backup {backups[0].name}"

    def ships_bytecode(self) -> str:
        """The installer compiles every module once (compileall at install): a start reads the bytecode and never
        compiles the program again."""
        return compiled(self.instdir / "pkgs", ("fedclient", "db"))

    def portable_top(self) -> Path:
        """The portable zip unzipped (once) as a chair would: Python's zipfile gives every file the time of now."""
        target = self.out / "portable"
        if not target.exists():
            with zipfile.ZipFile(self.portable) as zf:
                zf.extractall(target)
            (top,) = [p for p in target.iterdir() if p.is_dir()]
            self.wine.without_wmi(top / "Python")
        (top,) = [p for p in target.iterdir() if p.is_dir()]
        return top

    def portable_ships_bytecode(self) -> str:
        """Every module of the program and its migrations has its bytecode in the zip, for the shipped Python
        (its magic number asked from it) and valid after unzipping (hash-based)."""
        top = self.portable_top()
        win_python = f"C:\\check\\portable\\{top.name}\\Python\\python.exe"
        result = self.wine.run(
            win_python, "-c", "import importlib.util; print(importlib.util.MAGIC_NUMBER.hex())"
        )
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-500:]
        magic = bytes.fromhex(result.stdout.decode().split()[-1])
        return f"{compiled(top / 'pkgs', ('fedclient', 'db'))}; {hash_based(top / 'pkgs', magic)}"

    def portable_runs(self) -> str:
        top = self.portable_top()
        before = pycs(top / "pkgs")
        win_top = f"C:\\check\\portable\\{top.name}"
        result = self.wine.run(f"{win_top}\\bin\\fedclient.exe", "--help")
        assert result.returncode == 0 and "子命令" in result.stdout.decode("utf-8"), (
            "bin\\fedclient.exe --help"
        )
        self.wine.start(f"{win_top}\\fedclient-gui.exe", "--db", r"C:\check\portable.sqlite")
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not self.logged_window("portable.sqlite"):
            time.sleep(2)
        self.wine.kill()
        self.window_opened("portable.sqlite")
        after = pycs(top / "pkgs")
        compiled_again = [p.name for p in after if after[p] != before.get(p)]
        assert before and not compiled_again, f"compiled again at start: {compiled_again[:5]}"
        return (
            f"{self.portable.name}: fedclient-gui.exe opened the window, bin\\fedclient.exe works, "
            f"no module compiled again ({len(before)} pycs)"
        )

    def uninstall_keeps_data(self) -> str:
        rows = snapshot(self.data_file)
        self.wine.run(f"{self.win_instdir}\\uninstall.exe", "/S", timeout=300)
        self.wine.wait()
        time.sleep(2)
        self.wine.wait()
        leftovers = [p.name for p in self.instdir.iterdir()] if self.instdir.exists() else []
        assert not leftovers, f"left in the program folder: {leftovers}"
        assert not self.start_menu.exists() and not self.desktop.exists(), "shortcuts left"
        assert not self.registry("DisplayVersion"), "still in 应用和功能"
        assert not re.search(r"Programs\\[^;]*\\bin", self.user_path()), "bin\\ left on the user's PATH"
        assert snapshot(self.data_file) == rows, "the data changed"
        return f"program removed; {self.data_file.parent.relative_to(self.wine.drive_c)} kept with every row"

    def run(self) -> bool:
        report = Report()
        for path in (self.setup, self.portable):
            assert path.is_file(), f"{path} missing: run `make windows` first"
        size = self.setup.stat().st_size / 1e6
        report.step("installer size under 120 MB", lambda: self.assert_size(size))
        report.step(
            "version and publisher in the executables",
            version_resources,
            self.setup,
            self.portable,
            self.version,
        )
        report.step("build refuses a changed embeddable Python", tampered_python_refused, WORK)
        essential = [
            ("previous version built (fast compression)", self.build_previous),
            ("fresh Wine prefix", self.wine.fresh),
            (f"silent install of {self.previous}", lambda: self.install(self.previous_setup, self.previous)),
            (f"{self.previous}: demo data in the user's data folder", self.previous_with_data),
            (f"silent install of {self.version} over {self.previous}", self.upgrade_keeps_rows),
        ]
        for name, fn in essential:
            if not report.step(name, fn):
                return report.print()
        report.step(
            "Qt6Core.dll does not need Windows' system ICU", qt_without_system_icu, self.instdir / "pkgs"
        )
        report.step("installed program ships compiled bytecode", self.ships_bytecode)
        report.step("command line: demo", self.demo)
        report.step("command line: export-month (openpyxl)", self.export_month)
        report.step("command line: consolidate 月报*.xlsx", self.consolidate)
        report.step("command line: print-board (pdffonts)", self.print_board)
        report.step("开机密码: encrypted data file (SQLCipher)", self.encrypted_file)
        report.step("old data file backed up and migrated", self.old_data_file_upgraded)
        report.step("window starts and stays up (Qt minimal platform)", self.window_stays_up)
        report.step("portable zip ships compiled bytecode", self.portable_ships_bytecode)
        report.step("portable zip runs", self.portable_runs)
        report.step("silent uninstall keeps the data folder", self.uninstall_keeps_data)
        self.wine.kill()
        return report.print()

    @staticmethod
    def assert_size(size: float) -> str:
        assert size < 120, f"{size:.1f} MB"
        return f"{size:.1f} MB"


def main() -> int:
    version = sys.argv[1]
    return 0 if WindowsCheck(version).run() else 1


if __name__ == "__main__":
    raise SystemExit(main())
