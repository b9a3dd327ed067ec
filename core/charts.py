"""The geometry of a bar chart drawn as SVG on the server (templates draw it; see
templates/admin/dashboard/bar_chart.svg). Numbers only: no markup, no text to escape."""

import dataclasses
import math


@dataclasses.dataclass(frozen=True)
class Bar:
    key: object  # what the bar stands for (a month), for the template's labels
    value: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self):
        return round(self.x + self.width / 2, 1)

    @property
    def label_y(self):
        """Where the bar's value is written: just above its top."""
        return round(self.y - 6, 1)


@dataclasses.dataclass(frozen=True)
class Gridline:
    value: int
    y: float


@dataclasses.dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    left: int  # where the plot starts (the axis labels are to its left)
    right: int
    baseline: float  # the y of the zero line
    bars: list
    gridlines: list

    @property
    def axis_label_x(self):
        """Where the gridlines' values end, just left of the plot."""
        return self.left - 6

    @property
    def key_label_y(self):
        """Where each bar's name is written, under the zero line; a second line below it."""
        return self.baseline + 16

    @property
    def sub_label_y(self):
        return self.baseline + 31


def nice_step(largest, *, most_steps=5):
    """The gridline interval: 1, 2 or 5 times a power of ten, giving at most `most_steps` steps."""
    if largest <= 0:
        return 1
    raw = largest / most_steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        step = factor * power
        if step >= raw:
            return max(1, int(step))
    return max(1, int(10 * power))  # pragma: no cover (the loop always returns)


def bar_chart(points, *, width=600, height=250, left=56, right=8, top=24, bottom=40, gap=0.25):
    """Lay out one bar per (key, value) in `points`, left to right, on a scale that starts at
    zero and ends at the first gridline at or above the largest value. `gap` is the share
    of each slot left empty between bars."""
    points = list(points)
    largest = max((value for _key, value in points), default=0)
    step = nice_step(largest)
    scale_top = max(step, math.ceil(largest / step) * step)
    baseline = height - bottom
    plot_height = baseline - top
    slot = (width - left - right) / max(len(points), 1)
    bars = []
    for i, (key, value) in enumerate(points):
        bar_height = round(plot_height * value / scale_top, 1)
        bars.append(
            Bar(
                key=key,
                value=value,
                x=round(left + i * slot + slot * gap / 2, 1),
                y=round(baseline - bar_height, 1),
                width=round(slot * (1 - gap), 1),
                height=bar_height,
            )
        )
    gridlines = [
        Gridline(value=value, y=round(baseline - plot_height * value / scale_top, 1))
        for value in range(0, scale_top + 1, step)
    ]
    return BarChart(
        width=width,
        height=height,
        left=left,
        right=width - right,
        baseline=baseline,
        bars=bars,
        gridlines=gridlines,
    )
