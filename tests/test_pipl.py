"""个人信息保护法 requests: export everything about one person, erase her everywhere without changing figures."""

from __future__ import annotations

import sqlite3
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import func, select

from fedclient.core.history.query import record_history
from fedclient.core.models import CaseParty, ChangeLog, HelpedPerson, Member, Pledge
from fedclient.core.monthly_report.export import export_month, last_month
from fedclient.core.pipl.erase import erase_person
from fedclient.core.pipl.export import export_person
from fedclient.core.vocab import ROLES


def numbers(path) -> dict[tuple[str, str], float]:
    wb = load_workbook(path, read_only=True)
    found = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool):
                    found[(ws.title, cell.coordinate)] = cell.value
    wb.close()
    return found


def everything_in(db_path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


def chair_with_records(session) -> Member:
    return session.scalars(
        select(Member).join(Pledge, Pledge.member_id == Member.id).where(Member.id_number.is_not(None))
    ).first()


def test_export_holds_her_record_what_refers_to_her_and_her_history(demo_db, tmp_path):
    with demo_db.session() as s:
        member = chair_with_records(s)
        out = export_person(s, "members", member.id, tmp_path / "此人信息.xlsx")
        name, id_number, pledges = (
            member.name,
            member.id_number,
            s.scalar(select(func.count()).select_from(Pledge).where(Pledge.member_id == member.id)),
        )
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "成员信息" and "承诺" in wb.sheetnames and wb.sheetnames[-1] == "修改记录"
    own = {h.value: v.value for h, v in zip(wb["成员信息"][1], wb["成员信息"][2], strict=True)}
    assert own["姓名"] == name and own["身份证号"] == id_number  # her own data, in full, as text
    assert own["职务"] in ROLES.values() and own["状态"] in ("在任", "离任")  # labels, not stored codes
    assert wb["承诺"].max_row == pledges + 1
    assert wb["修改记录"].max_row >= 2


def test_erase_removes_her_everywhere_and_past_monthly_figures_stay(demo_db, tmp_path):
    year, month = last_month(date.today())
    before = tmp_path / "before.xlsx"
    export_month(demo_db, year, month, before)
    with demo_db.session() as s:
        member = chair_with_records(s)
        party = s.scalars(select(CaseParty).order_by(CaseParty.id)).first()
        helped = s.scalars(select(HelpedPerson).order_by(HelpedPerson.id)).first()
        people = [("members", member.id), ("case_parties", party.id), ("helped_people", helped.id)]
        traces = [member.name, member.id_number, member.phone, party.name, helped.name]
    # the history knows her: a reveal, a change
    with demo_db.session() as s:
        s.get(Member, member.id).specialty = "剪纸"
    for kind, person_id in people:
        demo_db.run(erase_person, kind, person_id)

    after = tmp_path / "after.xlsx"
    export_month(demo_db, year, month, after)
    assert numbers(before) == numbers(after)
    # Households are a record of their own: a household head of the same name is not taken to be her.
    dump = "\n".join(line for line in everything_in(demo_db.path).splitlines() if '"households"' not in line)
    for trace in traces:
        assert trace not in dump, trace
    with demo_db.session() as s:
        assert s.get(Member, member.id).name == "（已删除）"
        history = record_history(s, "members", member.id)
        assert history[0].action == "按本人要求删除个人信息"
        assert s.scalar(select(func.count()).select_from(ChangeLog)) > 100  # nothing else was deleted


def test_erase_from_the_member_dialog_asks_and_says_backups_keep_her(qtbot, monkeypatch, demo_db, ops):
    from PySide6.QtWidgets import QMessageBox

    from fedclient.ui.members.member_dialog import MemberDialog

    asked = []
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes
    )
    monkeypatch.setattr(QMessageBox, "information", lambda *a: None)
    member_id = demo_db.run(lambda s: s.scalar(select(Member.id).order_by(Member.id.desc())))
    dialog = MemberDialog(ops, member_id=member_id)
    qtbot.addWidget(dialog)
    dialog.show()
    person = next(b for b in dialog.buttons.findChildren(type(dialog.buttons.save)) if b.text() == "个人信息")
    erase = next(a for a in person.menu().actions() if a.text() == "删除此人信息…")
    erase.trigger()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert "备份中仍有她的信息" in asked[0] and "月报数字不会改变" in asked[0]
    assert demo_db.run(lambda s: s.get(Member, member_id).name) == "（已删除）"


def test_her_household_link_is_exported_and_erased_but_the_household_stays(demo_db, tmp_path):
    from fedclient.core.models import Household

    with demo_db.session() as s:
        party = s.scalars(select(CaseParty).order_by(CaseParty.id)).first()
        home = Household(contact_name=party.name, phone="13907310001", address="3组12号", size=4)
        namesake = Household(contact_name=party.name, phone="13907310002", address="5组1号", size=2)
        s.add_all([home, namesake])
        s.flush()
        party.household_id, party.phone = home.id, "13907310001"
        party_id, home_id, namesake_id, name = party.id, home.id, namesake.id, party.name
    with demo_db.session() as s:
        out = export_person(s, "case_parties", party_id, tmp_path / "此人信息.xlsx")
    sheet = load_workbook(out)["所在户"]
    row = {h.value: v.value for h, v in zip(sheet[1], sheet[2], strict=True)}
    assert row["地址"] == "3组12号" and row["户主"] == name

    demo_db.run(erase_person, "case_parties", party_id)
    with demo_db.session() as s:
        assert s.get(CaseParty, party_id).household_id is None
        home, namesake = s.get(Household, home_id), s.get(Household, namesake_id)
        assert (home.contact_name, home.phone, home.address) == ("（已删除）", "", "3组12号")
        assert (namesake.contact_name, namesake.phone) == (name, "13907310002")  # another family's head
