"""A big import is never silent: the command line prints where it is (rows read, kept, refused) once a second,
through reading the file, checking the rows, writing and saving; the window shows the same and can cancel."""

from __future__ import annotations

import re

from openpyxl import Workbook
from sqlalchemy import func, select

from fedclient.cli import main
from fedclient.cli.import_roster import ProgressLine
from fedclient.core.migrate import open_database
from fedclient.core.models import ChangeLog, Member


def write_roster(path, people: int) -> None:
    from stdnum.cn.ric import calc_check_digit

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(["序号", "姓名", "性别", "出生年月", "身份证号码", "联系电话"])
    for i in range(people):
        body = f"430724{1960 + i % 40}{i % 12 + 1:02d}{i % 28 + 1:02d}{i % 100:02d}{(i % 5) * 2}"
        ws.append([i + 1, "王李张刘陈"[i % 5] + "秀丽芳敏静"[i // 5 % 5] + "英兰梅华玲"[i // 25 % 5], "女",
                   f"{1960 + i % 40}.{i % 12 + 1:02d}", body + calc_check_digit(body + "0"), f"138{i:08d}"])  # fmt: skip
    ws.append([people + 1, "赵敏", "女", "1980.05", "4307241980", ""])  # refused: 10 digits
    ws.append(["合计", f"{people + 1}人"])
    wb.save(path)


def test_the_printer_prints_the_latest_report_once_a_second_on_the_second(capsys):
    now = [0.0]
    line = ProgressLine(clock=lambda: now[0])
    for step in range(1, 36):  # reports every 0.1 s for 3.5 s
        now[0] = step / 10
        line(step, 35, f"第{step}次")
    printed = capsys.readouterr().err.split()
    assert printed == ["第10次", "第20次", "第30次"]


def test_the_command_line_shows_progress_through_every_stage(tmp_path, capsys, monkeypatch):
    roster = tmp_path / "花名册.xlsx"
    write_roster(roster, 300)
    monkeypatch.setattr(ProgressLine, "interval", 0.0)  # every report printed, however fast this machine is
    assert main(["import-roster", str(roster), "--db", str(tmp_path / "村.sqlite")]) == 0
    lines = capsys.readouterr().err.splitlines()

    def first(pattern: str) -> int:
        found = [i for i, text in enumerate(lines) if re.search(pattern, text)]
        assert found, f"no progress line matching {pattern!r} in {lines}"
        return found[0]

    reading, read = first("正在读取工作表“花名册”"), first("已读入工作表“花名册”的 303 行")
    checking = first(r"已读到第 \d+ 行：可导入 \d+ 人，不能导入 \d+ 行，跳过 \d+ 行")
    checked = first("检查完毕：已读到第 303 行：可导入 300 人，不能导入 1 行，跳过 1 行")
    writing, saving = first(r"正在写入第 1 / 300 人"), first("已写入 300 人，正在保存到数据文件")
    assert reading < read < checking <= checked < writing < saving


def test_cancel_while_writing_leaves_nothing_written(tmp_path, empty_template):
    """取消 in the window's progress dialog makes the next report raise: the one transaction rolls back, the
    history included."""
    from fedclient.core.members.roster_import import (
        WRITE_CHUNK,
        apply_roster_import,
        load_roster,
        plan_roster_import,
    )
    from fedclient.core.progress import Cancelled
    from tests.conftest import copy_sqlite

    roster = tmp_path / "花名册.xlsx"
    write_roster(roster, 2500)
    copy_sqlite(empty_template, tmp_path / "村.sqlite")
    db = open_database(tmp_path / "村.sqlite")
    preview = db.run(plan_roster_import, load_roster(roster))
    reports = []

    def cancel_after_the_first_chunk(done, total, text=""):
        reports.append(text)
        if done >= WRITE_CHUNK:
            raise Cancelled()

    try:
        db.run(apply_roster_import, preview, progress=cancel_after_the_first_chunk)
    except Cancelled:
        pass
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 0
        assert s.scalar(select(func.count(ChangeLog.id))) == 0
    db.dispose()
    assert WRITE_CHUNK < 2500
    assert reports[-1].startswith(f"正在写入第 {WRITE_CHUNK + 1} / 2500 人"), reports


def test_the_window_shows_the_reading_and_a_cancel_while_writing_leaves_nothing(
    qtbot, qapp, db, ops, tmp_path, monkeypatch
):
    import threading

    from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

    from fedclient.core.members import roster_import
    from fedclient.ui import operations
    from fedclient.ui.members.transfer import import_roster

    monkeypatch.setattr(operations, "PROGRESS_DELAY_MS", 0)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    roster = tmp_path / "花名册.xlsx"
    write_roster(roster, 1500)
    shown: list[str] = []
    reached, clicked = threading.Event(), threading.Event()
    real_load, real_apply = roster_import.load_roster, roster_import.apply_roster_import

    def slow_load(path, progress, sheet=None):  # the dialog has time to show what the reading reports
        def watched(done, total, text=""):
            progress(done, total, text)
            if "正在读取工作表" in text and not shown:
                shown.append(text)
                clicked.wait(5)  # until the test has seen the dialog

        return real_load(path, progress=watched, sheet=sheet)

    def apply_until_cancelled(session, preview, progress):
        def gate(done, total, text=""):
            progress(done, total, text)
            if done >= roster_import.WRITE_CHUNK:  # the first thousand written: the chair clicks 取消
                reached.set()
                clicked.wait(10)
                progress(done, total, text)  # raises Cancelled

        return real_apply(session, preview, progress=gate)

    monkeypatch.setattr("fedclient.ui.members.transfer.load_roster", slow_load)
    monkeypatch.setattr("fedclient.ui.members.transfer.apply_roster_import", apply_until_cancelled)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = import_roster(parent, ops, str(roster))
    qtbot.waitUntil(lambda: bool(ops.progress_dialogs) and bool(shown), timeout=10000)
    qtbot.waitUntil(lambda: "正在读取工作表“花名册”" in ops.progress_dialogs[0].labelText(), timeout=5000)
    clicked.set()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=20000)
    clicked.clear()
    assert dialog.import_button.text() == "导入 1500 人"
    dialog.do_import()
    assert reached.wait(20)
    qtbot.waitUntil(lambda: bool(ops.progress_dialogs), timeout=5000)
    progress_dialog = ops.progress_dialogs[0]
    assert progress_dialog.labelText().startswith("正在写入第")
    progress_dialog.findChild(QPushButton).click()  # 取消
    clicked.set()
    ops.wait_idle()
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    with db.session() as s:
        assert s.scalar(select(func.count(Member.id))) == 0
        assert s.scalar(select(func.count(ChangeLog.id))) == 0
    assert dialog.isVisible(), "the preview stays, the chair can import again"
