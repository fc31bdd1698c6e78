"""Printed pages never split a table row or a signature block; table headers repeat; nothing is lost."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from fedclient.core import mediation as med
from fedclient.core.mediation import CaseDraft, PartyDraft
from fedclient.core.mediation.documents import document_html
from fedclient.core.models import Member

from .pdf_text import needs_poppler, page_texts

pytestmark = needs_poppler


def save(html, path, landscape=False):
    from fedclient.ui.printing import save_pdf

    return save_pdf(html, path, landscape=landscape)


def long_table(rows: int) -> str:
    body = "".join(
        f"<tr><td>R{i:03d}甲</td><td>{'婚姻家庭纠纷调解' * (6 * (i % 7))}R{i:03d}乙</td><td><b>R{i:03d}丙</b></td></tr>"
        for i in range(rows)
    )
    return (
        "<p>标题段落</p><table border='1' cellspacing='0' cellpadding='4' width='100%'>"
        f"<thead><tr><th>序号</th><th>内容</th><th>备注</th></tr></thead><tbody>{body}</tbody></table>"
    )


def test_no_table_row_is_split_and_the_header_repeats(qapp, tmp_path):
    path = tmp_path / "long.pdf"
    pages = save(long_table(120), path)
    texts = page_texts(path)
    assert len(texts) == pages > 5
    seen: dict[str, int] = {}
    for number, text in enumerate(texts, 1):
        assert text.lstrip().startswith("序号 内容 备注" if number > 1 else "标题段落\n序号 内容 备注"), (
            number
        )
        assert f"第 {number} 页 / 共 {pages} 页" in text
        parts: dict[str, set[str]] = {}
        for row, part in re.findall(r"R(\d{3})(甲|乙|丙)", text):
            parts.setdefault(row, set()).add(part)
        for row, found in parts.items():
            assert found == {"甲", "乙", "丙"}, f"row {row} split on page {number}"
            assert row not in seen, f"row {row} on pages {seen[row]} and {number}"
            seen[row] = number
    assert sorted(seen) == [f"{i:03d}" for i in range(120)]


def test_a_row_taller_than_a_page_is_cut_but_nothing_is_lost(qapp, tmp_path):
    words = "".join(f"第{i}句。" for i in range(1500))
    html = f"<table border='1' width='100%'><tr><td>{words}</td></tr></table><p>结尾</p>"
    path = tmp_path / "tall.pdf"
    assert save(html, path) >= 2
    whole = "".join("".join(page_texts(path)).split())
    for i in (0, 700, 1499):
        assert f"第{i}句。" in whole
    assert "结尾" in whole


def test_page_break_before_starts_a_new_page(qapp, tmp_path):
    html = "<p>第一份</p><table style='page-break-before: always' border='1'><tr><td>第二份</td></tr></table>"
    path = tmp_path / "two.pdf"
    assert save(html, path) == 2
    first, second = page_texts(path)
    assert "第一份" in first and "第二份" in second


def test_the_signature_block_of_an_agreement_is_never_split(qapp, db, tmp_path):
    def mediator(session):
        member = Member(name="张秀兰", name_initials="zxl", role="chair")
        session.add(member)
        session.flush()
        return member.id

    member_id = db.run(mediator)
    parties = [
        PartyDraft("applicant", "甲某某", "女", 34, "", "3组", "夫妻"),
        PartyDraft("respondent", "乙某某", "男", 37, "", "5组", "夫妻"),
    ]
    draft = CaseDraft(
        received_date=date(2026, 6, 1), dispute_type="婚姻纠纷", description="夫妻矛盾", facts="夫妻矛盾",
        parties=parties, mediator_ids=[member_id], methods=["矛盾疏导"], outcome="调解成功",
        outcome_date=date(2026, 6, 10), agreement_form="书面", agreement_terms="双方和好",
    )  # fmt: skip
    case_id = db.run(med.save_case, draft, date(2026, 7, 1))
    signatures = (
        "本协议经各方当事人",
        "申请人（签名）",
        "被申请人（签名）",
        "调解员（签名）",
        "调解站（盖章）",
    )
    pages_seen = set()
    for terms in range(18, 48, 2):  # moves the signature block across the page break
        lines = "\n".join(f"第{i}条：双方同意共同承担家庭开支并互相尊重" for i in range(1, terms))
        db.run(med.save_case, replace(draft, id=case_id, agreement_terms=lines), date(2026, 7, 1))
        _title, html = db.run(document_html, case_id, "agreement")
        path = tmp_path / f"agreement{terms}.pdf"
        (tmp_path / f"agreement{terms}.html").write_text(html)
        pages = save(html, path)
        pages_seen.add(pages)
        holding = [
            n
            for n, text in enumerate(page_texts(path))
            if any(s in "".join(text.split()) for s in signatures)
        ]
        assert len(holding) == 1, (terms, holding)
        text = "".join(page_texts(path)[holding[0]].split())
        assert all(s in text for s in signatures), terms
    assert len(pages_seen) >= 2  # the block did reach a page break
