"""Small pictures as inline SVG, made at render time: a timeline and a bar chart.

Pure functions from plain values to SVG text; no chart library, nothing fetched. Every text
that reaches the SVG (labels, titles, tooltips) goes through :func:`html.escape`, and a link
target must be a relative path (no scheme), so article text can neither close the ``<svg>``
nor run a script.

Positions along the axis are percentages of the SVG's width and the SVG is as wide as the
page's text column, so a chart reflows from a phone to a desktop while its text keeps the
page's own size (a scaled ``viewBox`` would shrink the text to a few pixels on a phone).
Colours are classes, styled in ``docs/assets/factsheet.css`` from the theme's CSS variables,
so the light and dark palettes both read; ``currentColor`` is the fallback without that CSS.

Each picture carries its own text alternative (``<title>`` and ``<desc>``); the pages also
keep the same data as a list or a table next to it.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

#: heights in pixels
ROW = 40  # one bar, or one lane of a timeline, with its label line
AXIS = 26  # the axis line and its tick labels
#: the plot runs between these percentages of the width, so dots at the ends are not cut off
LEFT, RIGHT = 1.5, 98.5
#: a label longer than this many characters is cut (at a word) in the picture; the table beside it has it whole
MAX_LABEL = 90

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,119}$")
_HREF = re.compile(r"^(?![A-Za-z][A-Za-z0-9+.-]*:)(?!//)[A-Za-z0-9._~/#%-]*$")
_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def text(value: object) -> str:
    """Text for inside an SVG element or attribute: every markup character escaped."""
    return html.escape(" ".join(str(value).split()), quote=True)


def chart_id(value: str) -> str:
    """An id for the chart's title and description; ids are made by the caller, so anything odd is a bug."""
    if not _ID.match(value):
        raise ValueError(f"not a safe SVG id: {value!r}")
    return value


def safe_href(value: str | None) -> str | None:
    """A relative link target, or None: a scheme (``javascript:``) or ``//host`` is never a link here."""
    if value is None or not _HREF.match(value):
        return None
    return value


def cut(label: str, limit: int = MAX_LABEL) -> str:
    """``label`` on one line, at most ``limit`` characters: cut at a word and marked with an ellipsis."""
    label = " ".join(label.split())
    if len(label) <= limit:
        return label
    head = label[: limit - 1]
    space = head.rfind(" ")
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:.\u2013\u2014-") + "\u2026"


# --- dates --------------------------------------------------------------------------------------------------


def _one(value: str, *, end: bool) -> dt.date | None:
    m = _DAY.match(value)
    if m:
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        try:
            if day:
                return dt.date(year, int(month), int(day))
            if month:
                first = dt.date(year, int(month), 1)
                if not end:
                    return first
                following = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        except ValueError:
            return None
    m = _WEEK.match(value)
    if m:
        try:
            return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 7 if end else 1)
        except ValueError:
            return None
    return None


def date_span(value: str | None) -> tuple[dt.date, dt.date] | None:
    """The days a date value covers: "2024-06-02", "2024-06" (the month), "2024", "2021-W45", "A/B"; else None."""
    if not value:
        return None
    first, _, last = str(value).strip().partition("/")
    start = _one(first, end=False)
    stop = _one(last or first, end=True)
    if start is None or stop is None or stop < start:
        return None
    return start, stop


def _day_label(day: dt.date, *, years_only: bool) -> str:
    return str(day.year) if years_only else f"{day.day} {day:%b} {day.year}"


# --- timeline -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """A dated thing on a timeline: one day or a stretch of days, on a lane (0 for a single strip)."""

    start: dt.date
    end: dt.date
    label: str  # what happened, for the tooltip
    lane: int = 0
    href: str | None = None


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    if last <= first:
        return (LEFT + RIGHT) / 2
    return LEFT + (RIGHT - LEFT) * (day - first).days / (last - first).days


def _pct(x: float) -> str:
    return f"{x:.2f}%"


def timeline(events: Sequence[Event], *, key: str, title: str, desc: str,
             lanes: Sequence[tuple[str, str | None]] = ()) -> Markup:
    """A timeline: one strip (no ``lanes``), or a strip per lane with its label (and link) above it.

    Without links the picture is one image (``role="img"``) named by its title; with links it is a
    group whose links each have a name (the event, or the lane's label).

    A day is a dot, a stretch of days a bar. The axis runs from the first day to the last one;
    a stretch reaching beyond ten times the spread of the other days is cut at the edge (a plan
    "until 2074" would otherwise squash the rest into a point). No events: no picture.
    """
    cid = chart_id(key)
    if not events:
        return Markup("")
    first = min(e.start for e in events)
    last = max(e.end for e in events)
    starts = sorted({e.start for e in events} | {e.end for e in events if (e.end - e.start).days <= 31})
    spread = max((starts[-1] - starts[0]).days, 30)
    if (last - starts[-1]).days > 10 * spread:
        last = starts[-1] + dt.timedelta(days=spread)
    lane_count = max(len(lanes), 1 + max(e.lane for e in events))
    labelled = bool(lanes)
    row = ROW if labelled else 22
    height = lane_count * row + AXIS
    # links inside: a group (an image's parts are hidden from screen readers, links and all)
    linked = any(safe_href(e.href) for e in events) or any(safe_href(h) for _, h in lanes)
    parts = [f'<svg class="fs-chart fs-timeline" width="100%" height="{height}" role="{"group" if linked else "img"}" '
             f'aria-labelledby="{cid}-t {cid}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{cid}-t">{text(title)}</title><desc id="{cid}-d">{text(desc)}</desc>']
    for n in range(lane_count):
        y = n * row + (row - 12)
        if labelled and n < len(lanes):
            name, href = lanes[n]
            label = f'<text class="fs-chart__label" x="0" y="{y - 14}">{text(cut(name))}</text>'
            link = safe_href(href)
            parts.append(f'<a href="{text(link)}">{label}</a>' if link else label)
        parts.append(f'<line class="fs-chart__lane" x1="{_pct(LEFT)}" x2="{_pct(RIGHT)}" y1="{y}" y2="{y}" '
                     'stroke="currentColor" />')
    for e in sorted(events, key=lambda e: (e.lane, e.start, e.end)):
        y = e.lane * row + (row - 12)
        x1, x2 = _x(e.start, first, last), _x(min(e.end, last), first, last)
        tip = f"<title>{text(e.label)}</title>"
        if x2 - x1 >= 0.8:
            shape = (f'<rect class="fs-chart__span" x="{_pct(x1)}" y="{y - 5}" width="{_pct(x2 - x1)}" height="10" '
                     f'rx="3" fill="currentColor">{tip}</rect>')
        else:
            shape = (f'<circle class="fs-chart__dot" cx="{_pct((x1 + x2) / 2)}" cy="{y}" r="6" '
                     f'fill="currentColor">{tip}</circle>')
        link = safe_href(e.href)
        parts.append(f'<a href="{text(link)}" aria-label="{text(e.label)}">{shape}</a>' if link else shape)
    years_only = (last - first).days > 3 * 365
    base = lane_count * row
    parts.append(f'<line class="fs-chart__axis" x1="{_pct(LEFT)}" x2="{_pct(RIGHT)}" y1="{base}" y2="{base}" '
                 'stroke="currentColor" />')
    if first == last:
        parts.append(f'<text class="fs-chart__tick" x="50%" y="{base + 18}" text-anchor="middle">'
                     f'{text(_day_label(first, years_only=False))}</text>')
    else:
        parts.append(f'<text class="fs-chart__tick" x="0" y="{base + 18}">'
                     f'{text(_day_label(first, years_only=years_only))}</text>')
        parts.append(f'<text class="fs-chart__tick" x="100%" y="{base + 18}" text-anchor="end">'
                     f'{text(_day_label(last, years_only=years_only))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


# --- bars ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One claim of a number: the values it allows (``high`` is ``inf`` for "more than 90")."""

    label: str  # who says it and how: "Marlow Herald: More than 90 firefighters"
    low: float
    high: float


def largest(bars: Sequence[Bar]) -> float:
    """The largest finite value the bars give (0 when there is none)."""
    return max((v for b in bars for v in (b.low, b.high) if math.isfinite(v)), default=0.0)


def bars_scale(bars: Sequence[Bar]) -> float:
    """The value at the right-hand end of the axis: the largest finite value, with a little room."""
    top = largest(bars)
    return top * 1.15 if top > 0 else 1.0


def bar_chart(bars: Sequence[Bar], *, key: str, title: str, desc: str) -> Markup:
    """Horizontal bars from zero, one per claim, each with its label line above it.

    An exact value is a solid bar; what a claim leaves open ("about", a range, "more than",
    "up to") is a lighter stretch from its lowest to its highest value, to the edge when
    there is no highest. Fewer than two bars or no positive value: no picture.
    """
    cid = chart_id(key)
    usable = [b for b in bars if math.isfinite(b.low) and b.low >= 0 and b.high >= b.low]
    if len(usable) < 2:
        return Markup("")
    top = bars_scale(usable)
    height = len(usable) * ROW + AXIS

    def x(v: float) -> float:
        return (RIGHT - 0) * min(v, top) / top

    parts = [f'<svg class="fs-chart fs-bars" width="100%" height="{height}" role="img" '
             f'aria-labelledby="{cid}-t {cid}-d" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{cid}-t">{text(title)}</title><desc id="{cid}-d">{text(desc)}</desc>']
    for n, b in enumerate(usable):
        y = n * ROW
        parts.append(f'<text class="fs-chart__label" x="0" y="{y + 14}">{text(cut(b.label))}</text>')
        solid = x(b.low)
        if solid > 0:
            parts.append(f'<rect class="fs-chart__bar" x="0" y="{y + 20}" width="{_pct(solid)}" height="12" '
                         'fill="currentColor" />')
        if b.high > b.low:
            end = x(b.high) if math.isfinite(b.high) else RIGHT
            parts.append(f'<rect class="fs-chart__open" x="{_pct(solid)}" y="{y + 20}" width="{_pct(end - solid)}" '
                         'height="12" fill="currentColor" fill-opacity="0.35" />')
    base = len(usable) * ROW + 4
    parts.append(f'<line class="fs-chart__axis" x1="0" x2="{_pct(RIGHT)}" y1="{base}" y2="{base}" '
                 'stroke="currentColor" />')
    parts.append(f'<text class="fs-chart__tick" x="0" y="{base + 16}">0</text>')
    most = largest(usable)
    if most > 0:
        parts.append(f'<line class="fs-chart__axis" x1="{_pct(x(most))}" x2="{_pct(x(most))}" y1="{base}" '
                     f'y2="{base + 4}" stroke="currentColor" />')
        parts.append(f'<text class="fs-chart__tick" x="{_pct(x(most))}" y="{base + 16}" text-anchor="middle">'
                     f'{text(number(most))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def number(value: float) -> str:
    """A value on an axis: 4,000; 2.5; 3,500,000,000."""
    if math.isfinite(value) and value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3g}"
