"""Quotation marks: which characters open and close a quotation, and what they enclose.

Works on the raw text, before any parsing. Each mark is classified by the characters around
it (a mark after a space and before a letter opens; one after a letter or punctuation and
before a space or punctuation closes), so straight quotes pair as well as curly ones and a
curly mark typed the wrong way round still pairs. Double marks (“ ” " „ « ») and single ones
(‘ ’ ' ‹ ›) are paired separately, doubles first; single marks inside a double quotation are
nested quotations and are left alone. A single mark between letters (don’t), before a decade
(’90s) or after a plural (countries’) is an apostrophe unless nothing else can close an open
single quotation.

An opening mark with no closing one in its paragraph either continues into the next
paragraph (news style: a quotation running over paragraphs repeats the opening mark at each
paragraph and closes only at the end) or runs to the end of its paragraph; either way a
stray mark costs at most one quotation, never the rest of the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.doc import paragraph_spans

DOUBLE_OPEN = "\u201c\u201e\u201f\u00ab"  # “ „ ‟ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018\u201a\u201b\u2039"  # ‘ ‚ ‛ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
DOUBLE = DOUBLE_OPEN + DOUBLE_CLOSE + '"'
SINGLE = SINGLE_OPEN + SINGLE_CLOSE + "'"
MARKS = DOUBLE + SINGLE

_BEFORE_OPEN = "([{<\u2014\u2013-/:;\u2026*"  # characters after which a mark may open a quotation
_AFTER_CLOSE = ".,;:!?)]}>\u2014\u2013-\u2026*/"  # characters before which a mark may close one
_ELISIONS = re.compile(r"(?:\d0s|\d\ds?|em|til|cause|tis|twas|n)\b", re.I)

#: "PENCE: ..." at the start of a paragraph of a transcript: the speaker's name in capitals and a colon
SPEAKER_LABEL = re.compile(r"[A-Z][A-Z.'\- ]{1,40}:\s")

_FILLER = "\x01"  # stands for the second character of a two-character mark while scanning

OPEN, CLOSE, EITHER, WEAK_CLOSE = "open", "close", "either", "weak-close"


@dataclass(frozen=True, slots=True)
class Quoted:
    """A quotation in the text: the words between its marks, as character ranges.

    ``pieces`` holds one (start, end) range per paragraph the quotation runs over; ``start`` and
    ``end`` bound them all. ``closed`` is False when the closing mark is missing.
    """

    start: int
    end: int
    pieces: tuple[tuple[int, int], ...]
    family: str  # "double" or "single"
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark, if any

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    def text(self, source: str) -> str:
        """The quoted words; the paragraphs of a multi-paragraph quotation joined by a space."""
        return " ".join(" ".join(source[s:e].split()) for s, e in self.pieces)

    def split(self, source: str) -> tuple[Quoted, ...]:
        """One quotation per paragraph piece, each a contiguous range of the text.

        A quotation running over paragraphs repeats its opening mark at each paragraph and closes
        once, at the end: piece k opens at the mark that starts its paragraph and only the last
        piece closes. The pieces are one utterance; the caller links them, never glues them.
        """
        if len(self.pieces) == 1:
            return (self,)
        out = []
        last = len(self.pieces) - 1
        for k, (s, e) in enumerate(self.pieces):
            open_at = self.open_at if k == 0 else _mark_before(source, s)
            out.append(Quoted(s, e, ((s, e),), self.family, open_at, self.close_at if k == last else None))
        return tuple(out)


def _mark_before(source: str, i: int) -> int:
    """The offset of the quotation mark right before ``i`` (whitespace aside), or ``i - 1``."""
    j = i - 1
    while j >= 0 and source[j].isspace():
        j -= 1
    return j if j >= 0 and source[j] in MARKS else max(0, i - 1)


def _role(text: str, i: int, family: str) -> str | None:
    """How the mark at ``text[i]`` can act: OPEN, CLOSE, EITHER, WEAK_CLOSE, or None (not a mark)."""
    ch = text[i]
    j = i - 1
    while j >= 0 and text[j] == _FILLER:
        j -= 1
    k = i + 1
    while k < len(text) and text[k] == _FILLER:
        k += 1
    p = text[j] if j >= 0 else ""
    n = text[k] if k < len(text) else ""
    p_gap = p == "" or p.isspace()
    n_gap = n == "" or n.isspace()
    if family == "single":
        if p.isalnum() and n.isalnum():
            return None  # don’t, O’Brien
        if (p_gap or p in _BEFORE_OPEN) and _ELISIONS.match(text, i + 1):
            return None  # ’90s, ’em
        if p.isdigit() and (n_gap or n in _AFTER_CLOSE):
            return None  # 5' (feet)
    opens = (p_gap or p in _BEFORE_OPEN or p in MARKS) and not n_gap
    closes = not p_gap and (n_gap or n in _AFTER_CLOSE or n in MARKS)
    if family == "single" and closes and not opens and p.isalpha() and n_gap:
        return WEAK_CLOSE  # 'anyone' said, or countries’ borders
    if opens and closes:
        opens = ch not in DOUBLE_CLOSE + SINGLE_CLOSE
        closes = ch not in DOUBLE_OPEN + SINGLE_OPEN
        if opens and closes:
            return EITHER
    if opens:
        return OPEN
    if closes:
        return CLOSE
    if ch in DOUBLE_OPEN + SINGLE_OPEN:
        return OPEN if family == "double" else None
    if ch in DOUBLE_CLOSE:
        return CLOSE
    if ch == '"':
        return EITHER
    return None


_FIND = {"double": re.compile("[" + re.escape(DOUBLE) + "]"), "single": re.compile("[" + re.escape(SINGLE) + "]")}


def _marks(text: str, start: int, end: int, family: str) -> list[tuple[int, str]]:
    out = []
    for m in _FIND[family].finditer(text, start, end):
        role = _role(text, m.start(), family)
        if role is not None:
            out.append((m.start(), role))
    return out


def _inner(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The range between two marks without surrounding whitespace, or None when it has no word."""
    while a < b and (text[a].isspace() or text[a] == _FILLER):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == _FILLER):
        b -= 1
    if not any(c.isalnum() for c in text[a:b]):
        return None
    return a, b


def _pair_double(text: str, paras: list[tuple[int, int]]) -> list[Quoted]:
    out: list[Quoted] = []
    carry: tuple[int, list[tuple[int, int]]] | None = None  # (first opening mark, pieces so far)
    for k, (ps, pe) in enumerate(paras):
        marks = _marks(text, ps, pe, "double")
        pending: int | None = None
        if carry is not None and marks and marks[0][0] == ps and marks[0][1] in (OPEN, EITHER) \
                and SPEAKER_LABEL.match(text, ps + 1):
            _flush(out, carry, None)  # a transcript: each speaker's turn is its own quotation
            carry = None
        if carry is not None:
            if marks and marks[0][0] == ps and marks[0][1] in (OPEN, EITHER):
                pending = marks[0][0]  # the repeated opening mark of a continued quotation
                marks = marks[1:]
            else:
                carry = None
        for pos, role in marks:
            if pending is None:
                if role in (OPEN, EITHER):
                    pending = pos
                continue  # a stray closing mark
            if role in (CLOSE, EITHER):
                piece = _inner(text, pending + 1, pos)
                if carry is not None:
                    first, pieces = carry
                    if piece:
                        pieces.append(piece)
                    if pieces:
                        out.append(Quoted(pieces[0][0], pieces[-1][1], tuple(pieces), "double", first, pos))
                    carry = None
                elif piece:
                    out.append(Quoted(piece[0], piece[1], (piece,), "double", pending, pos))
                pending = None
            else:
                carry = None  # an opening mark that never closed: drop it, start again here
                pending = pos
        if pending is None:
            continue
        piece = _inner(text, pending + 1, pe)
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        # the next paragraph opens with the same kind of mark (a stray straight mark does not run on
        # into a paragraph that opens with a curly one)
        continues = nxt is not None and _same_style(text[pending], text[nxt[0]]) \
            and _role(text, nxt[0], "double") in (OPEN, EITHER)
        if carry is None:
            carry = (pending, [])
        if piece:
            carry[1].append(piece)
        if not continues:
            _flush(out, carry, None)
            carry = None
    return out


def _same_style(a: str, b: str) -> bool:
    return b in DOUBLE and (a == '"') == (b == '"')


def _flush(out: list[Quoted], carry: tuple[int, list[tuple[int, int]]], close_at: int | None) -> None:
    first, pieces = carry
    if pieces:
        out.append(Quoted(pieces[0][0], pieces[-1][1], tuple(pieces), "double", first, close_at))


def _pair_single(text: str, paras: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Quoted]:
    """Single-mark quotations outside the double ones; an unclosed single mark is an apostrophe."""
    out: list[Quoted] = []

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in taken)

    for ps, pe in paras:
        marks = [(p, r) for p, r in _marks(text, ps, pe, "single") if not inside(p)]
        i = 0
        while i < len(marks):
            pos, role = marks[i]
            if role not in (OPEN, EITHER):
                i += 1
                continue
            strong = next((j for j in range(i + 1, len(marks)) if marks[j][1] in (CLOSE, EITHER)), None)
            weak = [j for j in range(i + 1, len(marks)) if marks[j][1] == WEAK_CLOSE
                    and (strong is None or j < strong)]
            if strong is not None:
                j = strong
            elif weak:
                plain = [j for j in weak if text[marks[j][0] - 1] not in "sz"]
                j = plain[0] if plain else weak[-1]
            else:
                i += 1
                continue
            piece = _inner(text, pos + 1, marks[j][0])
            if piece:
                out.append(Quoted(piece[0], piece[1], (piece,), "single", pos, marks[j][0]))
            i = j + 1
    return out


def find_quoted(text: str, paras: list[tuple[int, int]] | None = None) -> list[Quoted]:
    """Every quotation in ``text``, outermost only, in text order."""
    paras = paras if paras is not None else paragraph_spans(text)
    # two single marks used as a double one ('' ... '' or `` ... ''): scan them as one straight mark
    text = text.replace("''", '"' + _FILLER).replace("``", '"' + _FILLER)
    doubles = _pair_double(text, paras)
    taken = [(q.open_at, (q.close_at if q.close_at is not None else q.end) + 1) for q in doubles]
    singles = _pair_single(text, paras, taken)
    # a double quotation nested inside a single one (British style) belongs to the outer one
    outer = [(q.open_at, q.close_at + 1) for q in singles if q.close_at is not None]
    doubles = [q for q in doubles if not any(a < q.open_at and q.end <= b for a, b in outer)]
    # author="JebBush": the value of a markup attribute left in the text, not a quotation
    return sorted((q for q in doubles + singles if text[q.open_at - 1:q.open_at] != "="), key=lambda q: q.start)
