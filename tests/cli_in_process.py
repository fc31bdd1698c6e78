"""A command of ``python -m fedclient`` run in the test's own process: its exit status and what it printed."""

from __future__ import annotations

from fedclient.cli import main


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err
