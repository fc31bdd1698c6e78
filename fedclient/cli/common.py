from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fedclient.core.database import Database

# argparse's own words (usage, -h, error messages) in Chinese; the rest of its messages pass through.
ARGPARSE_CHINESE = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "expected at most one argument": "最多一个值",
    "invalid %(type)s value: %(value)r": "无效的值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有子命令 %(parser_name)r（可选：%(choices)s）",
}


def utf8_output() -> None:
    """Print UTF-8 whatever the console: Windows gives redirected output its ANSI code page (cp936, cp1252),
    where the first Chinese character outside it crashed with UnicodeEncodeError. Unprintable characters
    become "?" instead of an error; a missing stream (pythonw.exe) is left alone."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")


def chinese_argparse() -> None:
    """Make argparse speak Chinese; call before building any parser (titles are fixed at construction)."""
    if getattr(argparse, "_fedclient_chinese", False):
        return
    english = argparse._

    def translate(message: str) -> str:
        return ARGPARSE_CHINESE.get(message, english(message))

    argparse._ = translate
    argparse._fedclient_chinese = True


PASSWORD_ENV = "FEDCLIENT_PASSWORD"
NEED_PASSWORD = (
    "数据文件 {path} 设置了开机密码（已加密）。请用环境变量 FEDCLIENT_PASSWORD 或 --password-file 文件 "
    "提供开机密码（不要把密码写在命令行里）。"
)


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: not given here, ``--db`` before the subcommand (``python -m fedclient --db X demo``) holds
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS, help="数据文件路径（不存在时自动创建）")
    add_password_argument(parser)


def add_password_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-file",
        type=Path,
        default=None,
        help="存有开机密码的文本文件（数据文件设置了开机密码时需要；也可用环境变量 FEDCLIENT_PASSWORD）",
    )


def read_secret(env: str, file: Path | None, what: str) -> str | None:
    """A password or code from a file's first line or an environment variable, never from the command line."""
    import os

    if file is not None:
        try:
            lines = Path(file).read_text(encoding="utf-8-sig").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"无法读取{what}文件 {file}（{exc.__class__.__name__}）。")
        return lines[0] if lines else ""
    value = os.environ.get(env)
    return value if value else None


def unlock_file(path: Path, password: str | None, message: str) -> None:
    """Unlock the encrypted file ``path`` with ``password``, after the wait that earlier wrong passwords
    earned; exit 2 with a Chinese message when there is none or it is wrong."""
    import time

    from fedclient.core.encryption.unlock import WrongPassword, delay_after, unlock, wait_before

    if password is None:
        fail(message)
    wait = wait_before(path)
    if wait > 0:
        print(f"开机密码已连续输错多次，等待 {wait:.0f} 秒后再核对……", file=sys.stderr, flush=True)
        time.sleep(wait)
    try:
        unlock(path, password)
    except WrongPassword as exc:
        later = delay_after(exc.failures)
        extra = f"已连续输错 {exc.failures} 次，下次核对前需等待 {later:.0f} 秒。" if later else ""
        fail(f"{exc}{extra}")


def unlock_data_file(args: argparse.Namespace, path: Path) -> None:
    """When the data file is encrypted: unlock it with the password given for this command."""
    from fedclient.core.encryption.keys import PasswordNeeded, is_encrypted, key_for

    try:
        key_for(path)
        return  # ordinary, or already unlocked in this process
    except PasswordNeeded:
        pass
    if is_encrypted(path):
        password = read_secret(PASSWORD_ENV, getattr(args, "password_file", None), "开机密码")
        unlock_file(path, password, NEED_PASSWORD.format(path=path))


def db_path(args: argparse.Namespace) -> Path:
    from fedclient.core.paths import default_db_path

    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def writes(args: argparse.Namespace) -> bool:
    """Whether the subcommand writes the data file: set with ``set_defaults(writes=True)`` or a function of
    the arguments (``import-roster --dry-run`` only reads)."""
    value = getattr(args, "writes", False)
    return bool(value(args) if callable(value) else value)


@contextmanager
def data_lock(args: argparse.Namespace) -> Iterator[None]:
    """Hold the data file's lock while a writing subcommand runs: wait a few seconds (saying so) when the
    window or another command has it, then refuse with ``DataFileBusy``. Reading subcommands take none.
    ``args.check_file`` tells ``open_db`` that the last writer did not end cleanly."""
    if not writes(args):
        yield
        return
    from fedclient.core.data_lock import WAITING, DataLock

    lock = DataLock(db_path(args))
    lock.acquire(on_wait=lambda: print(WAITING, file=sys.stderr, flush=True))
    args.check_file = lock.ended_uncleanly
    try:
        yield
    finally:
        lock.release()


DAMAGED_EXIT = 3  # the data file is damaged: a restore is offered (scripts can tell this from other failures)


def open_db(args: argparse.Namespace, damaged_ok: bool = False) -> Database:
    """Open (creating and migrating) the database named on the command line, or exit with a message. A
    damaged file ends the command with ``DAMAGED_EXIT`` and says how to restore the newest good backup
    (``damaged_ok``: raise ``Damaged`` instead, for ``restore``)."""
    from fedclient.core.db_faults import Damaged
    from fedclient.core.leftovers import clean_at_start
    from fedclient.core.migrate import DatabaseError, open_database

    path = db_path(args)
    unlock_data_file(args, path)
    try:
        db = open_database(path, check=getattr(args, "check_file", False))
    except Damaged as exc:
        if damaged_ok:
            raise
        fail(f"{exc}\n{restore_advice(path)}", DAMAGED_EXIT)
        raise  # unreachable: fail exits
    except DatabaseError as exc:
        fail(str(exc))
        raise  # unreachable: fail exits
    if db.notice:
        print(f"注意：{db.notice}", file=sys.stderr)
    clean_at_start(path)  # temporary files of killed runs (only this program's own)
    return db


def restore_advice(path: Path) -> str:
    from fedclient.core.paths import backup_dir_for
    from fedclient.core.recover import describe_backup, newest_good_backup

    backups = backup_dir_for(path)
    good = newest_good_backup(backups)
    if good is None:
        return (
            f"备份文件夹 {backups} 中没有完好的备份。如有别处的备份（如U盘上的），用它恢复：\n"
            f"  python -m fedclient restore --db {path} --from 备份文件\n"
            "损坏的文件会改名保留，不会删除；也可以把它交给技术支持人员。"
        )
    return (
        f"最近一份完好的备份（已检查）：{describe_backup(good)}。用它恢复（损坏的文件会改名保留，不会删除）：\n"
        f"  python -m fedclient restore --db {path} --from {good}"
    )


def fail(message: str, status: int = 2) -> None:
    print(f"错误：{message}", file=sys.stderr)
    raise SystemExit(status)


MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> tuple[int, int]:
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        fail(f"月份“{text}”格式不对，应为 YYYY-MM，例如 2026-10")
    return int(match.group(1)), int(match.group(2))
