"""导入花名册: members from the chair's old spreadsheet, checked row by row before anything is written.

Reading, header finding and column guessing are generic (``tabular``); this module knows the roster:
which headers mean what, how each row is validated, duplicates in the file, and matching people already in
the database by ID number (or name and birth date) so that importing again updates instead of adding twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from itertools import count, islice
from operator import attrgetter
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..bulk_load import gc_paused, indexes_set_aside, written_behind
from ..history.bulk import insert_recorded
from ..history.source import set_source
from ..models import Member
from ..pinyin import initials_index
from ..progress import Progress, no_progress
from ..synonyms import synonyms_of
from ..tabular import (
    DateError,
    Field,
    Preview,
    PreviewRow,
    RowValues,
    Table,
    load_table,
    month_style,
    person_name,
    remark_warning,
    skipped_row,
)
from ..tabular.phones import OTHER_PHONE, given_in_file, pick_phone
from ..validation import check_id_number, check_phone, id_birth_date
from ..vocab import ROLES
from . import plain_row
from .namesakes import Namesakes, SeenInFile
from .plain_row import FIELD_ORDER, YES_WORDS, ColumnDates, parse_role, plain_members, stored_name
from .service import COLUMNS, SAME_PERSON_WARNING, MemberData, check_member, get_member, save_member

ROSTER_FIELDS = [
    Field("seq", "序号", synonyms_of("序号")),
    Field("name", "姓名", synonyms_of("姓名"), required=True, person=True),
    Field("gender", "性别", synonyms_of("性别")),
    Field("birth_date", "出生年月", synonyms_of("出生年月")),
    Field("ethnicity", "民族", synonyms_of("民族")),
    Field("education", "文化程度", synonyms_of("文化程度")),
    Field("political_status", "政治面貌", synonyms_of("政治面貌")),
    Field("role", "职务", synonyms_of("职务")),
    Field("post", "岗位", synonyms_of("岗位")),
    Field("specialty", "专长", synonyms_of("专长")),
    Field("group_name", "所在组", synonyms_of("所在组"), group=True),
    Field("id_number", "身份证号", synonyms_of("身份证号")),
    Field("phone", "联系电话", synonyms_of("联系电话")),
    OTHER_PHONE,
    Field("term_start", "任职时间", synonyms_of("任职时间")),
    Field("in_village_committee", "是否进村两委", synonyms_of("是否进村两委")),
    Field("notes", "备注", synonyms_of("备注")),
]
FIELD_LABELS = {f.name: f.label for f in ROSTER_FIELDS}
GENDER_WORDS = {"女性": "女", "男性": "男", "女士": "女", "妇女": "女"}  # what else a 性别 column says
_TEXT_AT = {name: i for i, name in enumerate(FIELD_ORDER)}  # a preview row's texts (``RowValues``)
_NAME, _ID, _PHONE, _BIRTH = (_TEXT_AT[name] for name in ("name", "id_number", "phone", "birth_date"))
PLAIN_ROWS = True  # rows typed plainly take plain_row's one pass (False: every row the full check, for tests)
PLAN_BLOCK = 500  # rows checked column by column at once (``plain_members``), a progress report before each
COMPARED = (
    "name",
    "gender",
    "birth_date",
    "ethnicity",
    "id_number",
    "phone",
    "education",
    "political_status",
    "role",
    "post",
    "specialty",
    "group_name",
    "term_start",
    "in_village_committee",
    "notes",
)


@gc_paused()
def load_roster(path: Path | str, progress: Progress = no_progress, sheet: str | None = None) -> Table:
    with plain_row.tables_loaded_beside():  # while calamine parses the sheet
        return load_table(path, ROSTER_FIELDS, sheet=sheet, progress=progress)


def _data_from_record(record, dates: ColumnDates) -> tuple[MemberData, list[str], list[str], bool]:
    """The member a row describes, the row's own errors and warnings, and whether the birth was month-only."""
    errors: list[str] = []
    warnings: list[str] = []
    raw = record.raw
    data = MemberData(name=person_name(record.text("name")), ethnicity=record.text("ethnicity") or "汉族")
    if remark := remark_warning(record.text("name")):  # 王芳（主任）: imported as 王芳
        warnings.append(remark)
    for name in ("education", "political_status", "post", "specialty", "group_name", "notes"):
        setattr(data, name, record.text(name))
    raw_id = raw.get("id_number")
    if isinstance(raw_id, int | float) and not isinstance(raw_id, bool):
        errors.append(
            f"身份证号被表格存成了数字（显示为{raw_id:.5E}），末几位已丢失，无法还原；"
            "请把该列设为“文本”格式后重新录入"
        )
    else:
        data.id_number = record.text("id_number")
    data.phone, data.notes, more = pick_phone(record.text("phone"), record.text("other_phone"), data.notes)
    warnings += more
    phone = check_phone(data.phone)
    if phone.errors:  # a number that cannot be dialled does not make the person any less real
        warnings.append(f"联系电话“{data.phone}”{phone.errors[0]}，未登记电话，请核对后补填")
        data.phone = ""
    gender = record.text("gender")
    gender = GENDER_WORDS.get(gender, gender)
    if gender and gender not in ("女", "男"):
        errors.append(f"性别“{gender}”应为女或男")
    data.gender = gender if gender in ("女", "男") else ""
    month_only = False
    for name in ("birth_date", "term_start"):
        try:
            parsed = dates.parse(name, raw.get(name))
        except DateError as exc:
            errors.append(f"{FIELD_LABELS[name]}：{exc}")
            continue
        if parsed:
            setattr(data, name, parsed.value)
            if parsed.warning:
                warnings.append(f"{FIELD_LABELS[name]}：{parsed.warning}")
            if name == "birth_date":
                month_only = parsed.month_only
    data.role, role_warning = parse_role(record.text("role"))
    if role_warning:
        warnings.append(role_warning)
    data.in_village_committee = record.text("in_village_committee").upper() in YES_WORDS
    return data, errors, warnings, month_only


class _Known:
    """The members already stored, read once: matching thousands of rows needs no query per row."""

    def __init__(self, session: Session):
        self.by_id: dict[str, int] = {}
        self.by_person: dict[tuple[str, date], list[tuple[int, bool]]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.namesakes = Namesakes(session)  # rows with only a name, several members so named
        for mid, id_number, name, birth in session.execute(
            select(Member.id, Member.id_number, Member.name, Member.birth_date)
        ):
            if id_number:
                self.by_id[id_number] = mid
            if birth is not None:
                self.by_person.setdefault((name, birth), []).append((mid, bool(id_number)))
            self.by_name.setdefault(name, []).append(mid)

    def find(self, data: MemberData) -> int | None:
        if data.id_number and data.id_number in self.by_id:
            return self.by_id[data.id_number]
        if not data.id_number and not data.birth_date:  # a row with only her name: the one member so named
            same_name = self.by_name.get(data.name, [])
            return same_name[0] if len(same_name) == 1 else self.namesakes.find(data) if same_name else None
        same = self.by_person.get((data.name, data.birth_date), []) if data.birth_date else []
        # Only one candidate, and no ID number that says she is someone else.
        if len(same) == 1 and (not same[0][1] or not data.id_number):
            return same[0][0]
        return None

    def namesake(self, data: MemberData) -> str:
        """Why a row not matched may still be someone stored ("" when nothing suggests it)."""
        if data.birth_date and self.by_person.get((data.name, data.birth_date)):
            return SAME_PERSON_WARNING
        if not data.id_number and not data.birth_date and len(self.by_name.get(data.name, [])) > 1:
            return f"已有 {len(self.by_name[data.name])} 位同名成员，这一行没有身份证号和出生日期，无法判断是谁，已作为新成员导入，请核对"
        return ""


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, date):
        return value.isoformat()
    return ROLES.get(value, str(value))


def _merge(old: MemberData, row: PreviewRow, mapping: dict) -> tuple[MemberData, list[str]]:
    """An update keeps what the file leaves empty; returns the merged member and what would change."""
    merged, new = replace(old, guided_ids=None, contacts=None), row.payload
    changes = []
    in_file = given_in_file(mapping, old, new, row.values["notes"], row.warnings)
    for name in COMPARED:
        value = getattr(new, name)
        if name not in in_file or value in ("", None) or (name == "in_village_committee" and not value):
            continue
        if value != getattr(old, name):
            changes.append(
                f"{FIELD_LABELS.get(name, name)}：{_show(getattr(old, name)) or '空'} → {_show(value)}"
            )
            setattr(merged, name, value)
    return merged, changes


@gc_paused()
def plan_roster_import(
    session: Session, table: Table, today: date | None = None, progress: Progress = no_progress
) -> Preview:
    """Check every row; nothing is written. Each row becomes new / update / same / refused / duplicate, or
    skipped (not a person: 合计, a signature line, a hidden row …)."""
    today = today or date.today()
    known: _Known | None = _Known(session)
    if not known.by_name:  # nobody stored yet: nobody to find
        known = None
    dates = ColumnDates(
        {name: month_style(table.column_values(name)) for name in ("birth_date", "term_start")}
    )
    rows: list[PreviewRow] = []
    seen = SeenInFile(rows)
    tally = {"kept": 0, "refused": 0, "skipped": 0}
    total = max(0, len(table.sheet.rows) - table.header_row - 1)
    records = table.records()
    for i in count(0, PLAN_BLOCK):
        block = list(islice(records, PLAN_BLOCK))
        if not block:
            break
        progress(i, total, _progress_text(block[0].row_number, tally))
        data = [record for record in block if not record.skip]
        checked = zip(*plain_members([r.cells for r in data], dates, today, PLAIN_ROWS), strict=True)
        for record in block:
            if record.skip:
                rows.append(skipped_row(record, ROSTER_FIELDS))
                tally["skipped"] += 1
                continue
            texts, clean = next(checked)
            row = _plan_row(record, texts, clean, dates, known, today, seen)
            rows.append(row)
            tally["refused" if row.kind in ("refused", "duplicate") else "kept"] += 1
    if session is not None:
        stored = [row for row in rows if row.existing_id is not None]
        for i, row in enumerate(stored):
            if i % 200 == 0:
                progress(i, len(stored), f"正在与已登记的成员比较：第 {i + 1} / {len(stored)} 人……")
            old = get_member(session, row.existing_id)
            row.payload, row.changes = _merge(old, row, table.read_mapping)
            row.kind = "update" if row.changes else "same"
            row.warnings = row.warnings if row.changes else []  # unchanged: said when it was imported
    progress(total, total, "检查完毕：" + _progress_text(len(table.sheet.rows), tally))
    notes = [note] if (note := table.groups_note()) else []
    return Preview(rows, table.path.name, notes, table.read_mapping)


def _progress_text(row_number: int, tally: dict[str, int]) -> str:
    return (
        f"已读到第 {row_number} 行：可导入 {tally['kept']} 人，"
        f"不能导入 {tally['refused']} 行，跳过 {tally['skipped']} 行"
    )


def _plan_row(
    record,
    texts: list[str],
    clean: MemberData | None,
    dates: ColumnDates,
    known: _Known | None,
    today: date,
    seen: SeenInFile,
) -> PreviewRow:
    """``texts``: the row's texts in ``FIELD_ORDER``; ``clean``: its member if ``plain_members`` found the row
    typed plainly, else None (the full check here)."""
    texts[_NAME] = stored_name(texts[_NAME])
    if clean is not None:  # most rows: nothing to say about them (plain_row's docstring)
        row = PreviewRow(record.row_number, "new", {}, [], [])
    else:
        row, clean = _checked_row(record, dates, today)
        if row.problems:
            row.kind = "refused"
            row.values = RowValues(_TEXT_AT, texts)
            return row
    if record.notes:  # a merged cell across two columns read (``tabular.merged``)
        row.warnings.append(record.notes)
    texts[_ID], texts[_PHONE] = clean.id_number, clean.phone
    texts[_BIRTH] = clean.birth_date.isoformat() if clean.birth_date else ""
    row.values = RowValues(_TEXT_AT, texts)
    if earlier := seen.earlier(clean, row):  # the same person twice in the file
        row.kind = "duplicate"
        row.problems.append(earlier)
        return row
    existing = known.find(clean) if known is not None else None
    if existing is not None:
        row.existing_id = existing  # compared with the stored member after the loop
    elif known is not None and (why := known.namesake(clean)):
        row.warnings.append(why)
    clean.id = existing
    row.payload = clean
    return row


def _checked_row(record, dates: ColumnDates, today: date) -> tuple[PreviewRow, MemberData]:
    """Every check of a row, field by field, with its errors (``problems``) and warnings."""
    data, errors, warnings, month_only = _data_from_record(record, dates)
    row = PreviewRow(record.row_number, "new", {}, errors, warnings)
    _settle_ambiguous_month(data, row.warnings)
    check = check_member(data, today, birth_month_only=month_only)
    for name, message in check.errors.items():
        label = FIELD_LABELS.get(name, name)
        row.problems.append(message if message.startswith(label[:2]) else f"{label}：{message}")
    row.warnings += _id_trusted(check, check.clean, data, month_only)
    return row, check.clean


def _id_trusted(check, clean: MemberData, typed: MemberData, month_only: bool) -> list[str]:
    """The ID number's birth date wins over a typed one that disagrees (warned); an ambiguous typed month that
    the ID settles needs no warning."""
    warnings = [w for texts in check.warnings.values() for w in texts]
    if not clean.id_number or "id_number" in check.errors:
        return warnings
    id_birth = id_birth_date(clean.id_number)
    result = []
    for text in warnings:
        if text.startswith("出生日期与身份证号不一致"):
            text += "，已按身份证号登记"
        result.append(text)
    if typed.birth_date is not None and clean.birth_date != id_birth:
        clean.birth_date = id_birth
    return result


def _settle_ambiguous_month(data: MemberData, warnings: list[str]) -> None:
    """1975.1 read as October with a warning: a valid ID number born in January or October of that year
    says which it was."""
    ambiguous = [w for w in warnings if w.startswith(FIELD_LABELS["birth_date"]) and "也可能是1月" in w]
    if not ambiguous or data.birth_date is None:
        return
    id_check = check_id_number(data.id_number)
    if not id_check.value or id_check.errors:
        return
    born = id_birth_date(id_check.value)
    if born.year == data.birth_date.year and born.month in (1, 10):
        data.birth_date = data.birth_date.replace(month=born.month)
        for text in ambiguous:
            warnings.remove(text)


WRITE_CHUNK = 1400  # members (and their history) written between two reports; one INSERT each


@dataclass
class ImportResult:
    added: int
    updated: int


def apply_roster_import(
    session: Session, preview: Preview, today: date | None = None, progress: Progress = no_progress
) -> ImportResult:
    """Write the new and changed people. The caller's session is one transaction: any error, or 取消,
    leaves the database as it was."""
    set_source(session, "import", preview.source)
    new = [r.payload for r in preview.rows if r.kind == "new"]
    updates = [r for r in preview.rows if r.kind == "update"]
    total = len(new) + len(updates)
    with (
        gc_paused(),
        indexes_set_aside(session, Member.__table__, len(new), progress, "成员名单"),
        written_behind(session),  # a chunk is written while the next is prepared
    ):
        for start in range(0, len(new), WRITE_CHUNK):
            progress(start, total, f"正在写入第 {start + 1} / {total} 人……")
            chunk = _new_members(new[start : start + WRITE_CHUNK])
            insert_recorded(session, Member.__table__, NEW_MEMBER_COLUMNS, chunk)
    for i, row in enumerate(updates):
        if i % 200 == 0:
            progress(len(new) + i, total, f"正在写入第 {len(new) + i + 1} / {total} 人……")
        save_member(session, row.payload, today)
    progress(total, total, f"已写入 {total} 人，正在保存到数据文件……")
    return ImportResult(len(new), len(updates))


NEW_MEMBER_COLUMNS = (*COLUMNS, "name_initials")
_ID_NUMBER, _NAME_COLUMN = COLUMNS.index("id_number"), COLUMNS.index("name")
_COLUMN_OF = [attrgetter(name) for name in COLUMNS]


def _new_members(checked: list[MemberData]) -> list[tuple]:
    """The rows (``NEW_MEMBER_COLUMNS``) of members already checked by ``plan_roster_import``, as
    ``save_member`` writes them, for one bulk INSERT: thousands of rows in a fraction of the ORM's time. Made
    column by column (a C loop each), then zipped into rows."""
    values = [list(map(column, checked)) for column in _COLUMN_OF]
    values[_ID_NUMBER] = [number or None for number in values[_ID_NUMBER]]
    values.append(list(map(initials_index, values[_NAME_COLUMN])))
    return list(zip(*values, strict=True))
