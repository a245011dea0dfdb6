"""Rendering: gather (sheets and cross-page indexes), the pages written from them, and the built site.

Unit tests use small sheets written here; the built-site tests use the session's real build
(real pipeline, real templates, real ``mkdocs build --strict``; see ``sitebuild.py``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from sitebuild import END_SCRIPT, HOSTILE_ID, HOSTILE_PERSON, SCRIPT, built_site, hostile_sheet

from generator.model import DateMention, Entity, Fact, FactSheet, Figure, Generated, Quote, Source
from generator.render import GENERATED_DIRS, environment, exports, gather, gather_sheets, render_pages, render_site
from generator.render.manifest import MANIFEST
from generator.render.site import EntityPage, EntityPageIndex, group_entities
from generator.sheets import yamlio

GEN = Generated(tool="factsheet test", pipeline="test", content_hash="sha256:" + "1" * 64, at="2024-01-02T03:04:05Z")


def make_sheet(id: str, *, published: str | None = None, title: str | None = None, quotes=(), entities=(),
               figures=(), dates=(), facts=(), source_name: str | None = "Test Gazette", tags=()) -> FactSheet:
    return FactSheet(id=id, title=title or f"Title of {id}", summary=f"Summary of {id}.",
                     source=Source(name=source_name, url=f"https://news.example.com/{id}", published=published),
                     generated=GEN, quotes=tuple(quotes), entities=tuple(entities), figures=tuple(figures),
                     dates=tuple(dates), facts=tuple(facts), tags=tuple(tags))


def write(folder: Path, *sheets: FactSheet) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for sheet in sheets:
        (folder / f"{sheet.id}.yaml").write_text(yamlio.dump(sheet.to_dict()), encoding="utf-8")
    return folder


def person(name: str, *aliases: str, roles=(), mentions=1) -> Entity:
    return Entity(name=name, type="PERSON", aliases=aliases, roles=tuple(roles), mentions=mentions)


def q(text: str, speaker: str | None, **kw) -> Quote:
    return Quote(text=text, speaker=speaker, sentence=kw.pop("sentence", f'"{text}," {speaker or "someone"} said.'),
                 **kw)


# --- gather -----------------------------------------------------------------------------------------------

def test_gather_orders_newest_first_with_undated_last(tmp_path):
    facts = write(tmp_path, make_sheet("b-old", published="2020-01-01"), make_sheet("a-undated"),
                  make_sheet("c-new", published="2023-05-06T10:00:00Z"))
    assert [s.id for s in gather(facts).sheets] == ["c-new", "b-old", "a-undated"]


def test_gather_reports_bad_sheets_and_keeps_the_others(tmp_path):
    facts = write(tmp_path, make_sheet("good"))
    (facts / "bad.yaml").write_text("id: bad\ntitle: [unclosed\n", encoding="utf-8")
    (facts / "wrong.yaml").write_text(yamlio.dump({**make_sheet("wrong").to_dict(), "quotes": "no"}), encoding="utf-8")
    site = gather(facts)
    assert [s.id for s in site.sheets] == ["good"]
    assert any("bad.yaml" in p for p in site.problems)
    assert any("wrong.yaml" in p and "quotes" in p for p in site.problems)


def test_same_person_in_two_sheets_has_one_page_with_both():
    a = make_sheet("a", published="2021-01-01", entities=[person("Ana Kowalczyk", "Kowalczyk", roles=["mayor"])],
                   quotes=[q("We will build it", "Ana Kowalczyk")])
    b = make_sheet("b", published="2022-01-01", entities=[person("Ana Kowalczyk", "Ms Kowalczyk", mentions=2)],
                   quotes=[q("It is built", "Ana Kowalczyk")])
    site = gather_sheets([a, b])
    page = site.entities.pages["people"]["ana-kowalczyk"]
    assert [s.id for s in page.sheets] == ["b", "a"]
    assert page.aliases == {"Kowalczyk", "Ms Kowalczyk"}
    assert page.roles == {"mayor"}
    # quotes in date order, oldest first, each with its number in its sheet
    assert [(s.id, n, qt.text) for s, n, qt in page.quotes] == [("a", 1, "We will build it"), ("b", 1, "It is built")]
    assert page.mentions_in(b) == 2


def test_alias_used_as_speaker_finds_the_entity_page():
    sheet = make_sheet("a", entities=[person("Dmitry Volkov", "Mr Volkov", "Volkov")],
                       quotes=[q("No comment", "Mr Volkov")])
    site = gather_sheets([sheet])
    assert site.speaker_page(sheet, sheet.quotes[0]).slug == "dmitry-volkov"
    assert len(site.entities.pages["people"]) == 1


def test_speaker_not_listed_as_an_entity_still_gets_a_person_page():
    sheet = make_sheet("a", quotes=[q("Hello", "Lena Park", speaker_role="engineer"), q("Who?", None)])
    site = gather_sheets([sheet])
    page = site.entities.pages["people"]["lena-park"]
    assert page.roles == {"engineer"}
    assert [n for _, n, _ in page.quotes] == [1]
    assert site.speaker_page(sheet, sheet.quotes[1]) is None


def test_figures_hang_on_the_places_their_sentence_names():
    sheet = make_sheet("a", entities=[Entity(name="Port Calloway", type="GPE", aliases=("Calloway",), mentions=2),
                                      Entity(name="Riverton", type="GPE", mentions=1)],
                       figures=[Figure(text="300 homes", value=300, counts="homes",
                                       sentence="Calloway will get 300 homes."),
                                Figure(text="5%", value=5, unit="percent", sentence="Prices rose 5% nationally.")])
    site = gather_sheets([sheet])
    assert [f.text for _, _, f in site.entities.pages["places"]["port-calloway"].figures] == ["300 homes"]
    assert "riverton" not in site.entities.pages["places"]  # no figure, one sheet: no page of its own


def test_only_entities_worth_a_page_get_one():
    lone = Entity(name="Lone Town", type="GPE", mentions=5)
    shared_org = Entity(name="Harbour Board", type="ORG", mentions=1)
    a = make_sheet("a", entities=[lone, shared_org, person("Quiet Person")], quotes=[q("Hi", "Loud Person")])
    b = make_sheet("b", entities=[shared_org])
    site = gather_sheets([a, b])
    assert set(site.entities.pages["people"]) == {"loud-person"}  # a speaker
    assert set(site.entities.pages["organisations"]) == {"harbour-board"}  # named in two sheets
    assert site.entities.pages["places"] == {}
    assert site.entity_page(a, lone) is None  # listed on its sheet without a link


@pytest.mark.parametrize("name, expected_slug", [
    pytest.param("Index", "index-2", id="reserved-name"),
    pytest.param("<b>Bold</b> Person", "b-bold-b-person", id="markup-in-name"),
    pytest.param("../../etc/passwd", "etc-passwd", id="path-traversal"),
    pytest.param("日本", None, id="no-ascii-letters"),
])
def test_entity_page_names_are_safe_path_components(name, expected_slug):
    site = gather_sheets([make_sheet("a", entities=[person(name)], quotes=[q("Hello", name)])])
    (slug,) = site.entities.pages["people"]
    assert re.fullmatch(r"[a-z0-9][a-z0-9_-]*", slug) and slug != "index"
    if expected_slug:
        assert slug == expected_slug


def test_a_sheet_called_index_does_not_replace_the_index_page(tmp_path):
    site = gather_sheets([make_sheet("index"), make_sheet("index-2")])
    names = {s.id: site.page_name(s) for s in site.sheets}
    assert names["index-2"] == "index-2"
    assert names["index"] not in ("index", "index-2")
    pages = render_pages(site, tmp_path)
    assert tmp_path / "sheets" / f"{names['index']}.md" in pages
    assert "All fact sheets" in pages[tmp_path / "sheets" / "index.md"]


def test_grouping_can_be_replaced(tmp_path):
    """The seam a cross-article registry uses: any function from sheets to an EntityPageIndex."""
    a = make_sheet("a", entities=[person("Antony Blinken")], quotes=[q("One", "Antony Blinken")])
    b = make_sheet("b", entities=[person("Secretary Blinken")], quotes=[q("Two", "Secretary Blinken")])

    def by_surname(sheets):
        index = EntityPageIndex()
        for sheet in sheets:
            for ent in sheet.entities:
                slug = ent.name.split()[-1].lower()
                page = index.pages["people"].setdefault(slug, EntityPage(slug=slug, name=ent.name, group="people"))
                page.mentions.append((sheet, ent))
                index.names[(sheet.id, ent.name.casefold())] = page
        return index

    facts = write(tmp_path / "facts", a, b)
    site, _ = render_site(facts, tmp_path / "docs", grouping=by_surname)
    page = site.entities.pages["people"]["blinken"]
    assert [t.text for _, _, t in page.quotes] == ["One", "Two"]
    assert (tmp_path / "docs" / "people" / "blinken.md").is_file()
    assert group_entities([a, b]).pages["people"].keys() == {"antony-blinken", "secretary-blinken"}


def test_render_site_merges_people_across_articles_with_the_registry(tmp_path):
    blinken = person("Antony Blinken", "Blinken", roles=["secretary of state"])
    a = make_sheet("a", published="2021-03-01", entities=[blinken], quotes=[q("We are concerned", "Antony Blinken")])
    b = make_sheet("b", published="2021-03-05", entities=[person("Secretary Blinken")],
                   quotes=[q("We remain concerned", "Secretary Blinken")])
    c = make_sheet("c", published="2021-03-09", entities=[person("Blinken")], quotes=[q("Still concerned", "Blinken")])
    site, _ = render_site(write(tmp_path / "facts", a, b, c), tmp_path / "docs")
    (page,) = site.entities.pages["people"].values()
    assert page.name == "Antony Blinken"
    assert [qt.text for _, _, qt in page.quotes] == ["We are concerned", "We remain concerned", "Still concerned"]
    text = (tmp_path / "docs" / "people" / f"{page.slug}.md").read_text(encoding="utf-8")
    assert text.count("(../sheets/") >= 6  # each quote and each article links back
    assert "**Also named:** “Blinken”, “Secretary Blinken”" in text  # the names the articles used


def test_a_name_differing_only_in_case_is_not_shown_as_another_name(tmp_path):
    a = make_sheet("a", entities=[person("Antony Blinken")], quotes=[q("We are concerned", "Antony Blinken")])
    b = make_sheet("b", entities=[person("ANTONY BLINKEN")], quotes=[q("We remain concerned", "ANTONY BLINKEN")])
    site, _ = render_site(write(tmp_path / "facts", a, b), tmp_path / "docs")
    (page,) = site.entities.pages["people"].values()
    assert page.aliases == set()
    assert "Also named" not in (tmp_path / "docs" / "people" / f"{page.slug}.md").read_text(encoding="utf-8")


# --- pages ------------------------------------------------------------------------------------------------

@pytest.fixture
def sample_pages(tmp_path):
    sheets = [
        make_sheet("flood", published="2024-03-15", tags=["flooding"],
                   entities=[person("Ana Kowalczyk", "Kowalczyk", roles=["mayor"], mentions=3),
                             Entity(name="Riverton", type="GPE", mentions=2)],
                   quotes=[q("We will build it", "Ana Kowalczyk", cue="said", kind="direct", speaker_mention="she"),
                           q("it is too late", None, kind="partial")],
                   figures=[Figure(text="£48m", value=48000000, unit="GBP", sentence="Riverton will spend £48m.")],
                   dates=[DateMention(text="Thursday", value="2024-03-14", sentence="On Thursday it voted."),
                          DateMention(text="soon", value=None, sentence="Work starts soon.")],
                   facts=[Fact(text="Riverton will build a barrier.", sentence="Riverton will build a barrier, "
                               "the council said.", attributed_to="the council")]),
        make_sheet("undated", source_name=None),
    ]
    docs = tmp_path / "docs"
    site, changed = render_site(write(tmp_path / "facts", *sheets), docs)
    return site, docs, changed


def test_every_page_is_written(sample_pages):
    _, docs, changed = sample_pages
    expected = ["index.md", "sheets/index.md", "sheets/flood.md", "sheets/undated.md", "people/index.md",
                "people/ana-kowalczyk.md", "organisations/index.md", "places/index.md", "places/riverton.md",
                "indexes/index.md", "indexes/quotes.md", "indexes/figures.md", "indexes/dates.md",
                "indexes/sources.md", "indexes/tags.md", "data/flood.yaml", "data/flood.json", "data/flood.csv",
                "data/factsheet.schema.json"]
    for rel in expected:
        assert (docs / rel).is_file(), rel
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()} - {MANIFEST}
    assert changed == len(written)
    assert set(json.loads((docs / MANIFEST).read_text(encoding="utf-8"))["files"]) == written


def test_rendering_again_changes_nothing_and_removes_stale_pages(tmp_path, sample_pages):
    _, docs, _ = sample_pages
    facts = tmp_path / "facts"
    kept = docs / "sheets" / "flood.md"
    before = kept.stat().st_mtime_ns
    (facts / "undated.yaml").unlink()
    _, changed = render_site(facts, docs)
    assert not (docs / "sheets" / "undated.md").exists()
    assert not (docs / "data" / "undated.json").exists()
    assert kept.stat().st_mtime_ns == before  # a page whose text is the same is not rewritten
    assert 0 < changed < 10  # only the pages that list every sheet
    assert render_site(facts, docs)[1] == 0


def test_render_never_touches_hand_written_pages(tmp_path, sample_pages):
    _, docs, _ = sample_pages
    (docs / "how-to-read.md").write_text("mine", encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "x.css").write_text("mine", encoding="utf-8")
    render_site(tmp_path / "facts", docs)
    assert (docs / "how-to-read.md").read_text(encoding="utf-8") == "mine"
    assert (docs / "assets" / "x.css").is_file()
    assert set(GENERATED_DIRS) >= {p.name for p in docs.iterdir() if p.is_dir() and p.name != "assets"}


def front_matter(page: str) -> dict:
    m = re.match(r"---\n(.*?)\n---\n", page, re.S)
    assert m, page[:200]
    return yaml.safe_load(m.group(1))


def test_sheet_page_sections(sample_pages):
    _, docs, _ = sample_pages
    page = (docs / "sheets" / "flood.md").read_text(encoding="utf-8")
    for heading in ("## Key facts", "## Quotes", "## Figures", "## Timeline", "## People, organisations and places",
                    "## Source and data", "## Cite this sheet"):
        assert heading in page
    assert "[Ana Kowalczyk](../people/ana-kowalczyk.md)" in page  # speaker heading links to the person
    assert "*mayor*" in page
    assert 'id="q-1"' in page and 'id="q-2"' in page
    assert "### Speaker not identified" in page and "speaker not identified" in page
    assert "named as “she”" in page
    assert "(according to the council)" in page
    assert "**2024-03-14**" in page and "“soon”" in page
    assert "[YAML](../data/flood.yaml)" in page and "[JSON](../data/flood.json)" in page
    assert "[CSV](../data/flood.csv)" in page
    assert '<a href="https://news.example.com/flood" rel="nofollow noopener">' in page
    meta = front_matter(page)
    assert meta["title"] == "Title of flood"
    assert meta["tags"] == ["flooding", "Riverton"]


def test_sheet_without_a_publication_date_says_so(sample_pages):
    _, docs, _ = sample_pages
    page = (docs / "sheets" / "undated.md").read_text(encoding="utf-8")
    assert "no publication date is known for this article" in page
    assert "Unknown source" in page
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert "no publication date known" in home
    assert "## No publication date known" in (docs / "indexes" / "dates.md").read_text(encoding="utf-8")


def test_json_ld_is_an_article_with_quotations(sample_pages):
    _site, docs, _ = sample_pages
    meta = front_matter((docs / "sheets" / "flood.md").read_text(encoding="utf-8"))
    doc = meta["schema_org"]
    assert doc["@type"] == "Article" and doc["headline"] == "Title of flood"
    assert doc["datePublished"] == "2024-03-15"
    assert doc["isBasedOn"]["url"] == "https://news.example.com/flood"
    parts = doc["hasPart"]
    assert [p["@type"] for p in parts] == ["Quotation", "Quotation"]
    assert parts[0]["creator"] == {"@type": "Person", "name": "Ana Kowalczyk"}
    assert "creator" not in parts[1]
    assert {"@type": "Place", "name": "Riverton"} in doc["mentions"]


def test_downloads_hold_the_sheet(sample_pages):
    site, docs, _ = sample_pages
    sheet = next(s for s in site.sheets if s.id == "flood")
    assert json.loads((docs / "data" / "flood.json").read_text(encoding="utf-8")) == sheet.to_dict()
    assert yaml.safe_load((docs / "data" / "flood.yaml").read_text(encoding="utf-8")) == sheet.to_dict()
    rows = list(csv.DictReader(io.StringIO((docs / "data" / "flood.csv").read_text(encoding="utf-8"))))
    assert [r["record"] for r in rows] == ["fact", "quote", "quote", "figure", "date", "date", "entity", "entity"]
    assert rows[1]["speaker"] == "Ana Kowalczyk" and rows[1]["cue"] == "said"
    assert rows[3]["value"] == "48000000" and rows[3]["unit"] == "GBP"


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)"])
def test_csv_cells_cannot_become_spreadsheet_formulas(text):
    sheet = make_sheet("a", quotes=[q(text, text)])
    row = next(iter(csv.DictReader(io.StringIO(exports.as_csv(sheet)))))
    assert row["text"] == "'" + text and row["speaker"] == "'" + text


def test_entity_page_lists_quotes_figures_and_articles(sample_pages):
    _, docs, _ = sample_pages
    person_page = (docs / "people" / "ana-kowalczyk.md").read_text(encoding="utf-8")
    assert "> We will build it" in person_page
    assert "(../sheets/flood.md#q-1)" in person_page
    assert "Kowalczyk" in person_page and "mayor" in person_page
    place = (docs / "places" / "riverton.md").read_text(encoding="utf-8")
    assert "## Figures mentioning Riverton" in place and "£48m" in place
    assert "(../sheets/flood.md#figures)" in place


def test_quotes_index_offers_every_speaker_to_filter_by(sample_pages):
    _, docs, _ = sample_pages
    page = (docs / "indexes" / "quotes.md").read_text(encoding="utf-8")
    assert '<option value="Ana Kowalczyk">' in page
    assert '<option value="Speaker not identified">' in page
    assert page.count("(../sheets/flood.md#q-") == 2


def test_home_shows_cards_counts_and_index_links(sample_pages):
    _, docs, _ = sample_pages
    home = (docs / "index.md").read_text(encoding="utf-8")
    assert '<div class="grid cards" markdown>' in home
    assert "[Title of flood](sheets/flood.md)" in home
    assert "Riverton will build a barrier." in home  # the lead fact
    assert "**2** fact sheets" in home and "**2** quotes" in home
    for target in ("indexes/quotes.md", "indexes/figures.md", "indexes/dates.md", "indexes/sources.md",
                   "indexes/tags.md", "people/index.md"):
        assert f"]({target})" in home


def test_hostile_sheet_renders_without_raw_markup(tmp_path):
    site, _ = render_site(write(tmp_path / "facts", hostile_sheet()), tmp_path / "docs")
    assert not site.problems
    for page in (tmp_path / "docs").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1] if text.startswith("---\n") else text
        assert "<script" not in body and "<img" not in body and "{{" not in body and "{%" not in body, page
        assert "](javascript" not in body and "<a " not in body.replace('<a href="https://', ""), page


def test_templates_print_nothing_unescaped():
    """Every template expression goes through finalize: a plain string can never reach a page raw."""
    env = environment()
    out = env.from_string("{{ x }} {{ x | md }} {{ x | join('') }}").render(x=["<b>", "*"])
    assert "<b>" not in out and "*" not in out.replace("&#42;", "")


# --- the built site (real pipeline, real mkdocs build --strict) ---------------------------------------------

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


def test_build_is_strict_clean(site):
    assert "WARNING" not in site.build_log
    assert (site.site / "index.html").is_file() and (site.site / "pagefind" / "pagefind.js").is_file()
    assert not (site.site / "search" / "search_index.json").exists()  # the theme's one-file index is gone


def test_every_sheet_has_a_page_and_downloads(site):
    for sheet in site.sheets():
        assert (site.site / "sheets" / sheet.id / "index.html").is_file(), sheet.id
        for ext in ("yaml", "json", "csv"):
            assert (site.site / "data" / f"{sheet.id}.{ext}").is_file()


def json_ld_of(html_page: str) -> dict:
    m = re.search(r'<script type="application/ld\+json">(.*?)</script>', html_page, re.S)
    assert m, "no JSON-LD in the page head"
    return json.loads(m.group(1))


def test_json_ld_in_the_page_head_survives_hostile_text(site):
    page = (site.site / "sheets" / HOSTILE_ID / "index.html").read_text(encoding="utf-8")
    head = page.split("</head>", 1)[0]
    doc = json_ld_of(head)
    sheet = hostile_sheet()
    assert doc["name"] == sheet.title and END_SCRIPT in doc["name"]
    assert doc["hasPart"][0]["text"] == sheet.quotes[0].text
    assert doc["hasPart"][0]["creator"]["name"] == HOSTILE_PERSON


def test_no_built_page_carries_hostile_markup(site):
    for page in site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert SCRIPT not in text and "<script>window" not in text, page
        assert "<img src=x" not in text and 'onerror="window' not in text, page
        assert 'href="javascript:' not in text.lower(), page


def test_story_lists_its_shared_names_below_its_articles(site):
    page = (site.site / "stories" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"</ul>\s*<p>Shared: [^<]*Helen Strand", page)  # a paragraph, not inside the last item


def test_sheets_are_not_in_the_navigation(site):
    # a hand-written page links to no sheet itself: any sheet link in it would come from the nav
    page = (site.site / "how-to-read" / "index.html").read_text(encoding="utf-8")
    assert 'href="../sheets/"' in page  # the index of all sheets is in the nav
    for sheet in site.sheets():
        assert f"sheets/{sheet.id}/" not in page


#: the largest file of the search bundle a browser may have to load
SEARCH_FILE_LIMIT = 1_000_000


def test_no_search_file_is_over_a_megabyte(site):
    files = [p for p in (site.site / "pagefind").rglob("*") if p.is_file()]
    assert any(p.parent.name == "fragment" for p in files) and any(p.parent.name == "index" for p in files)
    too_big = [(p.relative_to(site.site).as_posix(), p.stat().st_size) for p in files
               if p.stat().st_size > SEARCH_FILE_LIMIT]
    assert too_big == []


def body_of(html_page: str) -> str | None:
    """The element Pagefind indexes, with its attributes; None when the page is left out of search."""
    m = re.search(r"<div data-pagefind-body[^>]*>", html_page)
    return m.group(0) if m else None


@pytest.mark.parametrize("path, kind", [
    ("sheets/search-probe/index.html", "sheet"),
    ("how-to-read/index.html", None),
    ("stories/disagreements/index.html", None),
])
def test_pages_are_indexed_with_their_kind(site, path, kind):
    tag = body_of((site.site / path).read_text(encoding="utf-8"))
    assert tag is not None, path
    assert (f'data-pagefind-filter="kind:{kind}"' in tag) if kind else ("data-pagefind-filter" not in tag)


def test_entity_pages_are_indexed_as_person_organisation_place(site):
    for group, kind in (("people", "person"), ("organisations", "organisation"), ("places", "place")):
        pages = [p for p in (site.site / group).glob("*/index.html")]
        assert pages, group
        for page in pages:
            assert f'data-pagefind-filter="kind:{kind}"' in body_of(page.read_text(encoding="utf-8")), page


@pytest.mark.parametrize("path", ["indexes/quotes/index.html", "indexes/figures/index.html", "sheets/index.html",
                                  "indexes/dates/index.html", "indexes/sources/index.html", "indexes/tags/index.html"])
def test_long_index_pages_are_left_out_of_search(site, path):
    assert body_of((site.site / path).read_text(encoding="utf-8")) is None


def test_pictures_and_the_search_box_are_left_out_of_the_index(site):
    page = (site.site / "stories" / "disagreements" / "index.html").read_text(encoding="utf-8")
    assert page.count('<figure class="fs-picture" data-pagefind-ignore="all">') >= 2
    assert '<div class="fs-search" data-pagefind-ignore="all">' in page


def test_search_is_served_by_the_site_itself(site):
    page = (site.site / "index.html").read_text(encoding="utf-8")
    assert '<script type="module" src="pagefind/pagefind-component-ui.js">' in page
    assert '<link rel="stylesheet" href="pagefind/pagefind-component-ui.css">' in page
    for name in ("pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-worker.js"):
        assert (site.site / "pagefind" / name).is_file()


def test_table_cells_carry_their_column_label(site):
    page = (site.site / "sheets" / "marlow-bay-fire-herald" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<td( data-label="[^"]*")?', page)
    assert cells and all(cells), "every cell of every table is labelled"


@pytest.mark.parametrize("value", [
    pytest.param("plain", id="plain"),
    pytest.param("line\nbreak\n---\nnot the end", id="front-matter-end"),
    pytest.param("tab\there \x85 next-line \u2028 \u2029 separators", id="yaml-line-breaks"),
    pytest.param("\x7f\x9f\ufffe\ufeff controls", id="non-printable"),
    pytest.param("emoji 😀 and 日本語", id="astral-and-cjk"),
    pytest.param('quotes " \' \\ and !!python/object:os.system', id="yaml-syntax"),
    pytest.param("{{ x }} {% y %}", id="jinja"),
])
def test_front_matter_reads_back_as_written(value):
    from mkdocs.utils.meta import get_data

    from generator.render import front_matter

    data = {"title": value, "nested": {"list": [value, 1, None, True]}}
    _, meta = get_data(f"---\n{front_matter(data)}---\n\n# Page\n")
    assert meta == data


def test_site_config_fetches_nothing():
    """No Google Fonts, no plugin that needs the network at build time, no asset from elsewhere."""
    config = yaml.safe_load((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False
    plugins = {p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]}
    assert plugins <= {"tags"}  # built in to the theme; fetches nothing (search is Pagefind, run by the hooks)
    for hook in config["hooks"]:
        assert (Path(__file__).resolve().parents[2] / hook).is_file()
    for asset in config.get("extra_css", []) + config.get("extra_javascript", []):
        assert "://" not in asset and (Path(__file__).resolve().parents[2] / "docs" / asset).is_file()
    assert config["strict"] is True


def test_built_pages_load_nothing_from_elsewhere(site):
    for page in site.site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"', text):
            assert "://" not in m.group(1), (page, m.group(0))


def test_pieces_of_one_utterance_show_together_with_an_ellipsis(tmp_path):
    """"A," X said, "B.": two verbatim items with one utterance id; pages show "A … B" once, never glued,
    and keep each piece's anchor; the text stays escaped."""
    text = 'We will rebuild,” Ana Kowalczyk said, “and *we* will do it by May.'
    sheet = make_sheet("bridge", entities=[person("Ana Kowalczyk")], quotes=[
        q("We will rebuild,", "Ana Kowalczyk", cue="said", utterance=1, span=(0, 16), sentence=text),
        q("and *we* will do it by May.", "Ana Kowalczyk", cue="said", utterance=1, span=(38, 65), sentence=text),
        q("The river is high.", "Ana Kowalczyk", cue="said", sentence="“The river is high,” she said.")])
    docs = tmp_path / "docs"
    render_site(write(tmp_path / "facts", sheet), docs)
    page = (docs / "sheets" / "bridge.md").read_text(encoding="utf-8")
    assert "> We will rebuild, … and &#42;we&#42; will do it by May." in page
    assert 'id="q-1"' in page and 'id="q-2"' in page and 'id="q-3"' in page
    assert "rebuild, And" not in page and "rebuild, and" not in page
    index = (docs / "indexes" / "quotes.md").read_text(encoding="utf-8")
    assert index.count("(../sheets/bridge.md#q-") == 2  # one row per utterance
    assert "We will rebuild, … and &#42;we&#42; will do it by May." in index
    assert "(../sheets/bridge.md#q-3)" in index


def test_an_organisation_speaking_is_identified_and_never_a_person(tmp_path):
    """"police said", "the county council said": the body is the speaker, shown by its words; it gets no
    person page, the page does not call it unidentified, and JSON-LD makes it an organisation."""
    sheet = make_sheet("road", quotes=[
        q("The driver was not hurt.", "police", speaker_type="ORG", speaker_mention="police", cue="said"),
        q("The road will stay closed.", "county council", speaker_type="ORG", cue="said",
          speaker_mention="the county council")])
    site = gather_sheets([sheet])
    assert site.entities.pages["people"] == {}
    docs = tmp_path / "docs"
    render_site(write(tmp_path / "facts", sheet), docs)
    page = (docs / "sheets" / "road.md").read_text(encoding="utf-8")
    assert "### police" in page and "### county council" in page
    assert "not identified" not in page
    assert not (docs / "people" / "police.md").exists()
    creators = [p["creator"] for p in exports.json_ld(sheet)["hasPart"]]
    assert creators == [{"@type": "Organization", "name": "police"},
                        {"@type": "Organization", "name": "county council"}]
