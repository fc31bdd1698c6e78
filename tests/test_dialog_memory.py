"""An editing dialog is deleted once the chair closes it: made with its page as parent, it would otherwise stay in
memory, hidden, for the rest of the session (the member dialog ~180 widgets and ~5 MiB each time it is opened)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.user import deleted


def open_and_close(qtbot, open_one, close) -> None:
    dialog = open_one()
    assert dialog.isVisible()
    close(dialog)
    qtbot.waitUntil(lambda: deleted(dialog))


def test_editing_dialogs_are_deleted_when_closed(qtbot, main_window):
    from fedclient.ui.grids.tab import GridsTab
    from fedclient.ui.mediation.tab import MediationTab
    from fedclient.ui.members.tab import MembersTab
    from fedclient.ui.pledges.tab import PledgesTab

    members = main_window.tab(MembersTab)
    main_window.select_tab("成员")
    qtbot.waitUntil(lambda: members.roster.model.rowCount() > 0)
    openers = [
        members.roster.add_member,
        lambda: members.roster.edit_member(members.roster.model.id_at(0)),
        members.helped.add_person,
        main_window.tab(PledgesTab).list_page.new,
        main_window.tab(MediationTab).new_case,
        main_window.tab(MediationTab).open_settings,
        main_window.tab(GridsTab).new_service,
    ]
    for open_one in openers:  # each made once before counting: the modules and caches of its first opening
        open_and_close(qtbot, open_one, lambda d: d.reject())
    before = len(QApplication.allWidgets())
    for _ in range(3):
        for open_one in openers:
            open_and_close(qtbot, open_one, lambda d: d.reject())
    assert len(QApplication.allWidgets()) == before
    # The same through the window's close button (Esc/×), not only 取消.
    open_and_close(qtbot, members.roster.add_member, lambda d: d.close())
    assert len(QApplication.allWidgets()) == before


def close_when_shown(qtbot, kind: type, close=lambda d: d.reject()) -> list:
    """Closes the next ``kind`` dialog once it shows (a dialog run with ``exec`` holds the caller until then);
    the dialogs seen are listed."""
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            close(dialog)
        else:
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)
    return seen


def test_dialogs_run_to_an_answer_and_the_reports_windows_are_deleted_when_closed(
    qtbot, main_window, monkeypatch
):
    """The profile, 开机密码 and 议事会 decision dialogs (run until answered) and the monthly report's windows: each
    closing deletes its dialog, and what the caller reads from one (a decision) is read before that."""
    from fedclient.ui.grids.decision_dialog import DecisionDialog
    from fedclient.ui.grids.tab import GridsTab
    from fedclient.ui.lock import password_dialog
    from fedclient.ui.monthly_report import actions
    from fedclient.ui.profile_dialog import ProfileDialog

    council = main_window.tab(GridsTab).council_page  # a new meeting's decisions
    council.ensure_loaded()
    main_window.ops.wait_idle()

    def run(kind: type, start, close=lambda d: d.reject()):
        seen = close_when_shown(qtbot, kind, close)
        start()
        assert len(seen) == 1
        qtbot.waitUntil(lambda: deleted(seen[0]))

    def decided(dialog: DecisionDialog) -> None:
        main_window.ops.wait_idle()  # the people it lists, read once it is up
        dialog.content.setPlainText("请卫生院上门接种")
        dialog.responsible.combo.setEditText("卫生院李医生")
        dialog.accept_if_valid()

    openers = [
        lambda: run(ProfileDialog, main_window.edit_profile),
        lambda: run(password_dialog.SetDialog, lambda: password_dialog.open_password_settings(main_window)),
        lambda: run(DecisionDialog, council.add_decision, decided),
        lambda: open_and_close(qtbot, lambda: actions.open_export_dialog(main_window), lambda d: d.reject()),
        lambda: open_and_close(qtbot, lambda: actions.open_consolidate(main_window), lambda d: d.close()),
        lambda: open_and_close(qtbot, lambda: actions.open_fill_form(main_window), lambda d: d.close()),
    ]
    for open_one in openers:
        open_one()
    assert council.decisions[-1].content == "请卫生院上门接种"  # read from the dialog before it went
    before = len(QApplication.allWidgets())
    for _ in range(2):
        for open_one in openers:
            open_one()
    assert len(QApplication.allWidgets()) == before
    assert [d.content for d in council.decisions[-3:]] == ["请卫生院上门接种"] * 3
