"""Disagreements as the reader sees them (generator/render/corpus.py): every article's figure in the
table, headings that read ("How many residents", a quote cut at a word), a bar chart per figure."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.corpus.registry import build_registry
from generator.corpus.stories import (
    Claim,
    Conflict,
    Corpus,
    Story,
    analyse_corpus,
    complete_figure_conflicts,
    find_conflicts,
    group_stories,
)
from generator.model import Entity, FactSheet, Figure, Generated, Quote, Source
from generator.render import render_site
from generator.render.corpus import claims_on_sheet, conflict_heading, quoted_words
from generator.sheets import yamlio
from generator.sheets.store import load_sheet

ROOT = Path(__file__).resolve().parents[2]
MARLOW = ["marlow-bay-fire-courier", "marlow-bay-fire-herald", "marlow-bay-fire-return"]
GEN = Generated(tool="t", pipeline="p", content_hash="sha256:" + "0" * 64)


def marlow() -> dict[str, FactSheet]:
    return {sid: load_sheet(ROOT / "data" / "facts" / f"{sid}.yaml") for sid in MARLOW}


def figure_texts(corpus: Corpus, topic: str) -> list[str]:
    (conflict,) = [c for c in corpus.conflicts if c.kind == "figure" and c.topic == topic]
    return [claim.text for claim in conflict.claims]


def finder_alone(sheets: list[FactSheet]) -> Corpus:
    """Stories and the pairs of figures the finder keeps, before each disagreement is completed."""
    registry = build_registry(sheets)
    stories = group_stories(sheets, registry)
    return Corpus(stories=stories, conflicts=find_conflicts(sheets, stories, registry), registry=registry)


def test_the_finder_alone_leaves_out_a_figure_whose_sentence_shares_no_word():
    """Why "More than 90 firefighters" was missing: its sentence shares no content word with the others."""
    sheets = marlow()
    found = finder_alone(list(sheets.values()))
    assert "More than 90 firefighters" not in figure_texts(found, "firefighter")


def test_every_article_of_the_story_that_gives_the_count_is_in_its_disagreement():
    sheets = marlow()
    found = finder_alone(list(sheets.values()))
    completed = complete_figure_conflicts(found, sheets)
    # the corpus analysis the site uses completes them itself
    assert analyse_corpus(list(sheets.values())).conflicts == completed.conflicts
    assert figure_texts(completed, "firefighter") == ["60 firefighters", "More than 90 firefighters",
                                                      "90 firefighters"]  # in the story's order of articles
    assert figure_texts(completed, "resident") == figure_texts(found, "resident")  # already whole
    assert [c.id for c in completed.conflicts] == [c.id for c in found.conflicts]
    # the herald's sheet now carries the firefighters disagreement too
    assert "figure-firefighter" in {c.id for c in completed.conflicts_for("marlow-bay-fire-herald")}
    assert "figure-firefighter" not in {c.id for c in found.conflicts_for("marlow-bay-fire-herald")}


def figure(text: str, value, counts: str = "firefighters", unit=None, approx=None) -> Figure:
    return Figure(text=text, value=value, counts=counts, unit=unit, approx=approx, sentence=f"{text} were there.")


def made(sid: str, *figures: Figure) -> FactSheet:
    return FactSheet(id=sid, title=sid, source=Source(name=sid), generated=GEN, figures=figures)


def one_conflict(*sheets: FactSheet) -> Corpus:
    a, b = sheets[0], sheets[1]
    claims = (Claim(sheet=a.id, text=a.figures[0].text, sentence="", index=0, value=a.figures[0].value),
              Claim(sheet=b.id, text=b.figures[0].text, sentence="", index=0, value=b.figures[0].value))
    story = Story(id="s", title="s", sheets=tuple(s.id for s in sheets))
    return Corpus(stories=[story], conflicts=[Conflict(id="figure-firefighter", kind="figure", topic="firefighter",
                                                       claims=claims, story="s")], registry=build_registry([]))


@pytest.mark.parametrize("third, joins", [
    pytest.param(made("c", figure("More than 90 firefighters", 90, approx="more than")), True, id="one-count"),
    pytest.param(made("c", figure("60 firefighters", 60)), True, id="agreeing-count"),
    pytest.param(made("c", figure("90 firefighters", 90), figure("20 firefighters", 20)), False,
                 id="two-counts-which-is-meant"),
    pytest.param(made("c", figure("90 engines", 90, counts="engines")), False, id="another-thing"),
    pytest.param(made("c", figure("90 tonnes of firefighters", 90, unit="tonne")), False, id="another-unit"),
    pytest.param(made("c", figure("up 30 firefighters", 30, approx="up")), False, id="a-change"),
    pytest.param(made("c"), False, id="no-figure"),
    pytest.param(made("c", figure("80 to 100 firefighters", {"low": 80, "high": 100})), True, id="a-range"),
    pytest.param(made("c", figure("100 to 80 firefighters", {"low": 100, "high": 80})), False,
                 id="a-range-that-cannot-be-drawn"),
])
def test_which_articles_join_a_disagreement(third, joins):
    sheets = {s.id: s for s in (made("a", figure("60 firefighters", 60)), made("b", figure("120 firefighters", 120)),
                                third)}
    completed = complete_figure_conflicts(one_conflict(*sheets.values()), sheets)
    assert ("c" in {c.sheet for c in completed.conflicts[0].claims}) is joins


@pytest.mark.parametrize("words, expected", [
    ("We were lucky the wind turned out to sea before dawn.",
     "We were lucky the wind turned out to sea before dawn."),
    ("We were lucky the wind turned out to sea before dawn,", "We were lucky the wind turned out to sea before dawn"),
    ("\u201cShort words\u201d", "Short words"),
    ("The harbour board will not approve any plan that puts the old docks at risk of flooding in winter",
     "The harbour board will not approve any plan that puts the old\u2026"),
    ("We have waited long enough for this scheme, and the people of the town deserve an answer now",
     "We have waited long enough for this scheme\u2026"),
    ("Supercalifragilistic" * 5, "Supercalifragilistic" * 3 + "Supe\u2026"),
])
def test_quoted_words_for_a_heading_are_cut_at_a_word(words, expected):
    got = quoted_words(words)
    assert got == expected
    assert len(got) <= 65


@pytest.mark.parametrize("figures, expected", [
    ([figure("4,000 residents", 4000, counts="residents")], "How many residents"),
    ([figure("$4m revenue", 4e6, counts="revenue", unit="US dollar")], "How much revenue"),
    ([figure("$4m", 4e6, counts=None, unit="US dollar")], "How much, in US dollar"),
])
def test_figure_headings_read_as_a_question(figures, expected):
    sheets = {"a": made("a", *figures)}
    conflict = Conflict(id="figure-x", kind="figure", topic="resident",
                        claims=(Claim(sheet="a", text="x", sentence="", index=0),), story=None)
    assert conflict_heading(conflict, sheets) == expected


def test_the_disagreements_page_has_every_figure_a_heading_and_a_chart(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    for sid in MARLOW:
        shutil.copy2(ROOT / "data" / "facts" / f"{sid}.yaml", facts / f"{sid}.yaml")
    render_site(facts, tmp_path / "docs", registry_file=tmp_path / "entities.yaml")
    page = (tmp_path / "docs" / "stories" / "disagreements.md").read_text(encoding="utf-8")
    firefighters = page.split("## How many firefighters", 1)[1].split("\n## ", 1)[0]
    assert "| More than 90 firefighters |" in firefighters
    assert firefighters.count('<svg class="fs-chart fs-bars"') == 1
    assert "## How many residents" in page
    assert "## Who said \u201cWe were lucky the wind turned out to sea before dawn.\u201d" in page
    herald = (tmp_path / "docs" / "sheets" / "marlow-bay-fire-herald.md").read_text(encoding="utf-8")
    assert "How many firefighters: 60 firefighters" in herald  # the sheet's own flag has the same words
    stories = (tmp_path / "docs" / "stories" / "index.md").read_text(encoding="utf-8")
    assert stories.count('<svg class="fs-chart fs-timeline"') == 1


@pytest.fixture(scope="module")
def marlow_site(tmp_path_factory):
    """The three Marlow Bay sample sheets, rendered and built by ``mkdocs build --strict`` (real HTML)."""
    from tests.sitebuild import copy_project, mkdocs_build

    root = tmp_path_factory.mktemp("marlow-site")
    copy_project(root)
    facts = root / "facts"
    facts.mkdir()
    for sid in MARLOW:
        shutil.copy2(ROOT / "data" / "facts" / f"{sid}.yaml", facts / f"{sid}.yaml")
    render_site(facts, root / "docs", registry_file=root / "entities.yaml")
    mkdocs_build(root, root / "site")
    return root / "site"


FLAG = re.compile(r'<span class="fs-flag">(.*?)</span>', re.S)


@pytest.mark.parametrize(("person", "other", "target", "anchor"), [
    ("tomas-rinaldi", "Helen Strand", "marlow-bay-fire-herald", "q-2"),
    ("helen-strand", "Tomas Rinaldi", "marlow-bay-fire-courier", "q-1"),
])
def test_a_person_page_flags_words_given_to_someone_else_elsewhere(marlow_site, person, other, target, anchor):
    """The courier gives "We were lucky..." to the mayor, the herald to the fire chief: each one's page says so,
    with a link to the other attribution (the quote on the other sheet) and to the disagreement."""
    page = (marlow_site / "people" / person / "index.html").read_text(encoding="utf-8")
    (flag,) = FLAG.findall(page)
    assert "given to someone else" in flag and other in flag
    assert f'href="../../sheets/{target}/#{anchor}"' in flag
    assert 'href="../../stories/disagreements/#quote-we-were-lucky' in flag
    sheet = (marlow_site / "sheets" / target / "index.html").read_text(encoding="utf-8")
    quoted = sheet.split(f'id="{anchor}"', 1)[1][:2000]
    assert "We were lucky the wind turned out to sea before dawn" in quoted
    assert other.split()[-1] in quoted


def test_a_person_whose_quotes_nobody_disputes_has_no_flag(tmp_path):
    """Every sample sheet rendered: only the two speakers of the disputed words are flagged."""
    render_site(ROOT / "data" / "facts", tmp_path / "docs", registry_file=tmp_path / "entities.yaml")
    flagged = {p.stem for p in (tmp_path / "docs" / "people").glob("*.md") if FLAG.search(p.read_text("utf-8"))}
    speakers = {p.stem for p in (tmp_path / "docs" / "people").glob("*.md") if "## Quotes" in p.read_text("utf-8")}
    assert flagged == {"tomas-rinaldi", "helen-strand"} and len(speakers) > len(flagged)


def claims_of(*sheets: str) -> Conflict:
    return Conflict(id="quote-x", kind="quote", topic="x",
                    claims=tuple(Claim(sheet=s, text="x", sentence="x", index=0, speaker=s.upper()) for s in sheets))


@pytest.mark.parametrize(("sheets", "me", "shown", "more"), [
    pytest.param("abc", "b", "abc", 0, id="few-all-listed"),
    pytest.param("abcdef", "f", "abcdef", 0, id="at-the-limit"),
    pytest.param("abcdefghij", "a", "abcdef", 4, id="own-first-then-the-first-others"),
    pytest.param("abcdefghij", "i", "abcdei", 4, id="own-claim-always-listed-in-its-place"),
])
def test_a_sheet_lists_a_few_claims_of_a_large_disagreement(sheets, me, shown, more):
    claims, hidden = claims_on_sheet(claims_of(*sheets), me, limit=6)
    assert ("".join(cl.sheet for cl in claims), hidden) == (shown, more)


def test_a_sheet_page_of_a_story_told_by_many_outlets_stays_short(tmp_path):
    """Twenty outlets give the same words to two speakers: each sheet lists six claims and says how many more."""
    facts = tmp_path / "facts"
    facts.mkdir()
    words = "We will rebuild the harbour wall before the winter storms arrive here."
    for k in range(20):
        speaker = "Ada Brennan" if k % 2 else "Piet Kuyper"
        sheet = FactSheet(id=f"wire-{k:02d}", title=f"Harbour wall plan, outlet {k}",
                          source=Source(name=f"Outlet {k}", published="2024-06-03"), generated=GEN,
                          quotes=(Quote(text=words, speaker=speaker, kind="direct", cue="said",
                                        sentence=f"\u201c{words}\u201d {speaker} said."),),
                          entities=(Entity(name=speaker, type="PERSON"),))
        (facts / f"{sheet.id}.yaml").write_text(yamlio.dump(sheet.to_dict()), encoding="utf-8")
    render_site(facts, tmp_path / "docs", registry_file=tmp_path / "entities.yaml")
    page = (tmp_path / "docs" / "sheets" / "wire-07.md").read_text(encoding="utf-8")
    warning = page.split('!!! warning "Other articles disagree"', 1)[1].split("\n\n", 1)[0]
    assert warning.count("](wire-") == 6 and "and 14 more" in warning and "](wire-07.md)" in warning
    everything = (tmp_path / "docs" / "stories" / "disagreements.md").read_text(encoding="utf-8")
    assert all(f"wire-{k:02d}" in everything for k in range(20))  # the disagreements page has them all
