"""An editing dialog is deleted once the chair closes it: made with its page as parent, it would otherwise stay in
memory, hidden, for the rest of the session (the member dialog ~180 widgets and ~5 MiB each time it is opened)."""

from __future__ import annotations

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
