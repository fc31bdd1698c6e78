"""The 开机密码 in the window: set with its recovery code, asked at start, the lock covering every window,
忘记密码 with the recovery code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog

from fedclient.core.encryption import keys
from fedclient.core.encryption.recovery import normalized
from fedclient.core.encryption.sheet import WARNING
from fedclient.ui.lock import password_dialog
from fedclient.ui.lock.guard import Curtain
from fedclient.ui.lock.recovery_dialog import RecoveryCodeDialog
from fedclient.ui.lock.unlock_dialog import ForgotDialog, UnlockDialog
from tests.encryption_helpers import PASSWORD, SQLITE_MAGIC, encrypted_demo, readable_in, secrets_of


@pytest.fixture(autouse=True)
def _forget_keys():
    yield
    keys.forget_all()


def accept_code_dialog(monkeypatch, seen: dict) -> None:
    """Stand in for the chair at the recovery-code dialog: read the code and the warning, tick, confirm."""

    def run(dialog: RecoveryCodeDialog) -> int:
        seen["code"] = dialog.code_label.text()
        seen["warnings"] = [
            w.text() for w in dialog.findChildren(type(dialog.code_label)) if WARNING in w.text()
        ]
        seen["ok_before_tick"] = dialog.ok_button.isEnabled()
        dialog.kept.setChecked(True)
        dialog.ok_button.click()
        return dialog.result()

    def question(_parent, title, text, *args, **kwargs):
        seen.setdefault("questions", []).append(text)
        return QMessageBox.StandardButton.Yes

    def warning(_parent, title, text, *args, **kwargs):
        raise AssertionError(f"{title}: {text}")

    monkeypatch.setattr(RecoveryCodeDialog, "exec", run)
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "warning", warning)


def test_setting_the_password_shows_the_code_warns_twice_and_encrypts(qtbot, main_window, monkeypatch):
    path = main_window.db.path
    main_window.db.dispose()
    found = secrets_of(path)
    seen: dict = {}
    accept_code_dialog(monkeypatch, seen)
    assert not main_window.lock_action.isEnabled()
    dialog = password_dialog.SetDialog(main_window, first_start=True)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.new.first, "abc")
    dialog.next_button.click()
    assert "至少" in dialog.new.message.text() and not dialog.new.message.isHidden()
    dialog.new.first.setText(PASSWORD)  # (keyClicks types ASCII only)
    dialog.new.second.setText(PASSWORD)
    dialog.next_button.click()
    assert seen["ok_before_tick"] is False  # she must say she kept the code
    assert seen["warnings"], "the dialog says plainly that without password and code nothing can be read"
    assert any("无法读出" in q for q in seen["questions"])  # ... and the confirmation says it again
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert path.read_bytes()[:16] != SQLITE_MAGIC and readable_in(path, found) == []
    assert main_window.db.encrypted and main_window.lock_action.isEnabled()
    main_window.select_tab("成员")
    main_window.ops.wait_idle()
    assert main_window.all_tabs()[1].roster.model.rowCount() > 0  # the tabs read the encrypted data
    assert len(normalized(seen["code"])) == 24


@pytest.fixture
def secret_window(qtbot, qapp, demo_template, tmp_path):
    from fedclient.core.encryption.unlock import unlock
    from fedclient.core.migrate import open_database
    from fedclient.ui.main_window import MainWindow

    path = tmp_path / "fedclient.sqlite"
    _found, code = encrypted_demo(demo_template, path)
    unlock(path, PASSWORD)
    window = MainWindow(open_database(path))
    qtbot.addWidget(window)
    window.show()
    window.recovery_code = code
    yield window
    window.shutdown()
    window.db.dispose()


def test_the_start_asks_for_the_password_and_slows_wrong_ones(qtbot, demo_template, tmp_path):
    path = tmp_path / "fedclient.sqlite"
    encrypted_demo(demo_template, path)
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    for _ in range(3):
        dialog.password.setText("不是这个密码")
        dialog.open_button.click()
    assert "不对" in dialog.message.text() or "等" in dialog.message.text()
    assert not dialog.open_button.isEnabled()  # the third wrong one: wait before the next try
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
    dialog.password.setText(PASSWORD)
    dialog.open_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert keys.key_for(path) is not None


def test_lock_covers_every_window_until_the_password(qtbot, secret_window):
    from fedclient.ui.profile_dialog import ProfileDialog

    dialog = ProfileDialog(secret_window.ops, secret_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.edits["chair_name"], "typing")
    assert secret_window.lock_guard.timer.isActive()
    assert secret_window.lock_guard.timer.interval() == 10 * 60_000  # default idle time
    secret_window.lock_guard.timer.timeout.emit()  # ten idle minutes later
    curtains = secret_window.lock_guard.curtains
    assert {c.parentWidget() for c in curtains} == {secret_window, dialog}
    for curtain in curtains:
        assert curtain.isVisible() and curtain.geometry() == curtain.parentWidget().rect()
    curtain = next(c for c in curtains if c.parentWidget() is secret_window)
    curtain.password.setText("不对")
    curtain.button.click()
    assert secret_window.lock_guard.locked and "不对" in curtain.message.text()
    curtain.password.setText(PASSWORD)
    qtbot.keyClick(curtain.password, Qt.Key.Key_Return)
    assert not secret_window.lock_guard.locked
    assert dialog.isVisible() and dialog.edits["chair_name"].text().endswith("typing")  # nothing lost


def test_no_tab_is_built_under_the_cover(qtbot, secret_window):
    """A tab built while locked could bring its shortcuts and data under the cover: the rest of the tabs wait for
    the password."""
    secret_window.lock_action.trigger()  # 锁定, before the other tabs were built
    home = secret_window.tab_by_key("home")
    qtbot.waitUntil(lambda: home.dashboard is not None, timeout=20_000)  # the moment they would be built
    qtbot.wait(300)
    assert secret_window.lazy.pending() == 4
    secret_window.findChildren(Curtain)[0].password.setText(PASSWORD)
    secret_window.findChildren(Curtain)[0].button.click()
    qtbot.waitUntil(lambda: secret_window.lazy.pending() == 0, timeout=20_000)


def test_lock_from_the_menu_and_change_and_remove_password(qtbot, secret_window, monkeypatch):
    secret_window.lock_action.trigger()
    assert secret_window.lock_guard.locked
    secret_window.findChildren(Curtain)[0].password.setText(PASSWORD)
    secret_window.findChildren(Curtain)[0].button.click()
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    manage = password_dialog.ManageDialog(secret_window)
    qtbot.addWidget(manage)
    manage.current.setText("错的密码")
    manage.new.first.setText("新的开机密码")
    manage.new.second.setText("新的开机密码")
    manage.change_button.click()
    assert "不对" in manage.current_message.text()
    manage.current.setText(PASSWORD)
    manage.change_button.click()
    path = secret_window.db.path
    keys.forget_all()
    from fedclient.core.encryption.unlock import try_password

    assert try_password(path, PASSWORD) is None and try_password(path, "新的开机密码") is not None
    manage = password_dialog.ManageDialog(secret_window)
    qtbot.addWidget(manage)
    manage.current.setText("新的开机密码")
    manage.remove_button.click()
    assert path.read_bytes()[:16] == SQLITE_MAGIC and not secret_window.lock_action.isEnabled()


def test_forgotten_password_is_reset_with_the_recovery_code(qtbot, demo_template, tmp_path, monkeypatch):
    path = tmp_path / "fedclient.sqlite"
    _found, code = encrypted_demo(demo_template, path)
    seen: dict = {}
    accept_code_dialog(monkeypatch, seen)
    dialog = ForgotDialog(path)
    qtbot.addWidget(dialog)
    dialog.code.setText("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF")
    dialog.new.first.setText("重新设的密码")
    dialog.new.second.setText("重新设的密码")
    dialog.reset_button.click()
    assert "恢复码不对" in dialog.code_message.text()
    dialog.code.setText(code.lower())
    dialog.reset_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert normalized(seen["code"]) != code  # a new code: the old one has been typed in
    keys.forget_all()
    from fedclient.core.encryption.unlock import try_password

    assert try_password(path, "重新设的密码") is not None


def test_a_window_gone_while_locked_does_not_keep_the_program_locked(qtbot, secret_window):
    """A progress dialog whose work ends while the screen is locked closes, and its curtain goes with it: the
    password still unlocks the window (and the tabs waiting for it are built)."""
    progress = QProgressDialog("正在导出", "取消", 0, 0)
    progress.show()
    secret_window.lock_action.trigger()
    assert secret_window.lock_guard.locked and len(secret_window.findChildren(Curtain)) == 1
    progress.deleteLater()  # the work ended
    qtbot.waitUntil(lambda: len(secret_window.lock_guard._covering()) == 1)
    secret_window.lock_guard.look_for_activity()  # the poll fits the curtains still there
    curtain = secret_window.findChildren(Curtain)[0]
    curtain.password.setText(PASSWORD)
    curtain.button.click()
    assert not secret_window.lock_guard.locked and secret_window.lock_action.isEnabled()
    qtbot.waitUntil(lambda: secret_window.lazy.pending() == 0, timeout=20_000)
