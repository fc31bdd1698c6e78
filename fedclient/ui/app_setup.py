"""Chinese everywhere: Qt's own strings (qtbase_zh_CN), a Simplified Chinese font chosen on purpose, the looks
(``looks``)."""

from __future__ import annotations

import contextlib
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from fedclient.core.paths import resources_dir

from .looks import BASE_PT, install_looks

# Left to itself Qt may draw Han characters with a Japanese variant; these are Simplified Chinese faces.
CJK_FAMILIES_WINDOWS = ("Microsoft YaHei UI", "Microsoft YaHei", "SimSun", "DengXian")
CJK_FAMILIES_OTHER = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Serif CJK SC")


def cjk_family() -> str:
    families = set(QFontDatabase.families())
    candidates = CJK_FAMILIES_WINDOWS if sys.platform == "win32" else CJK_FAMILIES_OTHER
    for family in (*candidates, *CJK_FAMILIES_WINDOWS, *CJK_FAMILIES_OTHER):
        if family in families:
            return family
    return QApplication.font().family() if QApplication.instance() else "Sans Serif"


def cjk_font(point_size: float = BASE_PT, bold: bool = False) -> QFont:
    font = QFont(cjk_family())
    font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def install_chinese(app: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    app.setFont(cjk_font(BASE_PT))


def install_icon(app: QApplication) -> None:
    """The program's icon on every window and in the taskbar (on Windows under its own name, not Python's)."""
    app.setWindowIcon(QIcon(str(resources_dir() / "fedclient.png")))
    if sys.platform == "win32":
        import ctypes

        with contextlib.suppress(AttributeError, OSError):
            ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID("fedclient.workbench")


def make_application(argv: list[str] | None = None) -> QApplication:
    """The application, in Chinese, with its icon and looks (before any widget is built)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or [sys.argv[0]])
        app.setApplicationName("fedclient")
        app.setOrganizationName("fedclient")
        app.setApplicationDisplayName("村妇联工作台")
        install_chinese(app)
        install_icon(app)
        install_looks(app)
    return app  # type: ignore[return-value]
