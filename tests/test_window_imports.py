"""With every tab and every page inside a tab opened (and their reads done), the window has not loaded what only a
dialog, a printout or an import needs: each loads when the chair asks for it (issue 18: the window's memory).
Opening one of them still works (the dialogs' own tests open them from the tabs)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# What no tab shows until the chair asks: the editing dialogs, printing (Qt's print support and the PDF path, the
# printouts and boards), the spreadsheet readers behind every import, the monthly workbook's export, the ID check.
NOT_UNTIL_ASKED = (
    "PySide6.QtPrintSupport",
    "fedclient.ui.printing",
    "fedclient.ui.review.print_dialog",
    "fedclient.ui.pledges.board_dialog",
    "fedclient.ui.pledges.pledge_dialog",
    "fedclient.ui.members.member_dialog",
    "fedclient.ui.members.helped_dialog",
    "fedclient.ui.mediation.case_dialog",
    "fedclient.ui.mediation.export_dialog",
    "fedclient.ui.mediation.followup_dialog",
    "fedclient.ui.mediation.settings_dialog",
    "fedclient.ui.grids.service_dialog",
    "fedclient.ui.grids.decision_dialog",
    "fedclient.ui.volunteer_points.rule_dialog",
    "fedclient.core.volunteer_points.card",
    "fedclient.core.grids.board",
    "fedclient.core.tabular.read",
    "fedclient.core.tabular.files",
    "fedclient.core.review.printout",
    "fedclient.core.pledges.board",
    "fedclient.core.monthly_report.export",
    "fedclient.core.monthly_report.data",
    # the ID number's check (stdnum, with the pydoc and ssl it imports at its top): loaded by the first ID typed
    "stdnum",
    "pydoc",
    # the case documents' HTML (and ``html``'s entity tables): loaded when 打印文书's menu opens
    "fedclient.core.mediation.documents",
    # what SQLAlchemy imports for its async engine and plugins, never used: only fedclient.on_demand's stand-ins
    "asyncio.base_events",
    "ssl",
    "importlib.metadata._meta",
    "email",
    "csv",
    # OpenSSL's hashing (hashlib's stand-in, SQLAlchemy imports it): loaded by a password, a recovery code, a
    # backup's checksum or a filled form
    "_hashlib",
    "_blake2",
    "hmac",
    "secrets",
    # the socket handlers' and SQLAlchemy's PickleType's pickle (a stand-in too): nothing of ours pickles
    "_pickle",
    "_compat_pickle",
    # the printed duty calendar (core.printed, html's entity tables): loaded when 值班表 is printed
    "fedclient.core.duty.calendar",
    "fedclient.core.printed",
    "html.entities",
)

PROBE = """
import json, sys
from PySide6.QtWidgets import QTabWidget
from fedclient.core.database import Database
from fedclient.ui.app_setup import make_application
from fedclient.ui.main_window import MainWindow

app = make_application()
window = MainWindow(Database(sys.argv[1]))
window.show()
opened = []
for tab in window.all_tabs():
    window.tabs.setCurrentWidget(tab)
    app.processEvents()
    for pages in tab.findChildren(QTabWidget):
        for i in range(pages.count()):
            pages.setCurrentIndex(i)
            app.processEvents()
            window.ops.wait_idle()
            app.processEvents()
            opened.append(pages.tabText(i))
    window.ops.wait_idle()
    app.processEvents()
    opened.append(window.tabs.tabText(window.tabs.indexOf(tab)))
print(json.dumps({"opened": opened, "loaded": sorted(m for m in %r if m in sys.modules)}))
window.close()
"""


def test_opening_every_tab_and_page_loads_no_dialog_printing_or_import(demo_db):
    demo_db.dispose()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE % (NOT_UNTIL_ASKED,), str(demo_db.path)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"成员", "承诺", "调解", "网格", "服务记录", "述职评议", "值班表"} <= set(report["opened"])
    assert report["loaded"] == []


def test_a_dialog_and_printing_load_when_asked(qtbot, demo_db):
    from fedclient.ui.main_window import MainWindow

    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    tab = window.tab_by_key("mediation")
    dialog = tab.open_settings()
    assert "fedclient.ui.mediation.settings_dialog" in sys.modules
    assert dialog.isVisible()
    dialog.reject()
    window.ops.wait_idle()

    # 值班表's wall calendar, loaded when it is printed: the month's calendar with the village's name
    page = tab.duty_page
    window.tabs.setCurrentWidget(tab)
    window.ops.wait_idle()
    title, html = page.document()
    assert title.endswith(f"调解值班表{page.month.year}年{page.month.month}月")
    assert "<table" in html and "fedclient.core.duty.calendar" in sys.modules
