"""The monthly workbook contract (shared/reports.md): sheet names, indicator names and order, ledger columns.

The export writes these and the township consolidation reads them, by name.
"""

from __future__ import annotations

FORMAT_VERSION = 1
SUPPORTED_FORMATS = (1,)
PROGRAM_KIND_VILLAGE = "村妇联月报"
PROGRAM_KIND_TOWNSHIP = "乡镇汇总"

SUMMARY_SHEET = "汇总"
INFO_SHEET = "说明"
SUMMARY_HEADERS = ("指标", "数值")

# In the contract's order, each with the domain whose ``month_indicators`` gives it.
INDICATOR_OWNERS: tuple[tuple[str, str], ...] = (
    ("执委人数", "members"),
    ("兼职副主席人数", "members"),
    ("巾帼志愿者人数", "members"),
    ("本年承诺数", "pledges"),
    ("本年已完成承诺数", "pledges"),
    ("承诺完成率(%)", "pledges"),
    ("逾期未完成承诺数", "pledges"),
    ("本月践诺记录数", "pledges"),
    ("本月受理调解案件数", "mediation"),
    ("本月调解成功数", "mediation"),
    ("本年累计受理数", "mediation"),
    ("本年累计调解成功数", "mediation"),
    ("调解成功率(%)", "mediation"),
    ("本月家庭暴力案件数", "mediation"),
    ("在办超期案件数", "mediation"),
    ("本月回访数", "mediation"),
    ("民转刑案件数", "mediation"),
    ("网格数", "grids"),
    ("网格覆盖户数", "grids"),
    ("本月网格服务次数", "grids"),
    ("本月政策宣传次数", "grids"),
    ("本月文化惠民次数", "grids"),
    ("本月应急管理次数", "grids"),
    ("本月就业帮扶次数", "grids"),
    ("本月矛盾调解次数", "grids"),
    ("本月议事会次数", "grids"),
    ("帮扶对象数", "members"),
)
INDICATORS: tuple[str, ...] = tuple(name for name, _ in INDICATOR_OWNERS)
# Allowed after the contract's rows: the denominator of 调解成功率, so that the township can recompute the
# rate from summed counts instead of averaging percentages.
OUTCOMES_OF_YEAR = "本年累计调结数"
# And the volunteer hours of the month (巾帼志愿积分: the hours the points are earned by).
VOLUNTEER_HOURS = "本月志愿服务时长(小时)"
EXTRA_INDICATORS: tuple[str, ...] = (OUTCOMES_OF_YEAR, VOLUNTEER_HOURS)
# Indicators that are not counts: half hours are real, the consolidation must not refuse them.
FRACTIONAL: tuple[str, ...] = (VOLUNTEER_HOURS,)
ALL_INDICATORS = INDICATORS + EXTRA_INDICATORS

# percentage indicator -> (numerator, denominator)
RATES: dict[str, tuple[str, str]] = {
    "承诺完成率(%)": ("本年已完成承诺数", "本年承诺数"),
    "调解成功率(%)": ("本年累计调解成功数", OUTCOMES_OF_YEAR),
}

ROSTER = "执委名册"
PLEDGES = "承诺践诺"
CASES = "调解台账"
SERVICES = "网格服务"
MEETINGS = "议事会"
LEDGERS: dict[str, tuple[str, ...]] = {
    ROSTER: (
        "序号",
        "姓名",
        "性别",
        "出生年月",
        "民族",
        "文化程度",
        "政治面貌",
        "职务",
        "岗位",
        "专长",
        "所在组",
        "联系电话",
        "任职时间",
        "状态",
    ),
    PLEDGES: (
        "序号",
        "姓名",
        "职务",
        "承诺内容",
        "类别",
        "完成标准",
        "目标数",
        "单位",
        "完成时限",
        "累计完成",
        "完成进度(%)",
        "状态",
        "本月践诺情况",
    ),
    CASES: (
        "案件编号",
        "受理日期",
        "来源",
        "纠纷类型",
        "当事人",
        "风险等级",
        "调解方法",
        "调解员",
        "状态",
        "结果",
        "结案日期",
        "回访次数",
    ),
    SERVICES: ("日期", "网格", "服务人", "服务类别", "服务内容", "服务人数", "是否解决"),
    MEETINGS: ("日期", "地点", "议题类别", "议题", "参会人数", "议定事项"),
}
SHEET_ORDER = (SUMMARY_SHEET, *LEDGERS, INFO_SHEET)

# Phone numbers and case numbers are text (a case number 2026-007 must not become a date or a formula).
TEXT_COLUMNS = ("联系电话", "案件编号", "出生年月", "任职时间")
WRAP_COLUMNS = (
    "承诺内容",
    "完成标准",
    "本月践诺情况",
    "当事人",
    "调解方法",
    "调解员",
    "服务内容",
    "议题",
    "议定事项",
)
WIDTHS = {
    "序号": 6,
    "承诺内容": 26,
    "完成标准": 18,
    "本月践诺情况": 32,
    "当事人": 20,
    "调解方法": 20,
    "调解员": 14,
    "服务内容": 32,
    "议题": 28,
    "议定事项": 36,
}

INFO_KEYS = ("格式版本", "县", "乡镇", "村", "报告期", "生成时间", "生成程序")


def file_name(township: str, village: str, year: int, month: int) -> str:
    return f"{township}{village}妇联月报_{year:04d}年{month:02d}月.xlsx"


def township_file_name(township: str, year: int, month: int) -> str:
    return f"{township}妇联月报汇总_{year:04d}年{month:02d}月.xlsx"


def month_label(year: int, month: int) -> str:
    return f"{year:04d}年{month:02d}月"


def period(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
