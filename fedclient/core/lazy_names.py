"""A domain package's names, each imported from its module when first used (PEP 562).

``from fedclient.core.members import save_member`` works as before, but importing one module of a domain (首页's
read imports every domain's ``reminders``) no longer loads the rest of it: its editing services, reports and
exports and what they import (the ID checks, the spreadsheet writers), which 首页 never uses.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, names: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``, whose ``names`` map each module (relative to the package)
    to the names it gives, separated by spaces: ``{"service": "save_member get_member"}``."""
    where = {name: module for module, given in names.items() for name in given.split()}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(where))

    return __getattr__, __dir__
