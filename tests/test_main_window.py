from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtWidgets import QApplication

from fedclient.core.data_lock import DataLock
from tests.user import button, click, message_under, type_into


def test_main_window_has_five_chinese_tabs_and_shows_the_village(qtbot, main_window):
    titles = [main_window.tabs.tabText(i) for i in range(main_window.tabs.count())]
    assert titles == ["首页", "成员", "承诺", "调解", "网格"]
    qtbot.waitUntil(lambda: "杉板村" in main_window.windowTitle())  # read in the background
    menus = [a.text() for a in main_window.menuBar().actions()]
    assert menus == ["文件(&F)", "年度工作(&Y)", "设置(&S)", "帮助(&H)"]
    assert "上次备份" in main_window.backup_label.text()


def test_qt_own_buttons_are_chinese(qapp):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_ui_font_is_a_simplified_chinese_face(qapp):
    family = QApplication.font().family()
    assert "SC" in family or "YaHei" in family or "SimSun" in family, family


def test_first_start_profile_dialog_keeps_typing_and_explains_errors(qtbot, qapp, db, ops):
    from fedclient.core.village import get_profile
    from fedclient.ui.profile_dialog import ProfileDialog

    dialog = ProfileDialog(ops, first_start=True)
    qtbot.addWidget(dialog)
    dialog.show()
    assert button(dialog, "稍后填写").isVisible()
    type_into(qtbot, dialog.edits["village"], "杉板村")
    type_into(qtbot, dialog.edits["chair_phone"], "12345")
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: message_under(dialog.edits["province"]) == "请填写省")
    assert dialog.isVisible() and dialog.edits["village"].text() == "杉板村"
    assert (
        "号码" in message_under(dialog.edits["chair_phone"]) and message_under(dialog.edits["village"]) == ""
    )
    for name, value in {
        "province": "湖南省",
        "city": "常德市",
        "county": "临澧县",
        "township": "合口镇",
        "chair_name": "张秀兰",
        "chair_phone": "138 0013 8000",
    }.items():
        type_into(qtbot, dialog.edits[name], value)
        assert message_under(dialog.edits[name]) == ""  # corrected: the message goes
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    profile = db.run(get_profile)
    assert profile.village == "杉板村" and profile.chair_phone == "13800138000"


def test_second_instance_is_refused(tmp_path):
    db_path = tmp_path / "x.sqlite"
    holder = textwrap.dedent(
        f"""
        import sys, time
        from fedclient.core.data_lock import DataLock
        lock = DataLock({str(db_path)!r})
        print("locked" if lock.try_acquire() else "refused", flush=True)
        sys.stdin.readline()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "locked"
        assert not DataLock(db_path).try_acquire()
    finally:
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=10)
    assert DataLock(db_path).try_acquire(), "the lock is free once the first program ends"


def test_restore_from_the_file_menu_checks_first_then_replaces_the_data(
    qtbot, main_window, tmp_path, monkeypatch
):
    import sqlite3

    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from fedclient.core.backup import backup_to
    from fedclient.core.models import Member
    from fedclient.ui import backup_actions

    def member_names(window) -> list[str]:
        return window.db.run(lambda s: sorted(s.scalars(select(Member.name))))

    shown: list[tuple[str, str]] = []
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(
            QMessageBox, kind, lambda parent, title, text, k=kind: shown.append((title, text))
        )
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    good = backup_to(main_window.db, tmp_path / "good.sqlite")
    before = member_names(main_window)
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num='9999_future'")
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(good.read_bytes()[:5000])
    for bad in (newer, corrupt):
        assert not backup_actions.restore_checked(main_window, bad)
        title, text = shown.pop()
        assert title == "不能恢复" and "当前数据没有任何改动" in text
    assert member_names(main_window) == before, "a refused backup leaves the data alone"
    main_window.ops.read_now(lambda s: s.query(Member).update({Member.name: Member.name + "改"}))
    assert member_names(main_window) != before
    assert backup_actions.restore_checked(main_window, good)
    assert shown.pop()[0] == "恢复完成"
    assert member_names(main_window) == before
    qtbot.waitUntil(lambda: "杉板村" in main_window.windowTitle())


def test_windows_carry_the_program_icon(qapp):
    from fedclient.ui.app_setup import install_icon

    install_icon(qapp)
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert icon.pixmap(32, 32).width() == 32
