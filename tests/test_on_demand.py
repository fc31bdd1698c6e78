"""asyncio and importlib.metadata, which SQLAlchemy imports and the program never uses, are loaded only when
something uses them (fedclient.on_demand, issue 18: the window's memory) — and then they work in full."""

from __future__ import annotations

import subprocess
import sys

# A fresh interpreter: the test process may have imported asyncio already (pytest's plugins).
PROBE = r"""
import sys, threading
import fedclient  # installs the stand-ins
import sqlalchemy.orm  # imports asyncio and importlib.metadata at its top
from sqlalchemy import create_engine, text
from fedclient.on_demand import StandIn, loaded

engine = create_engine("sqlite://")
with engine.connect() as conn:
    assert conn.execute(text("select 41 + 1")).scalar() == 42
assert isinstance(sys.modules["asyncio"], StandIn) and isinstance(sys.modules["importlib.metadata"], StandIn)
assert not loaded("asyncio") and "ssl" not in sys.modules and "asyncio.base_events" not in sys.modules
assert "email" not in sys.modules

# Eight threads touch asyncio at once: every one gets the one real module.
seen = []
stand_in = sys.modules["asyncio"]
threads = [threading.Thread(target=lambda: seen.append(stand_in.run)) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
import asyncio
assert loaded("asyncio") and not isinstance(asyncio, StandIn)
assert len(seen) == 8 and all(f is asyncio.run for f in seen)

async def answer():
    await asyncio.sleep(0)
    return 42
assert asyncio.run(answer()) == 42
from sqlalchemy.util.concurrency import iscoroutine  # taken from the stand-in at SQLAlchemy's import
coro = answer()
assert iscoroutine(coro)
coro.close()
import asyncio.events  # a submodule

from importlib.metadata import version
assert version("SQLAlchemy") == sqlalchemy.__version__
import importlib
assert importlib.metadata is sys.modules["importlib.metadata"] and loaded("importlib.metadata")
from sqlalchemy.util import compat  # SQLAlchemy's own reference still works (it goes to the real module)
assert list(compat.importlib_metadata_get("fedclient-no-such-group")) == []
print("ok")
"""


def test_unused_standard_modules_load_only_when_used_and_then_work():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"
