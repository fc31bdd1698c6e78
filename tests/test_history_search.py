"""修改记录's search box finds what the page shows: a person's name in rows recorded before names were kept beside
the ids (named as the page names them), the kind of record, the action, a code by its label."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fedclient.core.history.query import HistoryFilter, history_ids, rows_by_ids
from fedclient.core.members import MemberData, save_member
from fedclient.core.members.service import get_member
from fedclient.core.migrate import open_database
from fedclient.ui.history.history_window import HistoryWindow

DATA = Path(__file__).parent / "data"


@pytest.fixture
def older(tmp_path):
    """A data file of the previous version: its history names what a change points at by number only."""
    path = tmp_path / "旧.sqlite"
    path.write_bytes((DATA / "schema_0007.sqlite").read_bytes())
    db = open_database(path, backup_dir=tmp_path / "backups")
    yield db
    db.dispose()


def shown_text(row) -> list[str]:
    """The columns of the page: 操作, 记录 (种类 and name), 修改内容, 来源."""
    return [row.action, row.kind, row.label, row.changes, row.source]


def found_and_shown(db, text: str) -> tuple[set[int], set[int]]:
    with db.session() as s:
        found = set(history_ids(s, HistoryFilter(text=text)))
        everything = rows_by_ids(s, list(history_ids(s, HistoryFilter())))
    return found, {r.id for r in everything if any(text in column for column in shown_text(r))}


def test_a_name_finds_the_older_rows_that_point_at_her_by_number(older):
    with older.session() as s:
        [numbered] = rows_by_ids(s, [_first_duty_row(s)])
    name = numbered.label  # "成员#13" in the file, named on the page
    assert "#" not in name
    found, shown = found_and_shown(older, name)
    assert numbered.id in found
    assert found == shown, "every row showing her name, and only those"


def _first_duty_row(s) -> int:
    return history_ids(s, HistoryFilter(kind="duty_shifts"))[-1]


@pytest.mark.parametrize(
    "text",
    [
        "值班",
        "当事人",
        "修改",
        "调解值班",
        "2025年 每",
        "1号网格",
        "案件 2026-00",
        "2025-12-05",
        "2025-12-17 介绍",
    ],
)
def test_the_kind_the_action_a_code_and_names_made_of_two_columns_are_found_as_shown(older, text):
    found, shown = found_and_shown(older, text)
    assert shown and found == shown


def test_an_older_row_is_found_by_the_name_the_page_shows_now(older):
    """The older rows show a renamed member by her name now: so the search finds them by it, not the old one."""
    with older.session() as s:
        row = rows_by_ids(s, [_first_duty_row(s)])[0]
        member_id = (
            s.connection()
            .exec_driver_sql("SELECT member_id FROM duty_shifts WHERE id = ?", (int(row.record_id),))
            .scalar()
        )
    old_name = row.label
    data = older.run(get_member, member_id)
    data.name = "欧阳晓燕"
    older.run(save_member, data)
    found, _shown = found_and_shown(older, "欧阳晓燕")
    assert row.id in found
    found_old, shown_old = found_and_shown(older, old_name)
    assert row.id not in found_old and found_old == shown_old


def test_a_history_recorded_by_this_version_is_found_by_the_names_it_kept(db):
    db.run(save_member, MemberData(name="张秀兰"))
    db.run(save_member, MemberData(name="李红"))
    with db.session() as s:
        assert [r.label for r in rows_by_ids(s, history_ids(s, HistoryFilter(text="张秀兰")))] == ["张秀兰"]
        assert len(history_ids(s, HistoryFilter(text="成员"))) == 2 == len(history_ids(s, HistoryFilter()))


def test_the_window_finds_older_rows_by_name(qtbot, qapp, older):
    conn = sqlite3.connect(older.path)
    name = conn.execute(
        "SELECT name FROM members WHERE id = (SELECT min(member_id) FROM duty_shifts)"
    ).fetchone()[0]
    conn.close()
    from fedclient.ui.operations import OperationRunner

    runner = OperationRunner(older)
    try:
        window = HistoryWindow(runner)
        qtbot.addWidget(window)
        window.text.setText(name)
        _found, shown = found_and_shown(older, name)
        qtbot.waitUntil(lambda: window.count.text() == f"共 {len(shown)} 条，最新的在上", timeout=10000)
        kinds = {window.model.index(r, 2).data().split()[0] for r in range(window.model.rowCount())}
        assert "值班" in kinds
    finally:
        runner.shutdown()
