"""首页's figures: every reminder the domains compute, grouped and counted, and the year at a glance.

Nothing here decides what is due or how a status is counted: each domain module owns its rules
(``reminders``, ``status_counts``, ``monthly_outcomes``, ``monthly_services_by_role``) and this module only
gathers their answers in one session, so 首页 shows exactly what the tabs and the monthly report show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from . import duty, grids, mediation, members, pledges
from .monthly_report.reminders import reminders as report_reminders
from .reminders import SHOWN_PER_GROUP, Leading, Reminder, due_order
from .vocab import CASE_OUTCOMES, PLEDGE_STATUSES, SERVICE_ROLES

# Every domain's ``reminders(session, today)`` (or its ``leading_reminders``, where a county has thousands),
# in the order their groups are listed.
REMINDER_SOURCES = (
    members.leading_reminders,
    pledges.leading_reminders,
    mediation.leading_reminders,
    grids.reminders,
    duty.reminders,
    report_reminders,
)
# The order 首页 lists groups in, most pressing first (a kind not listed here comes last, as a gentle hint).
# This only orders what the domains found; whether something is due stays the domain's decision.
URGENCY = {
    "case_red_open": 0,
    "household_dispute_red": 0,
    "household_dispute_risk": 1,
    "council_decision_overdue": 1,
    "duty_tomorrow": 1,
    "case_overdue": 1,
    "pledge_overdue": 1,
    "report_not_exported": 2,
    "case_followup_due": 2,
    "pledge_due": 2,
    "term_ending": 3,
    "pledge_missing": 3,
    "households_unvisited": 3,
    "pledge_idle": 4,
}
GENTLE = 5
MONTHS = tuple(range(1, 13))


@dataclass(frozen=True)
class ReminderGroup:
    title: str  # the domain's Chinese heading, e.g. "承诺逾期未完成"
    tab: str  # where its records open
    reminders: tuple[Reminder, ...]  # its first SHOWN_PER_GROUP, earliest due first (首页 lists no more)
    count: int  # how many reminders the group has in all


@dataclass(frozen=True)
class YearOverview:
    """The chart series of one calendar year, as of a day."""

    year: int
    as_of: date
    pledge_status: dict[str, int]  # 未开始 / 进行中 / 已完成 / 逾期未完成 -> count
    case_outcomes: dict[int, dict[str, int]]  # month -> 调解成功 / 调解不成 / 在办 -> count
    services_by_role: dict[int, dict[str, int]]  # month -> 政策宣传 ... -> count

    @property
    def pledge_total(self) -> int:
        return sum(self.pledge_status.values())

    def case_totals(self) -> dict[str, int]:
        return _series_totals(self.case_outcomes, CASE_OUTCOMES)

    def service_totals(self) -> dict[str, int]:
        return _series_totals(self.services_by_role, SERVICE_ROLES)


@dataclass(frozen=True)
class Dashboard:
    today: date
    groups: tuple[ReminderGroup, ...]
    overview: YearOverview

    @property
    def reminder_count(self) -> int:
        return sum(group.count for group in self.groups)


def _series_totals(by_month: dict[int, dict[str, int]], keys: tuple[str, ...]) -> dict[str, int]:
    totals = dict.fromkeys(keys, 0)
    for counts in by_month.values():
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + int(value)
    return totals


def group_reminders(
    reminders: list[Reminder], totals: dict[str, int] | None = None
) -> tuple[ReminderGroup, ...]:
    """Most pressing groups first (ties: the order they came in); inside a group the earliest due date first,
    of which the first ``SHOWN_PER_GROUP`` are kept. ``totals``: a group's count where not all were built."""
    grouped: dict[str, list[Reminder]] = {}
    for reminder in reminders:
        grouped.setdefault(reminder.group, []).append(reminder)
    totals = totals or {}
    urgency = {title: min(URGENCY.get(r.kind, GENTLE) for r in items) for title, items in grouped.items()}
    return tuple(
        ReminderGroup(
            title,
            items[0].tab,
            tuple(sorted(items, key=due_order)[:SHOWN_PER_GROUP]),
            totals.get(title, len(items)),
        )
        for title, items in sorted(grouped.items(), key=lambda item: urgency[item[0]])
    )


def collect_reminders(session: Session, today: date) -> tuple[ReminderGroup, ...]:
    """All reminders of all domains for ``today``, grouped (each group's first ones, and its count)."""
    built: list[Reminder] = []
    totals: dict[str, int] = {}
    for source in REMINDER_SOURCES:
        found = source(session, today)
        if isinstance(found, Leading):
            built += found.reminders
            for title, total in found.totals.items():
                totals[title] = totals.get(title, 0) + total
        else:
            built += found
            for reminder in found:
                totals[reminder.group] = totals.get(reminder.group, 0) + 1
    return group_reminders(built, totals)


def _full_months(by_month: dict[int, dict[str, int]], keys: tuple[str, ...]) -> dict[int, dict[str, int]]:
    """Every month 1..12 with every key (0 where the domain returned nothing), plus any extra key it gave."""
    out: dict[int, dict[str, int]] = {}
    for month in MONTHS:
        given = by_month.get(month, {})
        row = {key: int(given.get(key, 0)) for key in keys}
        row.update({key: int(value) for key, value in given.items() if key not in row})
        out[month] = row
    return out


def year_overview(session: Session, today: date) -> YearOverview:
    """The chart series of today's year."""
    year = today.year
    counts = pledges.status_counts(session, year, today)
    return YearOverview(
        year=year,
        as_of=today,
        pledge_status={status: int(counts.get(status, 0)) for status in PLEDGE_STATUSES},
        case_outcomes=_full_months(mediation.monthly_outcomes(session, year), CASE_OUTCOMES),
        services_by_role=_full_months(grids.monthly_services_by_role(session, year), SERVICE_ROLES),
    )


def load_dashboard(session: Session, today: date) -> Dashboard:
    """Everything 首页 shows, read in one session (one consistent snapshot of the data)."""
    return Dashboard(today, collect_reminders(session, today), year_overview(session, today))
