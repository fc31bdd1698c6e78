"""The history of a big import (core.history.bulk): recorded from the values inserted, and exactly the log rows
the generic session events would have written for the same insert."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, select
from sqlalchemy import text as text_sql

from fedclient.core.history import bulk
from fedclient.core.history.source import imported_from, set_source
from fedclient.core.members import roster_import
from fedclient.core.members.roster_import import apply_roster_import, load_roster, plan_roster_import
from fedclient.core.migrate import open_database
from fedclient.core.models import ChangeLog, Member

TODAY = date(2026, 11, 25)
ROSTER = (
    "序号,姓名,性别,出生年月,民族,职务,身份证号码,联系电话,是否进村两委,备注\n"
    "1,张秀兰,女,1990.03,汉族,执委,430724199003021246,13800138000,是,会剪纸\n"
    "2,欧阳娜娜,女,1985.10,,副主席,,0736-7654321,否,\n"
    "3,李红,女,,苗族,志愿者,,,,\n"
    "4,王芳,女,1975.1,汉族,执委,,13900139000,,\n"
    "合计,4人\n"
)


def _log(db) -> list[tuple]:
    """Every history row as the chair and an auditor read it (its own id and time apart)."""
    with db.session() as s:
        rows = s.scalars(select(ChangeLog).order_by(ChangeLog.id)).all()
        return [
            (
                r.action,
                r.record_kind,
                r.record_id,
                r.owner_kind,
                r.owner_id,
                r.label,
                r.changes,
                r.source_kind,
                r.source_detail,
            )
            for r in rows
        ]


def _members(path) -> list[tuple]:
    """The members as SQLite stores them (their time stamps apart)."""
    import sqlite3

    conn = sqlite3.connect(path)
    columns = [c.name for c in Member.__table__.columns if c.name not in ("created_at", "updated_at")]
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM members ORDER BY id").fetchall()
    conn.close()
    return rows


def _generic(session, table, columns, rows):
    """What the import did before the bulk path: an ORM insert, recorded by the session events."""
    session.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


def _import_twice(tmp_path, db, second_file) -> None:
    """The roster imported, then a second file updating one person and adding another."""
    for i, text in enumerate((ROSTER, second_file)):
        path = tmp_path / f"花名册{i}.csv"
        path.write_text(text, encoding="utf-8")
        preview = db.run(plan_roster_import, load_roster(path), TODAY)
        db.run(imported_from(apply_roster_import, path), preview, TODAY)


def test_an_import_leaves_the_same_history_as_the_generic_path(tmp_path, monkeypatch, empty_template):
    from tests.conftest import copy_sqlite

    second = "姓名,身份证号码,联系电话,备注\n张秀兰,430724199003021246,13900139999,\n赵敏,340404198507150027,,新来的\n"
    logs, stored = {}, {}
    for way in ("bulk", "generic"):
        folder = tmp_path / way
        folder.mkdir()
        copy_sqlite(empty_template, folder / "村.sqlite")
        db = open_database(folder / "村.sqlite")
        with monkeypatch.context() as m:
            if way == "generic":
                m.setattr(roster_import, "insert_recorded", _generic)
            _import_twice(folder, db, second)
        logs[way] = _log(db)
        stored[way] = _members(folder / "村.sqlite")
        db.dispose()

    assert logs["bulk"] == logs["generic"]
    assert stored["bulk"] == stored["generic"] and len(stored["bulk"]) == 5  # stored byte for byte alike
    # and it is the history a chair expects: 5 people created, one phone changed, all from the files
    assert [(a, kind, source) for a, kind, _i, _o, _oi, _l, _c, _s, source in logs["bulk"]] == [
        ("create", "members", "花名册0.csv")
    ] * 4 + [("create", "members", "花名册1.csv"), ("update", "members", "花名册1.csv")]
    created = {
        label: changes for action, _k, _i, _o, _oi, label, changes, *_ in logs["bulk"] if action == "create"
    }
    assert "4307**********1246" in created["张秀兰"] and "138****8000" in created["张秀兰"]
    assert "430724199003021246" not in str(logs["bulk"]) and "13800138000" not in str(logs["bulk"])
    assert '"in_village_committee": [null, true]' in created["张秀兰"]
    assert '"birth_date": [null, "1985-10-01"]' in created["欧阳娜娜"]


def test_columns_left_out_are_recorded_as_the_database_stores_them(tmp_path, empty_template):
    """Columns the rows do not give: their defaults, as a row read back would show them."""
    from tests.conftest import copy_sqlite

    columns = ("name", "phone", "birth_date")
    rows = [("张秀兰", "13800138000", None), ("李红", "", date(1980, 5, 1))]
    logs = {}
    for way, write in (("bulk", bulk.insert_recorded), ("generic", _generic)):
        copy_sqlite(empty_template, tmp_path / f"{way}.sqlite")
        db = open_database(tmp_path / f"{way}.sqlite")

        def add(session, write=write):
            set_source(session, "import", "名单.xlsx")
            write(session, Member.__table__, columns, rows)

        db.run(add)
        logs[way] = _log(db)
        with db.session() as s:
            stored = s.execute(select(Member.name, Member.ethnicity, Member.status)).all()
        db.dispose()
        assert sorted(stored) == [("张秀兰", "汉族", "active"), ("李红", "汉族", "active")]
    assert logs["bulk"] == logs["generic"]
    assert '"ethnicity": [null, "汉族"]' in logs["bulk"][0][6]


def test_a_household_import_leaves_the_same_history_and_rows_as_saving_one_by_one(
    tmp_path, monkeypatch, empty_template
):
    """New households go in with one bulk insert (grids.add_households); the history and the stored rows are
    what saving each one (save_household) gave."""
    from fedclient.core.grids import household_import
    from fedclient.core.grids.households import save_household
    from tests.conftest import copy_sqlite

    text = "户主,住址,人口,标签,电话,备注\n王秀英,3组12号,3,留守,13812345678,\n刘桂兰,3组2号,4,困难户、独居,,低保户\n李红,,1,,,\n"
    logs, stored = {}, {}
    for way in ("bulk", "generic"):
        folder = tmp_path / way
        folder.mkdir()
        copy_sqlite(empty_template, folder / "村.sqlite")
        db = open_database(folder / "村.sqlite")
        (folder / "住户.csv").write_text(text, encoding="utf-8")
        with monkeypatch.context() as m:
            if way == "generic":
                m.setattr(
                    household_import, "add_households", lambda s, items: [save_household(s, h) for h in items]
                )
            table = household_import.load_households(folder / "住户.csv")
            preview = db.run(household_import.plan_household_import, table)
            db.run(household_import.apply_household_import, preview)
        logs[way] = _log(db)
        with db.session() as s:
            stored[way] = s.execute(
                text_sql(
                    "SELECT id, contact_name, name_initials, address, address_key, size, tags, phone, notes, grid_id"
                    " FROM households ORDER BY id"
                )
            ).all()
        db.dispose()
    assert logs["bulk"] == logs["generic"] and len(logs["bulk"]) == 3
    assert stored["bulk"] == stored["generic"]
    assert stored["bulk"][1][1:] == (
        "刘桂兰",
        "lgl",
        "3组2号",
        "000003组000002号",
        4,
        "困境、独居老人",
        "",
        "低保户",
        None,
    )
    assert '"phone": [null, "138****5678"]' in logs["bulk"][0][6]


def test_dates_are_stored_as_the_column_type_stores_them(tmp_path, empty_template):
    """A column of dates goes to SQLite by ``date.isoformat`` (in C) only where that is what SQLAlchemy's own
    DATE writes: the members read back with the dates given, stored as the ORM stores them, years 1 to 9999."""
    from tests.conftest import copy_sqlite

    born = [date(1, 2, 3), date(999, 12, 31), date(1975, 10, 1), date(2026, 11, 30), date(9999, 1, 1)]
    rows = [(f"成员{i}", b, date(2023, 6, 1)) for i, b in enumerate(born)]
    copy_sqlite(empty_template, tmp_path / "村.sqlite")
    db = open_database(tmp_path / "村.sqlite")

    def add(session):
        set_source(session, "import", "名单.xlsx")
        bulk.insert_recorded(session, Member.__table__, ("name", "birth_date", "term_start"), rows)

    db.run(add)
    with db.session() as s:
        stored = s.execute(
            select(Member.name, Member.birth_date, Member.term_start).order_by(Member.id)
        ).all()
        text = s.execute(text_sql("SELECT birth_date FROM members ORDER BY id")).scalars().all()
    db.dispose()
    assert [tuple(r) for r in stored] == rows
    assert text == ["0001-02-03", "0999-12-31", "1975-10-01", "2026-11-30", "9999-01-01"]
    dialect = db.engine.dialect
    for column in (Member.__table__.c.birth_date, ChangeLog.__table__.c.at):  # DATE, DATETIME
        convert = column.type.dialect_impl(dialect).bind_processor(dialect)
        assert list(bulk._bound(born, convert)) == [convert(v) for v in born]
