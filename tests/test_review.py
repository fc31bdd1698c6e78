"""执委述职评议: print-review's 述职表 and 民主测评票, ballot counts → satisfaction rate in the assessment, and the
规范化建设自查表."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from fedclient.core import pledges as P
from fedclient.core.models import CaseParty, Member
from fedclient.core.pledges import assessment as A
from fedclient.core.pledges.board import assessment_table
from fedclient.core.review import ballots as B
from fedclient.core.review.printout import review_papers, self_check_printout
from fedclient.core.review.self_check import self_check

from .conftest import DEMO_TODAY
from .pdf_text import flat, page_texts, pdf_text


def shows(text: str, expected: str) -> bool:
    """``expected`` is in the PDF's text exactly, spaces and line breaks aside."""
    return flat(expected) in flat(text)


def add(db, name, role="executive_member", **kw) -> int:
    with db.session() as s:
        m = Member(name=name, role=role, **kw)
        s.add(m)
        s.flush()
        return m.id


def in_office(db, year) -> list[tuple[str, str]]:
    return [(m.name, m.role) for m in db.run(B.reviewed_members, year, DEMO_TODAY)]


def test_print_review_on_the_demo_village(demo_db, tmp_path):
    """One 述职表 per executive member in office, with her pledge text and progress total; each ballot lists
    every one of them; nothing the papers do not need (phones, ID numbers, parties' names)."""
    pdf = tmp_path / "述职评议.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "fedclient", "print-review", "--db", str(demo_db.path), "--year", "2026",
         "--copies", "3", "--pdf", str(pdf)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = [p for p in page_texts(pdf) if p.strip()]
    members = in_office(demo_db, 2026)
    assert len(members) >= 10
    sheets = [p for p in pages if shows(p.split("\n", 1)[0], "年度述职表")]
    ballots = [p for p in pages if shows(p.split("\n", 1)[0], "民主测评票")]
    assert len(sheets) == len(members)  # each sheet fits on its page
    assert len(ballots) == 3
    pledges = {p.member_name: p for p in demo_db.run(P.list_pledges, P.PledgeFilters(2026, DEMO_TODAY))}
    assert len(pledges) >= len(members) - 1
    for sheet, (name, _role) in zip(sheets, members, strict=True):
        assert shows(sheet, f"姓名{name}") and shows(sheet, "本人签字")
        if name in pledges:
            p = pledges[name]
            assert shows(sheet, f"承诺内容{p.content}")
            assert shows(sheet, f"累计完成{p.done_label}")
    for ballot in ballots:
        for name, _role in members:
            assert shows(ballot, name)
        assert shows(ballot, "满意基本满意不满意")
    with demo_db.session() as s:
        phones = [m.phone for m in s.query(Member) if m.phone]
        ids = [m.id_number for m in s.query(Member) if m.id_number]
        parties = [p.name for p in s.query(CaseParty)]
    html = "".join(demo_db.run(review_papers, 2026, 1, DEMO_TODAY).parts)  # what the command drew, exactly
    assert not any(p in html for p in phones) and not any(i in html for i in ids)
    assert not any(n in html for n in parties if n not in dict(members))


def test_counted_ballots_show_in_the_assessment(db, qapp, tmp_path):
    chair = add(db, "张秀兰", role="chair")
    vice = add(db, "宋航华", role="part_time_vice_chair")
    member = add(db, "王芳")
    rows = db.run(B.ballot_rows, 2026, date(2026, 12, 20))
    assert [r.name for r in rows] == ["张秀兰", "宋航华", "王芳"]
    db.run(B.save_ballots, 2026, [(chair, 30, 4, 1), (vice, 20, 10, 5), (member, 0, 0, 0)])
    assessed = {r.name: r for r in db.run(A.assessment_rows, 2026)}
    assert assessed["张秀兰"].satisfaction == 97.1 and assessed["张秀兰"].ballots == 35
    assert assessed["宋航华"].satisfaction == 85.7  # the part-time vice chair's yearly rating
    assert assessed["王芳"].satisfaction is None  # no ballots entered for her
    board = db.run(assessment_table, 2026, "A4", date(2026, 12, 20))
    assert "97.1%" in board.html and "85.7%" in board.html
    db.run(B.save_ballots, 2026, [(chair, 0, 0, 0)])  # all zero: the count is taken back
    assert {r.name: r.satisfaction for r in db.run(A.assessment_rows, 2026)}["张秀兰"] is None
    with pytest.raises(B.BallotError) as refused:
        db.run(B.save_ballots, 2026, [(vice, -1, 0, 0)])
    assert refused.value.errors == {str(vice): "票数不能为负数。"}
    assert db.run(B.ballot_rows, 2026, date(2026, 12, 20))[1].rate == 85.7  # the refused save changed nothing


def test_copies_and_a_member_without_pledge(db, qapp):
    add(db, "张秀兰", role="chair", phone="13912345678")
    papers = db.run(review_papers, 2026, 2, date(2026, 12, 20))
    html = "".join(papers.parts)
    assert html.count("年度述职表") == 1 and html.count("民主测评票") == 2 and papers.sheets == 1
    assert "本年度没有登记承诺" in html and "13912345678" not in html
    with pytest.raises(ValueError):
        db.run(review_papers, 2026, -1, date(2026, 12, 20))


def test_self_check_of_the_demo_village(demo_db, qapp, tmp_path):
    check = demo_db.run(self_check, 2026, DEMO_TODAY)
    names = [i.name for i in check.items]
    assert names == ["按期换届", "执委配备", "执委作出承诺", "承诺兑现", "妇女议事会", "矛盾纠纷调解",
                     "网格“1+2”配备", "网格服务"]  # fmt: skip
    assert sum(i.full for i in check.items) == 100
    assert all(0 <= i.score <= i.full for i in check.items)
    shape = check.items[6]
    assert shape.score < shape.full and "四组片" in shape.fixes[0]  # the demo's grid with one volunteer
    assert check.total == round(sum(i.score for i in check.items), 1)
    from fedclient.ui.printing import save_pdf

    doc = demo_db.run(self_check_printout, 2026, DEMO_TODAY)
    pdf = tmp_path / "自查表.pdf"
    assert save_pdf(doc.html, pdf, "A4", False, doc.footer, doc.title, doc.base_pt) == 1
    text = pdf_text(pdf)
    assert (
        shows(text, "规范化建设自查表") and shows(text, f"总分{check.total:g}分") and shows(text, "评分标准")
    )


def test_self_check_scores_vacancies_and_overdue_term(db):
    add(db, "张秀兰", role="chair", term_start=date(2021, 3, 1), term_end=date(2026, 2, 28))
    add(db, "王芳", term_start=date(2021, 3, 1), status="left", left_date=date(2026, 3, 10))
    check = db.run(self_check, 2026, date(2026, 11, 25))
    term, staff = check.items[0], check.items[1]
    assert term.score == 0 and "超期 9 个月" in term.found
    # one vacancy open 8 months (-3 -2) and fewer than 7 members (-3)
    assert staff.score == 2 and any("王芳" in f and "8 个月" in f for f in staff.fixes)
