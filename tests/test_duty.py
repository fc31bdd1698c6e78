"""值班表: who is on duty each day or half-day, filled in turn, reminded the day before, printed for the wall."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from fedclient.core import duty
from fedclient.core.dashboard import collect_reminders
from fedclient.core.duty.calendar import duty_calendar_html
from fedclient.core.models import Member
from fedclient.core.pinyin import initials_index
from fedclient.core.village import Profile, save_profile

from .pdf_text import assert_text_layer_exact, flat, needs_poppler, pdf_text

TODAY = date(2026, 11, 25)  # a Wednesday


@pytest.fixture
def people(db):
    def make(session):
        save_profile(
            session, Profile("湖南省", "常德市", "临澧县", "合口镇", "杉板村", "周玉梅", "13800138000")
        )
        ids = {}
        for name, role, status in (("周玉梅", "chair", "active"), ("李红", "executive_member", "active"),
                                   ("王芳", "executive_member", "active"), ("赵离任", "executive_member", "left"),
                                   ("钱志愿", "volunteer", "active")):  # fmt: skip
            member = Member(name=name, name_initials=initials_index(name), role=role, status=status,
                            phone=f"1391234{len(ids):04d}")  # fmt: skip
            session.add(member)
            session.flush()
            ids[name] = member.id
        return ids

    return db.run(make)


def test_only_executive_members_in_office_take_shifts(db, people):
    names = [name for _id, name in db.run(duty.duty_choices, "hotline", TODAY)]
    assert names == ["周玉梅", "李红", "王芳"]
    with pytest.raises(duty.DutyError, match="不在任"):
        db.run(duty.set_day, "mediation", TODAY, [("全天", people["钱志愿"])])


def test_a_day_is_set_and_a_whole_day_excludes_half_days(db, people):
    db.run(duty.set_day, "mediation", TODAY, [("上午", people["李红"]), ("下午", people["王芳"])])
    shifts = db.run(duty.month_shifts, "mediation", 2026, 11)[TODAY]
    assert [(s.part, s.member_name) for s in shifts] == [("上午", "李红"), ("下午", "王芳")]
    with pytest.raises(duty.DutyError, match="李红重复排班"):
        db.run(duty.set_day, "mediation", TODAY, [("全天", people["李红"]), ("上午", people["李红"])])
    assert len(db.run(duty.month_shifts, "mediation", 2026, 11)[TODAY]) == 2  # nothing changed
    db.run(duty.set_day, "mediation", TODAY, [])
    assert db.run(duty.month_shifts, "mediation", 2026, 11) == {}


def test_filling_a_month_in_turn_keeps_the_days_already_set(db, people):
    db.run(duty.set_day, "hotline", date(2026, 12, 1), [("全天", people["周玉梅"])])
    order = [people["李红"], people["王芳"]]
    added = db.run(duty.fill_month, "hotline", 2026, 12, order, ("全天",), True)
    shifts = db.run(duty.month_shifts, "hotline", 2026, 12)
    assert added == 22  # 23 weekdays in December 2026, the 1st was set by hand
    assert all(day.weekday() < 5 for day in shifts)
    assert [s.member_name for s in shifts[date(2026, 12, 1)]] == ["周玉梅"]
    assert [shifts[date(2026, 12, d)][0].member_name for d in (2, 3, 4, 7)] == [
        "李红",
        "王芳",
        "李红",
        "王芳",
    ]
    with pytest.raises(duty.DutyError, match="请先选择"):
        db.run(duty.fill_month, "hotline", 2026, 12, [], ("全天",), True)


def test_tomorrows_duty_is_on_the_home_tab_the_day_before(db, people):
    db.run(
        duty.set_day, "mediation", date(2026, 11, 26), [("上午", people["李红"]), ("下午", people["王芳"])]
    )
    db.run(duty.set_day, "hotline", date(2026, 11, 26), [("全天", people["周玉梅"])])
    db.run(duty.set_day, "hotline", date(2026, 11, 27), [("全天", people["王芳"])])
    [group] = [g for g in db.run(collect_reminders, TODAY) if g.title == "明日值班"]
    assert sorted(r.text for r in group.reminders) == [
        "明天11月26日（星期四）12338热线值班：周玉梅",
        "明天11月26日（星期四）调解值班：李红（上午）、王芳（下午）",
    ]
    assert all(
        r.tab == "mediation" and r.record_id == date(2026, 11, 26).toordinal() for r in group.reminders
    )


def test_the_demo_has_duty_tomorrow(demo_db):
    from tests.conftest import DEMO_TODAY

    texts = [r.text for r in demo_db.run(duty.reminders, DEMO_TODAY)]
    assert any("调解值班" in t for t in texts) and any("12338热线值班" in t for t in texts)


@needs_poppler
def test_the_wall_calendar_is_one_a4_landscape_page_with_names_and_no_phones(qapp, db, people, tmp_path):
    from fedclient.ui.printing import save_pdf

    order = [people["周玉梅"], people["李红"], people["王芳"]]
    db.run(duty.fill_month, "mediation", 2026, 8, order, ("上午", "下午"), False)  # six weeks, every day
    db.run(
        duty.set_day,
        "mediation",
        date(2026, 8, 31),
        [("全天", i) for i in order],
    )
    title, html = db.run(duty_calendar_html, "mediation", 2026, 8)
    assert title == "杉板村调解值班表2026年8月"
    path = tmp_path / "值班表.pdf"
    assert save_pdf(html, path, landscape=True, title=title) == 1
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "842 x 595" in info  # A4 landscape
    assert_text_layer_exact(path, html)
    text = flat(pdf_text(path))
    assert flat("杉板村妇联调解值班表") in text and "周玉梅（上午）" in text and "李红（下午）" in text
    assert "联系电话：13800138000" in text  # the station's public number (the chair's 监督电话)
    assert "13912340" not in text  # no member's own phone
