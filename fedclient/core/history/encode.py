"""The JSON text of created records' values, exactly as the session events write it (``recorder.log_rows``:
``{column: [null, masked value]}`` for every filled column, ``json.dumps`` with ``ensure_ascii=False`` and
dates as ISO text), built quickly for the thousands of records of a bulk insert: column by column, each
distinct value of a column masked and written once (a roster repeats its 汉族, 群众, 执委 and dates), then each
record's pieces joined. ``tests/test_history_encode.py`` compares it with the events' encoder on awkward
values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from functools import partial
from json.encoder import encode_basestring
from typing import Any

from .masking import masker
from .recorder import _JSON

_NONE = type(None)
_TEXT_KINDS = {str, _NONE}


def created_changes(
    table: str, columns: Sequence[str], values: Sequence[Sequence], skip: Sequence[str] = ()
) -> list[str]:
    """Each record's ``changes`` text; ``values[i]``: column ``columns[i]``'s value of every record (in the
    records' order), ``skip``: the columns never listed (a record's own id)."""
    count = len(values[0]) if values else 0
    pieces = [
        _column_pieces(table, name, column)
        for name, column in zip(columns, values, strict=True)
        if name not in skip
    ]
    if not pieces:
        return ["{}"] * count
    # A record's filled pieces joined (an empty piece: not filled), all in C: no Python call per record.
    return list(map("{%s}".__mod__, map(", ".join, map(partial(filter, None), zip(*pieces, strict=True)))))


def _column_pieces(table: str, name: str, column: Sequence) -> Sequence[str]:
    """``"name": [null, value]`` for every record whose value is filled, "" for the others."""
    prefix, mask = encode_basestring(name) + ": [null, ", masker(table, name)
    kinds = set(map(type, column))
    filled = (prefix.replace("%", "%%") + "%s]").__mod__  # the piece of a value's JSON text, in C
    if kinds == {date}:  # a date column, every value filled (not datetime: ``json_value``'s own type test)
        return list(map(filled, map(encode_basestring, map(date.isoformat, column))))
    if kinds == {str} and "" not in column:  # a text column, every value filled
        texts = column if mask is None else list(map(mask, column))
        if set(map(type, texts)) == {str}:
            return list(map(filled, map(encode_basestring, texts)))
    if kinds <= _TEXT_KINDS:  # a text column: a shorter way
        if mask is None:

            def text_piece(value: str | None) -> str:
                return prefix + encode_basestring(value) + "]" if value else ""
        else:

            def text_piece(value: str | None) -> str:
                return prefix + json_value(mask(value)) + "]" if value else ""

        return each_distinct_once(column, text_piece)

    def piece(value: Any) -> str:
        if value is None or value == "" or value == []:  # not filled (``recorder._filled``)
            return ""
        if mask is not None and isinstance(value, str):
            value = mask(value)
        return prefix + json_value(value) + "]"

    return each_distinct_once(column, piece)


def json_value(value: Any) -> str:
    """``_JSON.encode(value)``, without its machinery for the values a record mostly holds."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is date or kind is datetime:
        return encode_basestring(value.isoformat())
    return _JSON.encode(value)


def each_distinct_once(values: Sequence[Any], convert: Callable[[Any], Any]) -> Sequence[Any]:
    """``[convert(v) for v in values]``, each distinct value converted once when the filled values are all of
    one type (a column of dates or flags repeats its values; 1 and True are equal keys, so mixed types convert
    one by one)."""
    kinds = set(map(type, values))
    kinds.discard(_NONE)
    if len(kinds) <= 1:
        try:
            distinct = set(values)
        except TypeError:  # unhashable values
            pass
        else:
            if 2 * len(distinct) > len(values):  # mostly unique (ID numbers, phones): no table worth making
                return list(map(convert, values))
            done = dict(zip(distinct, map(convert, distinct), strict=True))
            return list(map(done.__getitem__, values))
    return [convert(value) for value in values]
