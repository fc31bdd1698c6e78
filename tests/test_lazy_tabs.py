"""The window shows with 首页 only; every other tab is built when the chair opens it, or by itself soon after,
and then behaves exactly as if it had been built at start: current data, its menu entries in their place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from fedclient.core.changes import Area
from fedclient.core.models import Member
from fedclient.ui.lazy_tabs import TABS, Placeholder
from fedclient.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, qapp, demo_db):
    """The window as start-up makes it, before anything but 首页 was built."""
    win = MainWindow(demo_db)
    qtbot.addWidget(win)
    yield win
    win.shutdown()


def built_keys(window) -> list[str]:
    return [tab.key for tab in window.lazy.built()]


def texts(menu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_each_place_names_its_tab():
    for spec in TABS:
        cls = spec.load()
        assert (cls.key, cls.title) == (spec.key, spec.title)


def test_only_the_home_tab_is_built_before_the_window_shows(window):
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "首页",
        "成员",
        "承诺",
        "调解",
        "网格",
    ]
    assert built_keys(window) == ["home"]
    assert all(isinstance(window.tabs.widget(i), Placeholder) for i in range(1, 5))


def test_opening_a_tab_builds_it_with_the_data_as_it_is_now(qtbot, window):
    window.show()
    # Saved through the window before 成员 was built: the tab, built later, shows it.
    window.ops.write(
        lambda s: s.query(Member).filter(Member.id == 1).update({Member.name: "晚建"}), changes=Area.MEMBERS
    )
    window.ops.wait_idle()
    window.tabs.setCurrentIndex(1)  # the chair clicks 成员
    tab = window.tabs.currentWidget()
    assert tab.key == "members" and window.tabs.tabText(1) == "成员"
    roster = tab.roster
    qtbot.waitUntil(lambda: "晚建" in [roster.model.row(r).name for r in range(roster.model.rowCount())])
    # From now on it follows the window's saves like any tab.
    window.ops.write(
        lambda s: s.query(Member).filter(Member.id == 1).update({Member.name: "又改"}), changes=Area.MEMBERS
    )
    qtbot.waitUntil(lambda: "又改" in [roster.model.row(r).name for r in range(roster.model.rowCount())])
    assert built_keys(window)[:2] == ["home", "members"]


def test_the_other_tabs_are_built_soon_after_the_window_shows(qtbot, window):
    window.show()
    qtbot.waitUntil(lambda: window.lazy.pending() == 0, timeout=20_000)
    assert built_keys(window) == [spec.key for spec in TABS]
    assert window.tabs.currentIndex() == 0, "building them does not change the tab on screen"


def test_once_every_tab_is_built_the_source_text_read_while_importing_is_let_go(window):
    import linecache

    import fedclient.ui.lazy_tabs as module

    assert linecache.getline(module.__file__, 1)  # as PySide6's import hook leaves it after each import
    assert module.__file__ in linecache.cache
    window.all_tabs()
    assert module.__file__ not in linecache.cache and window.lazy.pending() == 0


def test_a_tab_asked_for_at_start_is_shown_first(qtbot, window):
    window.select_tab("调解")  # main.py --tab 调解
    window.show()
    assert window.tabs.currentWidget().key == "mediation"
    assert set(built_keys(window)) == {"home", "mediation"}


def test_menu_entries_are_in_the_tabs_order_whatever_order_they_were_built_in(qtbot, window, demo_db):
    for index in (4, 2, 3, 1):
        window.tabs.setCurrentIndex(index)
    backwards = texts(window.export_menu), texts(window.import_menu), texts(window.settings_menu)
    other = MainWindow(demo_db)
    qtbot.addWidget(other)
    other.export_menu.parentWidget().aboutToShow.emit()  # opening 文件 builds every tab first
    assert other.lazy.pending() == 0
    assert (texts(other.export_menu), texts(other.import_menu), texts(other.settings_menu)) == backwards
    assert backwards[0][0] == "导出花名册…" and backwards[0][-1] == "导出月报(&M)…"
    assert backwards[2].count("调解提醒设置…") == 1
    other.shutdown()


def test_a_restore_builds_new_tabs_the_same_way(qtbot, window):
    window.show()
    window.all_tabs()
    window.close_database()
    window.set_database(window.db)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert built_keys(window) == ["home"]
    window.all_tabs()
    assert texts(window.settings_menu).count("调解提醒设置…") == 1, "no entry twice after a restore"
    assert built_keys(window) == [spec.key for spec in TABS]
