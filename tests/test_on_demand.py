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


# hashlib (OpenSSL's libcrypto), imported at SQLAlchemy's top for something SQLite never needs, is loaded by the
# first password, recovery code, backup checksum or filled form; all of them work through the stand-in.
HASHING = r"""
import os, shutil, sys, threading
from pathlib import Path
import fedclient
from fedclient.on_demand import StandIn, loaded
from fedclient.core.database import Database
from fedclient.core.backup import backup_to, check_backup
from fedclient.core.encryption import keys, recovery
from fedclient.core.encryption.rekey import set_password
from fedclient.core.encryption.unlock import check_password, unlock
from sqlalchemy import text

work = Path(sys.argv[1])
db = Database(work / "plain.sqlite")
db.run(lambda s: s.execute(text("select 1")))  # SQLAlchemy imported and used
assert isinstance(sys.modules["hashlib"], StandIn) and not loaded("hashlib")
for name in ("_hashlib", "_blake2", "hmac", "secrets"):
    assert name not in sys.modules, name
db.dispose()

# Eight threads ask for a digest at once: every one gets the real module's answer.
stand_in, seen = sys.modules["hashlib"], []
threads = [threading.Thread(target=lambda: seen.append(stand_in.sha256(b"abc").hexdigest())) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
import hashlib
assert loaded("hashlib") and not isinstance(hashlib, StandIn) and "_hashlib" in sys.modules
assert seen == [hashlib.sha256(b"abc").hexdigest()] * 8
from sqlalchemy.util import compat  # SQLAlchemy's own reference (bound to the stand-in) reaches the real module
assert compat.md5_not_for_security().name == "md5"

# A password set, the file encrypted, opened again with the password and with the recovery code; a backup's
# checksum; a township form's fingerprint.
path = work / "secret.sqlite"
shutil.copyfile(sys.argv[2], path)
code = recovery.new_code()
assert len(code) == 24 and set(code) <= set(recovery.ALPHABET)
set_password(path, "桂花2026", code)
assert keys.is_encrypted(path)
keys.forget_all()
unlock(path, "桂花2026")
assert check_password(path, "桂花2026") and not check_password(path, "别的")
secret = Database(path)
assert secret.run(lambda s: s.execute(text("select count(*) from members")).scalar()) > 0
copy = backup_to(secret, work / "copy.sqlite")
check_backup(copy)
secret.dispose()
keys.forget_all()
assert recovery.unlock_with_code(path, code) is not None
assert len(recovery.file_sha256(recovery.sidecar_of(path))) == 64
from openpyxl import Workbook
from fedclient.core.forms.fill import fingerprint
wb = Workbook(); wb.active["A1"] = "姓名"
assert len(fingerprint(wb)) == 32
print("ok")
"""


def test_hashing_loads_only_when_used_and_then_works(tmp_path, demo_template):
    result = subprocess.run(
        [sys.executable, "-c", HASHING, str(tmp_path), str(demo_template)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"


# pickle, imported by logging.handlers (the log file's module) and SQLAlchemy's types, pickles nothing of ours.
PICKLING = r"""
import sys
import fedclient
import logging.handlers
from fedclient.on_demand import StandIn, loaded
from sqlalchemy import Column, Integer, MetaData, PickleType, Table, create_engine, insert, select

assert isinstance(sys.modules["pickle"], StandIn) and "_pickle" not in sys.modules
stand_in_protocol = sys.modules["pickle"].HIGHEST_PROTOCOL
engine = create_engine("sqlite://")
things = Table("things", MetaData(), Column("id", Integer, primary_key=True), Column("value", PickleType))
things.metadata.create_all(engine)
with engine.begin() as conn:  # SQLAlchemy's PickleType pickles with the real module
    conn.execute(insert(things).values(value={"村": ["杉板村"]}))
    assert conn.execute(select(things.c.value)).scalar() == {"村": ["杉板村"]}
import pickle
assert loaded("pickle") and stand_in_protocol == pickle.HIGHEST_PROTOCOL
assert pickle.loads(pickle.dumps(("杉板村", 1))) == ("杉板村", 1)
print("ok")
"""


def test_pickle_loads_only_when_used_and_then_works():
    result = subprocess.run([sys.executable, "-c", PICKLING], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "ok"
