"""The import dialog and the print dialogs are deleted once closed, like every report window; closing the import
dialog while its work runs cancels that work and waits for it to end (an import rolled back, or finished and
reported when it was already being saved), never deleting the dialog under a callback."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy import func, select

from fedclient.core.members import roster_import
from fedclient.core.models import Member
from fedclient.ui.members.transfer import import_roster

from .test_dialog_memory import close_when_shown
from .test_import_progress import write_roster
from .user import deleted


def count(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count(Member.id)))


def gated_apply(monkeypatch, at_last: bool = False):
    """The import stops at a gate (after its first chunk, or after its last report) until the test opens it."""
    reached, go = threading.Event(), threading.Event()
    real_apply = roster_import.apply_roster_import

    def apply(session, preview, progress):
        def gate(done, total, text=""):
            progress(done, total, text)
            if (
                text.startswith("已写入") if at_last else done >= roster_import.WRITE_CHUNK
            ) and not reached.is_set():
                reached.set()
                go.wait(10)
                if not at_last:
                    progress(done, total, text)  # hears the cancel

        return real_apply(session, preview, progress=gate)

    monkeypatch.setattr("fedclient.ui.members.transfer.apply_roster_import", apply)
    return reached, go


@pytest.fixture
def parent(qtbot):
    widget = QWidget()  # held here: qtbot holds it weakly, and the dialogs go with it
    qtbot.addWidget(widget)
    return widget


def opened(qtbot, ops, tmp_path, parent, people: int = 20):
    roster = tmp_path / "花名册.xlsx"
    write_roster(roster, people)
    dialog = import_roster(parent, ops, str(roster))
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.import_button.isEnabled(), timeout=20000)
    return dialog


def test_the_import_dialog_is_deleted_once_closed_or_done(qtbot, db, ops, tmp_path, monkeypatch, parent):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    dialog = opened(qtbot, ops, tmp_path, parent)
    dialog.reject()
    qtbot.waitUntil(lambda: deleted(dialog))
    dialog = opened(qtbot, ops, tmp_path, parent)
    dialog.do_import()
    qtbot.waitUntil(lambda: deleted(dialog), timeout=20000)
    assert count(db) == 20 and len(told) == 1


def test_closing_while_importing_cancels_and_waits_for_the_import(
    qtbot, db, ops, tmp_path, monkeypatch, parent
):
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    reached, go = gated_apply(monkeypatch)
    dialog = opened(qtbot, ops, tmp_path, parent, people=1500)
    dialog.do_import()
    assert reached.wait(20)
    dialog.reject()  # Esc or × while the first thousand are being written
    assert not deleted(dialog) and dialog.isVisible() and "正在取消" in dialog.summary.text()
    go.set()
    qtbot.waitUntil(lambda: deleted(dialog), timeout=20000)
    ops.wait_idle()
    assert count(db) == 0  # rolled back


def test_closing_when_the_import_is_already_saving_reports_it_then_closes(
    qtbot, db, ops, tmp_path, monkeypatch, parent
):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    reached, go = gated_apply(monkeypatch, at_last=True)
    dialog = opened(qtbot, ops, tmp_path, parent)
    dialog.do_import()
    assert reached.wait(20)
    dialog.close()
    assert not deleted(dialog)
    go.set()  # past its last report: the import is written, and the chair is told so
    qtbot.waitUntil(lambda: deleted(dialog), timeout=20000)
    assert count(db) == 20 and len(told) == 1 and "20" in told[0]


def test_closing_while_the_file_is_read_closes_once_the_reading_stopped(
    qtbot, db, ops, tmp_path, monkeypatch, parent
):
    reading, go = threading.Event(), threading.Event()
    real_load = roster_import.load_roster

    def slow_load(path, progress, sheet=None):
        reading.set()
        go.wait(10)
        progress(0, 0, "")  # hears the cancel
        return real_load(path, progress=progress, sheet=sheet)

    monkeypatch.setattr("fedclient.ui.members.transfer.load_roster", slow_load)
    roster = tmp_path / "花名册.xlsx"
    write_roster(roster, 5)
    dialog = import_roster(parent, ops, str(roster))
    assert reading.wait(10)
    dialog.reject()
    assert not deleted(dialog)
    go.set()
    qtbot.waitUntil(lambda: deleted(dialog), timeout=10000)
    ops.wait_idle()


def test_print_dialogs_are_deleted_once_closed(qtbot, qapp, parent):
    from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog

    from fedclient.ui import printing

    seen = close_when_shown(qtbot, QPrintPreviewDialog)
    printing.preview_and_print(parent, lambda: "<p>公示</p>")
    assert len(seen) == 1
    qtbot.waitUntil(lambda: deleted(seen[0]))
    seen = close_when_shown(qtbot, QPrintDialog)
    assert printing.print_with_dialog(parent, "<p>公示</p>") is False
    assert len(seen) == 1
    qtbot.waitUntil(lambda: deleted(seen[0]))


def test_the_preview_of_a_sheet_holding_only_its_header_says_so(qtbot, db, ops, tmp_path, parent):
    from openpyxl import Workbook

    path = tmp_path / "只有表头.xlsx"
    wb = Workbook()
    wb.active.append(["序号", "姓名", "身份证号码"])
    wb.save(path)
    dialog = import_roster(parent, ops, str(path))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.summary.text() == "表头（第 1 行）下面没有任何数据行，没有可导入的人"
    assert not dialog.import_button.isEnabled()
