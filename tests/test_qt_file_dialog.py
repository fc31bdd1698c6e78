"""Qt's own file dialog (what the chair gets on Linux; Windows shows its native one) reads Chinese: its buttons,
labels, tooltips, the file type filters and the 类型 of a folder (which qtbase_zh_CN leaves as "Folder"). Qt's
translations are found in PySide6's folder wherever the build put Qt."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QFileDialog, QLabel, QTreeView

from fedclient.ui import app_setup

ENGLISH = re.compile(r"[A-Za-z]{2,}")
FILTERS = ["表格文件 (*.xlsx *.xls *.ods *.csv)", "所有文件 (*)"]


def shown_texts(dialog: QFileDialog) -> list[str]:
    texts = [b.text() for b in dialog.findChildren(QAbstractButton)]
    texts += [b.toolTip() for b in dialog.findChildren(QAbstractButton)]
    texts += [label.text() for label in dialog.findChildren(QLabel)]
    return [t for t in texts if t]


def test_qt_file_dialog_reads_chinese(qtbot, qapp, tmp_path):
    (tmp_path / "各村月报").mkdir()
    (tmp_path / "花名册.xlsx").write_bytes(b"")
    dialog = QFileDialog(None, "导入花名册", str(tmp_path), ";;".join(FILTERS))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    dialog.show()
    view = next(v for v in dialog.findChildren(QTreeView) if v.model() is not None)
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2)
    rows = {
        model.index(r, 0, view.rootIndex()).data(): model.index(r, 2, view.rootIndex()).data()
        for r in range(2)
    }
    assert rows["各村月报"] == "文件夹"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["名称", "体积", "类型", "修改日期"]
    texts = shown_texts(dialog)
    assert {"打开(&O)", "取消", "文件名称(&N)：", "文件类型："} <= set(texts)
    assert [t for t in texts if ENGLISH.search(t.replace("&", ""))] == []
    types = next(c for c in dialog.findChildren(QComboBox) if c.count() == 2)
    assert [types.itemText(i) for i in range(2)] == FILTERS


def test_a_save_dialog_and_a_folder_dialog_read_chinese(qtbot, qapp, tmp_path):
    for mode in ("save", "folder"):
        dialog = QFileDialog(None, "另存为", str(tmp_path), "Excel 工作簿 (*.xlsx)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if mode == "save":
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        else:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        qtbot.addWidget(dialog)
        dialog.show()
        texts = shown_texts(dialog)
        assert "取消" in texts and ("保存(&S)" in texts or "选择(&C)" in texts), texts
        assert [t for t in texts if ENGLISH.search(t.replace("&", ""))] == []


def test_qt_strings_qtbase_zh_cn_lacks_are_chinese(qapp):
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Drive") == "驱动器"
    assert (
        QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"
    )
    assert QCoreApplication.translate("QFileDialog", "&Open") == "打开(&O)"  # qtbase_zh_CN itself


def test_qt_translations_are_found_in_pyside6_when_qt_says_another_folder(monkeypatch, tmp_path):
    # A frozen build may leave Qt's own idea of its folders pointing nowhere; PySide6's folder still has them.
    monkeypatch.setattr(app_setup.QLibraryInfo, "path", lambda _which: str(tmp_path / "nowhere"))
    folders = app_setup.qt_translations_folders()
    assert folders[0] == Path(tmp_path / "nowhere")
    assert any((folder / "qtbase_zh_CN.qm").is_file() for folder in folders[1:])
