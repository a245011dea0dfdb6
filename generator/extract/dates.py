"""Time expressions and their values.

Baseline: spaCy's DATE entities; a four-digit year resolves to itself, the rest to null.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from generator.extract.text import sentence_text
from generator.model import DateMention


def extract_dates(doc: Doc, published: dt.date | None) -> list[DateMention]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        text = ent.text
        value = None
        m = re.fullmatch(r"(?:in\s+)?((?:1[6-9]|20)\d\d)", text.strip())
        if m:
            value = m.group(1)
        out.append(DateMention(text=text, value=value, sentence=sentence_text(ent.sent),
                               span=(ent.start_char, ent.end_char)))
    return out
