"""Who said what: quoted words and their speakers.

Baseline: pairs of quotation marks of the same kind within a paragraph, attributed to the
nearest person or organisation named in the sentence (or the previous one).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from generator.extract.entities import EntityIndex
from generator.extract.text import sentence_text
from generator.model import Quote

PAIRS = {"\u201c": "\u201d", '"': '"'}
CUES = {"say", "tell", "add", "dismiss", "reply", "warn", "insist", "assure", "complain", "claim",
        "state", "argue", "note", "explain", "ask", "declare", "announce", "write", "suggest"}
_QUOTE = re.compile(r"\u201c([^\u201c\u201d\n]+)\u201d|\"([^\"\n]+)\"")


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    text = doc.text
    out: list[Quote] = []
    for m in _QUOTE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        start, end = m.span(g)
        words = m.group(g).strip()
        if len(words.split()) < 1:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        speaker = None
        cue = None
        for tok in sent:
            if tok.lemma_ in CUES and tok.pos_ == "VERB" and not (span.start <= tok.i < span.end):
                cue = tok.text
                break
        candidates = [e for e in entities.in_span(sent, {"PERSON", "ORG"})
                      if not any(span.start <= a < span.end for a, _ in entities.mentions.get(entities.entities.index(e), []))]
        if candidates:
            speaker = candidates[0]
        elif sent.start > 0:
            prev = doc[sent.start - 1].sent
            people = entities.in_span(prev, {"PERSON"})
            speaker = people[-1] if people else None
        kind = "direct" if _starts_sentence(text, m.start()) else "partial"
        out.append(Quote(text=words, speaker=speaker.name if speaker else None,
                         speaker_role=speaker.roles[0] if speaker and speaker.roles else None,
                         cue=cue, kind=kind, sentence=sentence_text(sent), span=(start, end)))
    return out


def _starts_sentence(text: str, i: int) -> bool:
    before = text[max(0, i - 3):i].strip()
    return before == "" or before[-1] in ".:!?\n"
