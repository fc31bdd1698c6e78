"""Case documents: the agreement, the registration form and the visit record, as PDF with a Chinese font."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest

from fedclient.cli import main as cli_main
from fedclient.core import mediation as med
from fedclient.core.mediation import CaseDraft, FollowUpDraft, PartyDraft
from fedclient.core.mediation.documents import DocumentRefused, document_html
from fedclient.core.models import Member

TODAY = date(2026, 7, 15)
TERMS = "男方于2026年8月1日前补足拖欠的抚养费9000元\n今后每月5日前按时给付抚养费1500元"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def norm(text: str) -> str:
    return "".join(text.split())  # no normalisation: the text layer gives exactly the characters drawn


@pytest.fixture
def cases(db):
    def make(session):
        member = Member(name="张秀兰", name_initials="zxl", role="chair")
        session.add(member)
        session.flush()
        return member.id

    mediator = db.run(make)
    parties = [
        PartyDraft("applicant", "欧阳春燕", "女", 34, "13800138000", "3组", "前夫妻"),
        PartyDraft("respondent", "马建国", "男", 37, "", "5组", "前夫妻"),
    ]
    success = CaseDraft(
        received_date=date(2026, 6, 1), dispute_type="抚养纠纷", description="离婚后男方拖欠抚养费半年",
        facts="双方离婚协议约定男方每月给付抚养费1500元，男方以收入减少为由停付。", parties=parties,
        mediator_ids=[mediator], methods=["矛盾疏导"], outcome="调解成功", outcome_date=date(2026, 6, 10),
        agreement_form="书面", agreement_terms=TERMS, performance_method="分期给付，执委监督",
        performance_deadline=date(2026, 8, 1), flag_criminal_risk=True, risk_level="黄",
    )  # fmt: skip
    failure = CaseDraft(
        received_date=date(2026, 6, 2), description="邻里争执", parties=parties[:1], mediator_ids=[mediator],
        outcome="调解不成", outcome_date=date(2026, 6, 20), referred_to="司法所",
    )  # fmt: skip
    ok_id = db.run(med.save_case, success, TODAY)
    failed_id = db.run(med.save_case, failure, TODAY)
    db.run(med.save_followup, ok_id, FollowUpDraft(visit_date=date(2026, 7, 10), visitor_id=mediator,
                                                   relapse_signs="偶有争吵"), TODAY)  # fmt: skip
    return ok_id, failed_id


def test_documents_carry_full_names_and_the_agreement_its_terms(db, cases):
    ok_id, _ = cases
    title, agreement = db.run(document_html, ok_id, "agreement")
    assert title == "2026-001 调解协议书"
    for text in (
        "欧阳春燕",
        "马建国",
        "补足拖欠的抚养费9000元",
        "分期给付，执委监督",
        "2026年8月1日",
        "张秀兰",
    ):
        assert text in agreement
    _, registration = db.run(document_html, ok_id, "registration")
    assert "民转刑倾向" in registration and "13800138000" in registration
    _, visits = db.run(document_html, ok_id, "followup")
    assert "2026年7月10日" in visits and "偶有争吵" in visits


def test_documents_that_make_no_sense_are_refused(db, cases):
    ok_id, failed_id = cases
    with pytest.raises(DocumentRefused, match="没有达成调解协议"):
        db.run(document_html, failed_id, "agreement")
    with pytest.raises(DocumentRefused, match="还没有回访记录"):
        db.run(document_html, failed_id, "followup")


@needs_poppler
def test_case_pdf_command_writes_the_agreement_with_a_chinese_font(db, cases, tmp_path, qapp, capsys):
    pdf = tmp_path / "协议.pdf"
    status = cli_main(
        ["case-pdf", "--db", str(db.path), "--case", "2026-001", "--kind", "agreement", "--pdf", str(pdf)]
    )
    assert status == 0 and "调解协议书" in capsys.readouterr().out
    text = norm(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    )
    for expected in (
        "婚姻家庭纠纷调解协议书",
        "欧阳春燕",
        "马建国",
        "补足拖欠的抚养费9000元",
        "今后每月5日前按时给付抚养费1500元",
    ):
        assert norm(expected) in text, expected
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJKsc" in fonts or "YaHei" in fonts or "SimSun" in fonts, fonts
    assert "CJKjp" not in fonts


def test_case_pdf_command_explains_a_wrong_number(db, cases, tmp_path, capsys):
    with pytest.raises(SystemExit):
        cli_main(["case-pdf", "--db", str(db.path), "--case", "2026-099", "--kind", "agreement",
                  "--pdf", str(tmp_path / "x.pdf")])  # fmt: skip
    assert "没有编号为 2026-099 的案件" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


@needs_poppler
def test_tab_saves_the_visit_record_as_pdf(db, ops, cases, tmp_path, qtbot, qapp):
    from fedclient.ui.mediation.tab import MediationTab

    tab = MediationTab(ops)
    qtbot.addWidget(tab)
    tab.select_case(cases[0])
    ops.wait_idle()
    assert tab.selected_id() == cases[0]
    path = tab.save_document_pdf("followup", str(tmp_path / "回访.pdf"))
    text = norm(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    )
    assert norm("矛盾纠纷调解回访记录") in text and "偶有争吵" in text


def test_the_agreement_has_a_copy_and_a_signature_line_for_every_party(db, cases):
    ok_id, _ = cases
    _, two = db.run(document_html, ok_id, "agreement")
    assert "一式三份，双方当事人各执一份" in two
    record = db.run(med.get_case, ok_id)
    record.draft.parties.append(PartyDraft("respondent", "马老汉", "男", 66, "", "5组", "男方父亲"))
    db.run(med.save_case, record.draft, TODAY)
    _, three = db.run(document_html, ok_id, "agreement")
    assert "一式四份，各方当事人各执一份" in three and "双方当事人" not in three
    assert three.count("（签名）：") == 4  # three parties and the mediator
    assert "（马老汉）" in three


def test_the_print_button_lists_the_three_documents_when_opened(db, ops, cases, qtbot, qapp):
    from PySide6.QtCore import Qt, QTimer

    from fedclient.ui.mediation.tab import MediationTab

    tab = MediationTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    menu = tab.print_button.menu()
    shown = []

    def look():
        shown.append([a.text() for a in menu.actions() if not a.isSeparator()])
        menu.hide()

    QTimer.singleShot(200, look)
    qtbot.mouseClick(tab.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert shown[0] == ["打印受理登记表…", "打印调解协议书…", "打印回访记录…",
                        "受理登记表另存为 PDF…", "调解协议书另存为 PDF…", "回访记录另存为 PDF…"]  # fmt: skip


def test_the_print_button_is_as_tall_as_its_neighbours_and_its_arrow_clears_the_text(db, ops, qtbot, qapp):
    from fedclient.ui.mediation.tab import MediationTab

    tab = MediationTab(ops)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.print_button.isVisible())
    assert tab.print_button.height() == tab.followup_button.height()
    text = tab.print_button.fontMetrics().horizontalAdvance("打印文书")
    assert (
        tab.print_button.width() >= text + 28 + 12
    )  # the button's padding and the menu's arrow beside the text
