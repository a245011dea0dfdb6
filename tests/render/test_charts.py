"""The SVG pictures (generator/render/charts.py) and what the pages draw (generator/render/pictures.py)."""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET

import pytest

from generator.corpus.stories import value_bounds
from generator.model import DateMention, FactSheet, Generated, Source
from generator.render.charts import Bar, Event, bar_chart, chart_id, cut, date_span, safe_href, timeline
from generator.render.pictures import sheet_timeline, story_timeline

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "</svg><script>alert(1)</script><img src=x onerror=alert(2)> & \" ' {{ x }}"
D = dt.date


def parse(svg: str) -> ET.Element:
    """The SVG as XML: it must be well-formed, one element, whatever text went in."""
    return ET.fromstring(str(svg))


def texts(root: ET.Element) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter() if e.tag in (f"{SVG}text", f"{SVG}title", f"{SVG}desc")]


# --- escaping -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("make", [
    pytest.param(lambda: timeline([Event(D(2024, 1, 1), D(2024, 1, 1), HOSTILE)], key="t", title=HOSTILE,
                                  desc=HOSTILE), id="timeline"),
    pytest.param(lambda: timeline([Event(D(2024, 1, 1), D(2024, 1, 1), HOSTILE, href="../a/")], key="t",
                                  title=HOSTILE, desc=HOSTILE, lanes=[(HOSTILE, "../a/")]), id="timeline-lanes"),
    pytest.param(lambda: bar_chart([Bar(HOSTILE, 1, 1), Bar(HOSTILE, 2, math.inf)], key="b", title=HOSTILE,
                                   desc=HOSTILE), id="bars"),
])
def test_hostile_text_stays_text(make):
    svg = str(make())
    assert svg.count("</svg>") == 1 and svg.endswith("</svg>")
    assert "<script" not in svg and "<img" not in svg
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert all(e.tag.startswith(SVG) for e in root.iter())  # no element but SVG ones
    assert any(HOSTILE.split()[0] in t for t in texts(root))  # the text is shown as text


@pytest.mark.parametrize("value", ["a b", "1chart", 'x" onload="alert(1)', "", "x" * 121, "é"])
def test_chart_ids_are_checked(value):
    with pytest.raises(ValueError, match="not a safe SVG id"):
        chart_id(value)


@pytest.mark.parametrize("href, expected", [
    ("../sheets/a-b/", "../sheets/a-b/"),
    ("../sheets/a/#timeline", "../sheets/a/#timeline"),
    ("#figures", "#figures"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    ("data:text/html,x", None),
    ("https://example.com/", None),
    ("//example.com/", None),
    ('x" onmouseover="alert(1)', None),
    ("a b", None),
    (None, None),
])
def test_only_relative_links(href, expected):
    assert safe_href(href) == expected


def test_an_unsafe_link_is_dropped_not_written():
    svg = str(timeline([Event(D(2024, 1, 1), D(2024, 1, 1), "x", href="javascript:alert(1)")], key="t", title="t",
                       desc="d"))
    assert "javascript" not in svg and "<a " not in svg


# --- dates --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2024-06-02", (D(2024, 6, 2), D(2024, 6, 2))),
    ("2024-06", (D(2024, 6, 1), D(2024, 6, 30))),
    ("2024-02", (D(2024, 2, 1), D(2024, 2, 29))),
    ("2023-12", (D(2023, 12, 1), D(2023, 12, 31))),
    ("2024", (D(2024, 1, 1), D(2024, 12, 31))),
    ("2021-W45", (D(2021, 11, 8), D(2021, 11, 14))),
    ("2021-06-21/2021-06-23", (D(2021, 6, 21), D(2021, 6, 23))),
    ("2021-09/2023-06", (D(2021, 9, 1), D(2023, 6, 30))),
    ("2024-06-05/2024-06-01", None),  # ends before it starts
    ("2024-13", None),
    ("2024-02-30", None),
    ("2021-W54", None),
    ("next week", None),
    ("", None),
    (None, None),
])
def test_date_spans(value, expected):
    assert date_span(value) == expected


# --- timeline -----------------------------------------------------------------------------------------------

def test_no_events_no_picture():
    assert timeline([], key="t", title="t", desc="d") == ""


def test_one_date_is_one_dot_in_the_middle_with_its_date():
    root = parse(timeline([Event(D(2024, 6, 2), D(2024, 6, 2), "the fire")], key="t", title="t", desc="d"))
    dots = list(root.iter(f"{SVG}circle"))
    assert len(dots) == 1 and dots[0].get("cx") == "50.00%"
    assert "2 Jun 2024" in texts(root)


def test_a_range_is_a_bar_and_days_are_dots():
    events = [Event(D(2024, 1, 1), D(2024, 1, 1), "a"), Event(D(2024, 3, 1), D(2024, 5, 31), "b"),
              Event(D(2024, 12, 31), D(2024, 12, 31), "c")]
    root = parse(timeline(events, key="t", title="t", desc="d"))
    assert len(list(root.iter(f"{SVG}circle"))) == 2
    (bar,) = root.iter(f"{SVG}rect")
    x, width = float(bar.get("x").rstrip("%")), float(bar.get("width").rstrip("%"))
    assert 10 < x < 20 and 20 < width < 30  # March to May of one year
    ticks = [t for t in texts(root) if t[:1].isdigit()]
    assert ticks == ["1 Jan 2024", "31 Dec 2024"]


def test_a_far_end_is_cut_at_the_edge_not_squashing_the_rest():
    events = [Event(D(2024, 3, 14), D(2024, 3, 14), "vote"), Event(D(2024, 3, 16), D(2074, 3, 15), "plan"),
              Event(D(2024, 4, 1), D(2024, 4, 1), "work starts")]
    root = parse(timeline(events, key="t", title="t", desc="d"))
    cx = sorted(float(c.get("cx").rstrip("%")) for c in root.iter(f"{SVG}circle"))
    assert cx[1] - cx[0] > 20  # two weeks apart still look apart
    assert "2074" not in "".join(texts(root))


def test_every_date_has_its_tooltip_and_the_picture_its_title_and_description():
    root = parse(timeline([Event(D(2024, 1, 1), D(2024, 1, 1), "a: New Year"),
                           Event(D(2024, 2, 1), D(2024, 2, 1), "b")], key="k", title="The title", desc="The desc"))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "k-t k-d"
    assert root.find(f"{SVG}title").get("id") == "k-t" and root.find(f"{SVG}title").text == "The title"
    assert root.find(f"{SVG}desc").text == "The desc"
    assert [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle")] == ["a: New Year", "b"]


def test_lanes_have_their_label_and_link():
    events = [Event(D(2024, 1, 1), D(2024, 1, 1), "a", lane=0, href="../sheets/a/#timeline"),
              Event(D(2024, 1, 5), D(2024, 1, 5), "b", lane=1, href="../sheets/b/#timeline")]
    root = parse(timeline(events, key="k", title="t", desc="d", lanes=[("Herald", "../sheets/a/"),
                                                                       ("Courier", "../sheets/b/")]))
    links = [a.get("href") for a in root.iter(f"{SVG}a")]
    assert links == ["../sheets/a/", "../sheets/b/", "../sheets/a/#timeline", "../sheets/b/#timeline"]
    assert {"Herald", "Courier"} <= set(texts(root))
    # links are not hidden inside an image: the picture is a group, each dot's link has a name
    assert root.get("role") == "group" and root.get("aria-labelledby") == "k-t k-d"
    assert [a.get("aria-label") for a in root.iter(f"{SVG}a") if a.find(f"{SVG}circle") is not None] == ["a", "b"]


@pytest.mark.parametrize("label, limit, expected", [
    ("short", 10, "short"),
    ("one two three four five", 14, "one two three…"),
    ("one, two, three four", 12, "one, two…"),
    ("Supercalifragilistic", 8, "Superca…"),
    ("  spaced\n out  ", 20, "spaced out"),
])
def test_labels_are_cut_at_a_word(label, limit, expected):
    assert cut(label, limit) == expected


# --- bars ---------------------------------------------------------------------------------------------------

def test_fewer_than_two_bars_no_picture():
    assert bar_chart([Bar("a", 1, 1)], key="b", title="t", desc="d") == ""
    assert bar_chart([Bar("a", 1, 1), Bar("b", math.nan, 2)], key="b", title="t", desc="d") == ""


def test_bars_scale_to_the_largest_value_and_show_what_is_open():
    bars = [Bar("Courier: 60 firefighters", 60, 60), Bar("Herald: More than 90 firefighters", 90, math.inf),
            Bar("Return: about 90", 81, 99)]
    root = parse(bar_chart(bars, key="b", title="How many firefighters", desc="d"))
    rects = [(r.get("class"), float(r.get("x").rstrip("%")), float(r.get("width").rstrip("%")))
             for r in root.iter(f"{SVG}rect")]
    solid = [r for r in rects if r[0] == "fs-chart__bar"]
    open_ = [r for r in rects if r[0] == "fs-chart__open"]
    assert [round(w / solid[0][2], 2) for _, _, w in solid] == [1.0, 1.5, 1.35]  # 60 : 90 : 81
    assert len(open_) == 2
    more_than = open_[0]
    assert math.isclose(more_than[1] + more_than[2], 98.5)  # "more than": to the edge
    assert "99" in texts(root) and "0" in texts(root)  # the axis: zero and the largest value given
    assert [t for t in texts(root) if ":" in t] == [b.label for b in bars]


def test_a_big_value_on_the_axis_is_one_number():
    root = parse(bar_chart([Bar("a", 3_400_000_000, 3_400_000_000), Bar("b", 2.5e9, 2.5e9)], key="b", title="t",
                           desc="d"))
    assert "3,400,000,000" in texts(root)


@pytest.mark.parametrize("value, approx, expected", [
    (90, None, (90, 90)),
    (100, "about", (90, 110)),
    (100, "almost", (90, 100)),
    (90, "more than", (90, math.inf)),
    (90, "at least", (90, math.inf)),
    (90, "up to", (0, 90)),
    (3, "up", None),
    ({"low": 250, "high": 300}, None, (250, 300)),
    ({"low": 300, "high": 250}, None, None),
    (None, None, None),
    (True, None, None),
    (math.inf, None, None),
])
def test_what_a_figure_allows(value, approx, expected):
    got = value_bounds(value, approx)
    assert got == (pytest.approx(expected) if expected else None)


# --- what the pages draw -------------------------------------------------------------------------------------

def sheet(sid: str, *values: str | None) -> FactSheet:
    return FactSheet(id=sid, title=f"Title {sid}", source=Source(name="Herald", published="2024-06-03"),
                     generated=Generated(tool="t", pipeline="p", content_hash="sha256:" + "0" * 64),
                     dates=tuple(DateMention(text=f"when {n}", value=v, sentence="s") for n, v in enumerate(values)))


@pytest.mark.parametrize("values, drawn", [
    ((), False),
    (("2024-06-02",), False),  # one date: the list says it all
    (("2024-06-02", None), False),
    (("2024-06-02", "2024-06-02"), False),
    (("2024-06-02", "2024-06-03"), True),
    (("2024-06-02", "2024-06"), True),
])
def test_a_sheet_strip_needs_two_dates(values, drawn):
    out = sheet_timeline(sheet("a", *values))
    assert bool(out) is drawn
    if drawn:
        assert out.startswith('<figure class="fs-picture" data-pagefind-ignore="all"><svg')
        parse(out.split("<figure", 1)[1].split(">", 1)[1].rsplit("<figcaption>", 1)[0])


def test_a_story_timeline_has_a_lane_per_article_that_dates_something():
    sheets = {"a": sheet("a", "2024-06-02"), "b": sheet("b"), "c": sheet("c", "2024-06-03", "2024-06-04")}
    out = story_timeline("s1", ["a", "b", "c", "missing"], sheets, lambda s: f"{s.source.name} {s.id}")
    root = parse(str(out).split('data-pagefind-ignore="all">', 1)[1].rsplit("<figcaption>", 1)[0])
    assert [a.get("href") for a in root.iter(f"{SVG}a") if a.find(f"{SVG}text") is not None] == \
        ["../sheets/a/", "../sheets/c/"]
    assert len(list(root.iter(f"{SVG}circle"))) == 3
    assert story_timeline("s2", ["b"], sheets, lambda s: s.id) == ""
