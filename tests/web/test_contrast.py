"""The stylesheet's colours meet WCAG 2.x AA contrast (4.5:1 for text) wherever text sits."""

from __future__ import annotations

import re
from importlib import resources

STYLESHEET = resources.files("web").joinpath("static", "app.css").read_text("utf-8")
# (text colour, background) pairs the pages use; names are the stylesheet's variables.
PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("muted", "band"),
    ("link", "paper"),
    ("link", "band"),
    ("bad", "paper"),
    ("bad", "band"),
    ("ok", "paper"),
    ("warn", "paper"),
    ("#ffffff", "brand"),
    ("#ffffff", "link"),
]


def colours() -> dict[str, str]:
    """The `--name: #rrggbb` variables of the stylesheet's :root."""
    return dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", STYLESHEET))


def luminance(hex_colour: str) -> float:
    """Relative luminance (WCAG 2.x)."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(text: str, background: str) -> float:
    """The contrast ratio of two colours."""
    light, dark = sorted((luminance(text), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_stands_out_from_its_background() -> None:
    # given the stylesheet's colours, when each text colour is set against its backgrounds
    named = colours()
    ratios = {
        (text, back): contrast(named.get(text, text), named.get(back, back)) for text, back in PAIRS
    }
    # then every pair reaches 4.5:1
    assert {pair: round(ratio, 2) for pair, ratio in ratios.items() if ratio < 4.5} == {}
