"""Key facts: the few claims a reader must know, ranked.

Baseline: the lead, the first sentences of the story after the headline, boilerplate out.
"""

from __future__ import annotations

from spacy.tokens import Doc

from generator.extract.entities import EntityIndex
from generator.extract.text import is_boilerplate, sentence_text, sentences
from generator.model import DateMention, Fact, Figure, Quote

MAX_FACTS = 5


def rank_facts(doc: Doc, *, title: str, quotes: list[Quote], figures: list[Figure],
               dates: list[DateMention], entities: EntityIndex) -> list[Fact]:
    out = []
    for sent in sentences(doc):
        text = sentence_text(sent)
        if text == " ".join(title.split()) or is_boilerplate(sent) or len(sent) < 6:
            continue
        out.append(Fact(text=text, sentence=text, span=(sent.start_char, sent.end_char),
                        score=round(1.0 / (1 + len(out)), 4)))
        if len(out) >= MAX_FACTS:
            break
    return out


def summary_of(facts: list[Fact]) -> str | None:
    return facts[0].text if facts else None
