from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fedclient.core.database import Database
from fedclient.core.migrate import DatabaseError, open_database
from fedclient.core.paths import default_db_path


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=None, help="数据文件路径（不存在时自动创建）")


def open_db(args: argparse.Namespace) -> Database:
    """Open (creating and migrating) the database named on the command line, or exit with a message."""
    path = Path(args.db) if args.db else default_db_path()
    try:
        return open_database(path)
    except DatabaseError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits


def fail(message: str, status: int = 2) -> None:
    print(f"错误：{message}", file=sys.stderr)
    raise SystemExit(status)
