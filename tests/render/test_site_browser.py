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


def search(v: Visit, query: str) -> list[str]:
    """Type a query into the site search as a reader does; the result links."""
    page = v.page
    box = page.locator("input.md-search__input")
    box.click()
    # the index loads in a web worker; typing before it is ready shows nothing
    page.wait_for_function("""() => { const m = document.querySelector('.md-search-result__meta');
        return m && !/Initializing/i.test(m.textContent); }""", timeout=30000)
    box.press_sequentially(query, delay=10)
    # results show after the first key already: wait for those of the whole query (each result
    # link carries the query it answers in its ?h= highlight parameter)
    page.wait_for_function("""(q) => {
        const m = document.querySelector('.md-search-result__meta');
        if (!m || !/matching/i.test(m.textContent)) return false;
        if (/^\\s*no matching/i.test(m.textContent)) return box_value_is(q);
        const links = [...document.querySelectorAll('.md-search-result__item a')];
        return links.some(a => new URL(a.href).searchParams.get('h') === q.toLowerCase());
        function box_value_is(v) { return document.querySelector('input.md-search__input').value === v; }
    }""", arg=query, timeout=15000)
    return page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")


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


@pytest.mark.browser
def test_search_finds_a_person_by_surname(visit, site):
    from generator.render import gather

    people = [p for p in gather(site.facts).entities.pages["people"].values()
              if p.quotes and len(p.name.split()) > 1 and p.name.isascii() and "<" not in p.name]
    assert people
    target = people[0]
    links = search(visit(""), target.surname)
    assert any(f"/people/{target.slug}/" in h for h in links), (target.surname, links)


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


AXE_PAGES = ["home", "sheet", "sheet-hostile", "sheets-index", "person", "organisation", "place", "quotes-index",
             "figures-index", "dates-index", "tags-index", "how-to-read", "stories", "disagreements"]


@pytest.mark.browser
@pytest.mark.parametrize("kind", AXE_PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(kind, scheme, site, visit):
    from axe_playwright_python.sync_playwright import Axe

    v = visit(page_types(site)[kind], scheme=scheme)
    results = Axe().run(v.page)
    bad = [(x["id"], x["impact"], [n["target"] for n in x["nodes"]][:3])
           for x in results.response["violations"] if x["impact"] in ("serious", "critical")]
    assert bad == []


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
