"""The main window: five tabs, the menus, the status bar."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QTabWidget

from fedclient import APP_NAME, __version__
from fedclient.core.backup import last_backup_time
from fedclient.core.database import Database
from fedclient.core.village import get_profile

from . import backup_actions, help_dialogs
from .grids.tab import GridsTab
from .home.tab import HomeTab
from .mediation.tab import MediationTab
from .members.tab import MembersTab
from .monthly_report import actions as report_actions
from .pledges.tab import PledgesTab
from .profile_dialog import ProfileDialog
from .signals import data_signals

TABS = [
    ("首页", HomeTab),
    ("成员", MembersTab),
    ("承诺", PledgesTab),
    ("调解", MediationTab),
    ("网格", GridsTab),
]
TAB_KEYS = ["home", "members", "pledges", "mediation", "grids"]


class MainWindow(QMainWindow):
    def __init__(self, db: Database):
        super().__init__()
        self.db = db
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.backup_label = QLabel()
        self.statusBar().addPermanentWidget(self.backup_label)
        self._build_menus()
        self._build_tabs()
        self.refresh_title()
        self.refresh_backup_label()
        data_signals.changed.connect(self._on_data_changed)
        self._restore_geometry()

    # --- building -------------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        self._action(file_menu, "备份到(&B)…", lambda: backup_actions.backup_to_file(self), "Ctrl+Shift+B")
        self._action(file_menu, "从备份恢复(&R)…", lambda: backup_actions.restore_from_file(self))
        file_menu.addSeparator()
        self.export_menu: QMenu = file_menu.addMenu("导出(&E)")
        self.import_menu: QMenu = file_menu.addMenu("导入(&I)")
        file_menu.addSeparator()
        self._action(file_menu, "退出(&X)", self.close, QKeySequence.StandardKey.Quit)

        settings_menu = bar.addMenu("设置(&S)")
        self._action(settings_menu, "村妇联信息(&V)…", self.edit_profile)
        self.settings_menu = settings_menu

        help_menu = bar.addMenu("帮助(&H)")
        self._action(help_menu, "关于(&A)", lambda: help_dialogs.show_about(self, APP_NAME, __version__))
        self._action(help_menu, "数据文件位置(&L)…", lambda: help_dialogs.show_locations(self, self.db.path))

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _build_tabs(self) -> None:
        self.tabs.clear()
        for menu in (self.export_menu, self.import_menu):
            menu.clear()
        for title, cls in TABS:
            tab = cls(self.db, self)
            self.tabs.addTab(tab, title)
            if hasattr(tab, "install_actions"):
                tab.install_actions(self)
        report_actions.install(self)
        for menu in (self.export_menu, self.import_menu):
            menu.setEnabled(not menu.isEmpty())

    def tab(self, cls: type):
        for i in range(self.tabs.count()):
            if isinstance(self.tabs.widget(i), cls):
                return self.tabs.widget(i)
        return None

    def open_record(self, tab_key: str, kind: str, record_id: int | None) -> None:
        """Switch to a tab ("members", "pledges", "mediation", "grids") and show one record there."""
        index = TAB_KEYS.index(tab_key) if tab_key in TAB_KEYS else 0
        self.tabs.setCurrentIndex(index)
        tab = self.tabs.widget(index)
        if record_id is not None and hasattr(tab, "show_record"):
            tab.show_record(kind, record_id)

    def select_tab(self, title: str) -> None:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self.tabs.setCurrentIndex(i)

    # --- state ----------------------------------------------------------------------------------------
    def set_database(self, db: Database) -> None:
        """After a restore: every tab starts again on the restored data."""
        self.db = db
        self._build_tabs()
        self.refresh_title()
        self.refresh_backup_label()
        data_signals.changed.emit("all")

    def refresh_title(self) -> None:
        profile = self.db.run(get_profile)
        village = profile.title if profile and profile.village else "（尚未填写村妇联信息）"
        self.setWindowTitle(f"{village}妇联 — {APP_NAME}")

    def refresh_backup_label(self) -> None:
        made = last_backup_time(self.db)
        self.backup_label.setText(f"上次备份：{made:%Y-%m-%d %H:%M}" if made else "上次备份：尚未备份")

    def _on_data_changed(self, domain: str) -> None:
        if domain in ("profile", "all"):
            self.refresh_title()

    def edit_profile(self, first_start: bool = False) -> None:
        ProfileDialog(self.db, self, first_start=first_start).exec()

    def ask_profile_if_missing(self) -> None:
        if self.db.run(get_profile) is None:
            QTimer.singleShot(0, lambda: self.edit_profile(first_start=True))

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
        super().closeEvent(event)

    def show_message(self, text: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(text, ms)

    def warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)
