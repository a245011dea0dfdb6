"""The site's pictures, from sheets, stories and disagreements: what to draw, handed to :mod:`.charts`.

- a sheet's own timeline: its dated mentions as a strip above its list of dates;
- a story's timeline: the dated events of each of its articles, one lane per article, on one axis,
  each dot linking to its sheet;
- a disagreement on a figure: the competing figures as bars, one per article.

Every picture sits in a ``<figure>`` that Pagefind leaves out of the search index (its text is
the same as the list or table beside it) and has a title and a description for screen readers.
Links inside pictures are raw HTML, which MkDocs does not rewrite, so they are written as the
built site's addresses (``../sheets/<id>/``, MkDocs' default ``use_directory_urls``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from markupsafe import Markup

from generator.corpus.stories import value_bounds
from generator.model import FactSheet
from generator.render.charts import Bar, Event, bar_chart, date_span, timeline
from generator.render.escape import html_text

#: what "about" allows either side of the value, as the disagreement finder counts it


def _figure(svg: Markup, caption: str) -> Markup:
    if not svg:
        return Markup("")
    return Markup(f'<figure class="fs-picture" data-pagefind-ignore="all">{svg}'
                  f'<figcaption>{html_text(caption)}</figcaption></figure>\n')


def sheet_timeline(sheet: FactSheet) -> Markup:
    """The strip above a sheet's list of dates: every date it places on the calendar (two or more)."""
    events = [Event(start=span[0], end=span[1], label=f"{d.value}: {d.text}")
              for d in sheet.dates if (span := date_span(d.value)) is not None]
    if len({(e.start, e.end) for e in events}) < 2:
        return Markup("")
    first, last = min(e.start for e in events), max(e.end for e in events)
    svg = timeline(events, key="sheet-timeline", title="Timeline of the dates this article mentions",
                   desc=f"{len(events)} dates from {first.isoformat()} to {last.isoformat()}; "
                        "the list below gives each with its sentence.")
    return _figure(svg, "The dates of the article on one line, oldest first; each is listed below.")


def story_timeline(story_id: str, sheet_ids: Sequence[str], sheets: Mapping[str, FactSheet],
                   label: Callable[[FactSheet], str]) -> Markup:
    """A story's timeline: one lane per article that dates anything, each dot linking to its sheet."""
    events: list[Event] = []
    lanes: list[tuple[str, str | None]] = []
    for sid in sheet_ids:
        sheet = sheets.get(sid)
        if sheet is None:
            continue
        spans = [(span, d) for d in sheet.dates if (span := date_span(d.value)) is not None]
        if not spans:
            continue
        href = f"../sheets/{sid}/"
        for span, d in spans:
            events.append(Event(start=span[0], end=span[1], lane=len(lanes), href=f"{href}#timeline",
                                label=f"{d.value}: {d.text} ({label(sheet)})"))
        lanes.append((label(sheet), href))
    if not events:
        return Markup("")
    first, last = min(e.start for e in events), max(e.end for e in events)
    svg = timeline(events, key=f"story-{story_id}", lanes=lanes,
                   title="Timeline of the events this story's articles date",
                   desc=f"{len(events)} dated events in {len(lanes)} articles, from {first.isoformat()} to "
                        f"{last.isoformat()}; each article is listed below with a link to its sheet.")
    return _figure(svg, "The dates each article mentions, one line per article; select a dot to open its sheet.")


def figure_chart(conflict_id: str, heading: str, claims: Sequence[object], label: Callable[[str], str]) -> Markup:
    """Bars for a disagreement on a figure: each article's figure, labelled with its source."""
    bars = []
    for claim in claims:
        bounds = value_bounds(getattr(claim, "value", None), getattr(claim, "approx", None))
        if bounds is not None:
            bars.append(Bar(label=f"{label(claim.sheet)}: {claim.text}", low=bounds[0], high=bounds[1]))
    svg = bar_chart(bars, key=f"chart-{conflict_id}", title=heading,
                    desc=f"The figures {len(bars)} articles give, as bars from zero; a lighter stretch is what "
                         "a figure leaves open (about, more than, a range). The table below gives each with "
                         "its sentence.")
    return _figure(svg, "Each article's figure; a lighter stretch is what the figure leaves open.")
