"""How hours become points and points become stars; the chair may change both (stored in ``settings``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..models import Setting
from ..refusal import SaveRefused

POINTS_PER_HOUR_KEY = "volunteer_points_per_hour"
STAR_LEVELS_KEY = "volunteer_star_levels"
DEFAULT_POINTS_PER_HOUR = 1.0
DEFAULT_STAR_LEVELS = (40.0, 80.0, 120.0, 160.0, 200.0)
STAR_NAMES = ("未评星", "一星", "二星", "三星", "四星", "五星")
# Hours of one progress entry or one grid service (per person): more than a day is a typing error.
MAX_HOURS = 24.0


class RuleError(SaveRefused):
    """A points rule that cannot be saved as typed (fields: points_per_hour, star_levels)."""


@dataclass(frozen=True)
class PointsRule:
    points_per_hour: float = DEFAULT_POINTS_PER_HOUR
    # Points needed for one star, two stars, …: rising, at most five levels.
    star_levels: tuple[float, ...] = field(default=DEFAULT_STAR_LEVELS)

    def points(self, hours: float) -> float:
        return round(hours * self.points_per_hour, 2)

    def stars(self, points: float) -> int:
        return sum(1 for floor in self.star_levels if points >= floor)

    def star_label(self, points: float) -> str:
        return STAR_NAMES[self.stars(points)]

    def describe(self) -> str:
        levels = "、".join(f"{STAR_NAMES[i + 1]} {fmt(p)} 分" for i, p in enumerate(self.star_levels))
        return f"每服务 1 小时记 {fmt(self.points_per_hour)} 分；{levels}"


def hours_error(hours: float | None) -> str:
    """The message for hours that cannot be right, "" when they can (None: not given)."""
    if hours is None or 0 <= hours <= MAX_HOURS:
        return ""
    return f"服务时长应在 0 到 {MAX_HOURS:g} 小时之间。"


def fmt(value: float) -> str:
    """12 → "12", 7.5 → "7.5", 0.75 → "0.75"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def get_rule(session: Session) -> PointsRule:
    rate, levels = session.get(Setting, POINTS_PER_HOUR_KEY), session.get(Setting, STAR_LEVELS_KEY)
    try:
        per_hour = float(rate.value) if rate else DEFAULT_POINTS_PER_HOUR
        stars = tuple(float(v) for v in levels.value.split(",")) if levels else DEFAULT_STAR_LEVELS
        return check_rule(per_hour, stars)
    except (ValueError, RuleError):
        return PointsRule()


def check_rule(points_per_hour: float, star_levels: tuple[float, ...]) -> PointsRule:
    errors = {}
    if not 0 < points_per_hour <= 100:
        errors["points_per_hour"] = "每小时积分应大于 0，且不超过 100。"
    if not 1 <= len(star_levels) <= 5:
        errors["star_levels"] = "星级应有 1 到 5 级。"
    elif any(v <= 0 for v in star_levels) or any(
        b <= a for a, b in zip(star_levels, star_levels[1:], strict=False)
    ):
        errors["star_levels"] = "各星级所需积分应大于 0，并且一级比一级高。"
    if errors:
        raise RuleError(errors)
    return PointsRule(float(points_per_hour), tuple(float(v) for v in star_levels))


def save_rule(session: Session, points_per_hour: float, star_levels: tuple[float, ...]) -> PointsRule:
    rule = check_rule(points_per_hour, star_levels)
    for key, value in (
        (POINTS_PER_HOUR_KEY, fmt(rule.points_per_hour)),
        (STAR_LEVELS_KEY, ",".join(fmt(v) for v in rule.star_levels)),
    ):
        row = session.get(Setting, key) or Setting(key=key)
        row.value = value
        session.add(row)
    return rule
