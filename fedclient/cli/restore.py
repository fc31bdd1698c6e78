"""restore: check a backup, back up the current data, then restore the backup."""

from __future__ import annotations

from pathlib import Path

from .common import add_db_argument, db_path, fail, open_db, unlock_data_file


def register(sub) -> None:
    parser = sub.add_parser("restore", help="从备份文件恢复（先检查备份，再备份当前数据）")
    add_db_argument(parser)
    parser.add_argument("--from", dest="source", type=Path, required=True, help="备份文件路径")
    parser.add_argument(
        "--recovery-code-file",
        type=Path,
        default=None,
        help="加密的备份用别的密码做成时：存有恢复码的文本文件（备份旁须有同名的 .key 文件）",
    )
    parser.set_defaults(func=run, writes=True)


def run(args) -> int:
    from fedclient.core.backup import BackupFailed, BackupInvalid, check_backup, restore_from
    from fedclient.core.db_faults import Damaged
    from fedclient.core.history.events import record_restore
    from fedclient.core.migrate import DatabaseError, open_database
    from fedclient.core.paths import backup_dir_for
    from fedclient.core.recover import replace_damaged

    unlock_backup(args)
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


def unlock_backup(args) -> None:
    """An encrypted backup opens with the data file's password, the password it was made with, or the
    recovery code (with its .key file); otherwise a Chinese message and exit 2."""
    from fedclient.core.encryption.recovery import unlock_copy

    from .common import PASSWORD_ENV, read_secret

    password = read_secret(PASSWORD_ENV, args.password_file, "开机密码")
    code = read_secret("FEDCLIENT_RECOVERY_CODE", args.recovery_code_file, "恢复码")
    path = db_path(args)
    if args.source.is_file() and not unlock_copy(args.source, password, code):
        if password is not None and path.is_file():
            unlock_data_file(args, path)  # the data file's own code may open it
            if unlock_copy(args.source, password, code, path):
                return
        fail(
            f"备份文件 {args.source.name} 已加密，给出的开机密码打不开它。请用做这份备份时的开机密码"
            "（FEDCLIENT_PASSWORD 或 --password-file），或用恢复码（--recovery-code-file，备份旁须有同名的 .key 文件）。"
        )
