"""The code layout the developers' map promises: each domain owns its code, no module is too long."""

from __future__ import annotations

import ast
from pathlib import Path

import fedclient

PACKAGE = Path(fedclient.__file__).parent
CORE = PACKAGE / "core"
DOMAINS = ("members", "pledges", "mediation", "grids", "review", "volunteer_points", "duty")
MAX_LINES = 400


def imported_modules(path: Path, package: tuple[str, ...] | None = None) -> set[str]:
    """Absolute names of what a module imports (relative imports resolved from its package)."""
    package = list(package or ("fedclient", *path.relative_to(PACKAGE).parent.parts))
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def domains_used(path: Path, package: tuple[str, ...] | None = None) -> set[str]:
    return {
        domain
        for domain in DOMAINS
        for name in imported_modules(path, package)
        if name == f"fedclient.core.{domain}" or name.startswith(f"fedclient.core.{domain}.")
    }


def test_no_core_module_outside_a_domain_belongs_to_exactly_one_domain():
    outside = [path for path in CORE.rglob("*.py") if path.relative_to(CORE).parts[0] not in DOMAINS]
    single = {str(path.relative_to(CORE)): used for path in outside if len(used := domains_used(path)) == 1}
    assert single == {}, "move these modules into the domain they serve"


def test_the_check_sees_each_way_of_importing_a_domain(tmp_path):
    core = ("fedclient", "core")
    cases = {
        "from .grids import grid_label": {"grids"},
        "from . import mediation": {"mediation"},
        "from ..pledges.board import pledge_board": {"pledges"},
        "import fedclient.core.members.office": {"members"},
        "from fedclient.core import grids, members": {"grids", "members"},
        "from .models import Member": set(),
    }
    for source, expected in cases.items():
        module = tmp_path / "module.py"
        module.write_text(source, encoding="utf-8")
        package = (*core, "demo") if source.startswith("from ..") else core
        assert domains_used(module, package) == expected, source


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, "split these by responsibility"


def test_core_looks_up_no_functions_by_name():
    users = [
        str(path.relative_to(PACKAGE))
        for path in CORE.rglob("*.py")
        if any(name.split(".")[0] == "importlib" for name in imported_modules(path))
    ]
    assert users == [], "import the domain's function instead"
