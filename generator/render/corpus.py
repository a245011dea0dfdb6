"""Pages across sheets: stories and disagreements, and the disagreements shown on each sheet.

A separate piece of the render step: :func:`corpus_pages` takes the gathered sheets and the
registry (the render step reads it; see :func:`generator.render.render_site`), finds the
stories, and returns the extra pages plus what each sheet page needs (:class:`CorpusView`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.corpus.registry import Registry, build_registry
from generator.corpus.stories import Conflict, Corpus, analyse_corpus
from generator.model import FactSheet

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


def corpus_pages(sheets: list[FactSheet], env: jinja2.Environment, docs_dir: Path,
                 registry: Registry | None = None) -> tuple[CorpusView, dict[Path, str]]:
    """The stories and disagreements pages, and the view the sheet pages use for their warnings.

    ``registry``: the one the people, organisations and places pages are made from (the render
    step reads it once for both); else one is built from the sheets alone, in memory.
    """
    registry = registry if registry is not None else build_registry(sheets)
    corpus = analyse_corpus(sheets, registry)
    view = CorpusView(corpus=corpus, titles={s.id: s.title for s in sheets},
                      sources={s.id: " · ".join(x for x in (s.source.name, (s.source.published or "")[:10]) if x)
                               for s in sheets})
    names = {e.id: e.name for e in registry.entries}
    counts: dict[str, int] = {}
    for c in corpus.conflicts:
        if c.story:
            counts[c.story] = counts.get(c.story, 0) + 1
    context = {"corpus": corpus, "titles": view.titles, "sources": view.sources, "names": names,
               "conflict_counts": counts}
    pages = {
        docs_dir / STORIES_DIR / "index.md": env.get_template("stories.md.j2").render(**context),
        docs_dir / STORIES_DIR / "disagreements.md": env.get_template("disagreements.md.j2").render(**context),
    }
    log.info("%d stories, %d disagreements", len(corpus.stories), len(corpus.conflicts))
    return view, pages
