"""导出月报: a hand-made October 2026 whose right answers are written here, checked in the saved workbook.

Boundaries are on purpose: records on 31 October belong to October, records on 1 November do not.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import xlsxwriter
from openpyxl import load_workbook

from fedclient.core.models import (
    CaseParty,
    CouncilMeeting,
    FollowUp,
    Grid,
    GridService,
    GridServiceMember,
    HelpedPerson,
    Household,
    MediationCase,
    Member,
    Pledge,
    PledgeProgress,
    VillageProfile,
)
from fedclient.core.monthly_report.export import default_file_name, export_month, exported_at
from fedclient.core.monthly_report.layout import ALL_INDICATORS, INDICATORS, LEDGERS, SHEET_ORDER
from fedclient.core.monthly_report.reminders import reminders
from fedclient.core.progress import Cancelled
from fedclient.core.village import get_profile

FORMULA_NAME = '=HYPERLINK("http://x","点击")'
CHAIR_ID = "430724198001010028"
OLD = datetime(2026, 1, 1)

EXPECTED = {
    "执委人数": 4,  # chair, the formula-named member, part-time vice chair, one who left on 1 Nov
    "兼职副主席人数": 1,
    "巾帼志愿者人数": 1,  # the one whose term starts on 1 Nov is not counted yet
    "本年承诺数": 4,
    "本年已完成承诺数": 1,
    "承诺完成率(%)": 25.0,
    "逾期未完成承诺数": 1,  # deadline 15 Oct; the pledge due 31 Oct is not late on 31 Oct
    "本月践诺记录数": 3,  # 1 Oct, 10 Oct, 31 Oct (not 30 Sep, not 1 Nov)
    "本月受理调解案件数": 2,  # received 1 Oct and 31 Oct
    "本月调解成功数": 1,
    "本年累计受理数": 5,
    "本年累计调解成功数": 1,  # the success recorded on 1 Nov is not yet counted
    "调解成功率(%)": 50.0,  # 1 success of 2 outcomes
    "本月家庭暴力案件数": 1,
    "在办超期案件数": 2,  # received 15 Aug and 10 Sep, open on 31 Oct
    "本月回访数": 1,
    "民转刑案件数": 1,
    "网格数": 2,
    "网格覆盖户数": 3,  # not the household without a grid, not the one added on 1 Nov
    "本月网格服务次数": 3,
    "本月政策宣传次数": 2,
    "本月文化惠民次数": 0,
    "本月应急管理次数": 0,
    "本月就业帮扶次数": 1,
    "本月矛盾调解次数": 0,
    "本月议事会次数": 1,
    "帮扶对象数": 1,
    "本年累计调结数": 2,
    "本月志愿服务时长(小时)": 4.5,  # the three October services, 1.5 h each (30 Sep and 1 Nov are not counted)
}


def member(name, role, **kw) -> Member:
    kw.setdefault("term_start", date(2023, 3, 1))
    return Member(name=name, role=role, status=kw.pop("status", "active"), **kw)


def build_october(session) -> dict[str, Member]:
    session.add(
        VillageProfile(
            id=1,
            province="湖南省",
            city="常德市",
            county="临澧县",
            township="合口镇",
            village="杉板村",
            chair_name="张秀兰",
            chair_phone="13800138000",
        )
    )
    m = {
        "chair": member(
            "张秀兰", "chair", phone="13800138000", id_number=CHAIR_ID, birth_date=date(1980, 1, 1)
        ),
        "formula": member(FORMULA_NAME, "executive_member", phone="0736-5551234"),
        "ptvc": member("李红", "part_time_vice_chair"),
        "left_31": member("王芳", "executive_member", status="left", left_date=date(2026, 10, 31)),
        "left_1": member("赵敏", "executive_member", status="left", left_date=date(2026, 11, 1)),
        "vol_late": member("钱丽", "volunteer", term_start=date(2026, 11, 1)),
        "vol": member("孙梅", "volunteer", term_start=None),
    }
    session.add_all(m.values())
    session.flush()
    session.add_all(
        [
            HelpedPerson(name="周某", category="留守儿童", start_date=date(2026, 5, 1), status="帮扶中"),
            HelpedPerson(name="吴某", category="困境妇女", start_date=date(2026, 11, 1), status="帮扶中"),
            HelpedPerson(
                name="郑某",
                category="独居老人",
                start_date=date(2026, 1, 1),
                end_date=date(2026, 10, 15),
                status="已结束",
            ),
        ]
    )

    def pledge(who, content, target, deadline, entries, year=2026):
        p = Pledge(
            member_id=m[who].id, year=year, content=content, target=target, unit="次", deadline=deadline
        )
        session.add(p)
        session.flush()
        for day, amount, text in entries:
            session.add(PledgeProgress(pledge_id=p.id, date=day, amount=amount, description=text))
        return p

    pledge(
        "chair",
        "走访留守儿童10次",
        10,
        date(2026, 12, 31),
        [
            (date(2026, 9, 30), 2, "九月走访"),
            (date(2026, 10, 1), 1, "国庆走访"),
            (date(2026, 10, 31), 4, "月末走访"),
            (date(2026, 11, 1), 6, "十一月走访"),
        ],
    )
    pledge("ptvc", "开展家庭教育讲座5次", 5, date(2026, 9, 30), [(date(2026, 9, 15), 5, "讲座")])
    pledge("formula", "=1+1 宣传3次", 3, date(2026, 10, 15), [(date(2026, 10, 10), 1, "宣传")])
    pledge("left_1", "调解纠纷2起", 2, date(2026, 10, 31), [(date(2026, 11, 1), 2, "调解")])
    pledge("chair", "去年的承诺", 1, date(2025, 12, 31), [(date(2025, 12, 1), 1, "完成")], year=2025)

    def case(seq, received, kind="家庭纠纷", outcome=None, outcome_date=None, **kw):
        c = MediationCase(
            year=received.year,
            seq=seq,
            number=f"{received.year}-{seq:03d}",
            received_date=received,
            dispute_type=kind,
            outcome=outcome,
            outcome_date=outcome_date,
            **kw,
        )
        session.add(c)
        session.flush()
        return c

    c1 = case(
        1, date(2026, 10, 1), "家庭暴力", "调解成功", date(2026, 10, 31), methods=["反家暴劝导", "心理辅导"]
    )
    session.add_all(
        [
            CaseParty(case_id=c1.id, side="applicant", name="张三丰"),
            CaseParty(case_id=c1.id, side="respondent", name="欧阳明"),
            FollowUp(case_id=c1.id, visit_date=date(2026, 10, 31)),
        ]
    )
    case(2, date(2026, 10, 31), "婚姻纠纷")
    case(3, date(2026, 11, 1))
    case(4, date(2026, 8, 15))
    c5 = case(5, date(2026, 3, 1), outcome="调解不成", outcome_date=date(2026, 4, 1), turned_criminal=True)
    session.add(FollowUp(case_id=c5.id, visit_date=date(2026, 11, 1)))
    case(6, date(2026, 9, 10), outcome="调解成功", outcome_date=date(2026, 11, 1))

    g1 = Grid(number=1, name="一网格", created_at=OLD)
    g2 = Grid(number=2, name="二网格", created_at=OLD)
    session.add_all([g1, g2])
    session.flush()
    session.add_all(
        [
            Household(contact_name="甲", grid_id=g1.id, created_at=OLD),
            Household(contact_name="乙", grid_id=g1.id, created_at=OLD),
            Household(contact_name="丙", grid_id=g2.id, created_at=OLD),
            Household(contact_name="丁", grid_id=None, created_at=OLD),
            Household(contact_name="戊", grid_id=g2.id, created_at=datetime(2026, 11, 1, 9)),
        ]
    )
    services = [
        (date(2026, 10, 1), g1, "政策宣传", "宣讲新政策"),
        (date(2026, 10, 31), g2, "就业帮扶", "=SUM(A1:A2)"),
        (date(2026, 10, 15), g1, "政策宣传", "入户宣传"),
        (date(2026, 11, 1), g1, "文化惠民", "十一月"),
        (date(2026, 9, 30), g2, "应急管理", "九月"),
    ]
    for day, grid, role, text in services:
        s = GridService(date=day, grid_id=grid.id, role=role, description=text, people_served=5, hours=1.5)
        session.add(s)
        session.flush()
        session.add(GridServiceMember(service_id=s.id, member_id=m["vol"].id))
    session.add_all(
        [
            CouncilMeeting(
                date=date(2026, 10, 31), place="议事长廊", topic="-环境整治", decisions="每周打扫"
            ),
            CouncilMeeting(date=date(2026, 11, 1), place="村部", topic="十一月"),
        ]
    )
    return m


@pytest.fixture
def october(db):
    db.run(build_october)
    return db


def sheet_rows(ws, header_row: int = 1) -> list[dict]:
    rows = list(ws.iter_rows(min_row=header_row, values_only=True))
    header = rows[0]
    return [dict(zip(header, r, strict=False)) for r in rows[1:]]


def export(db, tmp_path, month=(2026, 10), **kw):
    result = export_month(db, *month, tmp_path / "out" / default_file_name(db.run(get_profile), *month), **kw)
    return load_workbook(result.path), result


def test_summary_has_the_right_numbers_in_the_contract_order(october, tmp_path):
    wb, result = export(october, tmp_path)
    assert result.path.name == "合口镇杉板村妇联月报_2026年10月.xlsx"
    assert wb.sheetnames == list(SHEET_ORDER)
    ws = wb["汇总"]
    assert ws["A1"].value == "临澧县合口镇杉板村妇联工作月报"
    assert ws["A2"].value == "报告期：2026年10月"
    assert ws["A3"].value.startswith("填报人：张秀兰  联系电话：13800138000  填报日期：")
    assert [ws["A4"].value, ws["B4"].value] == ["指标", "数值"]
    names = [ws.cell(row=r, column=1).value for r in range(5, 5 + len(ALL_INDICATORS))]
    assert names == list(INDICATORS) + ["本年累计调结数", "本月志愿服务时长(小时)"]
    values = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(5, ws.max_row + 1)
    }
    assert values == EXPECTED
    assert all(isinstance(v, int | float) for v in values.values())


def test_hidden_info_sheet(october, tmp_path):
    wb, _ = export(october, tmp_path)
    info = wb["说明"]
    assert info.sheet_state == "hidden"
    pairs = {r[0]: r[1] for r in info.iter_rows(values_only=True)}
    assert info["A1"].value == "格式版本"
    assert pairs["格式版本"] == 1
    assert (pairs["县"], pairs["乡镇"], pairs["村"], pairs["报告期"]) == (
        "临澧县",
        "合口镇",
        "杉板村",
        "2026-10",
    )
    assert datetime.fromisoformat(pairs["生成时间"])
    assert pairs["生成程序"].startswith("村妇联工作台")


def test_roster_keeps_formula_text_and_phones_and_never_shows_id_numbers(october, tmp_path):
    wb, _ = export(october, tmp_path)
    ws = wb["执委名册"]
    assert [c.value for c in ws[1]] == list(LEDGERS["执委名册"])
    rows = sheet_rows(ws)
    names = [r["姓名"] for r in rows]
    assert FORMULA_NAME in names
    cell = next(c for c in ws["B"] if c.value == FORMULA_NAME)
    assert cell.data_type == "s"
    chair = next(r for r in rows if r["姓名"] == "张秀兰")
    assert chair["联系电话"] == "13800138000"
    assert next(r for r in rows if r["姓名"] == FORMULA_NAME)["联系电话"] == "0736-5551234"
    every_value = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(CHAIR_ID in v for v in every_value)
    # In office at month end first: 赵敏 (left 1 Nov) is before 王芳 (left 31 Oct).
    assert names.index("赵敏") < names.index("王芳")
    assert "钱丽" not in names  # her term starts in November


def test_pledge_sheet_lists_the_year_with_the_months_entries(october, tmp_path):
    wb, _ = export(october, tmp_path)
    rows = {r["承诺内容"]: r for r in sheet_rows(wb["承诺践诺"])}
    assert set(rows) == {"走访留守儿童10次", "开展家庭教育讲座5次", "=1+1 宣传3次", "调解纠纷2起"}
    visits = rows["走访留守儿童10次"]
    assert visits["累计完成"] == 7 and visits["状态"] == "进行中"
    assert visits["完成时限"] == datetime(2026, 12, 31)
    month = visits["本月践诺情况"]
    assert "国庆走访" in month and "月末走访" in month and "十一月" not in month and "九月" not in month
    assert month.index("国庆走访") < month.index("月末走访")
    assert rows["=1+1 宣传3次"]["状态"] == "逾期未完成"
    assert rows["调解纠纷2起"]["状态"] == "未开始"
    assert rows["开展家庭教育讲座5次"]["状态"] == "已完成"


def test_case_ledger_masks_parties_and_keeps_case_numbers_text(october, tmp_path):
    wb, _ = export(october, tmp_path)
    ws = wb["调解台账"]
    rows = sheet_rows(ws)
    assert [r["案件编号"] for r in rows] == ["2026-001", "2026-002", "2026-004", "2026-006"]
    assert all(c.data_type == "s" for c in ws["A"][1:])
    first = rows[0]
    assert first["受理日期"] == datetime(2026, 10, 1) and first["结案日期"] is None
    assert "张某某" in first["当事人"] and "欧阳某某" in first["当事人"]
    assert "张三丰" not in first["当事人"] and "欧阳明" not in first["当事人"]
    assert first["调解方法"] == "反家暴劝导、心理辅导"
    assert first["回访次数"] == 1
    assert rows[3]["结果"] in ("", None)  # its success is recorded on 1 November


def test_full_names_when_the_chair_chooses_them(october, tmp_path):
    wb, _ = export(october, tmp_path, mask_names=False)
    first = sheet_rows(wb["调解台账"])[0]
    assert "张三丰" in first["当事人"] and "欧阳明" in first["当事人"]


def test_services_and_meetings_of_the_month_only(october, tmp_path):
    wb, _ = export(october, tmp_path)
    services = sheet_rows(wb["网格服务"])
    assert [s["服务内容"] for s in services] == ["宣讲新政策", "入户宣传", "=SUM(A1:A2)"]
    assert services[-1]["日期"] == datetime(2026, 10, 31) and services[-1]["服务人"] == "孙梅"
    cell = next(c for c in wb["网格服务"]["E"] if c.value == "=SUM(A1:A2)")
    assert cell.data_type == "s"
    meetings = sheet_rows(wb["议事会"])
    assert len(meetings) == 1 and meetings[0]["议题"] == "-环境整治" and meetings[0]["地点"] == "议事长廊"


def test_every_sheet_is_set_up_for_printing(october, tmp_path):
    wb, _ = export(october, tmp_path)
    for name in SHEET_ORDER[:-1]:
        ws = wb[name]
        header_row = 4 if name == "汇总" else 1
        assert ws.cell(row=header_row, column=1).font.bold, name
        assert ws.freeze_panes == f"A{header_row + 1}", name
        assert ws.print_title_rows == f"${header_row}:${header_row}", name
        # One page wide: fitToPage on, fitToWidth 1 (the file format's default, so Excel and xlsxwriter omit it)
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage, name
        assert (ws.page_setup.fitToWidth or 1) == 1 and int(ws.page_setup.fitToHeight) == 0, name


def test_november_moves_the_boundary_records(october, tmp_path):
    wb, _ = export(october, tmp_path, month=(2026, 11))
    ws = wb["汇总"]
    values = {
        ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(5, ws.max_row + 1)
    }
    assert values["本月受理调解案件数"] == 1 and values["本月调解成功数"] == 1
    assert values["本月网格服务次数"] == 1 and values["本月议事会次数"] == 1
    assert values["执委人数"] == 3 and values["巾帼志愿者人数"] == 2


def test_empty_database_gives_a_valid_workbook_of_zeros(db, tmp_path):
    wb, result = export(db, tmp_path, month=(2026, 1))
    ws = wb["汇总"]
    values = [ws.cell(row=r, column=2).value for r in range(5, 5 + len(ALL_INDICATORS))]
    assert values == [0] * len(ALL_INDICATORS)
    assert all(n == 0 for n in result.counts.values())
    for sheet, columns in LEDGERS.items():
        assert [c.value for c in wb[sheet][1]] == list(columns) and wb[sheet].max_row == 1


def test_month_before_the_village_had_data(demo_db, tmp_path):
    wb, _ = export(demo_db, tmp_path, month=(2019, 6))
    ws = wb["汇总"]
    assert [ws.cell(row=r, column=2).value for r in range(5, 5 + len(ALL_INDICATORS))] == [0] * len(
        ALL_INDICATORS
    )
    assert ws["A1"].value.endswith("妇联工作月报")


def test_cancel_leaves_no_file_behind(october, tmp_path):
    out = tmp_path / "out" / "report.xlsx"

    def cancel_midway(done, total, text=""):
        if "调解台账" in text:
            raise Cancelled()

    with pytest.raises(Cancelled):
        export_month(october, 2026, 10, out, progress=cancel_midway)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_failed_save_keeps_the_previous_file(october, tmp_path, monkeypatch):
    out = tmp_path / "out" / "report.xlsx"
    export_month(october, 2026, 10, out)
    before = out.read_bytes()

    def half_written(self):  # the disk fills up while the workbook's zip is written
        self.filename.write(b"PK\x03\x04half")  # the export's own handle on its temporary file
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "_store_workbook", half_written)
    with pytest.raises(OSError, match="磁盘空间不足"):
        export_month(october, 2026, 9, out)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["report.xlsx"]
    assert october.run(lambda s: exported_at(s, 2026, 9)) is None


def test_export_is_remembered_for_the_reminder(october, tmp_path):
    today = date(2026, 11, 25)
    pending = october.run(reminders, today)
    assert [r.kind for r in pending] == ["report_not_exported"]
    assert "2026年10月" in pending[0].text
    export_month(october, 2026, 10, tmp_path / "r.xlsx")
    assert october.run(reminders, today) == []
    assert [r.kind for r in october.run(reminders, date(2026, 12, 2))] == ["report_not_exported"]


def test_no_reminder_for_an_empty_database(db):
    assert db.run(reminders, date(2026, 11, 25)) == []


def test_command_line_export(october, tmp_path, capsys):
    from fedclient.cli import main

    out = tmp_path / "cli" / "月报.xlsx"
    assert main(["export-month", "--db", str(october.path), "--month", "2026-10", "--out", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    first = sheet_rows(load_workbook(out)["调解台账"])[0]
    assert "张某某" in first["当事人"]
    full = tmp_path / "cli" / "全名.xlsx"
    args = [
        "export-month",
        "--db",
        str(october.path),
        "--month",
        "2026-10",
        "--out",
        str(full),
        "--full-names",
    ]
    assert main(args) == 0
    assert "张三丰" in sheet_rows(load_workbook(full)["调解台账"])[0]["当事人"]
    with pytest.raises(SystemExit):
        main(["export-month", "--db", str(october.path), "--month", "2026-13", "--out", str(full)])


def test_formula_looking_village_name_stays_text(october, tmp_path):
    def rename(session):
        session.get(VillageProfile, 1).village = "=新村"

    october.run(rename)
    wb, result = export(october, tmp_path)
    assert result.path.name == "合口镇=新村妇联月报_2026年10月.xlsx"
    assert wb["汇总"]["A1"].value == "临澧县合口镇=新村妇联工作月报" and wb["汇总"]["A1"].data_type == "s"
    village = next(r for r in wb["说明"].iter_rows() if r[0].value == "村")[1]
    assert village.value == "=新村" and village.data_type == "s"


def test_export_reads_each_ledger_just_before_writing_it(october, tmp_path, monkeypatch):
    """A county's month is never all in memory: a ledger is read once the sheet before it is written."""
    from fedclient.core import excel_stream
    from fedclient.core.monthly_report import data

    events: list[tuple[str, str]] = []
    readers = data.ledger_readers

    def spied(*args, **kwargs):
        found = readers(*args, **kwargs)
        return {
            sheet: (lambda s=sheet, r=read: (events.append(("read", s)), r())[1])
            for sheet, read in found.items()
        }

    append = excel_stream.StreamTable.append

    def written(self, row, bold=False):
        events.append(("write", self.ws.name))
        return append(self, row, bold)

    monkeypatch.setattr(data, "ledger_readers", spied)
    monkeypatch.setattr("fedclient.core.monthly_report.export.ledger_readers", spied)
    monkeypatch.setattr(excel_stream.StreamTable, "append", written)
    result = export_month(october, 2026, 10, tmp_path / "r.xlsx")
    order = [e for i, e in enumerate(events) if i == 0 or e != events[i - 1]]  # runs of writes as one
    ledgers = [(kind, sheet) for kind, sheet in order if sheet in LEDGERS]
    expected = []
    for sheet in LEDGERS:
        expected += [("read", sheet)] + ([("write", sheet)] if result.counts[sheet] else [])
    assert ledgers == expected
    assert sum(result.counts.values()) > 0
    wb = load_workbook(result.path, read_only=True)
    assert all(wb[sheet].max_row == result.counts[sheet] + 1 for sheet in LEDGERS)
