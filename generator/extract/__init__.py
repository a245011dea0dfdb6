"""From a parsed spaCy ``Doc`` to a :class:`~generator.model.FactSheet`.

Each extractor is a small pure function over the ``Doc`` (and what earlier extractors
found); none touches files or global state. :func:`analyse` runs them in order:
entities first (quotes resolve speakers against them), then quotes, figures and dates,
and last the key facts, which are ranked using everything else.

Importing this package loads nothing heavy: the extractors (and spaCy) are imported when
:func:`analyse` first runs, so ``import generator.extract.figures.numbers`` needs no spaCy.
One folder per task: ``quotes/``, ``figures/``, ``dates/``, ``entities/``; ``keyfacts`` ranks
the claims; ``doc`` holds what they share over a ``Doc``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from generator.errors import NO_SPEAKER, Problem
from generator.model import Article, FactSheet, Generated
from generator.sheets.provenance import TOOL, content_hash

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from generator.model import Quote

__all__ = ["TOOL", "analyse", "content_hash", "publication_date", "sheet_warnings"]


def publication_date(article: Article) -> dt.date | None:
    value = article.source.published
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def analyse(doc: Doc, article: Article, *, pipeline: str, now: str | None = None) -> FactSheet:
    """The fact sheet of one article, from its parsed text."""
    from generator.extract.dates.dates import extract_dates
    from generator.extract.entities.entities import extract_entities
    from generator.extract.figures.figures import extract_figures, headline_repeats
    from generator.extract.keyfacts import rank_facts, summary_of
    from generator.extract.quotes.quotes import extract_quotes

    index = extract_entities(doc)
    quotes = extract_quotes(doc, index)
    figures = headline_repeats(article.text, article.title, extract_figures(doc))
    dates = extract_dates(doc, publication_date(article))
    facts = rank_facts(doc, title=article.title, quotes=quotes, figures=figures, dates=dates, entities=index,
                       published=publication_date(article))
    warnings = [w.message for w in sheet_warnings(quotes, where=None)]
    return FactSheet(
        id=article.id,
        title=article.title,
        summary=summary_of(facts),
        source=article.source,
        generated=Generated(tool=TOOL, pipeline=pipeline, content_hash=content_hash(article), at=now),
        facts=tuple(facts),
        quotes=tuple(quotes),
        figures=tuple(figures),
        dates=tuple(dates),
        entities=tuple(index.entities),
        warnings=tuple(warnings),
    )


def sheet_warnings(quotes: Sequence[Quote], *, where: str | None) -> list[Problem]:
    """The warnings of a sheet, as records: a quote nobody could be found to have said.

    The sheet's ``warnings`` list holds their messages (``quote 2: no speaker found for “…”``); the
    records also say which article (``where``) and of what kind, so a run can count them by kind.
    """
    return [Problem(f"quote {i + 1}: no speaker found for \u201c{_short(q.text)}\u201d", path=where,
                    kind=NO_SPEAKER, severity="warning")
            for i, q in enumerate(quotes) if not q.speaker]


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"
