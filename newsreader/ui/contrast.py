"""Contrast of a theme's text on its backgrounds (WCAG 2), so every theme stays readable.

PAIRS lists each text colour our .tcss puts on each background, by theme variable; a theme is checked
by resolving them through Textual's own colour system.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.color import Color
from textual.theme import Theme

MINIMUM = 4.5  # WCAG AA for body text


@dataclass(frozen=True, slots=True)
class Pair:
    label: str
    text: str  # a theme variable, or "variable N%" for that colour at N% over the background
    background: str  # likewise; "a over b" lays a over b


# The text/background pairs of app.tcss, widgets/*.tcss and screens/*.tcss.
PAIRS: tuple[Pair, ...] = (
    Pair("list and body text", "foreground", "surface"),
    Pair("dates and read titles", "foreground 75%", "surface"),
    Pair("article title", "text-primary", "surface"),
    Pair("unread counts and marks", "accent", "surface"),
    Pair("failed feed", "error", "surface"),
    Pair("selected row", "foreground", "primary 35% over surface"),
    Pair("date on the selected row", "foreground 75%", "primary 35% over surface"),
    Pair("mark on the selected row", "accent", "primary 35% over surface"),
    Pair("selected row of an unfocused list", "foreground", "primary 15% over surface"),
    Pair("mark on the selected row of an unfocused list", "accent", "primary 15% over surface"),
    Pair("pane titles", "text-muted", "surface"),
    Pair("status bar", "text-muted", "panel"),
    Pair("status progress", "accent", "panel"),
    Pair("key bar", "text", "panel"),
    Pair("key bar keys", "accent", "panel"),
    Pair("help and theme picker", "foreground", "panel"),
    Pair("screen text", "foreground", "background"),
)


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast_ratio(text: Color, background: Color) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(text), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _resolve(expr: str, variables: dict[str, str], under: Color) -> Color:
    if " over " in expr:
        top, bottom = expr.split(" over ", 1)
        return _resolve(top, variables, _resolve(bottom, variables, under))
    name, _, percent = expr.partition(" ")
    value = variables[name]
    if value.startswith("auto"):  # Textual's "auto N%": black or white, whichever reads on the background
        alpha = float(value.split()[1].rstrip("%")) / 100 if " " in value else 1.0
        color = under.get_contrast_text(alpha)
    else:
        color = Color.parse(value)
    if percent:
        color = color.multiply_alpha(float(percent.rstrip("%")) / 100)
    return under + color  # alpha blends over what is under it


def contrast_problems(theme: Theme) -> list[str]:
    """One line per pair of the theme below MINIMUM, naming the pair and its ratio."""
    variables = theme.to_color_system().generate()
    base = Color.parse(variables["background"])
    problems = []
    for pair in PAIRS:
        try:
            background = _resolve(pair.background, variables, base)
            text = _resolve(pair.text, variables, background)
        except (ValueError, KeyError, IndexError):  # a user variable we cannot read: nothing to measure
            continue
        ratio = contrast_ratio(text, background)
        if ratio < MINIMUM:
            problems.append(
                f"{pair.label} ({pair.text} on {pair.background}) has contrast {ratio:.1f}:1, below {MINIMUM}:1"
            )
    return problems
