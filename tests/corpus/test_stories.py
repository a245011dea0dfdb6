"""Stories across articles and the disagreements between them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.corpus.registry import build_registry
from generator.corpus.stories import (
    _agree,
    _bounds,
    analyse_corpus,
    figure_conflicts,
    group_stories,
    quote_conflicts,
)
from generator.model import Entity, FactSheet, Figure, Generated, Quote, Source

GEN = Generated(tool="test", pipeline="test", content_hash="sha256:0")
ROOT = Path(__file__).resolve().parents[2]


def sheet(sid: str, *, figures=(), quotes=(), entities=(), title="t", published="2024-06-03") -> FactSheet:
    return FactSheet(id=sid, title=title, source=Source(published=published), generated=GEN,
                     figures=tuple(figures), quotes=tuple(quotes),
                     entities=tuple(Entity(name=n, type=t) for n, t in entities))


def fig(text, value, counts, sentence, approx=None, unit=None) -> Figure:
    return Figure(text=text, value=value, counts=counts, approx=approx, unit=unit, sentence=sentence)


@pytest.mark.parametrize(("a", "b", "agree"), [
    pytest.param((90000, None), (100000, None), False, id="exact-differ"),
    pytest.param((90000, "more than"), (100000, None), True, id="more-than-below"),
    pytest.param((90000, "more than"), (80000, None), False, id="more-than-above"),
    pytest.param((100, "about"), (105, "about"), True, id="about-within-10pc"),
    pytest.param((100, "about"), (130, None), False, id="about-far"),
    pytest.param((100, "up to"), (80, None), True, id="up-to"),
    pytest.param((100, "almost"), (100, None), True, id="almost-equal"),
    pytest.param(({"low": 250, "high": 300}, None), (280, None), True, id="range-contains"),
    pytest.param(({"low": 250, "high": 300}, None), (320, None), False, id="range-outside"),
])
def test_bounds_agree(a, b, agree):
    fa = fig("x", a[0], "troops", "", approx=a[1])
    fb = fig("x", b[0], "troops", "", approx=b[1])
    assert _agree(_bounds(fa), _bounds(fb)) is agree


def test_change_figures_are_not_levels():
    assert _bounds(fig("up 3%", 3, None, "", approx="up", unit="percent")) is None


S1 = "Russia has massed 90,000 troops near the border with Ukraine, officials said."
S2 = "Russia has massed 100,000 troops near the Ukrainian border, officials said on Friday."
FIGURE_ROWS = [
    pytest.param([("a", fig("90,000 troops", 90000, "troops", S1)), ("b", fig("100,000 troops", 100000, "troops", S2))],
                 {"a", "b"}, id="troops-differ"),
    pytest.param([("a", fig("90,000 troops", 90000, "troops", S1)),
                  ("b", fig("more than 80,000 troops", 80000, "troops", S2, approx="more than"))],
                 set(), id="consistent-approximation"),
    pytest.param([("a", fig("90,000 troops", 90000, "troops", S1)), ("b", fig("100,000 troops", 100000, "troops",
                  "A separate exercise in Belarus will involve 100,000 troops next spring."))],
                 set(), id="different-subject"),
    pytest.param([("a", fig("3 dead", 3, "dead", "Three people are dead after the storm hit the coast.")),
                  ("b", fig("12 injured", 12, "injured", "Twelve people were injured after the storm hit the coast."))],
                 set(), id="different-thing-counted"),
    pytest.param([("a", fig("90,000 troops", 90000, "troops", S1)), ("a", fig("100,000 troops", 100000, "troops", S2))],
                 set(), id="same-article"),
]


@pytest.mark.parametrize(("figs", "flagged"), FIGURE_ROWS)
def test_figure_conflicts(figs, flagged):
    by_sheet: dict[str, list[Figure]] = {}
    for sid, f in figs:
        by_sheet.setdefault(sid, []).append(f)
    found = figure_conflicts([sheet(sid, figures=fs) for sid, fs in by_sheet.items()])
    assert {c.sheet for _, claims in found for c in claims} == flagged


def test_both_numbers_in_both_articles_is_no_conflict():
    a = sheet("a", figures=[fig("90,000 troops", 90000, "troops", S1), fig("100,000 troops", 100000, "troops", S2)])
    b = sheet("b", figures=[fig("100,000 troops", 100000, "troops", S2)])
    assert figure_conflicts([a, b]) == []


WORDS = "We will not withdraw a single soldier from the border this winter"
QUOTE_ROWS = [
    pytest.param(("Dmitry Peskov", WORDS), ("Sergei Lavrov", WORDS), True, id="different-speakers"),
    pytest.param(("Dmitry Peskov", WORDS), ("Peskov", WORDS), False, id="surname-of-same"),
    pytest.param(("Dmitry Peskov", WORDS), ("Dmitry Peskov", WORDS), False, id="same-speaker"),
    pytest.param(("Dmitry Peskov", WORDS), ("Sergei Lavrov", "not withdraw a single soldier from the border"), True,
                 id="partial-quote"),
    pytest.param(("Dmitry Peskov", WORDS), ("Sergei Lavrov", "a single soldier"), False, id="too-short-to-tell"),
    pytest.param(("Dmitry Peskov", WORDS), (None, WORDS), False, id="unknown-speaker"),
    pytest.param(("Dmitry Peskov", WORDS), ("Sergei Lavrov", "We will send more soldiers to the border next winter"),
                 False, id="different-words"),
    pytest.param(("Dmitry Peskov", WORDS), ("Sergei Lavrov", "We will not withdraw one single soldier from the border"),
                 True, id="a-word-changed"),
    pytest.param(("Dmitry Peskov", "Theirs is not a single soldier from the border this winter"),
                 ("Sergei Lavrov", "is not a single soldier from the border this winter"), True, id="a-word-dropped"),
    pytest.param(("Dmitry Peskov", "Theirs will not withdraw one soldier from the border now"),
                 ("Sergei Lavrov", "eirs will not withdraw one soldier from the borde"), False,
                 id="parts-of-words-are-not-words"),
]


@pytest.mark.parametrize(("qa", "qb", "flagged"), QUOTE_ROWS)
def test_quote_conflicts(qa, qb, flagged):
    sheets = [sheet(sid, quotes=[Quote(text=text, speaker=who)], entities=[(who, "PERSON")] if who else [])
              for sid, (who, text) in (("a", qa), ("b", qb))]
    found = quote_conflicts(sheets, build_registry(sheets))
    assert bool(found) is flagged


def test_stories_group_by_shared_entities_and_words():
    ents = [("Helen Strand", "PERSON"), ("Marlow Bay", "GPE"), ("Dunmore Chemicals", "ORG")]
    fire = "fire depot blaze evacuated residents firefighters chemical warehouse"
    sheets = [
        sheet("fire1", title=f"Depot {fire}", entities=ents),
        sheet("fire2", title=f"Warehouse {fire} shelters", entities=ents[:2]),
        sheet("vote", title="Council votes on new school budget and teacher pay",
              entities=[("Tomas Rinaldi", "PERSON")]),
        sheet("fire-old", title=f"Depot {fire}", entities=ents, published="2023-01-10"),  # a year earlier
    ]
    stories = group_stories(sheets, build_registry(sheets))
    assert [s.sheets for s in stories] == [("fire1", "fire2")]


@pytest.fixture(scope="module")
def sample_corpus(nlp):
    """The bundled Marlow Bay articles, which disagree on purpose, parsed with the real pipeline."""
    from generator.extract import analyse
    from generator.inputs.files import iter_articles

    arts = [a for a in iter_articles([str(p) for p in sorted((ROOT / "data" / "articles").glob("marlow-bay-*.md"))])]
    sheets = [analyse(doc, a, pipeline="test") for doc, a in nlp.pipe(((a.text, a) for a in arts), as_tuples=True)]
    return analyse_corpus(sheets)


def test_samples_are_one_story(sample_corpus):
    assert [set(s.sheets) for s in sample_corpus.stories] == [
        {"marlow-bay-fire-herald", "marlow-bay-fire-courier", "marlow-bay-fire-return"}]


def test_samples_disagree_on_evacuees(sample_corpus):
    evacuees = [c for c in sample_corpus.conflicts if c.kind == "figure" and c.topic.startswith("resident")]
    assert len(evacuees) == 1
    values = {c.sheet: c.value for c in evacuees[0].claims}
    assert values["marlow-bay-fire-courier"] == 2500 and values["marlow-bay-fire-herald"] == 4000


def test_samples_disagree_on_who_said_it(sample_corpus):
    quotes = [c for c in sample_corpus.conflicts if c.kind == "quote"]
    assert len(quotes) == 1
    assert {c.speaker for c in quotes[0].claims} == {"Helen Strand", "Tomas Rinaldi"}
    assert sample_corpus.conflicts_for("marlow-bay-fire-courier")
    assert sample_corpus.story_of("marlow-bay-fire-return") is sample_corpus.stories[0]


@pytest.mark.slow
def test_polnear_dev_stories(shared, nlp):
    """PolNeAR dev (84 articles on one election): a few small stories, not one giant one."""
    from generator.extract import analyse
    from generator.inputs.files import iter_articles

    arts = [a for a in iter_articles([str(shared / "corpus" / "polnear-dev" / "articles.jsonl")])]
    sheets = [analyse(doc, a, pipeline="test") for doc, a in nlp.pipe(((a.text, a) for a in arts), as_tuples=True)]
    corpus = analyse_corpus(sheets)
    assert 2 <= len(corpus.stories) <= 10
    assert max(len(s.sheets) for s in corpus.stories) <= 6
    assert len(corpus.conflicts) <= 10
