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
from json.encoder import ESCAPE, encode_basestring
from typing import Any

from .masking import masked_column, masker
from .recorder import _JSON

_NONE = type(None)
_TEXT_KINDS = {str, _NONE}
_ESCAPED = ESCAPE  # what ``encode_basestring`` escapes (ensure_ascii=False): quotes, backslash, controls


def created_changes(
    table: str, columns: Sequence[str], values: Sequence[Sequence], skip: Sequence[str] = ()
) -> list[str]:
    """Each record's ``changes`` text; ``values[i]``: column ``columns[i]``'s value of every record (in the
    records' order), ``skip``: the columns never listed (a record's own id)."""
    count = len(values[0]) if values else 0
    found = [
        (name, _column_json(table, name, column))
        for name, column in zip(columns, values, strict=True)
        if name not in skip
    ]
    found = [(name, json) for name, json in found if json is not None]  # columns no record fills
    if not found:
        return ["{}"] * count
    if found[0][1][0] is not _ALL:
        return _joined(found)
    # The usual record: its first column always filled. One format per table, each record's values put in by
    # ``str.__mod__`` (in C, no Python call per record); a column filled in some records only is one
    # ``%s`` whose piece carries its own ", " (an empty piece for the records it is not filled in).
    form, parts = ["{"], []
    for i, (name, (kind, texts, quoted)) in enumerate(found):
        if kind is _ALL:
            value = '"%s"' if quoted else "%s"
            form.append((", " if i else "") + _head(name).replace("%", "%%") + value + "]")
        else:
            form.append("%s")
            texts = [piece and ", " + piece for piece in texts]
        parts.append(texts)
    form.append("}")
    return list(map("".join(form).__mod__, zip(*parts, strict=True)))


_FLAGS = {True: "true", False: "false"}
_ALL, _SOME = "all", "some"  # a column filled in every record (its values' JSON), or not (pieces, "" if not)


def _head(name: str) -> str:
    return encode_basestring(name) + ": [null, "


def _joined(found: list) -> list[str]:
    """Each record's filled pieces joined (an empty piece: not filled), all in C."""
    pieces = []
    for name, (kind, texts, quoted) in found:
        if kind is _ALL:
            texts = list(
                map((_head(name).replace("%", "%%") + ('"%s"]' if quoted else "%s]")).__mod__, texts)
            )
        pieces.append(texts)
    return list(map("{%s}".__mod__, map(", ".join, map(partial(filter, None), zip(*pieces, strict=True)))))


def _column_json(table: str, name: str, column: Sequence) -> tuple[str, Sequence[str], bool] | None:
    """(_ALL, each value's JSON text, False), or (_ALL, each value's text, True) when the texts need no
    escaping (the JSON is the text in quotes), or (_SOME, pieces) for a column filled in some records only:
    ``"name": [null, value]`` where filled, "" where not; None when no record fills it."""
    kinds = set(map(type, column))
    if kinds <= _TEXT_KINDS and not any(column):  # only None and "": no record fills it
        return None
    mask = masker(table, name)
    if kinds == {date}:  # a date column, every value filled (not datetime: ``json_value``'s own type test)
        return _ALL, each_distinct_once(column, date.isoformat), True
    if kinds == {bool}:  # a yes/no column: false is filled too
        return _ALL, list(map(_FLAGS.__getitem__, column)), False
    if kinds == {str} and "" not in column:  # a text column, every value filled
        texts = column if mask is None else masked_column(mask, column)
        if set(map(type, texts)) == {str}:
            if _ESCAPED.search("".join(texts)) is None:  # nothing for ``encode_basestring`` to escape
                return _ALL, texts, True
            return _ALL, list(map(encode_basestring, texts)), False
    pieces = _column_pieces(mask, _head(name), kinds, column)
    return (_SOME, pieces, False) if any(pieces) else None


def _column_pieces(mask: Callable | None, prefix: str, kinds: set, column: Sequence) -> Sequence[str]:
    """``"name": [null, value]`` for every record whose value is filled, "" for the others."""
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
