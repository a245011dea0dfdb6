"""The built site as a reader meets it, in headless Chromium (Debian ``chromium``, Playwright).

The site is built once per session with the real pipeline and ``mkdocs build --strict`` from the
bundled samples, the shared seed corpus (when present), and hostile and probe articles written
in ``sitebuild.py``; it is served over HTTP on localhost (search needs http, not file://).
Nothing is fetched from the internet: axe-core comes inside the ``axe-playwright-python`` package.

Set FACTSHEET_SCREENSHOTS=DIR to keep a screenshot of every page type.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sitebuild import (
    HOSTILE_ARTICLE_ID,
    HOSTILE_ID,
    PROBE_ID,
    PROBE_WORD,
    SCRIPT,
    built_site,
    copy_project,
    serve,
)

from generator.render import render_site
from generator.sheets import yamlio

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def chromium_path() -> str | None:
    wanted = os.environ.get("FACTSHEET_CHROMIUM")
    if wanted:
        return wanted
    found = next((p for p in CHROMIUM_CANDIDATES if Path(p).is_file()), None)
    return found or shutil.which("chromium") or shutil.which("google-chrome")


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site.site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = "no Chromium found (install Debian's chromium or set FACTSHEET_CHROMIUM)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Visit:
    """A page opened in a fresh context, with every console error, page error and dialog recorded."""

    def __init__(self, browser, url: str, *, width: int = 1280, scheme: str = "light"):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        # nothing may leave localhost
        self.context.route(re.compile(r"^(?!http://127\.0\.0\.1[:/]).*"), lambda route: route.abort())
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        self.page.wait_for_timeout(150)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def screenshot(self, name: str) -> None:
        folder = os.environ.get("FACTSHEET_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened: list[Visit] = []

    def open_(path: str, **kw) -> Visit:
        v = Visit(browser, base_url + path, **kw)
        opened.append(v)
        return v

    yield open_
    for v in opened:
        v.close()


def page_types(site) -> dict[str, str]:
    """One page of each type, chosen from what the build holds."""
    from generator.render import gather

    gathered = gather(site.facts)
    speakers = [p for p in gathered.entities.pages["people"].values() if p.quotes]
    orgs = sorted(gathered.entities.pages["organisations"].values(), key=lambda p: -len(p.sheets))
    places = [p for p in gathered.entities.pages["places"].values() if p.figures] or \
        list(gathered.entities.pages["places"].values())
    assert speakers and orgs and places, "the samples should name speakers, organisations and places"
    return {
        "home": "",
        "how-to-read": "how-to-read/",
        "sheet": f"sheets/{PROBE_ID}/",
        "sheet-hostile": f"sheets/{HOSTILE_ID}/",
        "sheets-index": "sheets/",
        "person": f"people/{speakers[0].slug}/",
        "organisation": f"organisations/{orgs[0].slug}/",
        "place": f"places/{places[0].slug}/",
        "people-index": "people/",
        "indexes": "indexes/",
        "quotes-index": "indexes/quotes/",
        "figures-index": "indexes/figures/",
        "dates-index": "indexes/dates/",
        "sources-index": "indexes/sources/",
        "tags-index": "indexes/tags/",
        "schema": "schema/",
        "stories": "stories/",
        "disagreements": "stories/disagreements/",
    }


PAGE_TYPES = ["home", "how-to-read", "sheet", "sheet-hostile", "sheets-index", "person", "organisation", "place",
              "people-index", "indexes", "quotes-index", "figures-index", "dates-index", "sources-index",
              "tags-index", "schema", "stories", "disagreements"]


@pytest.mark.browser
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_renders_without_console_errors(kind, site, visit):
    v = visit(page_types(site)[kind])
    assert v.page.locator("article h1").count() == 1
    assert v.page.locator("article h1").inner_text().strip()
    v.screenshot(kind)
    assert v.errors == [] and v.dialogs == []


@pytest.mark.browser
def test_sheet_page_shows_its_parts(visit, site):
    v = visit(f"sheets/{PROBE_ID}/")
    page = v.page
    for heading in ("Key facts", "Quotes", "Source and data", "Cite this sheet"):
        assert page.get_by_role("heading", name=heading).count() == 1, heading
    # a key fact's source sentence is hidden until asked for
    first = page.locator("ol.fs-facts details").first
    assert not first.locator("p").is_visible()
    first.locator("summary").click()
    assert first.locator("p").is_visible()
    # quotes are grouped under the speaker's name, which links to the speaker's page
    speaker = page.locator("h3 a[href*='people/']").first
    assert speaker.count() == 1
    # the citation gets the page's own address
    assert page.locator(".fs-cite-url").inner_text().startswith("http://127.0.0.1")
    # downloads resolve
    for ext in ("yaml", "json", "csv"):
        href = page.get_by_role("link", name=ext.upper()).get_attribute("href")
        assert href and href.endswith(f"{PROBE_ID}.{ext}")


def open_search(v: Visit) -> None:
    """Open the search dialog from the header's button, as a reader does."""
    page = v.page
    page.wait_for_function("() => customElements.get('pagefind-modal-trigger') !== undefined", timeout=30000)
    button = page.locator("header pagefind-modal-trigger button")
    assert button.is_visible(), "the search button is in the header"
    button.click()
    page.locator("pagefind-modal pagefind-input input").wait_for(state="visible")


def wait_for_count(page, query: str, count: int | None = None) -> None:
    """Wait until the dialog says how many pages match the whole ``query`` (and, if given, that many)."""
    page.wait_for_function("""([q, n]) => {
        const s = document.querySelector('pagefind-modal pagefind-summary');
        const t = s ? s.textContent.trim() : '';
        if (!t.endsWith(q) || /^searching/i.test(t)) return false;
        if (/^no results/i.test(t)) return n === null || n === 0;
        if (n !== null && !t.startsWith(n + ' result')) return false;
        // the results themselves come a moment after the count: wait until each has its link
        const list = document.querySelector('pagefind-modal ul.pf-results');
        const items = [...document.querySelectorAll('pagefind-modal li.pf-result')];
        return list && list.getAttribute('aria-busy') !== 'true' && items.length > 0
            && items.every(li => li.querySelector('a.pf-result-link'));
    }""", arg=[query, count], timeout=30000)


def result_links(page) -> list[str]:
    return page.locator("pagefind-modal pagefind-results a").evaluate_all("els => els.map(e => e.href)")


def search(v: Visit, query: str, *, kind: str | None = None) -> list[str]:
    """Type a query into the site search as a reader does (and pick a kind of page); the result links."""
    page = v.page
    open_search(v)
    page.locator("pagefind-modal pagefind-input input").fill(query)
    wait_for_count(page, query)
    if kind is not None:
        page.locator("pagefind-modal pagefind-filter-dropdown button.pf-dropdown-trigger").click()
        option = page.locator(f"pagefind-modal pagefind-filter-dropdown [role=option][data-value='{kind}']")
        count = int(re.match(r".*?(\d+) results?$", option.get_attribute("aria-label")).group(1))
        box = option.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"], box  # all on screen
        option.click()
        wait_for_count(page, query, count)
    return result_links(page)


@pytest.mark.browser
def test_search_finds_a_sheet_by_a_word_next_to_quote_marks(visit):
    v = visit("")
    links = search(v, PROBE_WORD)
    assert any(f"/sheets/{PROBE_ID}/" in h for h in links), links
    assert v.errors == []


@pytest.mark.browser
def test_search_finds_a_sheet_by_a_word_of_a_quote(visit, site):
    sheet = next(s for s in site.sheets() if s.id == PROBE_ID)
    assert sheet.quotes, "the probe article's quotes should be extracted"
    word = max((w for q in sheet.quotes for w in re.findall(r"[A-Za-z]{5,}", q.text)), key=len)
    links = search(visit(""), word)
    assert any(f"/sheets/{PROBE_ID}/" in h for h in links), (word, links)


def speaker_with_surname(site):
    from generator.render import gather

    people = [p for p in gather(site.facts).entities.pages["people"].values()
              if p.quotes and len(p.name.split()) > 1 and p.name.isascii() and "<" not in p.name]
    assert people
    return people[0]


@pytest.mark.browser
def test_search_finds_a_person_by_surname(visit, site):
    target = speaker_with_surname(site)
    v = visit("")
    links = search(v, target.surname)
    assert any(f"/people/{target.slug}/" in h for h in links), (target.surname, links)
    assert v.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("kind, folder", [("person", "people"), ("sheet", "sheets")])
@pytest.mark.parametrize("width", [1280, 390])
def test_search_filters_by_kind_of_page(visit, site, kind, folder, width):
    target = speaker_with_surname(site)
    v = visit("indexes/", width=width)
    everything = {h.split("#")[0] for h in search(v, target.surname)}
    assert any("/people/" in h for h in everything) and any("/sheets/" in h for h in everything), everything
    v.page.keyboard.press("Escape")
    filtered = {h.split("#")[0] for h in search(v, target.surname, kind=kind)}
    assert filtered and all(f"/{folder}/" in h for h in filtered), filtered


@pytest.mark.browser
def test_search_loads_only_a_few_small_files_from_the_site(browser, base_url):
    """Pagefind loads pieces of the index as a query needs them, all from this site; none is big."""
    v = Visit(browser, base_url)
    sizes: dict[str, int] = {}

    def record(response) -> None:
        if "/pagefind/" in response.url:
            sizes[response.url] = len(response.body())

    v.page.on("response", record)
    try:
        search(v, PROBE_WORD)
        assert v.errors == []
        assert sizes and all(url.startswith(base_url) for url in sizes)
        assert max(sizes.values()) <= 1_000_000, sizes
    finally:
        v.close()


@pytest.mark.browser
def test_light_dark_toggle(visit):
    v = visit(f"sheets/{PROBE_ID}/", scheme="light")
    page = v.page

    def scheme() -> str:
        return page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    def background() -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    assert scheme() == "default"
    light = background()
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert background() != light
    v.screenshot("sheet-dark")
    page.reload()
    assert scheme() == "slate"  # the choice is remembered
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert background() == light


@pytest.mark.browser
def test_quotes_index_filters_by_speaker(visit):
    v = visit("indexes/quotes/")
    page = v.page
    select = page.locator("#fs-speaker")
    assert select.is_visible()
    rows = page.locator("table tbody tr")
    total = rows.count()
    speaker = select.locator("option").nth(1).get_attribute("value")
    select.select_option(speaker)
    shown = page.locator("table tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    for cell in shown.locator("td:first-child").all_inner_texts():
        assert cell.strip() == speaker
    assert "speaker=" in page.url
    select.select_option("")
    assert page.locator("table tbody tr:not([hidden])").count() == total


HOSTILE_PAGES = [f"sheets/{HOSTILE_ID}/", f"sheets/{HOSTILE_ARTICLE_ID}/", "", "sheets/", "indexes/quotes/",
                 "indexes/figures/", "indexes/tags/", "indexes/sources/", "people/", "organisations/", "places/",
                 "stories/", "stories/disagreements/"]


@pytest.mark.browser
@pytest.mark.parametrize("path", HOSTILE_PAGES)
@pytest.mark.parametrize("width", [1280, 375])
def test_hostile_text_is_inert_and_layout_holds(path, width, visit):
    v = visit(path, width=width)
    page = v.page
    page.wait_for_timeout(300)
    assert v.dialogs == []
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x'], [onerror], [onclick], a[href^='javascript:' i]").count() == 0
    assert page.evaluate("""() => [...document.scripts].every(s =>
        !s.textContent.includes("__pwned") || s.type === "application/ld+json")""")
    # no horizontal scrolling of the whole page: long words wrap
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"page is {overflow}px wider than the window"
    assert v.errors == []
    if path.startswith("sheets/hostile"):
        v.screenshot(f"hostile-{path.strip('/').replace('/', '-')}-{width}")


@pytest.mark.browser
def test_hostile_text_reads_as_text(visit):
    v = visit(f"sheets/{HOSTILE_ID}/")
    page = v.page
    assert SCRIPT in page.locator("article h1").inner_text()
    assert "<script>" in page.title()
    body = page.locator("article").inner_text()
    for text in ("{{ config.site_name }}", "{% include 'base.html' %}", "| a | b |", "# Not a heading",
                 "[click me](javascript:"):
        assert text in body, text
    assert page.locator("article h1").count() == 1  # "# Not a heading" stayed text
    assert page.locator("article table").count() == 1  # the figures table, not one made from text
    json_ld = page.evaluate("JSON.parse(document.querySelector('script[type=\"application/ld+json\"]').textContent)")
    assert "</script>" in json_ld["name"]


# --- phones ---------------------------------------------------------------------------------------------------

PHONE = 390
PHONE_PAGES = ["sheet-figures", "person", "figures-index", "quotes-index", "disagreements", "stories"]


def phone_page(site, kind: str) -> str:
    if kind == "sheet-figures":  # a sheet with a table of figures
        return f"sheets/{next(s.id for s in site.sheets() if len(s.figures) >= 2 and s.id != HOSTILE_ID)}/"
    return page_types(site)[kind]


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    """Where the phone screenshots go: FACTSHEET_SCREENSHOTS when set, else a folder of the test session."""
    folder = os.environ.get("FACTSHEET_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.browser
@pytest.mark.parametrize("kind", PHONE_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_phone_tables_are_cards_and_nothing_is_cut_off(kind, scheme, site, visit, screenshots):
    v = visit(phone_page(site, kind), width=PHONE, scheme=scheme)
    page = v.page
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    assert page.evaluate("document.body.scrollWidth") <= PHONE
    shot = screenshots / f"phone-{kind}-{scheme}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    cards = page.evaluate("""() => [...document.querySelectorAll('article table tbody tr')].map(tr => {
        const r = tr.getBoundingClientRect();
        return {display: getComputedStyle(tr).display, right: r.right,
                cells: [...tr.cells].filter(td => getComputedStyle(td).display !== 'none').map(td => ({
                    label: td.dataset.label,
                    shown: getComputedStyle(td, '::before').content,
                    wrap: getComputedStyle(td).overflowWrap,
                    right: td.getBoundingClientRect().right}))};
    })""")
    if kind not in ("stories",):
        assert cards, "the page has a table"
    for card in cards:
        assert card["display"] == "block" and card["right"] <= PHONE
        for cell in card["cells"]:
            assert cell["label"] and cell["shown"] == f'"{cell["label"]}"'  # each value with its column's label
            assert cell["wrap"] == "break-word"  # a word is broken only when it is wider than the whole card
            assert cell["right"] <= PHONE
    # no table header row is shown: the labels are on the cards
    assert page.evaluate("""() => [...document.querySelectorAll('article table thead')].every(h =>
        h.getBoundingClientRect().width <= 1)""")
    assert v.errors == []


NUMBER_CELLS = """() => [...document.querySelectorAll('article table td[style*="right"]')].map(td => {
    const range = document.createRange();
    range.selectNodeContents(td);
    const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    return {text: td.textContent.trim(), lines: tops.size, space: getComputedStyle(td).whiteSpace};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [PHONE, 1280])
def test_numbers_never_wrap(width, visit):
    v = visit("indexes/figures/", width=width)
    cells = v.page.evaluate(NUMBER_CELLS)
    assert any(len(c["text"]) >= 5 for c in cells), cells
    for cell in cells:
        assert cell["space"] == "nowrap" and cell["lines"] <= 1, cell


# --- pictures -------------------------------------------------------------------------------------------------

CHART = """(sel) => [...document.querySelectorAll(sel)].map(svg => {
    const r = svg.getBoundingClientRect();
    const marks = [...svg.querySelectorAll('.fs-chart__bar, .fs-chart__dot, .fs-chart__span')];
    const text = svg.querySelector('text');
    return {width: r.width, height: r.height, visible: r.width > 0 && getComputedStyle(svg).visibility === 'visible',
            marks: marks.length, fill: marks.length ? getComputedStyle(marks[0]).fill : null,
            text: text ? getComputedStyle(text).fill : null,
            background: getComputedStyle(document.body).backgroundColor,
            title: svg.querySelector('title') && svg.querySelector('title').textContent,
            labelled: svg.getAttribute('aria-labelledby')};
})"""


@pytest.mark.browser
@pytest.mark.parametrize("path, selector", [
    ("stories/disagreements/", "svg.fs-bars"),
    ("stories/", "svg.fs-timeline"),
])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [PHONE, 1280])
def test_pictures_are_visible_in_both_palettes(path, selector, scheme, width, visit):
    v = visit(path, width=width, scheme=scheme)
    charts = v.page.evaluate(CHART, selector)
    assert charts, f"no {selector} on {path}"
    for chart in charts:
        assert chart["visible"] and chart["width"] > 0.8 * min(width, 700) - 100 and chart["height"] > 40, chart
        assert chart["marks"] >= 2 and chart["title"] and chart["labelled"]
        assert chart["fill"] not in (None, "none", "rgba(0, 0, 0, 0)", chart["background"]), chart
        assert chart["text"] not in (None, chart["background"]), chart
    assert v.page.evaluate("document.documentElement.scrollWidth") <= width
    assert v.errors == []


@pytest.mark.browser
def test_a_story_timeline_dot_opens_its_sheet(visit):
    v = visit("stories/")
    dot = v.page.locator("svg.fs-timeline a:has(circle)").first
    href = dot.get_attribute("href")
    assert href.startswith("../sheets/") and href.endswith("/#timeline")
    dot.click()
    v.page.wait_for_url(re.compile(r"/sheets/[^/]+/#timeline$"))
    assert v.page.locator("h2#timeline").count() == 1


@pytest.mark.browser
def test_a_sheet_with_dates_has_its_timeline_strip(visit, site):
    from generator.render.charts import date_span

    dated = next(s for s in site.sheets() if s.id != HOSTILE_ID and
                 len({date_span(d.value) for d in s.dates if date_span(d.value)}) >= 2)
    v = visit(f"sheets/{dated.id}/")
    charts = v.page.evaluate(CHART, "svg.fs-timeline")
    assert len(charts) == 1 and charts[0]["visible"] and charts[0]["marks"] >= 2
    # the strip sits above the list of dates it draws
    assert v.page.evaluate("""() => { const f = document.querySelector('figure.fs-picture');
        const h = document.querySelector('h2#timeline');
        return h.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING
            && f.nextElementSibling && f.nextElementSibling.tagName === 'UL'; }""")


AXE_PAGES = ["home", "sheet", "sheet-hostile", "sheets-index", "person", "organisation", "place", "quotes-index",
             "figures-index", "dates-index", "tags-index", "how-to-read", "stories", "disagreements"]


def serious_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3])
            for x in results.response["violations"] if x["impact"] in ("serious", "critical")]


@pytest.mark.browser
@pytest.mark.parametrize("kind", AXE_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, PHONE])
def test_axe_finds_no_serious_violation(kind, scheme, width, site, visit):
    v = visit(page_types(site)[kind], scheme=scheme, width=width)
    assert serious_violations(v.page) == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, PHONE])
def test_axe_finds_no_serious_violation_in_the_search_dialog(scheme, width, visit):
    v = visit("", scheme=scheme, width=width)
    search(v, PROBE_WORD)
    bad = serious_violations(v.page)
    assert bad == [], "; ".join(map(str, bad))


def test_links_resolve(site, base_url, tmp_path):
    """linkchecker (from PyPI), on every internal link of the built site; nothing outside is fetched."""
    config = tmp_path / "linkchecker.ini"
    config.write_text("[checking]\nmaxrequestspersecond=1000\nthreads=4\ntimeout=20\n"
                      "[filtering]\ncheckextern=0\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "linkcheck", "-f", str(config), "--no-status", "--no-warnings",
                             "-o", "text", base_url], capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    m = re.search(r"(\d+) links? in (\d+) URLs? checked", result.stdout)
    assert m and int(m.group(2)) > 50, result.stdout[-1000:]
    assert "0 errors found" in result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, *, timeout: float, what: str):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def test_mkdocs_serve_picks_up_a_regenerated_sheet(site, tmp_path):
    root = tmp_path / "project"
    copy_project(root)
    facts = root / "facts"
    shutil.copytree(site.facts, facts)
    render_site(facts, root / "docs")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
                            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/sheets/{PROBE_ID}/"
        first = wait_for(lambda: fetch(url), timeout=120, what="mkdocs serve to start")
        assert "Regenerated headline" not in first
        path = facts / f"{PROBE_ID}.yaml"
        data = yamlio.load_with_lines(path)[0]
        data["title"] = "Regenerated headline for the harbour"
        path.write_text(yamlio.dump(data), encoding="utf-8")
        render_site(facts, root / "docs")
        wait_for(lambda: "Regenerated headline for the harbour" in (fetch(url) or ""), timeout=120,
                 what="the served page to show the regenerated sheet")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
