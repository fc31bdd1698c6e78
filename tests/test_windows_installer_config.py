"""The Windows installer carries every folder the program reads at run time (fast: no Wine, no download).

The pynsist configuration is generated from the project (packaging/windows/installer_config.py). Here it is
"installed" into a temporary folder the way the installer lays it out ($INSTDIR\\pkgs\\fedclient, plus each
``files = FOLDER > $INSTDIR\\pkgs`` line), and the installed copy of the program must find its migrations and
resources there and build a database from them: forgetting db/ or resources/ fails this test.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_installer_config():
    spec = importlib.util.spec_from_file_location(
        "installer_config", ROOT / "packaging/windows/installer_config.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generated_config() -> configparser.ConfigParser:
    cfg = configparser.ConfigParser()
    cfg.read_string(load_installer_config().pynsist_config(ROOT, [ROOT / "fake-wheel.whl"]))
    return cfg


def install_like_the_installer(cfg: configparser.ConfigParser, instdir: Path) -> Path:
    pkgs = instdir / "pkgs"
    for package in cfg["Include"]["packages"].split():
        shutil.copytree(ROOT / package, pkgs / package, ignore=shutil.ignore_patterns("__pycache__"))
    for line in cfg["Include"]["files"].splitlines():
        source, _, destination = (part.strip() for part in line.rpartition(">"))
        target = Path(destination.replace("$INSTDIR", str(instdir)).replace("\\", "/"))
        shutil.copytree(source, target / Path(source).name, ignore=shutil.ignore_patterns("__pycache__"))
    return pkgs


def shipped_folder_names() -> set[str]:
    """Every top-level folder the program looks up beside its package (paths.py: _shipped("name"))."""
    names = set()
    for path in (ROOT / "fedclient").rglob("*.py"):
        names.update(re.findall(r"_shipped\(\"(\w+)\"\)", path.read_text(encoding="utf-8")))
    return names


def test_every_folder_the_program_looks_up_is_in_the_installer():
    cfg = generated_config()
    installed = {Path(line.rpartition(">")[0].strip()).name for line in cfg["Include"]["files"].splitlines()}
    assert shipped_folder_names() >= {"db", "resources"}
    assert shipped_folder_names() <= installed


def test_installed_program_finds_its_migrations_and_resources_and_builds_a_database(tmp_path):
    pkgs = install_like_the_installer(generated_config(), tmp_path / "村妇联工作台")
    probe = """
import sys
from pathlib import Path
import fedclient
from fedclient.core.migrate import open_database
from fedclient.core.paths import migrations_dir, resources_dir
print(Path(fedclient.__file__).resolve())
print(migrations_dir().resolve())
print(resources_dir().resolve())
db = open_database(Path(sys.argv[1]))
db.dispose()
"""
    env = dict(os.environ, PYTHONPATH=str(pkgs))
    result = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "data.sqlite")],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    package, migrations, resources = (Path(line) for line in result.stdout.splitlines()[:3])
    assert package.is_relative_to(pkgs), "the probe must run the installed copy"
    assert migrations.is_relative_to(pkgs) and (migrations / "alembic.ini").is_file()
    assert resources.is_relative_to(pkgs)
    for name in ("fedclient.png", "fedclient.ico"):
        assert (resources / name).is_file(), name
    assert (tmp_path / "data.sqlite").stat().st_size > 0


def test_installer_and_executable_carry_the_one_version_and_the_icon():
    import fedclient

    config = load_installer_config()
    cfg = generated_config()
    assert cfg["Application"]["version"] == fedclient.__version__
    assert cfg["Application"]["publisher"] == fedclient.PUBLISHER
    assert cfg["Build"]["installer_name"] == f"fedclient-setup-{fedclient.__version__}-x64.exe"
    assert Path(cfg["Application"]["icon"]).is_file()
    rc = config.version_resource(ROOT)
    assert f'"ProductVersion", "{fedclient.__version__}"' in rc
    assert f'"CompanyName", "{fedclient.PUBLISHER}"' in rc
