"""Helpers over a Doc shared by the extractors: clean sentence text, boilerplate lines."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

_CREDIT = re.compile(r"^(?:credit|photo|picture|image|source|caption|video|watch|read more|read the rest)\b.*$"
                     r"|(?:credit|photograph|photo|image)s?\s*:\s*[^.]*$|©|\(c\)\s*\d{4}", re.I)


def strip_span(span: Span) -> Span:
    """The span without leading and trailing whitespace tokens."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def sentence_text(span: Span) -> str:
    """A sentence's text on one line, as a reader would quote it."""
    return " ".join(span.text.split())


def is_boilerplate(sent: Span) -> bool:
    """Photo credits, captions and similar lines that are not part of the story."""
    text = sentence_text(sent)
    return bool(_CREDIT.search(text))


def sentences(doc: Doc) -> list[Span]:
    """Every non-empty sentence, stripped of surrounding whitespace."""
    out = []
    for s in doc.sents:
        s = strip_span(s)
        if len(s):
            out.append(s)
    return out
