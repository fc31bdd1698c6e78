"""Two phone columns in one sheet (手机 and 固定电话, 联系电话 and 手机, 电话 and 座机): a roster or household has one
phone field, so one number is kept there (a mobile first, else the first that can be dialled) and the other goes
into 备注 with a warning in the preview: nothing is dropped without a word.

    OTHER_PHONE                               # the importer's field for the second column (after its "phone")
    phone, notes, warnings = pick_phone(first, second, notes)   # the text to check and store as the phone
    two_numbers("13800138000/0736-7654321")  # a cell holding two numbers and nothing else: taken as two columns
    noted_phone(text)                         # the second column's text as the preview shows it
    in_file = given_in_file(mapping, old, new, typed_notes)   # an update: what the file gives
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..synonyms import synonyms_of
from ..validation import PHONE_IN_TEXT, check_phone, plain_mobile, to_halfwidth
from .read import Field

OTHER_PHONE = Field(
    "other_phone",
    "其他电话",
    (
        "固定电话",
        "座机",
        "座机号码",
        "座机电话",
        "固话",
        "家庭电话",
        "宅电",
        "住宅电话",
        "办公电话",
        "单位电话",
        "备用电话",
        "其他联系电话",
        "联系电话",  # a second 联系电话 / 手机 column: the phone field took the other one
        *synonyms_of("联系电话"),
    ),
)
NOTE_SEPARATOR = "；"
NOTED = "记入备注"  # the end of every warning about a number noted (dropped when an earlier import noted it)
# What may stand between two numbers in one cell (anything else, 本人 or 丈夫, is a note: the first number kept).
_BETWEEN_NUMBERS = re.compile(r"[\s/／\\|、,，;；]|或|和|及")


def pick_phone(first: str, second: str, notes: str) -> tuple[str, str, list[str]]:
    """Of the phone column's text and the second phone column's: the text to store as the phone (checked by the
    caller as before), the row's notes with the other number added, and the warnings saying so."""
    first, second = first.strip(), second.strip()
    if not second and (pair := two_numbers(first)):  # 13800138000/0736-7654321: as two columns
        first, second = pair
    phone, note, warnings = _pick(first, second)
    return phone, add_note(notes, note), warnings


def two_numbers(text: str) -> tuple[str, str] | None:
    """The two phone numbers of a cell that holds two and nothing else but separators, else None."""
    if len(text) < 18:  # two numbers are at least 18 characters: most cells are asked nothing more
        return None
    half = to_halfwidth(text)
    found = PHONE_IN_TEXT.findall(half)
    if len(found) != 2:
        return None
    rest = half.replace(found[0], "", 1).replace(found[1], "", 1)
    return (found[0], found[1]) if not _BETWEEN_NUMBERS.sub("", rest) else None


def _pick(first: str, second: str) -> tuple[str, str, list[str]]:
    checks = [check_phone(first), check_phone(second)]
    if not checks[1].value:  # no second number (or 无 / —)
        return first, "", []
    if not checks[0].value:
        return second, "", []
    dialled = [i for i in (0, 1) if checks[i].ok]
    mobile = [i for i in dialled if plain_mobile(checks[i].value)]
    kept = (mobile or dialled or [0])[0]
    other = 1 - kept
    if checks[other].ok and checks[other].value == checks[kept].value:  # the same number twice
        return (first, second)[kept], "", []
    if checks[other].ok:
        number = checks[other].value
        kind = "手机" if plain_mobile(number) else "固定电话"
        return (first, second)[kept], f"{kind}：{number}", [f"另有{kind} {number}，已{NOTED}"]
    typed = (first, second)[other]
    why = checks[other].errors[0]
    return (first, second)[kept], f"其他电话：{typed}", [f"另一个电话“{typed}”{why}，已原样{NOTED}，请核对"]


def add_note(notes: str, note: str) -> str:
    """``notes`` with ``note`` added (after a "；"), unless it holds it already (importing the file again)."""
    if not note or note in notes:
        return notes
    return f"{notes}{NOTE_SEPARATOR}{note}" if notes else note


def noted_phone(text: str) -> str:
    """The second phone column's text as it is noted (0736-1234567), or as typed when it cannot be dialled."""
    if not text:
        return text
    check = check_phone(text)
    return check.value if check.ok else text


def given_in_file(
    mapping: Mapping[str, int | None],
    old: Any,
    new: Any,
    typed_notes: str,
    warnings: list[str] | None = None,
) -> set[str]:
    """The fields an update takes from the file: those mapped to a column; with a second phone column, the phone
    and 备注 too, ``new``'s settled against the stored ``old`` (both with ``phone`` and ``notes``): a landline
    never replaces her stored mobile (it is noted instead, and ``warnings`` says so the first time), and the note
    is added to the stored notes unless the row has notes of its own (``typed_notes``), which replace them as a
    备注 column always does."""
    given = {name for name, column in mapping.items() if column is not None}
    if "other_phone" not in given and new.notes == typed_notes:  # (a cell of two numbers noted the other)
        return given
    added = new.notes[len(typed_notes) :].lstrip(NOTE_SEPARATOR) if new.notes.startswith(typed_notes) else ""
    if warnings is not None and added and added in old.notes:  # noted by an earlier import: said then
        warnings[:] = [text for text in warnings if NOTED not in text]
    if plain_mobile(old.phone) and new.phone and not plain_mobile(new.phone):
        note = f"固定电话：{new.phone}"
        if warnings is not None and note not in old.notes:
            warnings.append(f"固定电话 {new.phone} 没有替换已登记的手机 {old.phone}，已{NOTED}")
        new.phone, new.notes = "", add_note(new.notes, note)
    if not typed_notes.strip():
        new.notes = add_note(old.notes, new.notes)
    return given | {"phone", "notes"}
