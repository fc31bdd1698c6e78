"""Command line beside the window: ``python -m fedclient SUBCOMMAND …`` for batch work.

Each subcommand lives in its own module named ``*_cmd.py`` with ``register(subparsers)``; they are found
by name. Modules that print import Qt inside their ``run`` only. Without a subcommand the window opens.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys


def command_modules() -> list:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.endswith("_cmd"))
    return [importlib.import_module(f"{__name__}.{name}") for name in names]


def build_parser() -> argparse.ArgumentParser:
    from .common import chinese_argparse

    chinese_argparse()
    parser = argparse.ArgumentParser(
        prog="python -m fedclient",
        description="村妇联工作台 命令行：批量处理（演示数据、导出、导入、打印为 PDF、备份）。不带子命令时打开窗口。",
    )
    parser.add_argument("--db", help="数据文件路径（默认：用户数据文件夹中的 fedclient.sqlite）")
    sub = parser.add_subparsers(dest="command", title="子命令", metavar="SUBCOMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(argv)
    if args.command is None:
        from fedclient.app import main as open_window

        return open_window(argv)
    return args.func(args)
