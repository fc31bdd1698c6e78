"""乡镇汇总 of three demo villages: one of another month, one sent twice, plus files that are not reports."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fedclient.cli import main
from fedclient.core.demo import create_demo
from fedclient.core.migrate import open_database
from fedclient.core.models import VillageProfile
from fedclient.core.monthly_report.consolidate import consolidate
from fedclient.core.monthly_report.data import collect
from fedclient.core.monthly_report.export import export_month
from fedclient.core.monthly_report.layout import ALL_INDICATORS, INDICATORS, LEDGERS
from tests.conftest import DEMO_TODAY, copy_sqlite

TODAY = DEMO_TODAY
DEMO_SEED = 2026  # create_demo's default seed, the village of the demo_db fixture
VILLAGES = {"杉板村": DEMO_SEED, "青山村": 22, "白鹤村": 33}


def make_village(folder: Path, name: str, seed: int, demo_template: Path):
    path = folder / f"{name}.sqlite"
    if seed == DEMO_SEED:  # the session's demo village (杉板村) is this one: a copy, not built again
        copy_sqlite(demo_template, path)
        return open_database(path)
    db = open_database(path)

    def fill(session):
        create_demo(session, today=TODAY, seed=seed)
        session.get(VillageProfile, 1).village = name

    db.run(fill)
    return db


@pytest.fixture(scope="module")
def villages(tmp_path_factory, demo_template):
    """Three village databases, their October exports, and what their own numbers are."""
    folder = tmp_path_factory.mktemp("villages")
    out = folder / "reports"
    files, expected = {}, {}
    for name, seed in VILLAGES.items():
        db = make_village(folder, name, seed, demo_template)
        month = (2026, 9) if name == "白鹤村" else (2026, 10)
        files[name] = export_month(db, *month, out / f"{name}.xlsx").path
        with db.session() as s:
            expected[name] = collect(s, *month)
        if name == "杉板村":  # sent twice: a second copy under another name
            files["杉板村（重发）"] = export_month(db, 2026, 10, out / "杉板村_重发.xlsx").path
        db.dispose()
    junk = out / "通知.xlsx"
    junk.write_text("这不是工作簿", encoding="utf-8")
    files["junk"] = junk
    future = out / "新版格式.xlsx"
    wb = load_workbook(files["青山村"])
    info = wb["说明"]
    next(row for row in info.iter_rows() if row[0].value == "格式版本")[1].value = 2
    wb.save(future)
    files["future"] = future
    return files, expected


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def summary_rows(ws) -> tuple[list[str], dict[str, dict]]:
    rows = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(rows) if r[0] == "村")
    header = list(rows[at])
    return header, {r[0]: dict(zip(header, r, strict=False)) for r in rows[at + 1 :]}


def run(files, tmp_path, names):
    paths = [files[n] for n in names]
    before = {p: digest(p) for p in paths}
    result = consolidate(paths, 2026, 10, tmp_path / "乡镇汇总.xlsx")
    assert {p: digest(p) for p in paths} == before  # inputs never modified
    return result, load_workbook(result.out)


ALL = ["杉板村", "青山村", "白鹤村", "杉板村（重发）", "junk", "future"]


def test_sums_and_recomputed_percentages(villages, tmp_path):
    files, expected = villages
    result, wb = run(files, tmp_path, ALL)
    assert [v.village for v in result.villages] == ["杉板村", "青山村"]
    header, rows = summary_rows(wb["汇总"])
    assert header == ["村", *INDICATORS, *ALL_INDICATORS[len(INDICATORS) :]]
    assert list(rows) == ["杉板村", "青山村", "合计"]
    a, b = (expected[n].indicators for n in ("杉板村", "青山村"))
    for name in ALL_INDICATORS:
        assert rows["杉板村"][name] == a[name] and rows["青山村"][name] == b[name], name
    for name in (
        "执委人数",
        "本年承诺数",
        "本月受理调解案件数",
        "本年累计调解成功数",
        "网格覆盖户数",
        "帮扶对象数",
    ):
        assert rows["合计"][name] == a[name] + b[name], name
    pledges = a["本年已完成承诺数"] + b["本年已完成承诺数"], a["本年承诺数"] + b["本年承诺数"]
    assert rows["合计"]["承诺完成率(%)"] == round(100 * pledges[0] / pledges[1], 1)
    cases = a["本年累计调解成功数"] + b["本年累计调解成功数"], a["本年累计调结数"] + b["本年累计调结数"]
    assert rows["合计"]["调解成功率(%)"] == round(100 * cases[0] / cases[1], 1)


def test_problem_rows_name_each_refused_file(villages, tmp_path):
    files, _ = villages
    _, wb = run(files, tmp_path, ALL)
    problems = {r[0]: r for r in wb["问题"].iter_rows(min_row=2, values_only=True)}
    assert set(problems) == {"白鹤村.xlsx", "杉板村_重发.xlsx", "通知.xlsx", "新版格式.xlsx"} or set(
        problems
    ) == {
        "白鹤村.xlsx",
        "杉板村.xlsx",
        "通知.xlsx",
        "新版格式.xlsx",
    }
    assert "2026-09" in problems["白鹤村.xlsx"][2]
    duplicate = next(r for name, r in problems.items() if name.startswith("杉板村"))
    assert duplicate[1] == "杉板村" and "同一个村" in duplicate[2]
    assert "不是 Excel" in problems["通知.xlsx"][2]
    assert "格式版本" in problems["新版格式.xlsx"][2]


def test_ledgers_are_stacked_with_a_village_column(villages, tmp_path):
    files, expected = villages
    _, wb = run(files, tmp_path, ALL)
    for sheet, columns in LEDGERS.items():
        ws = wb[sheet]
        assert [c.value for c in ws[1]] == ["村", *columns]
        villages_column = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
        counts = [len(expected[n].ledgers[sheet]) for n in ("杉板村", "青山村")]
        assert villages_column == ["杉板村"] * counts[0] + ["青山村"] * counts[1], sheet
    cases = list(wb["调解台账"].iter_rows(min_row=2, values_only=True))
    if cases:
        assert cases[0][1] == expected["杉板村"].ledgers["调解台账"][0][0]  # case number, still text
    first_date = next(c for c in wb["网格服务"]["B"][1:] if c.value is not None)
    assert first_date.is_date and first_date.number_format == "yyyy-mm-dd"


def test_indicators_are_read_by_name_not_position(villages, tmp_path):
    files, expected = villages
    shuffled = tmp_path / "shuffled.xlsx"
    wb = load_workbook(files["青山村"])
    ws = wb["汇总"]
    ws.insert_rows(5, 2)  # two extra rows above the indicators, and the last two indicators swapped
    ws["A5"], ws["B5"] = "备注", "说明文字"
    last = ws.max_row
    for col in "AB":
        ws[f"{col}{last}"].value, ws[f"{col}{last - 1}"].value = (
            ws[f"{col}{last - 1}"].value,
            ws[f"{col}{last}"].value,
        )
    wb.save(shuffled)
    result = consolidate([shuffled], 2026, 10, tmp_path / "out.xlsx")
    assert result.villages[0].indicators == expected["青山村"].indicators


def test_a_village_alone_and_the_output_refused_as_input(villages, tmp_path):
    files, _ = villages
    first = consolidate([files["杉板村"]], 2026, 10, tmp_path / "t1.xlsx")
    again = consolidate([first.out, files["杉板村"]], 2026, 10, tmp_path / "t2.xlsx")
    assert [v.village for v in again.villages] == ["杉板村"]
    assert "乡镇汇总" in again.problems[0].reason


def test_command_line(villages, tmp_path, capsys):
    files, _ = villages
    out = tmp_path / "cli.xlsx"
    code = main(
        ["consolidate", "--month", "2026-10", "--out", str(out), str(files["杉板村"]), str(files["白鹤村"])]
    )
    assert code == 0 and out.exists()
    captured = capsys.readouterr()
    assert "已汇总 1 个村" in captured.out and "白鹤村.xlsx" in captured.err
    with pytest.raises(SystemExit):
        main(["consolidate", "--month", "2026/10", "--out", str(out), str(files["杉板村"])])


def test_command_line_expands_a_wildcard_as_the_windows_prompt_passes_it_on(villages, tmp_path, capsys):
    files, _ = villages
    out = tmp_path / "wildcard.xlsx"
    pattern = str(files["杉板村"].parent / "杉板村*.xlsx")  # cmd.exe does not expand it
    assert main(["consolidate", "--month", "2026-10", "--out", str(out), pattern]) == 0
    captured = capsys.readouterr()
    assert "已汇总 1 个村" in captured.out and "杉板村_重发.xlsx" in captured.err
    with pytest.raises(SystemExit):
        main(["consolidate", "--month", "2026-10", "--out", str(out), str(tmp_path / "没有*.xlsx")])
    assert "没有与" in capsys.readouterr().err


def test_cancel_writes_nothing(villages, tmp_path):
    from fedclient.core.progress import Cancelled

    files, _ = villages
    out = tmp_path / "cancelled" / "t.xlsx"

    def cancel(done, total, text=""):
        if "调解台账" in text:
            raise Cancelled()

    with pytest.raises(Cancelled):
        consolidate([files["杉板村"], files["青山村"]], 2026, 10, out, progress=cancel)
    assert not out.parent.exists() or list(out.parent.iterdir()) == []


def test_a_copied_file_is_named_as_a_copy_and_a_later_re_export_wins(villages, tmp_path):
    import shutil

    files, _ = villages
    copy = tmp_path / "杉板村_副本.xlsx"
    shutil.copy(files["杉板村"], copy)
    result = consolidate([files["杉板村"], copy], 2026, 10, tmp_path / "t.xlsx")
    assert [v.path for v in result.villages] == [files["杉板村"]]
    [problem] = result.problems
    assert problem.file == "杉板村_副本.xlsx" and problem.village == "杉板村"
    assert "同一次导出" in problem.reason and "较新" not in problem.reason

    later = tmp_path / "杉板村_更正.xlsx"
    wb = load_workbook(files["杉板村"])
    row = next(r for r in wb["说明"].iter_rows() if r[0].value == "生成时间")
    row[1].value = "2099-01-01T00:00:00"
    wb.save(later)
    result = consolidate([later, files["杉板村"]], 2026, 10, tmp_path / "t2.xlsx")
    assert [v.path for v in result.villages] == [later]
    assert (
        result.problems[0].file == "杉板村.xlsx" and "较新的“杉板村_更正.xlsx”" in result.problems[0].reason
    )


def test_formula_text_and_retyped_phones_stay_text_in_the_township_workbook(villages, tmp_path):
    """A village whose ledger holds formula-looking text, and whose phone was retyped as a number in Excel."""
    files, _ = villages
    edited = tmp_path / "青山村_改.xlsx"
    wb = load_workbook(files["青山村"])
    roster = wb["执委名册"]
    phone_col = [c.value for c in roster[1]].index("联系电话") + 1
    roster.cell(2, 2).value = '=HYPERLINK("http://x","点击")'
    roster.cell(2, 2).data_type = "s"
    roster.cell(2, phone_col).value = 13912345678  # now a number
    wb.save(edited)
    result = consolidate([edited], 2026, 10, tmp_path / "t.xlsx")
    assert result.problems == []
    out = load_workbook(result.out)["执委名册"]
    name, phone = out.cell(2, 3), out.cell(2, phone_col + 1)
    assert name.value == '=HYPERLINK("http://x","点击")' and name.data_type == "s"
    assert phone.value == "13912345678" and phone.data_type == "s"


def test_impossible_numbers_refuse_the_file_named_with_its_cells_and_the_rest_is_merged(villages, tmp_path):
    files, expected = villages
    wb = load_workbook(files["青山村"])
    ws = wb["汇总"]
    cells = {
        row[0].value: row[1] for row in ws.iter_rows() if row[0].value in ("执委人数", "本月受理调解案件数")
    }
    cells["执委人数"].value = 1_000_000_000
    cells["本月受理调解案件数"].value = -50
    impossible = tmp_path / "青山村_改过.xlsx"
    wb.save(impossible)
    result = consolidate([impossible, files["杉板村"]], 2026, 10, tmp_path / "乡镇汇总.xlsx")
    assert [v.village for v in result.villages] == ["杉板村"], "the other village is still merged"
    _, by_village = summary_rows(load_workbook(result.out)["汇总"])
    assert by_village["合计"]["执委人数"] == expected["杉板村"].indicators["执委人数"]
    problem = next(p for p in result.problems if p.file == impossible.name)
    for cell in (cells["执委人数"], cells["本月受理调解案件数"]):
        assert f"B{cell.row}" in problem.reason
    assert "为负数 -50" in problem.reason and "1,000,000,000" in problem.reason
    rows = list(load_workbook(result.out)["问题"].iter_rows(values_only=True))
    assert any(r[0] == impossible.name and "B" in r[2] for r in rows)


# The consolidate command in a process of its own; what it had loaded is printed when it ends.
IMPORTS_PROBE = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps(sorted(m for m in {names!r} if m in sys.modules))))
from fedclient.cli import main
sys.exit(main(sys.argv[1:]))
"""
NOT_FOR_CONSOLIDATING = ("sqlalchemy", "openpyxl", "pypinyin", "faker", "alembic", "PySide6")


def test_the_command_reads_and_writes_without_loading_the_database_or_openpyxl(villages, tmp_path):
    files, _ = villages
    out = tmp_path / "alone.xlsx"
    probe = IMPORTS_PROBE.format(names=NOT_FOR_CONSOLIDATING)
    command = [
        "consolidate",
        "--month",
        "2026-10",
        "--out",
        str(out),
        str(files["杉板村"]),
        str(files["青山村"]),
    ]
    result = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "已汇总 2 个村" in result.stdout and out.exists()
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
