"""People, organisations and places in one article: one entity per real-world referent.

:func:`extract_entities` clusters spaCy's entity mentions ("Dmitry Peskov", "Peskov",
"Mr Peskov") into :class:`~generator.model.Entity` records and returns an
:class:`EntityIndex` that maps every mention back to its entity, for the quote
extractor's speaker resolution.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from generator.model import Entity

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor"}


@dataclass
class EntityIndex:
    """The entities of one article and where each is mentioned."""

    entities: list[Entity]
    token_entity: dict[int, int] = field(default_factory=dict)  # token index -> index into entities
    mentions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # entity -> [(start, end) tokens]

    def at(self, i: int) -> Entity | None:
        """The entity mentioned at token ``i``, if any."""
        k = self.token_entity.get(i)
        return self.entities[k] if k is not None else None

    def in_span(self, span: Span, types: set[str] | None = None) -> list[Entity]:
        """Entities mentioned in a span, in order of first mention, no repeats."""
        seen: list[Entity] = []
        for tok in span:
            e = self.at(tok.i)
            if e is not None and e not in seen and (types is None or e.type in types):
                seen.append(e)
        return seen

    def by_name(self, name: str) -> Entity | None:
        key = _key(name)
        for e in self.entities:
            if _key(e.name) == key or key in {_key(a) for a in e.aliases}:
                return e
        return None


def _key(text: str) -> str:
    words = re.findall(r"\w+", text.lower())
    return " ".join(w for w in words if w not in TITLES and w != "the")


def _clean(span: Span) -> Span:
    """Drop a leading "the" and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the"}:
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].text in {"'s", "\u2019s", "'", "\u2019"}):
        end -= 1
    return doc[start:end]


def extract_entities(doc: Doc) -> EntityIndex:
    """Cluster the Doc's named-entity mentions into entities."""
    mentions: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_TYPES:
            continue
        span = _clean(ent)
        if len(span) == 0 or not any(t.is_alpha for t in span):
            continue
        mentions.append((span, ent.label_))

    # canonical names: for people, the longest name whose last word is the surname
    clusters: dict[tuple[str, str], list[Span]] = defaultdict(list)
    persons_full = [s for s, label in mentions if label == "PERSON" and len(_key(s.text).split()) >= 2]
    for span, label in mentions:
        key = _key(span.text)
        if label == "PERSON" and len(key.split()) == 1:
            full = [f for f in persons_full if _key(f.text).split()[-1] == key]
            if full:
                key = _key(full[0].text)
        clusters[(label, key)].append(span)

    entities: list[Entity] = []
    index = EntityIndex(entities=entities)
    order = sorted(clusters.items(), key=lambda kv: kv[1][0].start)
    for (label, _key_), spans in order:
        names = Counter(" ".join(s.text.split()) for s in spans)
        canonical = max(names, key=lambda n: (len(n.split()) if label == "PERSON" else 0, names[n], -len(n)))
        aliases = sorted(n for n in names if n != canonical)
        for s in spans:
            prev = doc[s.start - 1] if s.start > 0 else None
            if label == "PERSON" and prev is not None and prev.lower_.rstrip(".") in TITLES:
                alias = f"{prev.text} {' '.join(s.text.split())}"
                if alias not in aliases and alias != canonical:
                    aliases.append(alias)
        k = len(entities)
        entities.append(Entity(name=canonical, type=label, aliases=tuple(aliases), roles=(), mentions=len(spans)))
        index.mentions[k] = [(s.start, s.end) for s in spans]
        for s in spans:
            for tok in s:
                index.token_entity[tok.i] = k
    return index
