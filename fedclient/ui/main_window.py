"""The main window: five tabs, the menus, the status bar.

The window owns the operation runner (``ops``) and the day clock every tab works with. Closing it, and
restoring a backup, first stops both and waits for every running operation; only then is the database
disposed (closing) or replaced (restoring), and the old tabs are deleted, not merely taken off the screen.

It shows before anything heavy is imported: 首页 is built first and the other tabs when needed (``lazy_tabs``),
the menus' dialogs are imported when chosen, and the village's name for the title is read in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox

from fedclient import APP_NAME, __version__
from fedclient.core.backup import last_backup_time
from fedclient.core.changes import Area
from fedclient.core.database import Database

from . import privacy
from .day_clock import DayClock
from .lazy_tabs import TABS, LazyTabs, TabSpec
from .lock.guard import LockGuard
from .looks import tab_widget
from .monthly_report import actions as report_actions
from .operations import OperationRunner
from .page import Tab
from .review import actions as review_actions

if TYPE_CHECKING:
    from fedclient.core.village import Profile

__all__ = ["TABS", "MainWindow"]
OFFERED_KEY = "lock/offered"  # the 开机密码 was offered once (at first start)
# The other tabs are built once 首页 has its figures, or this long after the window shows: on a slow laptop
# building them (their imports, on the GUI thread) would hold up 首页's own read and its hand-over.
REST_AFTER_MS = 3000


def read_profile(db: Database) -> Profile | None:
    """The title's read (``ops.read(..., takes="database")``): with ``sqlite3``, so the village's name shows as soon
    as the window has painted instead of after SQLAlchemy is imported, and takes nothing from 首页's read."""
    from fedclient.core.village import profile_in_file

    return profile_in_file(db)


def _backup_actions():
    from . import backup_actions

    return backup_actions


def _help_dialogs():
    from . import help_dialogs

    return help_dialogs


def _password_dialog():
    from .lock import password_dialog

    return password_dialog


class MainWindow(QMainWindow):
    def __init__(self, db: Database):
        super().__init__()
        self.db = db
        self.clock = DayClock(self)
        self.ops = self._runner(db)
        self.tabs = tab_widget(document_mode=True)
        self.setCentralWidget(self.tabs)
        self.lazy = LazyTabs(self.tabs, self._make_tab, self._install_menus, lambda: self.lock_guard.locked)
        self.painted = False  # the first paint done: what waited for it has started (_after_first_paint)
        self.ask_at_start = False
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.backup_label)
        self._build_menus()
        self.lock_guard = LockGuard(self)
        self.setWindowTitle(APP_NAME)  # the village's name follows once read (refresh_title)
        self._build_tabs()
        self.refresh_backup_label()
        self._restore_geometry()

    def _runner(self, db: Database) -> OperationRunner:
        ops = OperationRunner(db, self)
        ops.clock = self.clock
        ops.changed.connect(self._on_data_changed)
        return ops

    # --- building -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self._action(file_menu, "备份到(&B)…", lambda: _backup_actions().backup_to_file(self), "Ctrl+Shift+B")
        self._action(file_menu, "从备份恢复(&R)…", lambda: _backup_actions().restore_from_file(self))
        file_menu.addSeparator()
        self.export_menu: QMenu = file_menu.addMenu("导出(&E)")
        self.import_menu: QMenu = file_menu.addMenu("导入(&I)")
        self._action(file_menu, "填写乡镇表格(&W)…", lambda: report_actions.open_fill_form(self))
        self._action(file_menu, "乡镇汇总(&T)…", lambda: report_actions.open_consolidate(self))
        self._action(file_menu, "修改记录(&H)…", self.show_history)
        file_menu.addSeparator()
        self.lock_action = self._action(file_menu, "锁定(&L)", lambda: self.lock_guard.lock(), "Ctrl+L")
        file_menu.addSeparator()
        self._action(file_menu, "退出(&X)", self.close, QKeySequence.StandardKey.Quit)

        settings_menu = bar.addMenu("设置(&S)")
        self._action(settings_menu, "村妇联信息(&V)…", self.edit_profile)
        self.privacy_action = settings_menu.addAction("隐私模式：屏幕上遮盖当事人姓名(&P)")
        self.privacy_action.setCheckable(True)
        self.privacy_action.setChecked(privacy.is_on())
        self.privacy_action.toggled.connect(lambda on: privacy.set_on(on, self))
        self._action(settings_menu, "开机密码(&K)…", lambda: _password_dialog().open_password_settings(self))
        self.settings_menu = settings_menu
        self.settings_own = settings_menu.actions()  # the tabs add theirs after these

        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "关于(&A)", lambda: _help_dialogs().show_about(self, APP_NAME, __version__))
        self._action(
            help_menu, "数据文件位置(&L)…", lambda: _help_dialogs().show_locations(self, self.db.path)
        )
        review_actions.install(self)
        for menu in (file_menu, settings_menu, self.year_menu):
            # The tabs' entries are complete (and stay put) while a menu is open: every tab is built first.
            menu.aboutToShow.connect(self.all_tabs)

    def show_history(self):
        from .history.history_window import HistoryWindow

        window = HistoryWindow(self.ops, self)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open()
        return window

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_tabs(self) -> None:
        """首页 now, the others when first opened or in idle time (``lazy_tabs``)."""
        self.lazy.place_all()
        home = self.lazy.at(0)
        home.loaded.connect(self._build_rest)
        home.failed.connect(self._build_rest)

    def _make_tab(self, spec: TabSpec) -> Tab:
        return spec.load()(self.ops, self)

    def _build_rest(self, *_args) -> None:
        self.ops.release_collection()  # (held from the first paint until 首页's first figures)
        if not self.ops.closed:
            self.lazy.build_later()

    def _install_menus(self) -> None:
        """The built tabs' entries in 导出, 导入 and 设置, in the tabs' order whatever order they were built in, then
        the monthly report's. Run after each tab is built."""
        for menu in (self.export_menu, self.import_menu):
            menu.clear()
        for action in self.settings_menu.actions()[len(self.settings_own) :]:
            self.settings_menu.removeAction(action)
            action.deleteLater()
        for tab in self.lazy.built():
            tab.install_actions(self)
        report_actions.install(self)
        for menu in (self.export_menu, self.import_menu):
            menu.setEnabled(not menu.isEmpty())

    def _drop_tabs(self) -> None:
        """Really deletes the tabs (``QTabWidget.clear()`` only takes them off the screen)."""
        self.lazy.later.stop()
        blocked = self.tabs.blockSignals(True)  # no placeholder becomes current (and built) on the way
        try:
            while self.tabs.count():
                page = self.tabs.widget(0)
                self.tabs.removeTab(0)
                page.hide()
                page.setParent(None)
                page.deleteLater()
        finally:
            self.tabs.blockSignals(blocked)

    def all_tabs(self) -> list[Tab]:
        """Every tab, building those not built yet."""
        return [self.lazy.at(i) for i in range(self.tabs.count())]

    def tab_by_key(self, key: str) -> Tab:
        """The tab with ``key`` ("home", "members", "pledges", "mediation", "grids"), built if need be; 首页 for
        an unknown key."""
        keys = [spec.key for spec in TABS]
        return self.lazy.at(keys.index(key) if key in keys else 0)

    def tab(self, cls: type):
        for tab in self.all_tabs():
            if isinstance(tab, cls):
                return tab
        return None

    def open_record(self, tab_key: str, kind: str, record_id: int | None) -> None:
        """Switch to a tab ("members", "pledges", "mediation", "grids") and show one record there."""
        tab = self.tab_by_key(tab_key)
        self.tabs.setCurrentWidget(tab)
        if record_id is not None:
            tab.show_record(kind, record_id)

    def select_tab(self, title: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self.tabs.setCurrentIndex(i)

    # --- state ----------------------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Stops the clock, every page's timers and every operation, waiting for those running. Afterwards the
        database may be disposed or replaced. (Closing the window does it; so does a restore, before replacing
        the file.)"""
        for timer in self.findChildren(QTimer):  # the day clock's, the pages' search and refresh delays
            timer.stop()
        self.ops.shutdown()

    def close_database(self) -> None:
        """Before a restore replaces the file: nothing may run on the old database any more."""
        self.shutdown()
        self._drop_tabs()
        self.db.dispose()

    def set_database(self, db: Database) -> None:
        """After a restore: new tabs on the restored data (the old ones were deleted by close_database)."""
        self.shutdown()  # done already by close_database before a restore: the old runner's threads never outlive it
        self._drop_tabs()
        self.db = db
        self.clock.deleteLater()
        self.clock = DayClock(self)
        self.ops.deleteLater()
        self.ops = self._runner(db)
        self._build_tabs()
        self.refresh_title()
        self.refresh_backup_label()
        self.lazy.build_later(REST_AFTER_MS)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            QTimer.singleShot(0, self._after_first_paint)  # once the whole window has painted

    def _after_first_paint(self) -> None:
        """Work started only once the chair sees the window: reading the village's name (and, at first start,
        asking for the profile), the other tabs (sooner once 首页 has its figures: _build_rest)."""
        if self.ops.closed:
            return
        # Nothing the GUI thread can put off takes Python's lock from 首页's first read: the other tabs wait for
        # its figures (_build_rest), and so does the garbage collector.
        self.ops.hold_collection(REST_AFTER_MS)
        self.refresh_title(then=self._ask_profile if self.ask_at_start else None)
        self.lazy.build_later(REST_AFTER_MS)

    def refresh_title(self, then=None) -> None:
        """The village's name in the title, read in the background; ``then(profile)`` runs once it is shown."""

        def show(profile: Profile | None) -> None:
            village = profile.title if profile and profile.village else "（尚未填写村妇联信息）"
            self.setWindowTitle(f"{village}妇联 — {APP_NAME}")
            if then is not None:
                then(profile)

        self.ops.read(read_profile, on_done=show, parent=self, key="title", takes="database")

    def refresh_backup_label(self) -> None:
        made = last_backup_time(self.db)
        self.backup_label.setText(f"上次备份：{made:%Y-%m-%d %H:%M}" if made else "上次备份：尚未备份")

    def _on_data_changed(self, areas: Area) -> None:
        if areas & Area.PROFILE:
            self.refresh_title()

    def edit_profile(self, first_start: bool = False) -> None:
        from .forms import run_dialog
        from .profile_dialog import ProfileDialog

        run_dialog(ProfileDialog(self.ops, self, first_start=first_start))

    def ask_profile_if_missing(self) -> None:
        """At first start: the village profile, then (once, never forced) the offer of a 开机密码. Asked once the
        window has painted and the profile was read (in the background, with the title)."""
        if self.painted:
            self.refresh_title(then=self._ask_profile)
        else:
            self.ask_at_start = True

    def _ask_profile(self, profile: Profile | None) -> None:
        offer = not self.db.encrypted and not QSettings().value(OFFERED_KEY, False, type=bool)
        if profile is None or offer:
            QTimer.singleShot(0, lambda: self._first_start(profile is None, offer))

    def _first_start(self, ask_profile: bool, offer: bool) -> None:
        if not self.isVisible():  # closed before it came to this
            return
        if ask_profile:
            self.edit_profile(first_start=True)
        if offer and self.isVisible():  # not modal for the program: closing the window closes the offer too
            QSettings().setValue(OFFERED_KEY, True)
            from .forms import open_dialog

            open_dialog(_password_dialog().SetDialog(self, first_start=True))

    # --- geometry -------------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = QSettings().value("main_window/geometry")
        self.has_saved_geometry = geometry is not None and self.restoreGeometry(geometry)
        if not self.has_saved_geometry:
            screen = QGuiApplication.primaryScreen()
            size = screen.availableGeometry().size() if screen else None
            self.resize(min(1366, size.width()) if size else 1300, min(768, size.height()) if size else 700)

    def closeEvent(self, event: QCloseEvent) -> None:
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        self.shutdown()
        super().closeEvent(event)

    def show_message(self, text: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(text, ms)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)
