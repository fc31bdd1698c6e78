"""Standard-library modules imported at the top of SQLAlchemy but not needed to show the window, loaded when
first used.

SQLAlchemy 2.1 imports ``asyncio`` (and with it ``ssl``, ``subprocess``, ``selectors``, ``concurrent.futures``'
event loop parts) in ``util.compat`` and ``util.concurrency``, and ``importlib.metadata`` (with ``email``, ``csv``,
``calendar``) in ``util.compat`` and ``util.langhelpers``, whatever the dialect: ~3-4 MiB of code and objects in
every process of ours, for the async engine and entry-point plugins we never use (issue 18: the window's memory).
``util.compat`` also imports ``hashlib``, which maps OpenSSL's libcrypto (~3.4 MiB resident) and ``_blake2``, for
an MD5 of long label names SQLite never needs; the program itself hashes only when a password is typed or set, a
recovery code is made, a backup's checksum is taken or a township form is filled (and imports it there).
``pickle`` comes with ``logging.handlers`` (for the socket handlers; the log file is a rotating file) and
SQLAlchemy's ``PickleType``: neither pickles anything of ours.

``install()`` puts a stand-in for each in ``sys.modules`` before SQLAlchemy is imported. The stand-in holds no
code: the first attribute anyone asks of it (``asyncio.run``, ``hashlib.sha256``, ``importlib.metadata.version``, a
submodule's import) imports the real module, which takes the stand-in's place in ``sys.modules``, and the stand-in
hands that attribute and every later one to it. So whoever uses them still gets the real modules; nobody who
doesn't pays for them. Python's own ``importlib.util.LazyLoader`` cannot do this here: on Python 3.11 a second
``import`` of a lazy module loads it (the import system reads its ``__spec__``), and SQLAlchemy reads
``asyncio.iscoroutine`` at import time.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

# Only modules no tab or page needs to be shown (what of ours uses hashlib imports it inside the function that
# does); each loads in full the moment anything touches it.
MODULES = ("asyncio", "importlib.metadata", "hashlib", "pickle")
_swapping = threading.Lock()


class StandIn(types.ModuleType):
    """Sits in ``sys.modules`` for a module not yet imported; any attribute asked for imports the real one."""

    def __getattr__(self, attr: str) -> Any:  # only called for what the stand-in itself lacks
        return getattr(real(self.__name__), attr)


def real(name: str) -> types.ModuleType:
    """The real module ``name``, imported now if only its stand-in was there. Thread-safe: the stand-in leaves
    ``sys.modules`` once (under a lock), and importlib's own lock per module makes any other thread wait for the
    first one's import to finish and take its module."""
    with _swapping:
        if isinstance(sys.modules.get(name), StandIn):
            del sys.modules[name]
    return importlib.import_module(name)


def _iscoroutine(obj: object) -> bool:
    # SQLAlchemy's util.concurrency takes ``asyncio.iscoroutine`` at import time (it calls it only for the async
    # engine): hand it this, which imports asyncio if ever called.
    return real("asyncio").iscoroutine(obj)


def install() -> None:
    """Put the stand-ins in place (before SQLAlchemy's import); a module already imported is left as it is."""
    for name in MODULES:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None:  # pragma: no cover - the standard library always has them
            continue
        stand_in = StandIn(name)
        # What the import system reads of a module already in sys.modules: a finished spec, not "initializing".
        stand_in.__spec__ = spec
        stand_in.__loader__ = spec.loader
        stand_in.__package__ = name.rpartition(".")[0] if spec.submodule_search_locations is None else name
        if name == "asyncio":
            stand_in.iscoroutine = _iscoroutine
        if name == "pickle":
            # SQLAlchemy's PickleType takes it as a default argument at import time. 5 since Python 3.8 (and in
            # 3.14); tests/test_on_demand.py compares it with the real module's.
            stand_in.HIGHEST_PROTOCOL = 5
        sys.modules[name] = stand_in
        parent, _, child = name.rpartition(".")
        if parent and parent in sys.modules:
            setattr(sys.modules[parent], child, stand_in)


def loaded(name: str) -> bool:
    """Whether ``name`` is really imported (not only its stand-in)."""
    module = sys.modules.get(name)
    return module is not None and not isinstance(module, StandIn)
