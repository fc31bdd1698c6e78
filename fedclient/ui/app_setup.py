"""Chinese everywhere: Qt's own strings (qtbase_zh_CN), a Simplified Chinese font chosen on purpose, the looks
(``looks``)."""

from __future__ import annotations

import contextlib
import logging
import sys
from pathlib import Path

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


# Qt's own strings its qtbase_zh_CN leaves in English (Qt's file dialog on Linux: the 类型 of a folder, a drive).
QT_FILL_INS = {
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Alias"): "替身",
}


class QtFillIns(QTranslator):
    """``QT_FILL_INS``; installed before qtbase_zh_CN, so it is asked only for what that file does not have."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return QT_FILL_INS.get((context, source), "")

    def isEmpty(self) -> bool:
        return False


def qt_translations_folders() -> list[Path]:
    """Where PySide6 keeps Qt's translations: what Qt itself says, then PySide6's own folder (``Qt/translations``
    in the Linux and macOS wheels, ``translations`` in the Windows one) should a frozen build have moved Qt."""
    import PySide6

    package = Path(PySide6.__file__).parent
    found = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    return [found, package / "Qt" / "translations", package / "translations"]


def install_chinese(app: QApplication) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    fill_ins = QtFillIns(app)
    app.installTranslator(fill_ins)
    translator = QTranslator(app)
    if any(translator.load("qtbase_zh_CN", str(folder)) for folder in qt_translations_folders()):
        app.installTranslator(translator)
    else:
        logging.getLogger("fedclient").warning(
            "没有找到 Qt 的中文翻译 qtbase_zh_CN.qm：Qt 自带的按钮会显示英文"
        )
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
