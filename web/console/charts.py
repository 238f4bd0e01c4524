"""Bar charts drawn on the server as SVG with matplotlib's object-oriented API.

Texts stay text (`svg.fonttype: none`), so the browser draws the Chinese labels with its own
fonts. matplotlib's settings are process-wide: charts are drawn one at a time, in a worker
thread, so the event loop never waits for one.
"""

from __future__ import annotations

import io
import threading
import warnings
from dataclasses import dataclass
from typing import Any

import anyio
import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

SVG_TYPE = "image/svg+xml"
INK, BAR, LINE = "#1a1a1a", "#0b4f9c", "#c9d1db"
SETTINGS: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "tongban-console",
    "font.family": "sans-serif",
    "font.sans-serif": [
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "PingFang SC",
        "Microsoft YaHei",
        "DejaVu Sans",
    ],
    "font.size": 11,
    "text.color": INK,
    "axes.edgecolor": LINE,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
}
# The server may lack the Chinese fonts the browser will use; sizes are estimated all the same.
MISSING_GLYPH = r"Glyph .* missing from font"
_drawing = threading.Lock()


@dataclass(frozen=True)
class Bars:
    """A horizontal bar chart: a title, one bar per label, the unit of the values."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float, ...]
    unit: str
    empty: str  # what the chart says when it has no bars


def draw_svg(bars: Bars) -> bytes:
    """Draw the chart as an SVG document (blocking: run it in a worker thread)."""
    with _drawing, matplotlib.rc_context(SETTINGS), warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=MISSING_GLYPH, category=UserWarning)
        figure = Figure(figsize=(7.5, 1.4 + 0.42 * max(len(bars.labels), 1)), layout="constrained")
        axes = figure.subplots()
        positions = list(range(len(bars.labels)))
        if positions:
            container = axes.barh(positions, bars.values, color=BAR)
            axes.set_yticks(positions, labels=list(bars.labels))
            axes.bar_label(container, padding=3)
            axes.invert_yaxis()
            axes.margins(x=0.12)
        else:
            axes.set_yticks([])
            axes.text(0.5, 0.5, bars.empty, ha="center", va="center", transform=axes.transAxes)
        axes.set_title(bars.title, loc="left", fontweight="bold")
        axes.set_xlabel(bars.unit)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


async def render_svg(bars: Bars) -> bytes:
    """Draw the chart in a worker thread."""
    return await anyio.to_thread.run_sync(draw_svg, bars)
