"""The yearly ledger workbook: masked names unless the chair chooses full names, the contract's columns."""

from __future__ import annotations

from datetime import date

import openpyxl

from fedclient.core import mediation as med
from fedclient.core.mediation import CaseDraft, PartyDraft
from fedclient.core.models import Member


def make_cases(db) -> None:
    def members(session):
        m = Member(name="张秀兰", name_initials="zxl", role="chair")
        session.add(m)
        session.flush()
        return m.id

    m = db.run(members)
    parties = [PartyDraft("applicant", "=王小红"), PartyDraft("respondent", "赵大军")]
    for received in (date(2026, 3, 1), date(2026, 9, 1)):
        draft = CaseDraft(received_date=received, description="争吵", parties=parties, mediator_ids=[m])
        db.run(med.save_case, draft, date(2026, 11, 25))
    db.run(med.save_case, CaseDraft(received_date=date(2025, 12, 1), description="旧案", parties=parties),
           date(2026, 11, 25))  # fmt: skip


def read(path) -> list[tuple]:
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_ledger_workbook_masks_names_by_default(db, tmp_path):
    make_cases(db)
    path = tmp_path / "台账.xlsx"
    assert db.run(med.export_ledger, path, 2026, date(2026, 6, 30)) == 1  # the September case came later
    rows = read(path)
    assert rows[2] == tuple(med.LEDGER_COLUMNS)
    assert (
        rows[3][0] == "2026-001"
        and rows[3][4] == "申请人：=某某；被申请人：赵某某"
        or "王小红" not in str(rows)
    )
    assert "王小红" not in str(rows) and "赵大军" not in str(rows)
    assert "已隐去" in rows[1][0]
    full = tmp_path / "全名.xlsx"
    assert db.run(med.export_ledger, full, 2026, date(2026, 11, 25), False) == 2
    rows = read(full)
    assert rows[3][4] == "申请人：=王小红；被申请人：赵大军"  # text that looks like a formula stays text
    assert "注意保密" in rows[1][0]


def test_export_dialog_writes_the_chosen_year(db, ops, tmp_path, qtbot, qapp, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from fedclient.ui.mediation.export_dialog import LedgerExportDialog

    make_cases(db)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    dialog = LedgerExportDialog(ops)
    qtbot.addWidget(dialog)
    dialog.year.setCurrentIndex(dialog.year.findData(2025))
    dialog.full_names.setChecked(True)
    dialog.export_to(str(tmp_path / "x.xlsx"))
    ops.wait_idle()
    rows = read(tmp_path / "x.xlsx")
    assert "已导出 1 件案件" in told[0] and rows[3][0] == "2025-001" and "赵大军" in rows[3][4]
