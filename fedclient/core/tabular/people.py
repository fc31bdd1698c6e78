"""Is this row a person? Only when its name looks like a person's name: Chinese characters (a middle dot between
the parts of a minority name), a sane length, not a header word, a form label, a signature line or a
placeholder. Everything else in a roster (以下空白, 填表人：…, 制表单位…（盖章）, a repeated header, a row of
dashes, formula-looking text) is skipped and listed with the reason, unless the chair confirms the row."""

from __future__ import annotations

import re
from collections.abc import Collection
from functools import lru_cache

from .cells import TOTAL_WORDS

NAME_DOT = "·"
# Every middle dot a keyboard gives (after NFKC), and the hyphen or Korean 아래아 some type in its place.
_DOTS = re.compile(r"\s*[·・•‧･∙⋅‐.．。\-ㆍᆞ]\s*")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_NAME = re.compile(rf"[{_HAN}]+(?:{NAME_DOT}[{_HAN}]+)*")
_HAS_HAN = re.compile(rf"[{_HAN}]")
_SPACES = re.compile(r"\s+")
# A remark after the name (王芳（主任）, 李红(副主席), 张兰*): the name is the part before it.
_REMARK = re.compile(r"(.+?)(?:[(（【\[〔]([^()（）【】\[\]〔〕]{1,12})[)）】\]〕]|([*＊※★☆#]+))")
_REMARK_ENDS = frozenset(")）】]〕*＊※★☆#")
MAX_PLAIN = 6  # 欧阳娜娜 … up to six characters without a dot
MAX_WITH_DOTS = 20  # 阿依古丽·买买提·吐尔逊 …

# Words that are part of a form, never of a person's name (a name cell holding one is a label or a note).
FORM_WORDS = (
    *TOTAL_WORDS,
    "以下空白",
    "以下无",
    "空白",
    "填表",
    "制表",
    "填报",
    "审核",
    "审批",
    "复核",
    "盖章",
    "公章",
    "签字",
    "签名",
    "签章",
    "负责人",
    "经办人",
    "联系人",
    "统计人",
    "备注",
    "说明",
    "注意",
    "示例",
    "样表",
    "样例",
    "范例",
    "例如",
    "模板",
    "日期",
    "年月日",
    "单位",
    "某某",
)
PLACEHOLDERS = ("无", "空", "略", "暂无", "待定", "待补", "不详", "未知", "同上", "姓名", "名字")
ORGANISATION_ENDINGS = (
    "村",
    "社区",
    "妇联",
    "委员会",
    "联合会",
    "居委会",
    "村委会",
    "街道",
    "乡",
    "镇",
    "小组",
    "公司",
    "合作社",
    "办事处",
)
# A roster grouped by 村民小组 or by role has heading rows in the name column: 一组, 第二网格, 巾帼志愿者 …
_GROUP_HEADING = re.compile(r"第?[一二三四五六七八九十〇零两百\d]+(?:村民小组|小组|组|队|社|片区|片|网格)")
SECTION_WORDS = ("执委", "委员", "主席", "志愿者", "成员", "代表", "网格", "妇联", "名单", "花名册")
# Headers a roster or register may repeat below its first header row (besides the import's own fields).
COMMON_HEADERS = (
    "序号",
    "编号",
    "姓名",
    "性别",
    "年龄",
    "民族",
    "籍贯",
    "学历",
    "职务",
    "职位",
    "电话",
    "手机",
    "住址",
    "地址",
    "身份证号",
    "出生年月",
    "政治面貌",
    "文化程度",
    "工作单位",
    "户主",
    "人口",
)


@lru_cache(maxsize=1)
def _known_headers() -> frozenset[str]:
    from ..synonyms import COLUMNS, normalise

    words = [*COMMON_HEADERS, *(w for header, synonyms in COLUMNS.items() for w in (header, *synonyms))]
    return frozenset(normalise(w) for w in words) | frozenset(COMMON_HEADERS)


@lru_cache(maxsize=65536)  # an import's names repeat
def person_name(text: str) -> str:
    """The name as it should be stored: no spaces, one kind of middle dot (买买提·艾力), no remark after it
    (王芳（主任） -> 王芳: ``name_remark``)."""
    compact = _SPACES.sub("", text or "")
    if compact[-1:] in _REMARK_ENDS and (m := _remark(compact)):
        compact = m[1]
    return _DOTS.sub(NAME_DOT, compact) if _HAS_HAN.search(compact) else compact


def name_remark(text: str) -> str:
    """The remark written after a name (“主任” of 王芳（主任）, “*” of 张兰*), which is not stored as her name;
    "" when there is none. The importers warn about it."""
    compact = _SPACES.sub("", text or "")
    m = _remark(compact) if compact[-1:] in _REMARK_ENDS else None
    return (m[2] or m[3]) if m else ""


def _remark(compact: str) -> re.Match | None:
    """A name and its remark; not a form's words in brackets (李红（签字）, 王芳（盖章） are signature lines)."""
    m = _REMARK.fullmatch(compact)
    if m is None or not _HAS_HAN.search(m[1]) or any(word in compact for word in FORM_WORDS):
        return None
    return m


def remark_warning(text: str) -> str:
    """The warning for a name written with a remark ("" when there is none)."""
    remark = name_remark(text)
    return (
        f"姓名栏写的是“{text}”，已按“{person_name(text)}”导入（“{remark}”不是姓名的一部分），请核对"
        if remark
        else ""
    )


def name_problem(text: str, header_words: Collection[str] = ()) -> str:
    """Why ``text`` in the name column is not a person's name, in words a chair understands; "" when it is.
    ``header_words``: the table's own headers (normalised), which a repeated header row would show."""
    if isinstance(header_words, frozenset):  # a table's rows: each name judged once (names repeat)
        return _name_problem(text or "", header_words)
    return _name_problem.__wrapped__(text, header_words)


@lru_cache(maxsize=65536)
def _name_problem(text: str, header_words: Collection[str]) -> str:
    raw = (text or "").strip()
    name = person_name(raw)
    if not name:
        return "没有填写姓名，不是人员行"
    shown = raw if len(raw) <= 24 else raw[:24] + "…"
    if name in _known_headers() or name in header_words:
        return f"“{shown}”是表头（重复的标题行），不是人员"
    if any(word in name for word in FORM_WORDS):
        return f"“{shown}”是表格的说明、签名或合计栏，不是人员"
    if _GROUP_HEADING.fullmatch(name) or any(word in name for word in SECTION_WORDS):
        return f"“{shown}”是分组或职务的标题行，不是人名"
    if name in PLACEHOLDERS:
        return f"姓名栏写的是“{shown}”，不是人名"
    if not _NAME.fullmatch(name):
        if _HAS_HAN.search(name):
            return f"“{shown}”含有标点、数字或字母，不像人名"
        return f"姓名栏是“{shown}”，不是人名"
    plain = NAME_DOT not in name
    if plain and len(name) < 2:
        return f"“{shown}”只有一个字，不像完整的姓名"
    if len(name) > (MAX_PLAIN if plain else MAX_WITH_DOTS):
        return f"“{shown}”太长，不像人名"
    if any(name.endswith(e) and len(name) >= (4 if len(e) == 1 else 3) for e in ORGANISATION_ENDINGS):
        return f"“{shown}”像是单位或地名，不是人名"
    return ""


def is_person_name(text: str, header_words: Collection[str] = ()) -> bool:
    return not name_problem(text, header_words)
