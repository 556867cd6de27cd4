"""Bar charts drawn on the server as SVG (no script, no library): the geometry here, the drawing in
``frontdesk/figures/_bar_chart.html``.

Each chart is an image with a title and a description for screen readers, and the page puts the same numbers in a
table next to it. The time axis runs left to right in every language (a clock's hours read that way in Arabic too);
the SVG holds only digits, the words around it are HTML, so nothing in it depends on the page's direction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

WIDTH = 640
HEIGHT = 260
LEFT = 48  # room for the values on the vertical axis
TOP = 24  # room for the value above the tallest bar
BOTTOM = 32  # room for the labels under the bars
RIGHT = 8
MAX_BAR = 56  # a few bars stay bars, not blocks


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    centre: float
    label: str
    value_label: str

    @property
    def value_y(self) -> float:
        return round(self.y - 6, 1)


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    baseline: float = HEIGHT - BOTTOM
    right_edge: float = WIDTH - RIGHT

    @property
    def tick_x(self) -> int:
        return self.left - 6

    @property
    def label_y(self) -> float:
        return self.baseline + 20


def _nice_top(value: float) -> float:
    """The axis's top: the smallest of 1, 2, 2.5, 5 × 10ⁿ at or above the largest value."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** len(str(int(value))) / 10 if value >= 1 else 0.1
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(
    *,
    id: str,
    title: str,
    description: str,
    points: list[tuple[str, float | None]],
    value_label: Callable[[float], str],
    tick_label: Callable[[float], str] | None = None,
) -> BarChart:
    """Vertical bars, one per point (label, value; None draws no bar), on an axis from 0 to a round top."""
    tick_label = tick_label or value_label
    top = _nice_top(max((v for _label, v in points if v is not None), default=0))
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bar_width = min(slot * 0.7, MAX_BAR)
    bars = []
    for index, (label, value) in enumerate(points):
        x = LEFT + index * slot + (slot - bar_width) / 2
        height = 0.0 if value is None else plot_height * value / top
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(HEIGHT - BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=round(height, 1),
                centre=round(x + bar_width / 2, 1),
                label=label,
                value_label="" if value is None else value_label(value),
            )
        )
    ticks = [
        Tick(y=round(HEIGHT - BOTTOM - plot_height * share, 1), label=tick_label(top * share)) for share in (0, 0.5, 1)
    ]
    return BarChart(id=id, title=title, description=description, bars=bars, ticks=ticks)
