"""restore: check a backup, back up the current data, then restore the backup."""

from __future__ import annotations

from pathlib import Path

from .common import add_db_argument, db_path, fail, open_db


def register(sub) -> None:
    parser = sub.add_parser("restore", help="从备份文件恢复（先检查备份，再备份当前数据）")
    add_db_argument(parser)
    parser.add_argument("--from", dest="source", type=Path, required=True, help="备份文件路径")
    parser.set_defaults(func=run, writes=True)


def run(args) -> int:
    from fedclient.core.backup import BackupFailed, BackupInvalid, check_backup, restore_from
    from fedclient.core.db_faults import Damaged
    from fedclient.core.history.events import record_restore
    from fedclient.core.migrate import DatabaseError, open_database
    from fedclient.core.paths import backup_dir_for
    from fedclient.core.recover import replace_damaged

    try:
        db = open_db(args, damaged_ok=True)
    except Damaged:  # the damaged file is kept aside (renamed), never copied over or wiped
        try:
            check_backup(args.source)
            print(replace_damaged(db_path(args), args.source))
        except DatabaseError as exc:
            fail(str(exc))
        return 0
    db.dispose()
    try:
        safety = restore_from(db.path, args.source, backup_dir_for(db.path))
    except (BackupInvalid, BackupFailed) as exc:
        fail(str(exc))
    restored = open_database(db.path)  # upgrades a backup from an older version
    try:
        restored.run(record_restore, args.source.name)
    finally:
        restored.dispose()
    print(f"已从 {args.source} 恢复。恢复前的数据已另存为 {safety}")
    return 0
