"""Pages across sheets: stories and disagreements, and the disagreements shown on each sheet.

A separate piece of the render step: :func:`corpus_pages` takes the gathered sheets and the
registry (the render step reads it; see :func:`generator.render.render_site`), finds the
stories, and returns the extra pages plus what each sheet page needs (:class:`CorpusView`).

What is found (the stories, the disagreements, each completed with every article of the story
that gives the disputed count) is :mod:`generator.corpus.stories`'s; here it is only worded and
laid out: :func:`conflict_heading` words the headings ("How many residents", "Who said “…”").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.corpus.registry import Registry, build_registry
from generator.corpus.stories import Claim, Conflict, Corpus, analyse_corpus, claim_figure
from generator.model import FactSheet
from generator.render import pictures

log = logging.getLogger(__name__)

STORIES_DIR = "stories"


@dataclass
class CorpusView:
    """What the templates get: the corpus and look-ups by sheet id."""

    corpus: Corpus
    titles: dict[str, str]
    sources: dict[str, str]

    def conflicts_for(self, sheet_id: str) -> list[Conflict]:
        return self.corpus.conflicts_for(sheet_id)

    def other_speakers(self, sheet_id: str, number: int) -> list[tuple[Conflict, list[Claim]]]:
        """For quote ``number`` (1-based, as the pages number them) of a sheet: each disagreement on who
        said it, with the claims of the other articles that give the words to someone else."""
        out = []
        for c in self.corpus.conflicts_for(sheet_id):
            if c.kind != "quote":
                continue
            mine = next((cl for cl in c.claims if cl.sheet == sheet_id and cl.index == number - 1), None)
            if mine is None:
                continue
            others = [cl for cl in c.claims if cl.sheet != sheet_id and cl.speaker != mine.speaker]
            if others:
                out.append((c, others))
        return out


def corpus_pages(sheets: list[FactSheet], env: jinja2.Environment, docs_dir: Path,
                 registry: Registry | None = None) -> tuple[CorpusView, dict[Path, str]]:
    """The stories and disagreements pages, and the view the sheet pages use for their warnings.

    ``registry``: the one the people, organisations and places pages are made from (the render
    step reads it once for both); else one is built from the sheets alone, in memory.
    """
    registry = registry if registry is not None else build_registry(sheets)
    by_id = {s.id: s for s in sheets}
    corpus = analyse_corpus(sheets, registry)
    view = CorpusView(corpus=corpus, titles={s.id: s.title for s in sheets},
                      sources={s.id: " · ".join(x for x in (s.source.name, (s.source.published or "")[:10]) if x)
                               for s in sheets})
    names = {e.id: e.name for e in registry.entries}
    counts: dict[str, int] = {}
    for c in corpus.conflicts:
        if c.story:
            counts[c.story] = counts.get(c.story, 0) + 1
    headings = {c.id: conflict_heading(c, by_id) for c in corpus.conflicts}
    # the sheet pages print their share of the disagreements with the same headings
    env.globals["conflict_heading"] = lambda c: headings.get(c.id) or conflict_heading(c, by_id)
    env.globals["claims_on_sheet"] = claims_on_sheet

    def source_label(sid: str) -> str:
        return view.sources.get(sid) or view.titles.get(sid, sid)

    charts = {c.id: pictures.figure_chart(c.id, headings[c.id], c.claims, source_label)
              for c in corpus.conflicts if c.kind == "figure"}
    timelines = {s.id: pictures.story_timeline(s.id, s.sheets, by_id, lambda sheet: source_label(sheet.id))
                 for s in corpus.stories}
    context = {"corpus": corpus, "titles": view.titles, "sources": view.sources, "names": names,
               "conflict_counts": counts, "headings": headings, "charts": charts, "timelines": timelines}
    pages = {
        docs_dir / STORIES_DIR / "index.md": env.get_template("stories.md.j2").render(**context),
        docs_dir / STORIES_DIR / "disagreements.md": env.get_template("disagreements.md.j2").render(**context),
    }
    log.info("%d stories, %d disagreements", len(corpus.stories), len(corpus.conflicts))
    return view, pages


# --- disagreements, as the reader sees them -------------------------------------------------------------


#: a sheet page lists at most this many claims of a disagreement (the disagreements page has them all)
SHEET_CLAIMS = 6


def claims_on_sheet(conflict: Conflict, sheet_id: str, limit: int = SHEET_CLAIMS) -> tuple[list[Claim], int]:
    """The claims a sheet's warning lists, and how many more there are: all of them up to ``limit``;
    beyond, the sheet's own and the first others, in the disagreement's order. A story retold by a
    hundred outlets would otherwise print a hundred claims on each of its hundred sheets (the pages
    growing with the square of the story)."""
    claims = list(conflict.claims)
    if len(claims) <= limit:
        return claims, 0
    own = [cl for cl in claims if cl.sheet == sheet_id]
    others = [cl for cl in claims if cl.sheet != sheet_id][: max(limit - len(own), 1)]
    keep = {id(cl) for cl in own + others}
    shown = [cl for cl in claims if id(cl) in keep]
    return shown, len(claims) - len(shown)


#: a heading quotes at most this many characters of the words in dispute
HEADING_CHARS = 64
_CLAUSE_END = re.compile(r"[,;:–—]\s")


def quoted_words(text: str, limit: int = HEADING_CHARS) -> str:
    """The start of a quote for a heading: whole when short, else cut at a word (at a clause when one ends
    late enough), with an ellipsis; never in the middle of a word."""
    words = " ".join(text.split()).strip(" \"'“”‘’")
    if len(words) <= limit:
        return words.rstrip(" ,;:")
    head = words[: limit + 1]
    clause = [m.start() for m in _CLAUSE_END.finditer(head) if m.start() >= limit // 2]
    if clause:
        head = head[: clause[-1]]
    else:
        space = head.rfind(" ")
        head = head[:space] if space > 0 else words[:limit]
    return head.rstrip(" ,;:–—-") + "…"


def conflict_heading(conflict: Conflict, sheets: dict[str, FactSheet]) -> str:
    """A disagreement's heading: "How many residents", "How much revenue", "Who said “We were lucky…”"."""
    if conflict.kind == "figure":
        figures = [f for cl in conflict.claims if (f := claim_figure(cl, sheets)) is not None]
        counts = next((f.counts.strip() for f in figures if f.counts and f.counts.strip()), None)
        unit = next((f.unit for f in figures if f.unit), None)
        if counts:
            return f"How {'much' if unit else 'many'} {counts}"
        return f"How much, in {unit}" if unit else f"How many: {conflict.topic}"
    words = conflict.claims[0].text if conflict.claims else conflict.topic
    return f"Who said \u201c{quoted_words(words)}\u201d"
