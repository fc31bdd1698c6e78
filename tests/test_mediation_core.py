"""The mediation ledger's rules and numbers, on small hand-made sets of cases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from fedclient.core import mediation as med
from fedclient.core.mediation import CaseDraft, CaseRefused, FollowUpDraft, PartyDraft
from fedclient.core.models import Grid, GridService, MediationCase, Member
from fedclient.core.settings import set_setting
from tests.conftest import statements_run

TODAY = date(2026, 7, 15)


def add_members(db) -> tuple[int, int]:
    def make(session):
        a = Member(name="张秀兰", name_initials="zxl", role="chair")
        b = Member(name="李春梅", name_initials="lcm", role="executive_member")
        session.add_all([a, b])
        session.flush()
        return a.id, b.id

    return db.run(make)


def draft(received: date, mediators: list[int], **kw) -> CaseDraft:
    values = dict(
        received_date=received,
        description="夫妻因家务分担争吵",
        parties=[PartyDraft("applicant", "王小红", "女", 35), PartyDraft("respondent", "赵大军", "男", 38)],
        mediator_ids=mediators,
    )
    values.update(kw)
    return CaseDraft(**values)


def success(day: date) -> dict:
    return dict(
        outcome="调解成功", outcome_date=day, agreement_form="书面", agreement_terms="男方每周陪伴孩子三次"
    )


def save(db, d: CaseDraft, today: date = TODAY) -> int:
    return db.run(med.save_case, d, today)


def visit(db, case_id: int, day: date, visitor: int) -> int:
    return db.run(med.save_followup, case_id, FollowUpDraft(visit_date=day, visitor_id=visitor), TODAY)


def numbers(db) -> list[str]:
    return db.run(lambda s: list(s.scalars(select(MediationCase.number).order_by(MediationCase.id))))


# --- numbering -----------------------------------------------------------------------------------------


def test_numbers_run_per_year_and_a_deleted_number_is_never_given_again(db):
    m1, _ = add_members(db)
    first = save(db, draft(date(2026, 1, 5), [m1]))
    second = save(db, draft(date(2026, 2, 1), [m1]))
    assert numbers(db) == ["2026-001", "2026-002"]
    db.run(med.delete_case, second)
    save(db, draft(date(2026, 3, 1), [m1]))
    save(db, draft(date(2027, 1, 2), [m1]), today=date(2027, 1, 3))
    save(db, draft(date(2026, 12, 30), [m1]), today=date(2027, 1, 3))
    assert numbers(db) == ["2026-001", "2026-003", "2027-001", "2026-004"]
    # Even after deleting the last case of a year, its number stays used.
    db.run(med.delete_case, db.run(med.case_id_by_number, "2026-004"))
    save(db, draft(date(2026, 12, 31), [m1]), today=date(2027, 1, 3))
    assert numbers(db)[-1] == "2026-005"
    # The number belongs to the year received: moving a case to another year is refused.
    record = db.run(med.get_case, first)
    record.draft.received_date = date(2025, 12, 30)
    with pytest.raises(CaseRefused, match="受理日期须在2026年内"):
        save(db, record.draft)


# --- the workflow ---------------------------------------------------------------------------------------

D0 = date(2026, 5, 10)
REFUSALS = [
    ("no applicant", dict(parties=[PartyDraft("respondent", "赵大军")]), "parties", "至少登记一名申请人"),
    ("received in the future", dict(received_date=date(2026, 7, 16)), "received_date", "不能晚于今天"),
    ("no description", dict(description="  "), "description", "简要填写纠纷情况"),
    ("started before received", dict(mediation_started=date(2026, 5, 9)), "mediation_started", "不能早于受理日期"),
    ("outcome before received", dict(**success(date(2026, 5, 1))), "outcome_date", "不能早于受理日期"),
    ("outcome without a date", dict(outcome="调解成功", agreement_form="口头", agreement_terms="和好"),
     "outcome_date", "请填写调解结果日期"),
    ("a date without an outcome", dict(outcome_date=date(2026, 5, 20)), "outcome", "请选择调解结果"),
    ("success without agreement form", dict(**{**success(date(2026, 5, 20)), "agreement_form": ""}),
     "agreement_form", "协议形式"),
    ("success without terms", dict(**{**success(date(2026, 5, 20)), "agreement_terms": ""}),
     "agreement_terms", "协议内容"),
    ("failure without referral", dict(outcome="调解不成", outcome_date=date(2026, 5, 20)), "referred_to", "转介去向"),
    ("closing without an outcome", dict(closed_date=date(2026, 6, 1)), "closed_date", "尚无调解结果，不能结案"),
    ("closing a success never visited", dict(**success(date(2026, 5, 20)), closed_date=date(2026, 6, 1)),
     "closed_date", "须先回访"),
    ("closing before the outcome", dict(outcome="调解不成", outcome_date=date(2026, 5, 20), referred_to="法院",
                                        closed_date=date(2026, 5, 15)), "closed_date", "不能早于调解结果日期"),
    ("outcome without mediators", dict(**success(date(2026, 5, 20)), mediator_ids=[]), "mediators", "选择调解员"),
    ("deadline before agreement", dict(**success(date(2026, 5, 20)), performance_deadline=date(2026, 5, 1)),
     "performance_deadline", "履行期限不能早于"),
    ("age out of range", dict(parties=[PartyDraft("applicant", "王小红", age=150)]), "parties", "年龄"),
]  # fmt: skip


@pytest.mark.parametrize("label, change, field, message", REFUSALS, ids=[r[0] for r in REFUSALS])
def test_each_senseless_case_is_refused_with_a_chinese_message(label, change, field, message):
    problems = med.check_case(draft(D0, [1], **change), TODAY)
    assert any(p.field == field and message in p.message for p in problems), problems


def test_a_sensible_case_passes_every_stage():
    stages = [
        {},
        dict(mediation_started=D0),
        dict(mediation_started=D0, **success(date(2026, 5, 20))),
        dict(mediation_started=D0, outcome="调解不成", outcome_date=date(2026, 5, 20), referred_to="司法所",
             closed_date=date(2026, 5, 21)),
    ]  # fmt: skip
    for change in stages:
        assert med.check_case(draft(D0, [1], **change), TODAY) == []
    closed = draft(D0, [1], **success(date(2026, 5, 20)), closed_date=date(2026, 6, 25))
    assert med.check_case(closed, TODAY, followup_dates=[date(2026, 6, 20)]) == []


FOLLOWUP_REFUSALS = [
    ("no outcome yet", dict(outcome=None, outcome_date=None), date(2026, 6, 1), "尚无调解结果，不能回访"),
    ("before the outcome", {}, date(2026, 5, 19), "不能早于调解结果日期"),
    ("in the future", {}, date(2026, 7, 20), "不能晚于今天"),
    ("after closing", dict(closed_date=date(2026, 6, 1)), date(2026, 6, 5), "不能晚于结案日期"),
]


@pytest.mark.parametrize(
    "label, change, day, message", FOLLOWUP_REFUSALS, ids=[r[0] for r in FOLLOWUP_REFUSALS]
)
def test_each_senseless_follow_up_is_refused(label, change, day, message):
    case = dict(received=D0, outcome="调解成功", outcome_date=date(2026, 5, 20), closed_date=None)
    case.update(change)
    problems = med.check_followup(**case, visit_date=day, visitor_id=1, today=TODAY)
    assert any(message in p.message for p in problems), problems


def test_a_refused_save_writes_nothing_and_status_follows_the_workflow(db):
    m1, m2 = add_members(db)
    case_id = save(db, draft(D0, [m1]))
    assert db.run(med.get_case, case_id).status == "已受理"
    with pytest.raises(CaseRefused):
        save(db, draft(D0, [m1], id=case_id, closed_date=date(2026, 6, 1), description="改过的描述"))
    record = db.run(med.get_case, case_id)
    assert record.draft.description == "夫妻因家务分担争吵" and record.draft.closed_date is None
    with pytest.raises(CaseRefused, match="尚无调解结果"):
        visit(db, case_id, date(2026, 5, 25), m2)
    statuses = []
    for change in (dict(mediation_started=D0), dict(mediation_started=D0, **success(date(2026, 5, 20)))):
        save(db, draft(D0, [m1], id=case_id, **change))
        statuses.append(db.run(med.get_case, case_id).status)
    visit(db, case_id, date(2026, 6, 20), m2)
    statuses.append(db.run(med.get_case, case_id).status)
    save(db, draft(D0, [m1], id=case_id, mediation_started=D0, **success(date(2026, 5, 20)),
                   closed_date=date(2026, 6, 21)))  # fmt: skip
    statuses.append(db.run(med.get_case, case_id).status)
    assert statuses == ["调解中", "调解成功", "已回访", "已结案"]
    # The outcome cannot be taken back once a visit was recorded.
    with pytest.raises(CaseRefused, match="不能撤销调解结果"):
        save(db, draft(D0, [m1], id=case_id))


# --- statistics on a hand-made set -----------------------------------------------------------------------


@pytest.fixture
def ledger(db):
    """Seven cases whose right answers are worked out by hand in the tests below."""
    m1, m2 = add_members(db)
    ids = {}
    ids["G"] = save(db, draft(date(2025, 12, 20), [m1], **success(date(2026, 1, 5))))
    ids["A"] = save(
        db, draft(date(2026, 3, 10), [m1, m2], dispute_type="家庭暴力", **success(date(2026, 3, 20)))
    )
    ids["B"] = save(db, draft(date(2026, 3, 25), [m1], dispute_type="婚姻纠纷", mediation_started=date(2026, 3, 26),
                              outcome="调解不成", outcome_date=date(2026, 4, 5), referred_to="法院"))  # fmt: skip
    ids["C"] = save(db, draft(date(2026, 4, 2), [m1], dispute_type="邻里纠纷", **success(date(2026, 4, 28))))
    ids["D"] = save(
        db, draft(date(2026, 4, 10), [m1, m2], risk_level="红", mediation_started=date(2026, 4, 11))
    )
    ids["E"] = save(
        db, draft(date(2026, 2, 20), [m1], mediation_started=date(2026, 2, 21), **success(date(2026, 5, 6)))
    )
    ids["F"] = save(db, draft(date(2026, 4, 30), [m1], dispute_type="家庭暴力", turned_criminal=True,
                              outcome="调解不成", outcome_date=date(2026, 5, 2), referred_to="派出所"))  # fmt: skip
    visit(db, ids["A"], date(2026, 4, 15), m2)
    visit(db, ids["C"], date(2026, 4, 29), m2)
    save(db, draft(date(2026, 3, 10), [m1, m2], id=ids["A"], dispute_type="家庭暴力", **success(date(2026, 3, 20)),
                   closed_date=date(2026, 4, 20)))  # fmt: skip
    save(db, draft(date(2026, 4, 2), [m1], id=ids["C"], dispute_type="邻里纠纷", **success(date(2026, 4, 28)),
                   closed_date=date(2026, 6, 10)))  # fmt: skip
    return ids, m1, m2


def test_month_indicators_are_the_hand_counted_ones(db, ledger):
    assert db.run(med.month_indicators, 2026, 4) == {
        "本月受理调解案件数": 3,  # C, D, F
        "本月调解成功数": 1,  # C
        "本年累计受理数": 6,  # A-F (G was received in 2025)
        "本年累计调解成功数": 3,  # G (success dated 2026-01-05), A, C
        "调解成功率(%)": 75.0,  # 3 of 4 outcomes (G, A, B, C)
        "本月家庭暴力案件数": 1,  # F
        "在办超期案件数": 1,  # E: open since 02-20; D only 20 days, F received on the 30th
        "本月回访数": 2,  # A 04-15, C 04-29
        "民转刑案件数": 1,  # F
    }
    assert db.run(med.month_indicators, 2026, 5) == {
        "本月受理调解案件数": 0,
        "本月调解成功数": 1,  # E
        "本年累计受理数": 6,
        "本年累计调解成功数": 4,
        "调解成功率(%)": 66.7,  # 4 of 6
        "本月家庭暴力案件数": 0,
        "在办超期案件数": 1,  # D, 51 days at 05-31
        "本月回访数": 0,
        "民转刑案件数": 1,
    }
    assert db.run(med.month_indicators, 2025, 6)["调解成功率(%)"] == 0


def test_ledger_shows_the_month_as_it_stood_at_month_end_with_masked_names(db, ledger):
    rows = db.run(med.ledger_rows, 2026, 4)
    assert [r["案件编号"] for r in rows] == ["2026-003", "2026-004", "2026-005", "2026-006"]  # C D E F
    c, d, e, f = rows
    assert c["状态"] == "已回访" and c["结案日期"] is None and c["回访次数"] == 1  # closed only in June
    assert c["结果"] == "调解成功（书面协议）"
    assert d["状态"] == "调解中" and d["风险等级"] == "红" and d["调解员"] == "张秀兰、李春梅"
    assert e["状态"] == "调解中" and e["结果"] == ""  # its success came on 05-06
    assert f["状态"] == "已受理"
    assert c["当事人"] == "申请人：王某某；被申请人：赵某某"
    assert "王小红" not in str(rows)
    full = db.run(med.ledger_rows, 2026, 4, mask_names=False)
    assert full[0]["当事人"] == "申请人：王小红；被申请人：赵大军"
    assert list(rows[0]) == ["案件编号", "受理日期", "来源", "纠纷类型", "当事人", "风险等级", "调解方法", "调解员",
                             "状态", "结果", "结案日期", "回访次数"]  # fmt: skip


def test_monthly_outcomes_and_cases_by_mediator(db, ledger):
    _, m1, m2 = ledger
    months = db.run(med.monthly_outcomes, 2026)
    assert months[2] == {"调解成功": 1, "调解不成": 0, "在办": 0}
    assert months[3] == {"调解成功": 1, "调解不成": 1, "在办": 0}
    assert months[4] == {"调解成功": 1, "调解不成": 1, "在办": 1}
    assert months[12] == {"调解成功": 0, "调解不成": 0, "在办": 0}
    assert db.run(med.cases_by_mediator, 2026) == {m1: 6, m2: 2}


def test_period_stats_of_the_year(db, ledger):
    stats = db.run(med.period_stats, 2026, None, date(2026, 6, 30))
    assert (stats.received, stats.successful, stats.outcomes, stats.success_rate) == (6, 4, 6, 66.7)
    assert stats.by_type["家庭暴力"] == 2 and stats.domestic_violence == 2
    assert stats.by_source == {
        "当事人申请": 6,
        "主动排查": 0,
        "上级转交": 0,
        "12338热线": 0,
        "网格上报": 0,
        "其他": 0,
    }
    assert stats.followups == 2 and stats.turned_criminal == 1 and stats.overdue_open == 1
    # Up to a month end (as the monthly workbook asks): the outcomes behind that month's success rate.
    april = db.run(med.period_stats, 2026, today=date(2026, 4, 30))
    assert (april.successful, april.outcomes) == (3, 4)


def test_reminders_with_a_fixed_today(db, ledger):
    ids, _, _ = ledger
    found = {(r.kind, r.record_id) for r in db.run(med.reminders, date(2026, 6, 30))}
    assert found == {
        ("case_overdue", ids["D"]),
        ("case_followup_due", ids["E"]),  # success 05-06, never visited
        ("case_followup_due", ids["G"]),
        ("case_red_open", ids["D"]),
    }
    # "More than 30 days": D received 04-10 is overdue from 05-11, not on 05-10.
    assert ("case_overdue", ids["D"]) not in {
        (r.kind, r.record_id) for r in db.run(med.reminders, date(2026, 5, 10))
    }
    assert ("case_overdue", ids["D"]) in {
        (r.kind, r.record_id) for r in db.run(med.reminders, date(2026, 5, 11))
    }
    db.run(set_setting, "followup_interval_days", "60")
    due = {r.record_id for r in db.run(med.reminders, date(2026, 6, 30)) if r.kind == "case_followup_due"}
    assert due == {ids["G"]}  # E's 55 days are within the new interval
    texts = " ".join(r.text for r in db.run(med.reminders, date(2026, 6, 30)))
    assert "王某某" in texts and "王小红" not in texts


def test_reminders_read_party_names_in_a_fixed_number_of_queries(db):
    """One statement per kind of reminder, however many cases: no query per case for the party name."""

    mediator, _ = add_members(db)

    def statements_for_reminders() -> tuple[int, list[str]]:
        with statements_run(db.engine) as seen:
            texts = [r.text for r in db.run(med.reminders, TODAY)]
        return len(seen), texts

    def add_cases(count: int) -> None:
        for i in range(count):  # open 60 days, red: overdue and red reminders
            save(db, draft(date(2026, 5, 1 + i % 28), [mediator], risk_level="红"), today=TODAY)
        for _ in range(count):  # agreed 40 days ago, not visited: follow-up reminders
            save(db, draft(date(2026, 5, 1), [mediator], **success(date(2026, 6, 5))), today=TODAY)

    add_cases(2)
    few, texts = statements_for_reminders()
    assert len(texts) == 6
    add_cases(20)
    many, texts = statements_for_reminders()
    assert len(texts) == 66 and many == few
    assert all("（王某某）" in t for t in texts) and not any("王小红" in t for t in texts)


# --- masking, search, the grid link ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, masked",
    [("张三", "张某某"), ("王小红", "王某某"), ("欧阳娜娜", "欧阳某某"), ("  李 ", "李某某"), ("", "")],
)
def test_mask_name(name, masked):
    assert med.mask_name(name) == masked


def test_search_by_number_name_and_initials_and_filters(db, ledger):
    ids, _, _ = ledger

    def found(**kw) -> set[str]:
        return {r.number for r in db.run(med.list_cases, med.CaseFilters(**kw), today=TODAY)}

    assert found(text="wxh") == found(text="王小") == found() and len(found()) == 7
    assert found(text="zdj") == found()  # the respondent 赵大军 too
    assert found(text="lcm") == set()  # a mediator is not a party
    assert found(text="2026-004") == {"2026-004"}
    assert found(risk_level="红") == {"2026-004"}
    assert found(year=2026, month=4) == {"2026-003", "2026-004", "2026-006"}
    assert found(status="已结案") == {"2026-001", "2026-003"}  # A and C
    assert db.run(med.count_cases, med.CaseFilters(dispute_type="家庭暴力")) == 2


def test_a_case_from_a_grid_service_is_linked_both_ways(db):
    m1, _ = add_members(db)

    def make_service(session):
        grid = Grid(number=1, name="第一网格", leader_id=m1)
        session.add(grid)
        session.flush()
        service = GridService(
            date=date(2026, 6, 3), grid_id=grid.id, role="矛盾调解", description="两户因排水沟争吵"
        )
        session.add(service)
        session.flush()
        return service.id

    service_id = db.run(make_service)
    prefill = db.run(med.draft_from_service, service_id)
    assert (prefill.received_date, prefill.source, prefill.description) == (
        date(2026, 6, 3),
        "网格上报",
        "两户因排水沟争吵",
    )
    prefill.parties = [PartyDraft("applicant", "钱多多")]
    case_id = save(db, prefill)
    assert db.run(lambda s: s.get(GridService, service_id).case_id) == case_id
    assert db.run(med.get_case, case_id).service_label == "来自网格服务：2026-06-03 第一网格"


def test_deleting_a_case_removes_its_parties_and_visits(db):
    m1, _ = add_members(db)
    case_id = save(db, draft(D0, [m1], **success(date(2026, 5, 20))))
    visit(db, case_id, date(2026, 6, 1), m1)
    db.run(med.delete_case, case_id)
    from fedclient.core.models import CaseParty, FollowUp

    assert db.run(lambda s: s.scalar(select(func.count()).select_from(CaseParty))) == 0
    assert db.run(lambda s: s.scalar(select(func.count()).select_from(FollowUp))) == 0
