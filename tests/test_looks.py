"""What the chair sees of the program's looks, drawn without an application style sheet (``ui/looks.py``): the
11 pt Chinese font, red primary buttons, coloured messages, a red border on a field she must correct, bold
column headers and selected tab, the tables' pale red selection."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFontInfo, QImage, QPixmapCache, QStandardItemModel
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from fedclient.ui import looks
from fedclient.ui.forms import FieldBox


def picture(widget: QWidget) -> QImage:
    widget.show()
    QApplication.processEvents()
    return widget.grab().toImage()


def share(image: QImage, colour: str, tolerance: int = 24) -> float:
    """The share of the image's pixels within ``tolerance`` of ``colour`` in each channel."""
    want = QColor(colour)
    hits = total = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = image.pixelColor(x, y)
            total += 1
            hits += all(
                abs(a - b) <= tolerance
                for a, b in ((c.red(), want.red()), (c.green(), want.green()), (c.blue(), want.blue()))
            )
    return hits / total


def test_no_application_style_sheet_and_an_11pt_chinese_font(qapp):
    assert qapp.styleSheet() == ""
    assert QPixmapCache.cacheLimit() == looks.STYLE_PICTURES_KIB  # the style's pictures of widgets, bounded
    assert qapp.font().pointSizeF() == looks.BASE_PT and "SC" in QFontInfo(qapp.font()).family()


def test_a_primary_button_is_red_with_white_text_and_others_are_not(qtbot, qapp):
    primary = looks.make_primary(QPushButton("保存"))
    plain = QPushButton("取消")
    for button in (primary, plain):
        qtbot.addWidget(button)
    assert share(picture(primary), looks.RED) > 0.5
    assert share(picture(primary), "#ffffff", 60) > 0.01  # the text
    assert share(picture(plain), looks.RED) == 0
    primary.setEnabled(False)
    assert share(picture(primary), "#d9a39d") > 0.5


def test_buttons_are_roomy(qtbot, qapp):
    button = QPushButton("确定")
    qtbot.addWidget(button)
    text = button.fontMetrics().size(0, "确定")
    assert button.sizeHint().width() >= text.width() + 28
    assert button.sizeHint().height() >= 24 + 8


def test_messages_are_coloured_by_their_role(qtbot, qapp):
    for role, colour in looks.ROLE_COLOURS.items():
        label = looks.set_role(QLabel("■■■■■■"), role)
        qtbot.addWidget(label)
        assert label.property("role") == role
        assert share(picture(label), colour) > 0.05, role


def test_a_field_in_error_has_a_red_border_only_while_in_error(qtbot, qapp):
    edit = QLineEdit()
    box = FieldBox(edit)
    qtbot.addWidget(box)
    box.resize(300, 80)
    box.show_message("请填写姓名")
    image = picture(edit)
    assert QColor(image.pixelColor(0, image.height() // 2)).name() == looks.RED  # the left edge
    assert box.message.property("role") == "error" and share(picture(box.message), looks.RED) > 0.01
    box.show_message()
    image = picture(edit)
    assert QColor(image.pixelColor(0, image.height() // 2)).name() != looks.RED
    assert edit.styleSheet() == ""  # no style sheet kept on a field that is fine


def test_tabs_have_a_bold_selected_title_and_more_room_than_plain_tabs(qtbot, qapp):
    from PySide6.QtWidgets import QTabWidget

    tabs, plain = looks.tab_widget(), QTabWidget()
    for widget in (tabs, plain):
        qtbot.addWidget(widget)
        for title in ("首页", "成员"):
            widget.addTab(QWidget(), title)
        picture(widget)
    bar = tabs.tabBar()
    assert bar.tabRect(0).width() > plain.tabBar().tabRect(0).width() + 20
    # The selected title is drawn bold: darker pixels than the same title unselected.
    first = bar.grab(bar.tabRect(0)).toImage()
    tabs.setCurrentIndex(1)
    QApplication.processEvents()
    second = bar.grab(bar.tabRect(0)).toImage()
    assert share(first, "#000000", 90) > share(second, "#000000", 90)


def test_tables_have_bold_headers_and_a_pale_red_selection(qtbot, qapp):
    view = QTableView()
    model = QStandardItemModel(3, 2)
    model.setHorizontalHeaderLabels(["姓名", "电话"])
    view.setModel(model)
    qtbot.addWidget(view)
    header = view.horizontalHeader()
    assert header.font().bold()
    assert header.sizeHint().height() >= header.fontMetrics().height() + 8  # 4 px above and below the title
    holder = QWidget()
    QVBoxLayout(holder).addWidget(view)
    qtbot.addWidget(holder)
    view.selectRow(1)
    view.setFocus()
    image = picture(view.viewport())
    assert share(image, looks.TABLE_SELECTION, 4) > 0.1  # the selected row of three
