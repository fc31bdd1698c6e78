"""乡镇汇总 window, township side: the village list and deadline, a quarter chosen in the window, and the
报送情况 table shown after merging (✓ / 迟 / ✗ for a period, per village for a month)."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate

from fedclient.core.monthly_report.data import collect
from fedclient.core.monthly_report.writer import write_report
from fedclient.ui.monthly_report import consolidate_window
from fedclient.ui.monthly_report.consolidate_window import ConsolidateWindow, period_range
from fedclient.ui.monthly_report.village_list_dialog import VillageListDialog

TODAY = date(2026, 11, 20)


def test_period_range():
    assert period_range("单月", 2026, 8) == ((2026, 8), (2026, 8))
    assert period_range("季度", 2026, 9) == ((2026, 7), (2026, 9))
    assert period_range("季度", 2026, 8) == ((2026, 7), (2026, 8))
    assert period_range("半年", 2026, 11) == ((2026, 7), (2026, 11))
    assert period_range("全年", 2026, 11) == ((2026, 1), (2026, 11))


def test_village_list_then_quarter_status(qtbot, qapp, demo_db, ops, tmp_path, monkeypatch):
    monkeypatch.setattr(consolidate_window, "offer_open_folder", lambda *args: None)
    names = tmp_path / "名单.csv"
    names.write_text("序号,村名\n1,杉板村\n2,东岭村\n3,西河村\n", encoding="utf-8")
    window = ConsolidateWindow(ops, today=TODAY)
    qtbot.addWidget(window)
    assert "尚未填写村名单" in window.list_label.text()
    dialog: VillageListDialog = window.edit_village_list()
    dialog.import_file(names)
    assert dialog.typed() == ["杉板村", "东岭村", "西河村"]
    dialog.day.setValue(5)
    dialog.save()
    qtbot.waitUntil(lambda: "3 个村" in window.list_label.text(), timeout=10000)
    assert "次月 5 日" in window.list_label.text()

    files = []
    with demo_db.session() as session:
        for month, made in ((7, datetime(2026, 8, 3)), (8, datetime(2026, 9, 9)), (9, datetime(2026, 10, 1))):
            data = collect(session, 2026, month)
            data.generated = made
            files.append(write_report(data, tmp_path / f"杉板村{month}月.xlsx"))
    window.month.setDate(QDate(2026, 9, 1))
    window.span.setCurrentText("季度")
    assert "2026年07月至09月" in window.out.text()
    window.add_paths(files)
    window.out.setText(str(tmp_path / "三季度.xlsx"))
    window.run()
    qtbot.waitUntil(lambda: window.result is not None, timeout=20000)
    assert "2026年07月—2026年09月" in window.summary.text()
    headers = [window.status.horizontalHeaderItem(c).text() for c in range(window.status.columnCount())]
    assert headers == ["村", "7月", "8月", "9月"]
    rows = {
        window.status.item(r, 0).text(): [window.status.item(r, c).text() for c in (1, 2, 3)]
        for r in range(window.status.rowCount())
    }
    assert rows == {"杉板村": ["✓", "迟", "✓"], "东岭村": ["✗"] * 3, "西河村": ["✗"] * 3}
    assert window.status.isVisible() or not window.isVisible()
