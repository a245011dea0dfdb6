"""Numbers that count or measure something.

Baseline: spaCy's CARDINAL, MONEY, PERCENT and QUANTITY entities, with the approximator
word before them and the noun they modify.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from generator.extract.text import sentence_text
from generator.model import Figure

FIGURE_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}
APPROX = {"about": "about", "around": "about", "roughly": "about", "some": "about", "approximately": "about",
          "almost": "almost", "nearly": "almost", "over": "more than", "than": "more than",
          "least": "at least", "to": "up to", "under": "less than"}


def _number(text: str) -> float | int | None:
    m = re.search(r"\d[\d,]*(?:\.\d+)?", text)
    if not m:
        return None
    v = float(m.group(0).replace(",", ""))
    return int(v) if v.is_integer() else v


def extract_figures(doc: Doc) -> list[Figure]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in FIGURE_LABELS:
            continue
        value = _number(ent.text)
        if value is None:
            continue
        approx = None
        words = ent.text.lower().split()
        if words and words[0] in APPROX:
            approx = APPROX[words[0]]
            if words[0] == "than" or (len(words) > 1 and words[:2] == ["more", "than"]):
                approx = "more than"
        unit = "percent" if ent.label_ == "PERCENT" else ("dollar" if "$" in ent.text else None)
        counts = None
        root = ent.root
        if root.dep_ in ("nummod", "amod", "quantmod") and root.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            counts = root.head.lemma_.lower() if root.head.pos_ == "NOUN" else root.head.text.lower()
        text = ent.text
        if counts and root.head.i == ent.end:
            text = doc[ent.start:ent.end + 1].text
        out.append(Figure(text=text, value=value, unit=unit, approx=approx, counts=counts,
                          sentence=sentence_text(ent.sent), span=(ent.start_char, ent.start_char + len(text))))
    return out
