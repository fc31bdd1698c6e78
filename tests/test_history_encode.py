"""The bulk path's JSON of created records (core.history.encode) is the very text the session events write
(``recorder._JSON`` over ``_filled_values``), whatever the values: quotes, control characters, Chinese,
flags beside numbers, dates, floats, lists, masked columns."""

from __future__ import annotations

import json
from datetime import date, datetime

from fedclient.core.history.encode import created_changes
from fedclient.core.history.recorder import _JSON, _filled_values

COLUMNS = ("id", "name", "id_number", "phone", "birth_date", "notes", "in_village_committee", "score", "tags")
RECORDS = [
    (
        1,
        "张秀兰",
        "430724199003021246",
        "13800138000",
        date(1990, 3, 2),
        'say "hi"\n\t\\',
        True,
        1,
        ["a", "乙"],
    ),
    (2, "", None, "", None, "", False, 0, []),
    (3, "欧阳娜娜", "", "0736-7654321", datetime(2026, 1, 2, 3, 4, 5), "\x01\u2028é", 1, 2.5, None),
    (4, "李\u200b红", "4307241990030212", "12", date(1975, 10, 1), " ", 0, float("nan"), [1, True]),
    (5, "王芳", "X", "1", date(1975, 10, 1), "ok", True, -7, {"k": date(2020, 1, 1)}),
]


def test_created_changes_are_the_events_json_text():
    columns = [list(c) for c in zip(*RECORDS, strict=True)]
    fast = created_changes("members", COLUMNS, columns, skip=("id",))
    for record, text in zip(RECORDS, fast, strict=True):
        values = dict(zip(COLUMNS, record, strict=True))
        assert text == _JSON.encode(_filled_values("members", values, ("id",), new=True))
    first = json.loads(fast[0])
    assert first["id_number"] == [None, "4307**********1246"] and first["phone"] == [None, "138****8000"]
    assert first["in_village_committee"] == [None, True] and first["score"] == [None, 1]
    assert fast[1] == '{"in_village_committee": [null, false], "score": [null, 0]}'
    assert "id" not in first


def test_no_records_and_no_columns():
    assert created_changes("members", COLUMNS, [[] for _ in COLUMNS]) == []
    assert created_changes("members", ("id",), [[1, 2]], skip=("id",)) == ["{}", "{}"]


def test_labels_of_many_records_are_each_records_label():
    from fedclient.core.history.labels import record_label, record_labels

    cases = {
        "members": (
            ["id", "name", "number"],
            [[1, 2, 3, 4], ["张秀兰", "", "张秀兰", "很" * 50], ["", "2026-007", "", ""]],
        ),
        "case_parties": (["id", "case_id", "name"], [[1, 2], [7, 7], ["欧阳娜娜", None]]),
        "pledges": (
            ["id", "year", "content", "member_id"],
            [[1, 2], [2026, 2025], ["带头垃圾分类", ""], [3, 4]],
        ),
        "case_mediators": (["case_id", "member_id"], [[1, 2], [5, 6]]),
        "pledge_progress": (["id", "date", "description"], [[1], [date(2026, 5, 3)], ["入户走访"]]),
    }
    foreign = {"case_id": "mediation_cases", "member_id": "members"}
    for table, (columns, values) in cases.items():
        one_by_one = [
            record_label(table, dict(zip(columns, record, strict=True)), foreign)
            for record in zip(*values, strict=True)
        ]
        assert record_labels(table, columns, values, foreign) == one_by_one, table
    assert record_labels("case_parties", *cases["case_parties"], foreign)[0] == "欧阳某某"


def test_columns_filled_in_every_record_are_the_events_text():
    texts = ["张秀兰", 'say "hi"', "100%s %d", "\x01\u2028é", "a\\b"]
    ids = ["430724199003021246", "X", "4307241990030212", " 1 ", "４３０７"]
    phones = ["13800138000", "  ", "12", "0736-7654321", "1"]
    births = [date(1990, 3, 2), date(1, 1, 1), date(999, 12, 31), date(2026, 11, 30), date(1975, 10, 1)]
    columns = ("id", "name", "notes", "id_number", "phone", "birth_date")
    values = [[1, 2, 3, 4, 5], texts, texts, ids, phones, births]
    fast = created_changes("members", columns, values, skip=("id",))
    for record, got in zip(zip(*values, strict=True), fast, strict=True):
        filled = _filled_values("members", dict(zip(columns, record, strict=True)), ("id",), new=True)
        assert got == _JSON.encode(filled)


def test_columns_filled_in_some_records_or_none_in_any_order_are_the_events_text():
    """The first listed column filled in every record or not, a column filled in some records between full
    ones, a column no record fills, percent signs and quotes in full columns that need escaping or not."""
    safe = ["100%", "a%sb", "王%d", "x", "张秀兰"]
    quoted = ["a", 'b"c', "d", "e\\f", "g"]
    some = ["", "备注%s", "", 'x"y', ""]
    some_ids = ["430724199003021246", "", "X", "", "1"]
    flags = [True, False, None, True, None]
    nobody = ["", "", "", "", ""]
    births = [date(1990, 3, 2), None, date(1, 1, 1), date(2026, 11, 30), None]
    for columns, values in [
        (("id", "name", "notes", "id_number", "post"), [[1, 2, 3, 4, 5], safe, some, some_ids, quoted]),
        (("id", "notes", "name", "post"), [[1, 2, 3, 4, 5], some, safe, quoted]),  # first column partial
        (("id", "post", "notes", "birth_date", "specialty"), [[1, 2, 3, 4, 5], quoted, nobody, births, safe]),
        (("id", "in_village_committee", "name", "notes"), [[1, 2, 3, 4, 5], flags, safe, nobody]),
        (("id", "notes", "specialty"), [[1, 2, 3, 4, 5], nobody, nobody]),
    ]:
        fast = created_changes("members", columns, values, skip=("id",))
        for record, got in zip(zip(*values, strict=True), fast, strict=True):
            filled = _filled_values("members", dict(zip(columns, record, strict=True)), ("id",), new=True)
            assert got == _JSON.encode(filled), (columns, record)
    assert fast == ["{}"] * 5


def test_a_column_of_ids_or_mobiles_is_masked_as_each_value_is():
    from fedclient.core.history.masking import mask_id, mask_phone, masked_column

    ids = ["430724199003021246", "43072419900302124X", "４３０７２４１９９００３０２１２４６", "a" * 18]
    phones = ["13800138000", "１３８００１３８０００", "19912345678"]
    for mask, texts in [(mask_id, ids), (mask_phone, phones), (mask_phone, [*phones, " 1380013800"])]:
        assert masked_column(mask, texts) == [mask(t) for t in texts]
    assert masked_column(mask_id, ids)[0] == "4307**********1246"
    assert masked_column(mask_phone, phones)[0] == "138****8000"
