"""backup: copy the data file to a backup file."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_db_argument, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("backup", help="把数据文件备份到指定文件")
    add_db_argument(parser)
    parser.add_argument(
        "--out", type=Path, required=True, help="备份文件路径（给出文件夹时自动取带日期的文件名）"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from fedclient.core.backup import BackupFailed, backup_to

    db = open_db(args)
    try:
        out = backup_to(db, args.out, notes := [])
    except BackupFailed as exc:
        fail(str(exc))
    finally:
        db.dispose()
    print(f"已备份到 {out}")
    for note in notes:
        print(f"注意：{note}", file=sys.stderr)
    return 0
