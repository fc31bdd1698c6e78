"""The shared vocabulary: labels and headers as township forms and old spreadsheets write them."""

import pytest

from fedclient.core.monthly_report.layout import INDICATORS
from fedclient.core.synonyms import (
    COLUMNS,
    INDICATOR_UNITS,
    INDICATOR_WORDS,
    PROFILE_WORDS,
    best_match,
    indicator_fits,
    match_score,
    normalise,
    synonyms_of,
    unit_of,
)

LABELS = {**INDICATOR_WORDS, **PROFILE_WORDS}


@pytest.mark.parametrize(
    ("text", "words", "unit"),
    [
        ("（一）本月受理调解纠纷（件）：", "本月受理调解纠纷", "件"),
        ("执委人数：", "执委人数", None),
        ("1. 调解成功率(%)", "调解成功率", "%"),
        ("① 网格数（个）", "网格数", "个"),
        ("巾帼志愿者 总数/人", "巾帼志愿者总数", "人"),
        ("身份证号码\n（必填）*", "身份证号码", None),
        ("填　报　单　位：", "填报单位", None),
        ("ＡＢ户数（户）", "AB户数", "户"),
        ("二、网格覆盖户数【单位：户】", "网格覆盖户数", "户"),
    ],
)
def test_normalise_and_unit(text, words, unit):
    assert normalise(text) == words
    assert unit_of(text) == unit


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("本月受理调解纠纷（件）", "本月受理调解案件数"),
        ("执委人数：", "执委人数"),
        ("巾帼志愿者总数", "巾帼志愿者人数"),
        ("累计受理调解纠纷（件）", "本年累计受理数"),
        ("填报单位：", "填报单位"),
        ("填报日期", "填报日期"),
        ("联系电话", "联系电话"),
        ("村名", "村(社区)"),
        ("本月开展网格服务次数", "本月网格服务次数"),
        ("调解成功率（%）", "调解成功率(%)"),
        ("执委会成员人数", "执委人数"),
        ("巾帼志愿者队伍人数", "巾帼志愿者人数"),
        ("本月受理婚姻家庭纠纷（起）", "本月受理调解案件数"),
        ("本年累计调处成功", "本年累计调解成功数"),
    ],
)
def test_labels_name_their_indicator_or_field(label, key):
    assert best_match(label, LABELS) == key


def test_unknown_or_ambiguous_labels_are_not_guessed():
    assert best_match("受理纠纷", LABELS) is None  # this month or the year?
    assert best_match("党员人数", LABELS) is None
    assert best_match("本月服务次数", LABELS) is None  # 网格服务? 矛盾调解服务? not guessed
    assert best_match("", LABELS) is None
    vocabulary = {"甲": ("本月受理",), "乙": ("本月受理",)}
    assert best_match("本月受理", vocabulary) is None


def test_indicator_fits_refuses_contradictions():
    assert not indicator_fits(normalise("本月调解成功率"), "本月调解成功数")
    assert not indicator_fits(normalise("累计调解成功"), "本月调解成功数")
    assert not indicator_fits(normalise("本月受理"), "本年累计受理数")
    assert indicator_fits(normalise("本年累计调解成功"), "本年累计调解成功数")
    assert indicator_fits(normalise("执委人数"), "执委人数")


def test_every_indicator_has_words_and_units():
    assert set(INDICATOR_WORDS) == set(INDICATORS) == set(INDICATOR_UNITS)


def test_column_synonyms_for_imports():
    assert "手机号码" in synonyms_of("联系电话")
    assert synonyms_of("没有这一列") == ()
    assert match_score("手机号码（必填）", ("联系电话", *synonyms_of("联系电话"))) == 2
    assert match_score("执委联系电话", ("联系电话",)) == 1
    assert match_score("备注", ("联系电话",)) == 0
    assert all(isinstance(words, tuple) for words in COLUMNS.values())
