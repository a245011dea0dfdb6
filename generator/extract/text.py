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


HARD_WRAP = 50  # as in generator.nlp: a line this long that ends mid-sentence was wrapped by an editor
_LINE_END = (".", "!", "?", '"', "\u201d", ":")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs, with the sentence splitter's notion of a break.

    A blank line always ends a paragraph; a single line break does too unless the line before it
    is long and ends mid-sentence (hard-wrapped text). Ranges exclude the surrounding whitespace.
    """
    out: list[tuple[int, int]] = []
    start = pos = 0
    while (nl := text.find("\n", pos)) >= 0:
        line = text[pos:nl].rstrip()
        if len(line) < HARD_WRAP or line.endswith(_LINE_END):
            out.append((start, nl))
            start = nl + 1
        pos = nl + 1
    out.append((start, len(text)))
    spans = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans
