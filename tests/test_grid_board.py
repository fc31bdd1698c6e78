"""The grid board (网格公示牌): every leader on it, no household, a member's phone only if she agreed."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from fedclient.core import grids
from fedclient.core.grids.board import board_data, grid_board_html
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index
from fedclient.core.village import Profile, save_profile

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


def nfkc(text: str) -> str:
    return text  # no normalisation: the text layer gives exactly the characters drawn


def make_village(db):
    with db.session() as s:
        save_profile(
            s,
            Profile("湖南省", "常德市", "临澧县", "合口镇", "杉板村", "周玉梅", "13800138000"),
        )
        people = {}
        for name, phone, public in [
            ("张秀兰", "13911112222", True),
            ("李金凤", "13933334444", False),
            ("王芳", "13955556666", False),
            ("陈春英", "13977778888", False),
        ]:
            m = Member(name=name, name_initials=initials_index(name), role="council_member", phone=phone)
            m.public_phone = public
            s.add(m)
            s.flush()
            people[name] = m.id
        g1 = grids.save_grid(
            s,
            grids.GridData(
                number=1,
                name="一组片",
                area="1组、2组",
                leader_id=people["张秀兰"],
                volunteer_ids=[people["王芳"]],
            ),
        )
        grids.save_grid(
            s,
            grids.GridData(
                number=2,
                name="安置小区",
                area="1-3栋",
                leader_id=people["李金凤"],
                volunteer_ids=[people["陈春英"]],
            ),
        )
        grids.save_household(
            s,
            grids.HouseholdData(contact_name="赵春花", address="3组12号", grid_id=g1.id, phone="13600001111"),
        )


def test_board_shows_public_phones_only(db):
    from datetime import date

    make_village(db)
    board = db.run(board_data, date(2026, 11, 25))
    phones = {row.leader: row.phone for row in board.rows}
    assert phones == {"张秀兰": "13911112222", "李金凤": "13800138000（村妇联）"}
    html = db.run(grid_board_html, date(2026, 11, 25))
    assert "13933334444" not in html and "赵春花" not in html


def test_print_grids_pdf_has_each_leader_and_no_household(db, tmp_path):
    make_village(db)
    pdf = tmp_path / "网格公示牌.pdf"
    db.dispose()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fedclient",
            "print-grids",
            "--db",
            str(db.path),
            "--pdf",
            str(pdf),
            "--date",
            "2026-11-25",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = nfkc(
        subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    )
    for expected in [
        "杉板村妇联",
        "张秀兰",
        "李金凤",
        "王芳",
        "陈春英",
        "1组、2组",
        "监督电话：13800138000",
        "公示日期：2026年11月25日",
    ]:
        assert nfkc(expected) in text, expected
    for hidden in ["赵春花", "3组12号", "13600001111", "13933334444", "13955556666"]:
        assert hidden not in text, hidden
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansCJKsc" in fonts or "SC" in fonts


def test_print_grids_refuses_a_bad_date(db, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fedclient",
            "print-grids",
            "--db",
            str(db.path),
            "--pdf",
            str(tmp_path / "x.pdf"),
            "--date",
            "2026/11/25",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr


def test_demo_board_shows_the_phones_of_leaders_who_agreed_and_no_one_elses(demo_db):
    from datetime import date

    from sqlalchemy import select

    from fedclient.core.models import Grid

    with demo_db.session() as s:
        board = board_data(s, date(2026, 11, 25))
        leaders = {
            g.number: s.get(Member, g.leader_id) for g in s.scalars(select(Grid).order_by(Grid.number))
        }
        chair_phone = board.chair_phone
    phones = [row.phone for row in board.rows]
    agreed = [m for m in leaders.values() if m.public_phone]
    assert agreed and len(agreed) < len(leaders)  # the demo shows both cases
    for row, leader in zip(board.rows, leaders.values(), strict=True):
        assert row.phone == (leader.phone if leader.public_phone else f"{chair_phone}（村妇联）")
    assert len(set(phones)) == len(agreed) + 1
