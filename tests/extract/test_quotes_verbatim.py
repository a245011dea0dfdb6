"""Quotes are verbatim by construction, on every shared corpus (issue 13).

A fact-checker copies a quote from a sheet: its ``text`` must be exactly the article's characters
at its ``span`` (and a partial quote's ``clause`` those at its ``clause_span``), never words glued
from several places. The source sentence shown with a quote keeps the quote's closing mark.
Each corpus is sampled (articles with quotation marks, spread over the file) to keep this near a
minute on a small machine; the whole corpora are checked by scripts/gates.py's extraction runs.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from generator.extract.quotes.marks import DOUBLE_CLOSE, SINGLE_CLOSE

pytestmark = pytest.mark.slow

# (corpus, input under SHARED/corpus, articles sampled)
CORPORA = [
    ("seed", "articles", 5),
    ("polnear-dev", "polnear-dev/articles.jsonl", 20),
    ("polnear-train", "polnear-train/articles.jsonl", 25),
    ("gum-news", "gum-news/articles.jsonl", 8),
    ("cnn-train", "cnn-train/articles.jsonl", 12),
]
_MARKS = set("\"\u201c\u201d\u2018\u2019'") | set(DOUBLE_CLOSE + SINGLE_CLOSE)
_SPREAD = 7  # take every 7th article that quotes someone, so a sample is not one outlet's style


def _sample(path: Path, n: int):
    from generator.inputs.files import iter_articles

    quoting = (a for a in iter_articles([path]) if hasattr(a, "text") and ("\u201c" in a.text or '"' in a.text))
    return list(itertools.islice(itertools.islice(quoting, 0, None, _SPREAD if path.suffix == ".jsonl" else 1), n))


@pytest.mark.parametrize(("name", "where", "n"), CORPORA, ids=[c[0] for c in CORPORA])
def test_every_quote_and_clause_is_a_slice_of_its_article(shared, nlp, name, where, n):
    from generator.extract import analyse
    from generator.pipeline.nlp import pipeline_name

    articles = _sample(shared / "corpus" / where, n)
    assert articles, f"no article with quotation marks in {where}"
    checked = 0
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        text = article.text
        for q in analyse(doc, article, pipeline=pipeline_name(nlp)).quotes:
            a, b = q.span
            assert q.text == text[a:b], f"{name} {article.id}: {q.text!r} is not the article at {q.span}"
            if q.clause is not None:
                c, d = q.clause_span
                assert q.clause == text[c:d], f"{name} {article.id}: clause {q.clause!r} is not the article at {c, d}"
                assert c <= a and b <= d, f"{name} {article.id}: clause {q.clause!r} does not hold {q.text!r}"
            if q.kind != "reported" and b < len(text) and text[b] in _MARKS and q.sentence:
                assert " ".join(q.text.split()) + text[b] in q.sentence, \
                    f"{name} {article.id}: the sentence of {q.text!r} lost its closing mark: {q.sentence!r}"
            checked += 1
    assert checked, f"no quote found in the {name} sample"
