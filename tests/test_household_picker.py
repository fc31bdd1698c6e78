"""所住住户 in the helped-person and case dialogs at county scale: thousands of households, found by typing,
never all loaded; a household far down the list can be chosen and stays linked when the record is reopened."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import insert, select

from fedclient.core.grids.households import address_sort_key
from fedclient.core.mediation import CaseDraft, PartyDraft, get_case, save_case
from fedclient.core.members.helped import get_helped
from fedclient.core.models import Household, Member
from fedclient.core.pinyin import initials_index
from fedclient.ui.members.helped_dialog import HelpedDialog
from tests.user import click, type_into

HOUSEHOLDS = 3000


@pytest.fixture
def county(db):
    """3,000 households; the one to find is the 2,900th by address (beyond the 2,000 the field used to load)."""

    def fill(session):
        rows = []
        for n in range(HOUSEHOLDS):
            name = "郑丽华" if n == 2899 else f"王{'秀英桂兰春梅'[n % 6]}{'芳霞'[n % 2]}"
            address = f"{n // 100 + 1}组{n % 100 + 1}号"
            rows.append(
                {"contact_name": name, "name_initials": initials_index(name), "address": address,
                 "address_key": address_sort_key(address), "size": 3, "tags": "", "phone": "", "notes": ""}
            )  # fmt: skip
        session.execute(insert(Household), rows)
        return session.scalar(select(Household.id).where(Household.contact_name == "郑丽华"))

    return db.run(fill)


def pick(qtbot, box, typed: str, label: str) -> None:
    """Type into the field, wait for the households found, and choose one from the popup."""
    type_into(qtbot, box, typed)
    popup = box.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and box.found.rowCount() > 0, timeout=5000)
    shown = [box.found.item(r).text() for r in range(box.found.rowCount())]
    assert label in shown and len(shown) <= 30, shown
    where = popup.visualRect(box.completer().completionModel().index(shown.index(label), 0)).center()
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert box.currentText() == label


def test_a_household_far_down_a_county_list_is_found_by_initials_and_stays_linked(qtbot, db, ops, county):
    dialog = HelpedDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    ops.wait_idle()  # the helpers to tick are read once it is up
    box = dialog.w["household_id"]
    assert box.count() == 1, "the households are searched as she types, not loaded into the field"
    type_into(qtbot, dialog.w["name"], "郑小丫")
    pick(qtbot, box, "zlh", "郑丽华 29组100号")
    assert box.value() == county
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert db.run(get_helped, dialog.saved_id).household_id == county

    again = HelpedDialog(ops, person_id=dialog.saved_id)
    qtbot.addWidget(again)
    again.show()
    ops.wait_idle()
    assert again.w["household_id"].currentText() == "郑丽华 29组100号"
    type_into(qtbot, again.w["notes"], "已走访")
    click(qtbot, again, "保存")
    qtbot.waitUntil(lambda: not again.isVisible())
    assert db.run(get_helped, dialog.saved_id).household_id == county, "saving again keeps the link"


def test_text_that_names_no_household_links_none_and_says_so(qtbot, db, ops, county):
    dialog = HelpedDialog(ops)
    qtbot.addWidget(dialog)
    dialog.show()
    ops.wait_idle()
    box = dialog.w["household_id"]
    type_into(qtbot, box, "火星")
    qtbot.waitUntil(lambda: box.found.rowCount() == 1, timeout=5000)
    assert box.found.item(0).text() == "没有找到这样的住户" and not box.found.item(0).isEnabled()
    assert box.value() is None


def test_a_case_party_keeps_her_household_and_an_address_suggests_one(qtbot, db, ops, county):
    from fedclient.ui.mediation.case_dialog import CaseDialog

    mediator = db.run(
        lambda s: s.add(m := Member(name="张秀兰", name_initials="zxl", role="chair")) or s.flush() or m.id
    )
    parties = [
        PartyDraft("applicant", "郑丽华", "女", 50, "", "29组100号", "婆媳", county),
        PartyDraft("respondent", "刘建国", "男", 30, "", "7组", "邻居"),
    ]
    draft = CaseDraft(received_date=date(2026, 11, 2), description="家中因赡养问题争吵", parties=parties,
                      mediator_ids=[mediator])  # fmt: skip
    case_id = db.run(save_case, draft, date(2026, 11, 25))
    dialog = CaseDialog(ops, draft=db.run(get_case, case_id).draft)
    qtbot.addWidget(dialog)
    parties = dialog.parties
    assert parties.table.cellWidget(0, 7).currentText() == "郑丽华 29组100号"
    assert parties.parties()[0][0].household_id == county
    row = parties.add_row(PartyDraft("respondent", "王秀芳"))
    parties.set_text(row, 5, "1组1号")  # an address that is exactly one household's
    assert parties.table.cellWidget(row, 7).currentText().endswith(" 1组1号")
    assert parties.parties()[0][2].household_id is not None
