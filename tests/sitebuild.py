"""Building a real site for tests: the real pipeline, the real templates, the real ``mkdocs build --strict``.

:func:`built_site` builds once per test session (the result is cached here) from the bundled
sample articles, the shared seed corpus when it is present, a hostile article run through the
extractor, and a hand-made hostile sheet whose every field holds markup, template syntax or
Markdown structure. Everything in it is written here for the tests; no corpus text is copied.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.model import DateMention, Entity, Fact, FactSheet, Figure, Generated, Quote, Source
from generator.sheets import yamlio

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("FACTSHEET_SHARED", ROOT.parent / "shared")).resolve()

#: every payload sets window.__pwned (and tries alert) if it ever runs
SCRIPT = "<script>window.__pwned='script';alert(1)</script>"
END_SCRIPT = "</script><script>window.__pwned='jsonld'</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';alert(2)\">"
JS_URL = "javascript:window.__pwned='url';alert(3)"
MD_LINK = "[click me](javascript:window.__pwned='mdlink')"
JINJA = "{{ config.site_name }} {% include 'base.html' %} {# c #}"
MD_TABLE = "| a | b |\n| --- | --- |\n| c | d |"
MD_HEADING = "# Not a heading"
ADMONITION = '!!! danger "injected"'
ATTR = "{: onclick=\"window.__pwned='attr'\" }"
LONG_WORD = "Supercalifragilistic" * 12
HOSTILE_STRINGS = (SCRIPT, END_SCRIPT, IMG, JS_URL, MD_LINK, JINJA, MD_TABLE, MD_HEADING, ADMONITION, ATTR,
                   LONG_WORD)

HOSTILE_ID = "hostile-sheet"
HOSTILE_ARTICLE_ID = "hostile-article"
HOSTILE_PERSON = f"Eve {IMG} Mallory"


def hostile(label: str) -> str:
    """A field value holding every kind of hostile text, tagged with the field's name."""
    return f"{label} {SCRIPT} {IMG} {MD_LINK} {JINJA} {ATTR} {LONG_WORD} </script> -->"


def hostile_sheet() -> FactSheet:
    """A valid sheet whose every text field is hostile (written by hand, not extracted)."""
    sentence = f"{hostile('sentence')} said {HOSTILE_PERSON}."
    return FactSheet(
        id=HOSTILE_ID,
        title=f"{END_SCRIPT} {SCRIPT} {IMG} {JINJA} {LONG_WORD} title",
        summary=hostile("summary"),
        source=Source(name=hostile("publisher"), url=JS_URL, published="2020-02-29",
                      author=hostile("author"), file="tests/hostile.yaml"),
        generated=Generated(tool="factsheet test", pipeline="hand-made", content_hash="sha256:" + "0" * 64,
                            at="2020-03-01T00:00:00Z"),
        tags=(f"tag {SCRIPT}", f"tag {IMG}"),
        facts=(Fact(text=f"{MD_HEADING}\n\n{MD_TABLE}\n\n{ADMONITION}\n    body {SCRIPT}", sentence=sentence,
                    attributed_to=hostile("attributed")),
               Fact(text=hostile("fact"), sentence=sentence)),
        quotes=(Quote(text=hostile("quote"), speaker=HOSTILE_PERSON, kind="direct", speaker_role=hostile("role"),
                      speaker_mention=hostile("mention"), cue=hostile("cue"), sentence=sentence),
                Quote(text=f"{MD_TABLE} {END_SCRIPT}", speaker=None, kind="partial", sentence=sentence),
                Quote(text=f"{LONG_WORD}{LONG_WORD}", speaker=HOSTILE_PERSON, kind="reported", sentence=sentence)),
        figures=(Figure(text=hostile("figure"), value=3.5, unit=hostile("unit"), approx="about",
                        counts=hostile("counts"), sentence=f"{sentence} In {hostile('place')} 3.5 units."),
                 Figure(text="1,000 to 2,000", value={"low": 1000, "high": 2000}, sentence=sentence)),
        dates=(DateMention(text=hostile("date"), value="2020-02", sentence=sentence),
               DateMention(text=hostile("undated"), value=None, sentence=sentence)),
        entities=(Entity(name=HOSTILE_PERSON, type="PERSON", aliases=(hostile("alias"),), roles=(hostile("role"),),
                         mentions=3),
                  Entity(name=hostile("org"), type="ORG", mentions=2),
                  Entity(name=hostile("place"), type="GPE", aliases=(f"Place {SCRIPT}",), mentions=2)),
        warnings=(hostile("warning"),),
    )


def hostile_article() -> dict:
    """A JSON-lines article with hostile text, for the real extractor to turn into a sheet."""
    text = "\n\n".join([
        f"Council {SCRIPT} votes {IMG} on the harbour plan, {JINJA}.",
        f"\u201c{SCRIPT} We will build it {IMG} by spring,\u201d said Mayor Ana Kowalczyk on Tuesday.",
        f'"Nobody {JINJA} asked us {MD_LINK}," said Piotr Nowak, a fisherman.',
        MD_TABLE,
        MD_HEADING,
        ADMONITION,
        f"The plan costs about $4 million and covers {LONG_WORD} 12 miles of coast.",
        f"Kowalczyk added that work would start next week {ATTR}.",
    ])
    return {"id": HOSTILE_ARTICLE_ID, "title": f"{SCRIPT} Harbour vote {IMG} {JINJA} {MD_HEADING}",
            "text": text, "url": JS_URL, "published": "2021-06-15", "source": hostile("source"),
            "author": f"{END_SCRIPT} Reporter"}


PROBE_ID = "search-probe"
#: a word that the probe article only ever prints between curly quotation marks
PROBE_WORD = "Quayside"


def probe_article() -> dict:
    """An article for the search tests: a word only ever next to quotation marks, and a surname."""
    text = "\n\n".join([
        f"The harbour board on Monday backed the \u201c{PROBE_WORD}\u201d scheme for the old docks.",
        "\u201cTidewater homes will be built by 2027,\u201d said Olufemi Adeyemi, the board's chair.",
        '"We have waited long enough," Adeyemi told reporters.',
    ])
    return {"id": PROBE_ID, "title": f"Harbour board backs \u201c{PROBE_WORD}\u201d scheme", "text": text,
            "url": "https://news.example.com/quayside", "published": "2022-05-09", "source": "Harbour Post"}


@dataclass(frozen=True)
class BuiltSite:
    root: Path  # a project folder: mkdocs.yml, overrides/, hooks/, docs/
    facts: Path
    docs: Path
    site: Path
    build_log: str

    def sheets(self) -> list[FactSheet]:
        from generator.sheets.store import load_sheet

        return [load_sheet(p) for p in sorted(self.facts.glob("*.yaml"))]


def copy_project(dest: Path) -> None:
    """The site's sources (config, theme overrides, hooks, hand-written pages) into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    from generator.render import GENERATED_DIRS, GENERATED_FILES

    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)
    shutil.copytree(ROOT / "hooks", dest / "hooks", dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", dest / "docs", dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*GENERATED_DIRS, *GENERATED_FILES))


def mkdocs_build(root: Path, site_dir: Path) -> str:
    """``mkdocs build --strict`` in ``root``; returns its log, raises with the log on failure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
                            cwd=root, capture_output=True, text=True, env=env, check=False)
    if result.returncode:
        raise AssertionError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout + result.stderr


def build(root: Path, *, with_shared: bool = True) -> BuiltSite:
    """Extract (real pipeline), render and build a site under ``root``."""
    from generator.inputs.files import iter_articles
    from generator.pipeline.run import extract_all
    from generator.render import render_site

    copy_project(root)
    facts, docs, site = root / "facts", root / "docs", root / "site"
    inputs = root / "inputs"
    inputs.mkdir(exist_ok=True)
    (inputs / "probe.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n"
                                                for a in (hostile_article(), probe_article())), encoding="utf-8")
    paths = [ROOT / "data" / "articles", inputs]
    if with_shared and (SHARED / "corpus" / "articles").is_dir():
        paths.append(SHARED / "corpus" / "articles")
    report = extract_all(iter_articles(paths), facts)
    if not report.ok:
        raise AssertionError(f"extraction failed: {report.errors}")
    facts.mkdir(exist_ok=True)
    (facts / f"{HOSTILE_ID}.yaml").write_text(yamlio.dump(hostile_sheet().to_dict()), encoding="utf-8")
    gathered, _ = render_site(facts, docs)
    if gathered.problems:
        raise AssertionError(f"render problems: {gathered.problems}")
    log = mkdocs_build(root, site)
    return BuiltSite(root=root, facts=facts, docs=docs, site=site, build_log=log)


_CACHE: dict[str, BuiltSite] = {}


def built_site(tmp_path_factory) -> BuiltSite:
    """The session's one built site (built on first use)."""
    if "site" not in _CACHE:
        _CACHE["site"] = build(tmp_path_factory.mktemp("built-site"))
    return _CACHE["site"]


class _Handler(SimpleHTTPRequestHandler):
    """Static files, quietly; the LinkChecker header lets linkchecker check this local server at full speed."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local test server")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free localhost port (search needs http, not file://)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
