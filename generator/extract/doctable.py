"""Per-document token attributes as plain Python lists, read once with ``Doc.to_array``.

Creating a spaCy ``Token`` object costs microseconds; a loop over every token of every
document, repeated by several passes, costs more than the extraction itself. The entity and
quote extractors read attributes from a :class:`DocTable` instead and build ``Token`` objects
only for the few positions they then inspect (cues, speakers, names).
"""

from __future__ import annotations

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
from spacy.tokens import Doc

from generator.extract.text import TEXT_KEY, doc_text

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

    @property
    def children(self) -> list[list[int]]:
        if self._children is None:
            kids: list[list[int]] = [[] for _ in range(self.n)]
            for i, h in enumerate(self.head):
                if h != i:
                    kids[h].append(i)
            self._children = kids
        return self._children

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
