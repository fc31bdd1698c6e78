"""Command line beside the window: ``python -m fedclient SUBCOMMAND …`` for batch work.

One module per subcommand, named after it (``export_month`` for ``export-month``), each with
``register(subparsers)`` and ``run(args)``. ``run`` imports the heavy modules (the services, Qt for printing)
so that ``--help`` stays fast. Without a subcommand the window opens.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import (
    backup,
    case_pdf,
    consolidate,
    demo,
    export_month,
    fill_form,
    history,
    import_roster,
    password,
    print_board,
    print_grids,
    print_review,
    restore,
)

# In the order ``--help`` lists them.
SUBCOMMANDS = (
    demo,
    backup,
    restore,
    password,
    import_roster,
    print_board,
    case_pdf,
    print_grids,
    print_review,
    export_month,
    fill_form,
    consolidate,
    history,
)


def build_parser() -> argparse.ArgumentParser:
    from .common import chinese_argparse

    chinese_argparse()
    parser = argparse.ArgumentParser(
        prog="python -m fedclient",
        description="村妇联工作台 命令行：批量处理（演示数据、导出、导入、打印为 PDF、备份）。不带子命令时打开窗口。",
    )
    parser.add_argument("--db", type=Path, help="数据文件路径（默认：用户数据文件夹中的 fedclient.sqlite）")
    sub = parser.add_subparsers(dest="command", title="子命令", metavar="SUBCOMMAND")
    for module in SUBCOMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .common import utf8_output

    utf8_output()
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.command is None:
        from fedclient.app import main as open_window

        return open_window(argv)
    return run_guarded(args)


def run_guarded(args: argparse.Namespace) -> int:
    """Run a subcommand so that no Python traceback ever reaches the user: a known failure gets its own
    Chinese sentence, anything else one sentence plus the log file (which gets the traceback); exit 2."""
    from fedclient.core import failures
    from fedclient.core.history.source import default_source

    from .common import data_lock

    failures.quiet_unraisable()
    try:  # warnings and errors met while cleaning up go to the log file, never to the console
        failures.setup_logging()
    except OSError:
        pass  # no log folder: they are dropped (quiet_unraisable), still never printed
    try:
        # Commands that write wait for, or are refused by, the window's lock; what they change is recorded
        # in the history as the command's.
        with data_lock(args), default_source("command", args.command):
            return args.func(args)
    except KeyboardInterrupt:
        print("已中断：操作没有完成，已保存的数据没有改动。", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place where every failure becomes a message
        known = failures.explain(exc)
        try:
            log_path = failures.setup_logging()
            failures.log_failure(exc, f"命令 {args.command}")
        except OSError:
            log_path = None
        print(f"错误：{known or failures.unexpected(log_path)}", file=sys.stderr)
        return 2
