"""Colour arithmetic for WCAG contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Chart colours: each at least 3:1 against white (WCAG 2.1 SC 1.4.11, non-text contrast),
# and told apart by lightness too, not by hue alone.
CHART_COLOURS = ("#1f4e79", "#c05a00", "#2e7d32", "#6a1b9a", "#555555", "#a4262c")

# One colour per money figure, on every budget chart (the ledger overview and the budget
# report): the same colour never means two things (issue #22 §3). All from CHART_COLOURS.
MONEY_COLOURS = {
    "allocation": "#555555",
    "committed": "#1f4e79",
    "paid": "#2e7d32",
    "released": "#6a1b9a",
    "remaining": "#c05a00",
}

# One colour per status meaning (burgerkracht/core/status.py), the background of a status
# badge with white text: each at least 4.5:1 against white (WCAG 2.1 SC 1.4.3).
STATUS_COLOURS = {
    "done": "#0a6b2d",
    "on_track": "#1f4e79",
    "needs_action": "#8a4600",
    "late": "#a4262c",
    "stopped": "#4d4d4d",
    "neutral": "#6b6b6b",
}
