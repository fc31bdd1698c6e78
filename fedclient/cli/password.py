"""password: set, change or remove the 开机密码 (encryption of the data file), or reset it with the recovery code.

Passwords and codes come from environment variables or files, never from the command line (which other users
of the computer can see): the current password as for every command (FEDCLIENT_PASSWORD / --password-file), the
new one from FEDCLIENT_NEW_PASSWORD / --new-password-file, the recovery code from FEDCLIENT_RECOVERY_CODE /
--recovery-code-file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_db_argument, db_path, fail, read_secret, unlock_data_file

WARNING = "请注意：没有开机密码、也没有恢复码，任何人（包括技术支持）都无法读出这些数据。"


def register(sub) -> None:
    parser = sub.add_parser("password", help="设置、修改、取消开机密码（加密数据文件），或用恢复码重设密码")
    add_db_argument(parser)
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--set", action="store_true", help="设置开机密码并生成恢复码")
    what.add_argument("--change", action="store_true", help="修改开机密码（恢复码不变）")
    what.add_argument("--remove", action="store_true", help="取消开机密码（数据文件不再加密）")
    what.add_argument("--reset", action="store_true", help="忘记密码：用恢复码重设开机密码（生成新的恢复码）")
    parser.add_argument("--new-password-file", type=Path, default=None, help="存有新开机密码的文本文件")
    parser.add_argument(
        "--recovery-code-file", type=Path, default=None, help="存有恢复码的文本文件（--reset）"
    )
    parser.set_defaults(func=run, writes=True)


def _new_password(args) -> str:
    password = read_secret("FEDCLIENT_NEW_PASSWORD", args.new_password_file, "新开机密码")
    if not password:
        fail("请用环境变量 FEDCLIENT_NEW_PASSWORD 或 --new-password-file 文件给出新的开机密码。")
    from fedclient.core.encryption.policy import password_problem

    problem = password_problem(password)
    if problem:
        fail(problem)
    return password


def _show_code(code: str) -> None:
    from fedclient.core.encryption.recovery import grouped

    print(f"恢复码：{grouped(code)}")
    print("请把恢复码抄下或打印出来，放进妇联的文件柜。忘记开机密码时，用它重设密码。")
    print(WARNING)


def run(args) -> int:
    from fedclient.core.encryption.keys import is_encrypted
    from fedclient.core.encryption.recovery import new_code, unlock_with_code
    from fedclient.core.encryption.rekey import RekeyFailed, set_password
    from fedclient.core.migrate import open_database

    path = db_path(args)
    if args.set:
        if is_encrypted(path):
            fail("数据文件已经设置了开机密码；要修改请用 --change。")
        password = _new_password(args)
        open_database(path).dispose()  # created and upgraded, as every command does
    elif args.reset:
        if not is_encrypted(path):
            fail("数据文件没有设置开机密码。")
        code = read_secret("FEDCLIENT_RECOVERY_CODE", args.recovery_code_file, "恢复码")
        if not code:
            fail("请用环境变量 FEDCLIENT_RECOVERY_CODE 或 --recovery-code-file 文件给出恢复码。")
        password = _new_password(args)
        if unlock_with_code(path, code) is None:
            fail("恢复码不对，或数据文件旁和备份文件夹里都找不到它的 .key 文件。数据文件没有改动。")
    else:
        if not is_encrypted(path):
            fail("数据文件没有设置开机密码。")
        unlock_data_file(args, path)
        password = _new_password(args) if args.change else None
    code = new_code() if (args.set or args.reset) else None
    try:
        set_password(path, password, code)
    except RekeyFailed as exc:
        fail(str(exc))
    if code:
        _show_code(code)
    elif args.change:
        print("开机密码已修改。恢复码不变；以前的备份仍可用原来的密码或恢复码打开。")
    else:
        print("已取消开机密码：数据文件不再加密。备份文件夹里以前的备份仍用原来的密码保护。", file=sys.stdout)
    return 0
