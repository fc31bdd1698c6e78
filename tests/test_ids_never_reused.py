"""A deleted record's id is never given to a new one (revision 0008, AUTOINCREMENT): 修改记录 names records by
their id, so a reused id would show the old record's history under the new one."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from fedclient.core.history.query import HistoryFilter, history_ids, record_history, rows_by_ids
from fedclient.core.members import MemberData, save_member
from fedclient.core.members.service import remove_member
from fedclient.core.migrate import head_revision, open_database, read_revision
from fedclient.core.models import Base, Member
from fedclient.ui.history.history_window import HistoryWindow
from fedclient.ui.history.record_dialog import RecordHistoryDialog
from fedclient.ui.members.member_dialog import MemberDialog
from fedclient.ui.members.roster_page import RosterPage
from tests.roster_runs import run_import
from tests.user import click, closed, type_into

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 11, 25)


def _contents(conn: sqlite3.Connection) -> dict[str, list]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        t: conn.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall()
        for t in tables
        if t not in ("alembic_version", "sqlite_sequence")
    }


LATER_INDEXES = {"ix_mediation_cases_open"}


def _schema(conn: sqlite3.Connection) -> dict:
    """What the tables are tied together by: foreign keys, indexes (with their columns), triggers."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {
        "foreign": {t: conn.execute(f'PRAGMA foreign_key_list("{t}")').fetchall() for t in tables},
        "indexes": sorted(conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'")),
        "triggers": sorted(
            conn.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
        ),
        "unique": {
            t: sorted((r[1], r[2], r[3]) for r in conn.execute(f'PRAGMA index_list("{t}")')) for t in tables
        },
    }


def _deleted_before_the_upgrade(conn: sqlite3.Connection) -> int:
    """A member added and deleted in the window of the previous version: her history rows, no row left."""
    gone = conn.execute("SELECT max(id) FROM members").fetchone()[0] + 1
    for action, changes in (("create", '{"name": [null, "赵敏"]}'), ("delete", '{"name": ["赵敏", null]}')):
        conn.execute(
            "INSERT INTO change_log (at, action, record_kind, record_id, owner_kind, owner_id, label, changes, "
            "source_kind, source_detail) VALUES ('2026-11-20 10:00:00', ?, 'members', ?, 'members', ?, '赵敏', "
            "?, 'window', '')",
            (action, str(gone), str(gone), changes),
        )
    conn.commit()
    return gone


def test_a_previous_version_database_keeps_everything_and_never_gives_a_used_id_again(tmp_path):
    path = tmp_path / "村.sqlite"
    path.write_bytes((DATA / "schema_0007.sqlite").read_bytes())
    conn = sqlite3.connect(path)
    gone = _deleted_before_the_upgrade(conn)
    before, schema = _contents(conn), _schema(conn)
    names = dict(conn.execute("SELECT id, name FROM members"))
    conn.close()
    assert read_revision(path) == "0007" and gone not in names

    db = open_database(path, backup_dir=tmp_path / "backups")
    try:
        assert read_revision(path) == head_revision()  # 0008 and any revision after it
        assert list((tmp_path / "backups").glob("pre-migration-0007-*.sqlite")), "backed up first"
        conn = sqlite3.connect(path)
        assert _contents(conn) == before, "every row of every table, the history too, kept as it was"
        after = _schema(conn)
        del after["foreign"]["sqlite_sequence"], after["unique"]["sqlite_sequence"]
        # Indexes a later revision adds are not 0008's to keep (0009: the mediation reminders' index).
        after["indexes"] = [i for i in after["indexes"] if i[0] not in LATER_INDEXES]
        after["unique"] = {
            t: [i for i in rows if i[0] not in LATER_INDEXES] for t, rows in after["unique"].items()
        }
        assert after["foreign"] == schema["foreign"] and after["unique"] == schema["unique"]
        assert after["indexes"] == schema["indexes"]
        assert after["triggers"] == schema["triggers"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        numbered = [
            t.name for t in Base.metadata.sorted_tables if t.dialect_options["sqlite"]["autoincrement"]
        ]
        assert "members" in numbered and "duty_shifts" in numbered and len(numbered) == 18
        for table in numbered:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
            assert "AUTOINCREMENT" in sql, table
        conn.close()

        # A member added in the window: a fresh id, above the one the history knows was deleted.
        added = db.run(save_member, MemberData(name="钱芳"), TODAY)
        assert added == gone + 1
        with db.session() as s:
            assert [r.label for r in record_history(s, "members", added)] == ["钱芳"]
            assert {r.label for r in record_history(s, "members", gone)} == {"赵敏"}
        # The newest deleted now: the next one does not get her id either.
        assert db.run(remove_member, added).deleted
        again = db.run(save_member, MemberData(name="孙丽"), TODAY)
        assert again == added + 1
        # Nor does an import (its rows numbered ahead, history.bulk).
        assert db.run(remove_member, again).deleted
        roster = tmp_path / "花名册.csv"
        roster.write_text("姓名,性别\n周敏,女\n吴霞,女\n", encoding="utf-8")
        run_import(db, roster, TODAY)
        with db.session() as s:
            imported = dict(
                s.execute(select(Member.name, Member.id).where(Member.name.in_(["周敏", "吴霞"]))).all()
            )
            assert sorted(imported.values()) == [again + 1, again + 2]
            assert [r.label for r in record_history(s, "members", again + 1)] == ["周敏"]
            assert {r.label for r in record_history(s, "members", again)} == {"孙丽"}
        with db.session() as s:
            assert {m.id: m.name for m in s.scalars(select(Member)) if m.id in names} == names
    finally:
        db.dispose()


def test_sequences_start_above_the_largest_id_the_history_recorded(tmp_path):
    """The largest id stored, or a larger one the history recorded (a case's part deleted with it)."""
    path = tmp_path / "村.sqlite"
    path.write_bytes((DATA / "schema_0007.sqlite").read_bytes())
    conn = sqlite3.connect(path)
    stored = dict(
        conn.execute("SELECT 'members', max(id) FROM members UNION SELECT 'grids', max(id) FROM grids")
    )
    gone = _deleted_before_the_upgrade(conn)
    conn.close()
    open_database(path, backup_dir=tmp_path / "backups").dispose()
    conn = sqlite3.connect(path)
    seq = dict(conn.execute("SELECT name, seq FROM sqlite_sequence"))
    conn.close()
    assert seq["members"] == gone == stored["members"] + 1
    assert seq["grids"] == stored["grids"]


def _history_shown(qtbot, dialog: RecordHistoryDialog) -> list[list[str]]:
    model = dialog.model
    qtbot.waitUntil(lambda: dialog.note.text().startswith("共"))
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def _add_member(qtbot, roster: RosterPage, name: str) -> None:
    click(qtbot, roster, "新增成员")
    roster.ops.wait_idle()  # the list it chooses from is read once it is up
    dialog = [d for d in roster.findChildren(MemberDialog) if d.isVisible()][-1]
    type_into(qtbot, dialog.w["name"], name)
    click(qtbot, dialog, "保存")
    qtbot.waitUntil(lambda: closed(dialog))


def test_a_member_added_after_the_newest_was_deleted_shows_only_her_own_history(
    qtbot, qapp, db, ops, monkeypatch
):
    roster = RosterPage(ops)
    qtbot.addWidget(roster)
    roster.show()
    for name in ("张秀兰", "李红"):
        _add_member(qtbot, roster, name)
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 2 人")
    li_hong = ops.read_now(lambda s: s.scalar(select(Member.id).where(Member.name == "李红")))

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    for row in range(roster.model.rowCount()):
        if roster.model.index(row, 0).data() == "李红":
            roster.table.setCurrentIndex(roster.model.index(row, 0))
    roster.delete_selected()
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 1 人")
    _add_member(qtbot, roster, "王芳")
    qtbot.waitUntil(lambda: roster.count_label.text() == "共 2 人")
    wang_fang = ops.read_now(lambda s: s.scalar(select(Member.id).where(Member.name == "王芳")))
    assert wang_fang != li_hong

    dialog = MemberDialog(ops, member_id=wang_fang)
    qtbot.addWidget(dialog)
    dialog.buttons.history.click()
    [shown] = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, RecordHistoryDialog) and w.isVisible()
    ]
    rows = _history_shown(qtbot, shown)
    assert [(r[1], r[2]) for r in rows] == [("新增", "成员 王芳")]
    shown.close()

    # 李红's history, found in the whole database's 修改记录: hers alone, ending with her deletion.
    window = HistoryWindow(ops)
    qtbot.addWidget(window)
    window.text.setText("李红")
    qtbot.waitUntil(lambda: window.count.text() == "共 2 条，最新的在上", timeout=5000)
    listed = [[window.model.index(r, c).data() for c in (1, 2)] for r in range(window.model.rowCount())]
    assert listed == [["删除", "成员 李红"], ["新增", "成员 李红"]]
    with db.session() as s:
        mine = rows_by_ids(s, history_ids(s, HistoryFilter(record=("members", str(li_hong)))))
    assert [(r.action, r.label) for r in mine] == [("删除", "李红"), ("新增", "李红")]
    assert not [r for r in mine if re.search("王芳", r.label + r.changes)]


def test_at_start_an_upgrade_shows_what_it_is_doing_and_backs_up_first(qtbot, qapp, tmp_path, monkeypatch):
    """Seconds on a county's file: the chair sees the step under way while it runs off the GUI thread."""
    import threading

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from fedclient.core import migrate
    from fedclient.core.paths import backup_dir_for
    from fedclient.ui import opening

    path = tmp_path / "村.sqlite"
    path.write_bytes((DATA / "schema_0007.sqlite").read_bytes())
    monkeypatch.setattr(opening, "SHOW_AFTER_MS", 0)
    seen: list[str] = []
    shown = threading.Event()

    def upgrading(_statement):  # the upgrade waits (at most 10 s) until the window was seen saying so
        shown.wait(10)

    def look():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and w.isVisible() and w.labelText() not in seen[-1:]:
                seen.append(w.labelText())
        if seen and seen[-1] == migrate.UPGRADING:
            backed_up = list(backup_dir_for(path).glob("pre-migration-0007-*.sqlite"))
            seen.append(f"备份 {len(backed_up)}")
            shown.set()
        else:
            QTimer.singleShot(10, look)

    monkeypatch.setattr(migrate, "fault_hook", upgrading)
    QTimer.singleShot(0, look)
    db = opening.open_shown(path)
    try:
        assert shown.is_set() and seen[-2:] == [migrate.UPGRADING, "备份 1"]
        assert read_revision(path) == head_revision()  # 0008 and any revision after it
        assert not [
            w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()
        ]
    finally:
        db.dispose()
    assert not opening.needs_work(path, check=False)  # the next start opens it at once
