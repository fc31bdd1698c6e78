"""首页's charts, drawn with QPainter (QtCharts is not part of PySide6-Essentials).

Each chart writes its numbers beside or on the shapes, so a chair can read the figures without guessing at
bar lengths; hovering over a month gives that month's breakdown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from fedclient.ui.app_setup import cjk_font

PLEDGE_COLOURS = {
    "已完成": QColor("#2e8b57"),
    "进行中": QColor("#3b78c2"),
    "逾期未完成": QColor("#c0392b"),
    "未开始": QColor("#a0a4aa"),
}
CASE_COLOURS = {"调解成功": QColor("#2e8b57"), "调解不成": QColor("#d4822a"), "在办": QColor("#3b78c2")}
ROLE_COLOURS = {
    "政策宣传": QColor("#c0392b"),
    "文化惠民": QColor("#d4a017"),
    "应急管理": QColor("#3b78c2"),
    "就业帮扶": QColor("#2e8b57"),
    "矛盾调解": QColor("#8e5ea2"),
}
FALLBACK_COLOURS = (QColor("#607d8b"), QColor("#795548"), QColor("#009688"))
TEXT = QColor("#222222")
MUTED = QColor("#777777")
GRID = QColor("#e3e3e3")
FRAME = QColor("#d6d6d6")


def nice_step(maximum: int, lines: int = 4) -> int:
    """A round axis step (1, 2, 5, 10, 20, 50 …) giving at most ``lines`` gridlines up to ``maximum``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor * lines >= maximum:
                return step * factor
        step *= 10


class _Chart(QWidget):
    """White card with a title; shows a grey message instead of the chart while there is nothing to draw."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.summary = ""  # right-aligned beside the title
        self.message: str | None = "正在统计……"
        self.title_font = cjk_font(11.5, bold=True)
        self.font_ = cjk_font(10.5)
        self.small_font = cjk_font(9.5)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_message(self, text: str) -> None:
        self.message = text
        self.summary = ""
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        card = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        p.setPen(QPen(FRAME))
        p.setBrush(QColor("white"))
        p.drawRoundedRect(card, 6, 6)
        p.setFont(self.title_font)
        title_h = QFontMetricsF(self.title_font).height()
        title_rect = QRectF(12, 8, self.width() - 24, title_h)
        p.setPen(TEXT)
        p.drawText(title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title)
        if self.summary:
            p.setFont(self.font_)
            p.setPen(MUTED)
            p.drawText(title_rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self.summary)
        body = QRectF(12, 8 + title_h + 6, self.width() - 24, self.height() - title_h - 22)
        if self.message is not None:
            p.setFont(self.font_)
            p.setPen(MUTED)
            p.drawText(body, Qt.AlignmentFlag.AlignCenter, self.message)
        else:
            self.paint_body(p, body)
        p.end()

    def paint_body(self, p: QPainter, body: QRectF) -> None:
        raise NotImplementedError


class PledgeStatusChart(_Chart):
    """One bar split by status (已完成 / 进行中 / 逾期未完成 / 未开始), counts on it and in the legend."""

    ORDER = ("已完成", "进行中", "逾期未完成", "未开始")

    def __init__(self, parent: QWidget | None = None):
        super().__init__("承诺完成情况", parent)
        self.counts: dict[str, int] = {}
        self.setMinimumHeight(112)

    def set_counts(self, counts: dict[str, int], year: int) -> None:
        self.counts = {status: int(counts.get(status, 0)) for status in self.ORDER}
        self.title = f"{year}年承诺完成情况"
        self.summary = f"共 {self.total} 条承诺"
        self.message = None
        self.update()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def legend_texts(self) -> list[str]:
        total = self.total
        return [
            f"{status} {n} 条" + (f"（{round(100 * n / total)}%）" if total else "")
            for status, n in self.counts.items()
        ]

    def paint_body(self, p: QPainter, body: QRectF) -> None:
        fm = QFontMetricsF(self.font_)
        bar = QRectF(
            body.left(), body.top() + 2, body.width(), max(22.0, min(30.0, body.height() - fm.height() - 12))
        )
        total = self.total
        if total == 0:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(GRID)
            p.drawRoundedRect(bar, 3, 3)
            p.setFont(self.font_)
            p.setPen(MUTED)
            p.drawText(bar, Qt.AlignmentFlag.AlignCenter, "本年还没有承诺")
        else:
            x = bar.left()
            p.setFont(self.font_)
            for status, n in self.counts.items():
                if n == 0:
                    continue
                width = bar.width() * n / total
                segment = QRectF(x, bar.top(), width, bar.height())
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(PLEDGE_COLOURS[status])
                p.drawRect(segment)
                if fm.horizontalAdvance(str(n)) + 8 < width:
                    p.setPen(TEXT if status == "未开始" else QColor("white"))  # dark on the light grey
                    p.drawText(segment, Qt.AlignmentFlag.AlignCenter, str(n))
                x += width
        _draw_legend_row(
            p,
            self.font_,
            QRectF(body.left(), bar.bottom() + 8, body.width(), fm.height()),
            [PLEDGE_COLOURS[s] for s in self.counts],
            self.legend_texts(),
        )


def _draw_legend_row(p: QPainter, font, rect: QRectF, colours: list[QColor], texts: list[str]) -> None:
    fm = QFontMetricsF(font)
    p.setFont(font)
    x = rect.left()
    gap = 22.0
    for colour, text in zip(colours, texts, strict=True):
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(colour)
        p.drawRect(QRectF(x, rect.center().y() - 5, 10, 10))
        p.setPen(TEXT)
        p.drawText(QPointF(x + 14, rect.top() + fm.ascent()), text)
        x += 14 + fm.horizontalAdvance(text) + gap


class MonthlyStackedChart(_Chart):
    """Twelve stacked bars (one per month), the month's total above each, a legend with the year's totals."""

    def __init__(
        self,
        title: str,
        keys: tuple[str, ...],
        colours: dict[str, QColor],
        unit: str,
        parent: QWidget | None = None,
    ):
        super().__init__(title, parent)
        self.base_title = title
        self.keys = keys
        self.colours = colours
        self.unit = unit
        self.data: dict[int, dict[str, int]] = {}
        self.current_month: int | None = None
        self._slots: list[tuple[QRectF, int]] = []
        self.setMinimumHeight(190)

    def set_data(self, data: dict[int, dict[str, int]], year: int, current_month: int | None) -> None:
        extra = [key for month in data.values() for key in month if key not in self.keys]
        self.keys = self.keys + tuple(dict.fromkeys(extra))
        self.data = {
            month: {key: int(data.get(month, {}).get(key, 0)) for key in self.keys} for month in range(1, 13)
        }
        self.current_month = current_month
        self.title = f"{year}年{self.base_title}"
        self.summary = f"全年合计 {self.year_total} {self.unit}"
        self.message = None
        self.update()

    def colour(self, key: str) -> QColor:
        if key in self.colours:
            return self.colours[key]
        return FALLBACK_COLOURS[list(self.keys).index(key) % len(FALLBACK_COLOURS)]

    def month_total(self, month: int) -> int:
        return sum(self.data.get(month, {}).values())

    def key_totals(self) -> dict[str, int]:
        return {key: sum(self.data[m].get(key, 0) for m in self.data) for key in self.keys}

    @property
    def year_total(self) -> int:
        return sum(self.month_total(m) for m in self.data)

    def legend_texts(self) -> list[str]:
        return [f"{key} {n}" for key, n in self.key_totals().items()]

    def month_text(self, month: int) -> str:
        parts = "，".join(f"{key} {self.data[month][key]}" for key in self.keys)
        return f"{month}月：{parts}；合计 {self.month_total(month)} {self.unit}"

    def paint_body(self, p: QPainter, body: QRectF) -> None:
        fm = QFontMetricsF(self.font_)
        small = QFontMetricsF(self.small_font)
        texts = self.legend_texts()
        legend_w = max(fm.horizontalAdvance(t) for t in [*texts, f"单位：{self.unit}"]) + 20
        top = max(self.month_total(m) for m in self.data) if self.data else 0
        step = nice_step(max(top, 1))
        axis_max = step * max(1, -(-max(top, 1) // step))
        axis_w = small.horizontalAdvance(str(axis_max)) + 6
        plot = QRectF(
            body.left() + axis_w,
            body.top() + small.height() + 2,
            body.width() - axis_w - legend_w - 12,
            body.height() - small.height() - fm.height() - 6,
        )
        # Grid lines and their values.
        p.setFont(self.small_font)
        for value in range(0, axis_max + 1, step):
            y = plot.bottom() - plot.height() * value / axis_max
            p.setPen(QPen(GRID if value else FRAME))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(
                QRectF(body.left(), y - small.height() / 2, axis_w - 4, small.height()),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        slot = plot.width() / 12
        bar_w = min(slot * 0.62, 44.0)
        self._slots = []
        for month in range(1, 13):
            x = plot.left() + slot * (month - 1)
            self._slots.append((QRectF(x, body.top(), slot, body.height()), month))
            y = plot.bottom()
            for key in self.keys:
                n = self.data[month][key]
                if n:
                    h = plot.height() * n / axis_max
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(self.colour(key))
                    p.drawRect(QRectF(x + (slot - bar_w) / 2, y - h, bar_w, h))
                    y -= h
            total = self.month_total(month)
            if total:
                p.setFont(self.small_font)
                p.setPen(TEXT)
                p.drawText(
                    QRectF(x, y - small.height() - 1, slot, small.height()),
                    Qt.AlignmentFlag.AlignCenter,
                    str(total),
                )
            label_font = cjk_font(10.5, bold=month == self.current_month)
            p.setFont(label_font)
            future = self.current_month is not None and month > self.current_month
            p.setPen(MUTED if future else TEXT)
            p.drawText(
                QRectF(x, plot.bottom() + 3, slot, fm.height()), Qt.AlignmentFlag.AlignCenter, f"{month}月"
            )
        if self.year_total == 0:
            p.setFont(self.font_)
            p.setPen(MUTED)
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, "本年还没有记录")
        # Legend: one line per series with its year total.
        p.setFont(self.font_)
        lx = plot.right() + 14
        y = plot.top()
        for key, text in zip(self.keys, texts, strict=True):
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self.colour(key))
            p.drawRect(QRectF(lx, y + fm.height() / 2 - 5, 10, 10))
            p.setPen(TEXT)
            p.drawText(QPointF(lx + 14, y + fm.ascent()), text)
            y += fm.height() + 3
        p.setPen(MUTED)
        p.drawText(QPointF(lx + 14, y + fm.ascent()), f"单位：{self.unit}")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.message is None:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            for rect, month in self._slots:
                if rect.contains(QPointF(help_event.pos())):
                    QToolTip.showText(help_event.globalPos(), self.month_text(month), self)
                    return True
            QToolTip.hideText()
            return True
        return super().event(event)
