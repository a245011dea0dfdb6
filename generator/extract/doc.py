"""What the extractors share over a parsed ``Doc``: its text, clean sentence text, boilerplate lines,
and a table of token attributes.

The table: per-document token attributes as plain Python lists, read once with ``Doc.to_array``.

Creating a spaCy ``Token`` object costs microseconds; a loop over every token of every
document, repeated by several passes, costs more than the extraction itself. The entity and
quote extractors read attributes from a :class:`DocTable` instead and build ``Token`` objects
only for the few positions they then inspect (cues, speakers, names).
"""

from __future__ import annotations

import re

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span

from generator.extract.lexicon import MONTHS, WEEKDAY_ABBREVIATIONS, WEEKDAY_NAMES, forms_pattern

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


def span_text(span: Span) -> str:
    """``span.text``, cut from the document's text (read once): ``Span.text`` builds every token."""
    return doc_text(span.doc)[span.start_char:span.end_char] if len(span) else ""


def sentence_text(span: Span) -> str:
    """A sentence's text on one line, as a reader would quote it."""
    return " ".join(span_text(span).split())


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


HARD_WRAP = 50  # as in generator.pipeline.nlp: a line this long that ends mid-sentence was wrapped by an editor
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


# --- story text versus page furniture (bylines, datelines, time stamps, credits, captions) -------------

_MONTH = rf"(?:{forms_pattern(MONTHS)})\.?"
#: a weekday as a page prints it: a short form or the name without its "day" ("wednes"), then "day" or not
_WEEKDAY_BASES = {**{name.removesuffix("day"): k for k, name in enumerate(WEEKDAY_NAMES)}, **WEEKDAY_ABBREVIATIONS}
_WEEKDAY = rf"(?:{forms_pattern(_WEEKDAY_BASES)})(?:day)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}T?|EST|EDT|GMT|BST|CET|UTC|ET|PT))?"
#: a date as a page prints it above or below a story: "Friday, July 21, 2017", "21 July 2017 14:03 GMT"
DATE_STAMP = re.compile(
    rf"(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})(?:,?\s*(?:at\s+)?{_CLOCK})?", re.I)
_DATE_LINE = re.compile(rf"^\W*(?:(?:updated|published|posted|last updated)\s*:?\s*)?(?:{DATE_STAMP.pattern})\W*$",
                        re.I)
#: what page furniture says of itself, matched against a whole sentence; the name says why it is not story
_FURNITURE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("byline", re.compile(r"^(?i:by)\s*[.:]?\s+(?:(?:[A-Z][\w'’.-]*|and|&|de|van|von|al|in|,)\s*){1,10}[.,]?$"
                          r"|^(?i:by)\s*\.\s+[^.]{2,60}\s\.(?:\s|$)|^(?i:story|words|reporting) by\b")),
    ("time stamp", re.compile(rf"^\W*(?:published|updated|last updated|last modified|posted)\b\s*(?:at|on)?\s*:?"
                              rf"\s*\.?\s*(?:{_CLOCK}|{DATE_STAMP.pattern})", re.I)),
    ("time stamp", _DATE_LINE),
    ("credit", re.compile(r"(?:^|[\s(.])(?:photo|photograph|picture|image|video|graphic|illustration|map|credit|"
                          r"source|footage|pictures)s?\s*(?:credit)?\s*:\s*[^.:]{0,80}\.?\)?$|©|\(c\)\s*\d{4}"
                          r"|\b(?:getty images|afp/getty|ap photo|reuters/[A-Z])", re.I)),
    ("caption", re.compile(r"^(?:pictured|above|below|left|right|top|bottom|inset|file photo|caption)\s*[:(-]"
                           r"|\((?:pictured|left|right|centre|center|above|below|inset)\)\s*\.?$", re.I)),
    ("call to action", re.compile(r"^\W*(?:scroll down|click here|read more|read the rest|see also|related\s*:|"
                                  r"more\s*:|watch\s*:|watch the video|follow (?:us|@|him|her|the)|sign up|"
                                  r"subscribe|share this|e-?mail to a friend|advertisement\b|listen\s*:|download)",
                                  re.I)),
    ("notice", re.compile(r"^\W*(?:editor'?s?’?s? note|all rights reserved|copyright\b|this (?:story|article) "
                          r"(?:has been|was) (?:updated|corrected)|correction\s*:)"
                          r"|\bcontributed (?:reporting )?to this (?:report|story|article)\s*\.?$"
                          r"|\bthe (?:opinions|views) expressed in this (?:commentary|article|column)", re.I)),
)
#: furniture in front of the first words of a story: "LONDON (Reuters) -", "(CNN) --", bylines, time stamps
_LEADING_FURNITURE: tuple[re.Pattern[str], ...] = (
    re.compile(r"^(?i:by)\s*\.\s+[^.]{2,60}?\s\.\s+"),  # "By . Jane Doe . "
    re.compile(rf"^\W*(?:published|updated|last updated|last modified|posted)\s*(?:at|on)?\s*:?\s*\.?\s*"
               rf"(?:{_CLOCK},?\s*(?:on\s+)?)?(?:{DATE_STAMP.pattern})?\s*\.?\s*\|?\s*\.?\s*", re.I),
    re.compile(rf"^(?:{DATE_STAMP.pattern})\s*[.:|-]?\s+(?=[A-Z])", re.I),
    re.compile(r"^(?:[A-Z][\w.'’-]*,?\s+){1,4}\((?:CNN|Reuters|AP|AFP|UPI|Bloomberg|dpa|PA|[A-Z][\w .]{1,25})\)"
               r"\s*(?:--|—|–|-|:)\s*"),
    re.compile(r"^\((?:CNN|Reuters|AP|AFP|UPI)\)\s*(?:--|—|–|-|:)?\s*"),
    re.compile(rf"^[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][\w.'’-]*){{0,3}}(?:,?\s+(?i:{_MONTH})\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
               r"(?:\s*\([A-Z][\w .]{1,25}\))?\s*(?:--|—|–|-)\s+(?=[A-Z\"“‘'])"),  # ("CLEVELAND, July 19 (UPI) —")
)


def furniture(text: str) -> str | None:
    """Why a sentence is page furniture rather than story ("byline", "credit", ...), or None."""
    text = " ".join(text.split())
    for reason, pattern in _FURNITURE:
        if pattern.search(text):
            return reason
    return None


def leading_furniture(text: str) -> int:
    """How many characters at the start of ``text`` are a dateline, byline or time stamp (0 if none)."""
    end = 0
    progress = True
    while progress:
        progress = False
        for pattern in _LEADING_FURNITURE:
            m = pattern.match(text[end:])
            if m and m.end() and end + m.end() < len(text):
                end += m.end()
                progress = True
    return end


TEXT_KEY = "factsheet.text"  # where doc_text keeps the text in Doc.user_data


def doc_text(doc: Doc) -> str:
    """The document's text, read once: spaCy rebuilds ``Doc.text`` from every token on each read."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def paragraph_numbers(doc: Doc, sents: list[Span]) -> list[int]:
    """For each sentence, the number of the paragraph it is in (a line break starts a paragraph)."""
    out: list[int] = []
    number = 0
    prev_end = 0
    text = doc_text(doc)
    for s in sents:
        if out and "\n" in text[prev_end:s.start_char]:
            number += 1
        out.append(number)
        prev_end = s.end_char
    return out


def whole_sentences(doc: Doc) -> list[Span]:
    """Like :func:`sentences`, but a quotation mark or bracket the parser left on its own is put
    back: a closing one (right after a sentence, on the same line) ends that sentence, an opening
    one (``"`` then ``It is good ...``) starts the next."""
    out: list[Span] = []
    pending: int | None = None
    text = doc_text(doc)
    for s in sentences(doc):
        if all(t.is_punct for t in s) and s[-1].text in {'"', "“", "”", "‘", "’", "'", "(", ")", "[", "]"}:
            gap = text[out[-1].end_char:s.start_char] if out else "\n"
            if out and pending is None and "\n" not in gap and s[0].text not in {"“", "‘", "(", "["}:
                out[-1] = doc[out[-1].start:s.end]
            else:
                pending = s.start if pending is None else pending
            continue
        out.append(doc[pending:s.end] if pending is not None else s)
        pending = None
    return out

_ATTRS = [ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, IDX, SENT_START, ENT_IOB, SPACY, IS_PUNCT, IS_SPACE,
          IS_STOP, IS_ALPHA]


class DocTable:
    """Columns of token attributes, sentence bounds and children lists of one parsed document."""

    def __init__(self, doc: Doc):
        self.doc = doc
        n = len(doc)
        self.n = n
        if n == 0:
            self.text = self.lower = self.lemma = self.pos = self.tag = self.dep = self.ent_type = []
            self.head, self.idx, self.sent_of, self.sents, self.ent_iob = [], [], [], [], []
            self.lex_punct = self.lex_space = self.lex_stop = self.lex_alpha = []
            self.string = doc_text(doc)
            return
        arr = doc.to_array(_ATTRS)
        strings = doc.vocab.strings
        cols = arr.T.tolist()
        heads = arr[:, 6].astype(np.int64).tolist()  # relative offsets, negative ones wrapped in uint64
        starts_col = arr[:, 9].astype(np.int64).tolist()

        def names(k: int) -> list[str]:
            col = cols[k]
            words = {h: strings[h] if h else "" for h in set(col)}  # each distinct string looked up once
            return [words[h] for h in col]

        self.text = names(0)
        self.lower = names(1)
        self.lemma = [x.lower() for x in names(2)]
        self.pos = names(3)
        self.tag = names(4)
        self.dep = names(5)
        self.head = [i + rel for i, rel in enumerate(heads)]
        self.ent_type = names(7)
        self.idx = cols[8]
        self.ent_iob = cols[10]  # 3 begins an entity, 1 is inside one, 2 outside, 0 unset
        # the lexical flags of Token.is_punct, is_space, is_stop, is_alpha (not the part of speech), 1 or 0
        self.lex_punct, self.lex_space, self.lex_stop, self.lex_alpha = cols[12:16]
        # the text from the columns: Doc.text builds a Token object per token on every access
        self.string = "".join([w + " " if sp else w for w, sp in zip(self.text, cols[11], strict=True)])
        doc.user_data.setdefault(TEXT_KEY, self.string)  # the same as Doc.text, which doc_text would build again
        starts = [i for i, s in enumerate(starts_col) if s == 1 or i == 0]
        self.sents = [(a, b) for a, b in zip(starts, [*starts[1:], n], strict=True)]
        self.sent_of = [0] * n
        for k, (a, b) in enumerate(self.sents):
            self.sent_of[a:b] = [k] * (b - a)
        self._children: list[list[int]] | None = None
        self._furniture: frozenset[int] | None = None

    @property
    def children(self) -> list[list[int]]:
        if self._children is None:
            kids: list[list[int]] = [[] for _ in range(self.n)]
            for i, h in enumerate(self.head):
                if h != i:
                    kids[h].append(i)
            self._children = kids
        return self._children

    @property
    def furniture(self) -> frozenset[int]:
        """The tokens of a dateline, byline or time stamp in front of a paragraph's first sentence ("WASHINGTON
        (AP) —", "CLEVELAND, July 19 (UPI) —"): page furniture, never a speaker or the subject of a claim."""
        if self._furniture is None:
            out: set[int] = set()
            text = self.string
            for a, b in self.sents:
                start, end = self.idx[a], self.idx[b - 1] + len(self.text[b - 1])
                back = start
                while back > 0 and text[back - 1] in " \t":
                    back -= 1
                if back == 0 or text[back - 1] == "\n":  # the first sentence of a paragraph
                    cut = start + leading_furniture(text[start:end])
                    out.update(i for i in range(a, b) if self.idx[i] < cut)
            self._furniture = frozenset(out)
        return self._furniture

    def sent_bounds(self, i: int) -> tuple[int, int]:
        """(start, end) token offsets of the sentence holding token ``i``."""
        return self.sents[self.sent_of[i]]

    def span_text(self, start: int, end: int) -> str:
        """The text of tokens [start, end), as in the document."""
        if start >= end:
            return ""
        return self.string[self.idx[start]:self.idx[end - 1] + len(self.text[end - 1])]

    def is_punct(self, i: int) -> bool:
        return self.pos[i] == "PUNCT"
