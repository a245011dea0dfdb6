"""A learned choice of the speaker's words for a quotation, among the mentions around it.

The rules (:meth:`~generator.extract.quotes.speakers.Speakers.speaker_of`) pick one mention for a
quotation's cue: the cue's subject by the parse, or a name beside it. The parse is often wrong on long
news sentences, and several cues or names compete; a linear model over a few cheap features weighs the
rules' pick against the other mentions near the quotation (names, pronouns, role and body nouns in the
quotation's sentence, the two before it and the one after) and keeps the best scored.

Why linear and small: the features are the signals the rules already use (subject of the cue, side of
the quotation, distance, kind of mention), so a handful of weights fitted on the breadth of a large
annotated set (``python -m generator.extract.quotes.train``) balances them better than hand-set
precedence, and the weights ship as a small JSON file read with the standard library and numpy.

Each feature is a small function of (document lookups, candidate token, quotation); :data:`FEATURES`
names them in the order of the weights. The weights file names its features, and a file that does not
match this module's list is refused (:class:`LinkerError`) rather than misread.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from generator.errors import FactsheetError
from generator.extract.doc import DocTable
from generator.extract.entities.entities import EntityIndex
from generator.extract.entities.roles import is_role_word
from generator.extract.quotes import weights
from generator.extract.quotes.cues import MANNER, NOT_CUES, SPEECH, SUBJECTS
from generator.extract.quotes.speakers import (
    BODY_NOUNS,
    DOCUMENTS,
    FEMALE,
    FIRST,
    MALE,
    PLURAL,
    THING,
    Speaker,
    addressed_by,
)
from generator.extract.quotes.weights import Model

WEIGHTS = Path(__file__).with_name("linker.json")
SENTENCES_BEFORE = 2
SENTENCES_AFTER = 1
PRONOUNS = MALE | FEMALE | PLURAL | THING | FIRST
_SPEECH = SPEECH | MANNER
SPEAKING_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
SOURCE_WORDS = BODY_NOUNS | DOCUMENTS | {"source", "official", "aide", "people", "report", "poll", "survey",
                                         "study", "spokesman", "spokeswoman", "spokesperson"}


class LinkerError(FactsheetError):
    """The linker's weights file is missing, unreadable or does not fit the features of this version."""

    kind = "linker"


@dataclass(frozen=True, slots=True)
class Quotation:
    """What the features need to know about the quotation being attributed."""

    tok_start: int
    tok_end: int
    cue: int | None  # token of the cue verb, when there is one
    rule: int | None  # token the rules chose, when they chose one
    para: tuple[int, int]  # character range of the quotation's paragraph
    last_speaker: int | None  # entity of the last speaker found before this quotation


@dataclass(frozen=True, slots=True)
class Candidate:
    token: int
    features: tuple[float, ...]
    mention: str | None = None  # filled in when recording, for training
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Choice:
    """The candidates of one quotation and which of them the rules picked (None: none of them)."""

    candidates: tuple[Candidate, ...]
    rule: int | None


class Lookups:
    """Per-document columns the features read (built once per document)."""

    def __init__(self, doc: Doc, index: EntityIndex, table: DocTable, in_quote: list[int]):
        self.doc, self.index, self.table, self.in_quote = doc, index, table, in_quote
        self.static: dict[int, list[float]] = {}  # token -> its features that do not depend on the quotation
        self.kinds: dict[int, bool] = {}  # token -> is_candidate, filled as the windows of quotations meet it
        self.cue_sents = {table.sent_of[i] for i in range(len(doc)) if in_quote[i] < 0 and self.speech(i)}

    def speech(self, i: int) -> bool:
        """A verb of saying at token ``i`` (:func:`~generator.extract.quotes.cues.is_speech_verb`, on the columns)."""
        t = self.table
        return t.pos[i] in {"VERB", "AUX"} and t.lemma[i] in _SPEECH and t.lemma[i] not in NOT_CUES

    def entity_type(self, i: int) -> str | None:
        ent = self.index.at(i)
        return ent.type if ent is not None else None


# -- candidates ---------------------------------------------------------------------------------

def is_candidate(lk: Lookups, i: int) -> bool:
    """A token that can name a speaker: the head of a name, a personal pronoun, a role, body or source noun."""
    known = lk.kinds.get(i)
    if known is None:
        known = lk.kinds[i] = _is_candidate(lk, i)
    return known


def _is_candidate(lk: Lookups, i: int) -> bool:
    t = lk.table
    if i in t.furniture:
        return False  # a dateline: "WASHINGTON (AP) —"
    k = lk.index.id_at(i)
    if k is not None:
        span = lk.index.mention_at(i)
        return lk.index.entities[k].type in SPEAKING_TYPES and span is not None and _head(t, *span) == i
    pos = t.pos[i]
    if pos == "PRON":
        return t.lower[i] in PRONOUNS
    if pos in {"NOUN", "PROPN"}:
        return t.lemma[i] in SOURCE_WORDS or is_role_word(lk.doc[i])
    return False


def candidates(lk: Lookups, q: Quotation) -> list[int]:
    """Candidate tokens around a quotation, in text order; the rules' pick is always one of them."""
    t = lk.table
    s = t.sent_of[q.tok_start]
    e = t.sent_of[q.tok_end - 1]
    lo = t.sents[max(0, s - SENTENCES_BEFORE)][0]
    hi = t.sents[min(len(t.sents) - 1, e + SENTENCES_AFTER)][1]
    out = [i for i in range(lo, hi) if is_candidate(lk, i)]
    if q.rule is not None and q.rule not in out:
        out.append(q.rule)
        out.sort()
    return out


# -- features -----------------------------------------------------------------------------------

Feature = Callable[[Lookups, int, Quotation], float]


def _subject(lk: Lookups, i: int) -> bool:
    return lk.table.dep[i] in SUBJECTS


def f_rule(lk: Lookups, i: int, q: Quotation) -> float:
    """The rules' own pick."""
    return float(i == q.rule)


def f_subject_of_cue(lk: Lookups, i: int, q: Quotation) -> float:
    """Subject of the quotation's cue verb."""
    return float(q.cue is not None and _subject(lk, i) and lk.table.head[i] == q.cue)


def f_agent_of_cue(lk: Lookups, i: int, q: Quotation) -> float:
    """Object of the cue's preposition: "according to X", "said by X"."""
    t = lk.table
    if q.cue is None or t.dep[i] != "pobj":
        return 0.0
    p = t.head[i]
    return float(p == q.cue or t.head[p] == q.cue)


def f_subject_of_speech(lk: Lookups, i: int, q: Quotation) -> float:
    """Subject of some verb of saying (not necessarily the cue)."""
    t = lk.table
    return float(_subject(lk, i) and lk.in_quote[t.head[i]] < 0 and lk.speech(t.head[i]))


def f_subject(lk: Lookups, i: int, q: Quotation) -> float:
    return float(_subject(lk, i))


def f_possessive(lk: Lookups, i: int, q: Quotation) -> float:
    """"his statement", "Clinton's campaign": the owner of something, seldom the source itself."""
    return float(lk.table.dep[i] == "poss")


def f_object(lk: Lookups, i: int, q: Quotation) -> float:
    """Object of a verb or preposition ("told him", "about Trump"): talked to or about."""
    return float(lk.table.dep[i] in {"dobj", "pobj", "dative", "iobj"})


def f_same_sentence(lk: Lookups, i: int, q: Quotation) -> float:
    t = lk.table
    return float(t.sent_of[q.tok_start] <= t.sent_of[i] <= t.sent_of[q.tok_end - 1])


def f_sentence_before(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.table.sent_of[i] == lk.table.sent_of[q.tok_start] - 1)


def f_two_before(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.table.sent_of[i] == lk.table.sent_of[q.tok_start] - 2)


def f_sentence_after(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.table.sent_of[i] > lk.table.sent_of[q.tok_end - 1])


def f_before(lk: Lookups, i: int, q: Quotation) -> float:
    """Before the quotation's words (the speaker of a partial quotation usually leads)."""
    return float(i < q.tok_start)


def f_distance(lk: Lookups, i: int, q: Quotation) -> float:
    """Tokens between the candidate and the quotation, on a log scale."""
    d = q.tok_start - i if i < q.tok_start else i - q.tok_end + 1 if i >= q.tok_end else 0
    return math.log1p(d) / 3.0


def f_cue_distance(lk: Lookups, i: int, q: Quotation) -> float:
    """Tokens between the candidate and the cue, on a log scale (the largest when there is no cue)."""
    if q.cue is None:
        return 2.0
    return math.log1p(abs(i - q.cue)) / 3.0


def f_adjacent_cue(lk: Lookups, i: int, q: Quotation) -> float:
    """Right beside a verb of saying: "X said", "said the senator", "Tom Hale, a senator, said"."""
    n, tok = len(lk.doc), lk.doc[i]
    span = lk.index.mention_at(i) or (i, i + 1)
    left, right = min(span[0], tok.left_edge.i), max(span[1], tok.right_edge.i + 1)
    near = [j for j in (left - 1, right, right + 1, i + 1) if 0 <= j < n and lk.in_quote[j] < 0]
    return float(any(lk.speech(j) for j in near))


def f_inside_quote(lk: Lookups, i: int, q: Quotation) -> float:
    """Inside quotation marks: words someone said, rarely the one who says them."""
    return float(lk.in_quote[i] >= 0)


def f_third_pronoun(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.table.pos[i] == "PRON" and lk.table.lower[i] in MALE | FEMALE | PLURAL | THING)


def f_first_pronoun(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.table.pos[i] == "PRON" and lk.table.lower[i] in FIRST)


def f_person(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.entity_type(i) == "PERSON")


def f_organisation(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.entity_type(i) == "ORG")


def f_place_or_group(lk: Lookups, i: int, q: Quotation) -> float:
    """A country or a nationality: speaks for its government now and then, mostly just mentioned."""
    return float(lk.entity_type(i) in {"GPE", "NORP"})


def f_role_noun(lk: Lookups, i: int, q: Quotation) -> float:
    return float(lk.entity_type(i) is None and lk.table.pos[i] != "PRON" and is_role_word(lk.doc[i]))


def f_source_noun(lk: Lookups, i: int, q: Quotation) -> float:
    """A body, document or source noun with no name: "police", "the statement", "sources"."""
    return float(lk.entity_type(i) is None and lk.table.lemma[i] in SOURCE_WORDS)


def f_same_paragraph(lk: Lookups, i: int, q: Quotation) -> float:
    c = lk.table.idx[i]
    return float(q.para[0] <= c < q.para[1])


def f_last_speaker(lk: Lookups, i: int, q: Quotation) -> float:
    """Names the entity that spoke last: news keeps a speaker over several quotations."""
    return float(q.last_speaker is not None and lk.index.id_at(i) == q.last_speaker)


def f_cue_in_sentence(lk: Lookups, i: int, q: Quotation) -> float:
    """Its sentence has a verb of saying outside quotation marks."""
    return float(lk.table.sent_of[i] in lk.cue_sents)


def f_same_entity_as_rule(lk: Lookups, i: int, q: Quotation) -> float:
    """Another mention of the entity the rules picked."""
    if q.rule is None:
        return 0.0
    k = lk.index.id_at(q.rule)
    return float(k is not None and i != q.rule and lk.index.id_at(i) == k)


def f_no_rule(lk: Lookups, i: int, q: Quotation) -> float:
    """The rules found no one: the other features must decide (a bias for subjects then)."""
    return float(q.rule is None and _subject(lk, i))


def f_plain(lk: Lookups, i: int, q: Quotation) -> float:
    """No name, pronoun, role or source noun ("the platform", "31% of voters"): a parse's subject, seldom a
    source (only the rules' pick can be one)."""
    return float(not is_candidate(lk, i))


def f_speech_subject_here(lk: Lookups, i: int, q: Quotation) -> float:
    """Subject of a verb of saying in the quotation's own sentence."""
    return f_subject_of_speech(lk, i, q) * f_same_sentence(lk, i, q)


def f_pronoun_says(lk: Lookups, i: int, q: Quotation) -> float:
    """"he said", "she told": a pronoun as the subject of a verb of saying."""
    return f_subject_of_speech(lk, i, q) * f_third_pronoun(lk, i, q)


def f_name_says(lk: Lookups, i: int, q: Quotation) -> float:
    """A person or organisation by name as the subject of a verb of saying."""
    return f_subject_of_speech(lk, i, q) * float(lk.entity_type(i) in {"PERSON", "ORG"})


def f_outer_source(lk: Lookups, i: int, q: Quotation) -> float:
    """Subject of a verb the cue hangs under ("the paper reported that X said "...""): a source reporting
    what someone else said."""
    t = lk.table
    if q.cue is None or t.dep[i] not in SUBJECTS:
        return 0.0
    cur, hops = q.cue, 0
    while t.head[cur] != cur and hops < 6:
        cur, hops = t.head[cur], hops + 1
        if t.head[i] == cur:
            return 1.0
    return 0.0


FEATURES: tuple[tuple[str, Feature], ...] = (
    ("rule", f_rule), ("subject_of_cue", f_subject_of_cue), ("agent_of_cue", f_agent_of_cue),
    ("subject_of_speech", f_subject_of_speech), ("subject", f_subject), ("possessive", f_possessive),
    ("object", f_object), ("same_sentence", f_same_sentence), ("sentence_before", f_sentence_before),
    ("two_before", f_two_before), ("sentence_after", f_sentence_after), ("before", f_before),
    ("distance", f_distance), ("cue_distance", f_cue_distance), ("adjacent_cue", f_adjacent_cue),
    ("inside_quote", f_inside_quote), ("third_pronoun", f_third_pronoun), ("first_pronoun", f_first_pronoun),
    ("person", f_person), ("organisation", f_organisation), ("place_or_group", f_place_or_group),
    ("role_noun", f_role_noun), ("source_noun", f_source_noun), ("same_paragraph", f_same_paragraph),
    ("last_speaker", f_last_speaker), ("cue_in_sentence", f_cue_in_sentence),
    ("same_entity_as_rule", f_same_entity_as_rule), ("no_rule", f_no_rule), ("plain", f_plain),
    ("speech_subject_here", f_speech_subject_here), ("pronoun_says", f_pronoun_says), ("name_says", f_name_says),
    ("outer_source", f_outer_source),
)
FEATURE_NAMES = tuple(name for name, _ in FEATURES)


#: features of the token alone (not of the quotation): computed once per token and document
STATIC = frozenset({"subject_of_speech", "subject", "possessive", "object", "adjacent_cue", "inside_quote",
                    "third_pronoun", "first_pronoun", "person", "organisation", "place_or_group", "role_noun",
                    "source_noun", "cue_in_sentence", "plain", "pronoun_says", "name_says"})


_STATIC_AT = tuple((n, fn) for n, (name, fn) in enumerate(FEATURES) if name in STATIC)
_DYNAMIC_AT = tuple((n, fn) for n, (name, fn) in enumerate(FEATURES) if name not in STATIC)


def features(lk: Lookups, i: int, q: Quotation) -> tuple[float, ...]:
    """The candidate's feature vector, in the order of :data:`FEATURES`."""
    x = lk.static.get(i)
    if x is None:  # the token's own features, in place, the others left to fill
        x = lk.static[i] = [0.0] * len(FEATURES)
        for n, fn in _STATIC_AT:
            x[n] = fn(lk, i, q)
    x = list(x)
    for n, fn in _DYNAMIC_AT:
        x[n] = fn(lk, i, q)
    return tuple(x)


# -- weights ------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS) -> Model:
    """The shipped weights; a file for other features than this module's is an error, not a silent misfit."""
    return weights.load(path, FEATURE_NAMES, LinkerError, "speaker linker",
                        "python -m generator.extract.quotes.train --corpus CORPUS")


def save_weights(w: np.ndarray, path: Path, **about: object) -> None:
    weights.save(w, path, FEATURE_NAMES, **about)


# -- choosing -----------------------------------------------------------------------------------

#: while training records (``with recording(into):``), every choice made is appended to ``into`` as ((start, end) of
#: the quote, Choice), with each candidate's words and canonical name: what training labels against the gold
_RECORDER = weights.Recorder()
recording = _RECORDER.recording


def choose(lk: Lookups, q: Quotation, model: Model) -> int | None:
    """The candidate token the model scores highest (the rules' pick when the model is off)."""
    if not model.enabled:
        return q.rule
    cands = candidates(lk, q)
    if not cands:
        return q.rule
    x = np.array([features(lk, i, q) for i in cands])
    return cands[int(np.argmax(x @ model.weights))]


RULES_ONLY = weights.rules_only(len(FEATURES))


def link(lk: Lookups, q: Quotation, rule: Speaker, span: tuple[int, int], resolve: Callable[[int], Speaker],
         *, model: Model | None = None) -> Speaker:
    """The speaker of a quotation: the rules' one, or the one the model prefers (resolved the rules' way,
    so the canonical name always follows the words chosen)."""
    if _RECORDER.into is not None:
        cands = candidates(lk, q)
        recs = []
        for i in cands:
            sp = rule if i == q.rule else resolve(i)
            recs.append(Candidate(i, features(lk, i, q), sp.mention, sp.name))
        _RECORDER.into.append((span, Choice(tuple(recs), cands.index(q.rule) if q.rule in cands else None)))
        model = RULES_ONLY  # training sees what the rules do
    pick = choose(lk, q, model if model is not None else load_weights())
    # never a word in front of the rules' speaker ("CNN" of "CNN analyst David Gergen says"), nor someone inside
    # what the cue reports ("Berg said that Hale shows "great courage"": Hale is talked about)
    if pick is None or pick == q.rule or _modifies(lk.table, pick, q.rule) or _reported_by(lk.table, pick, q.cue) \
            or addressed_by(lk.table, pick, q.cue):
        return rule
    return resolve(pick)


def _reported_by(t: DocTable, i: int, cue: int | None) -> bool:
    """Token ``i`` is inside the clause the cue reports (its clausal complement)."""
    if cue is None:
        return False
    for _ in range(t.n):
        h = t.head[i]
        if h == i:
            return False
        if h == cue:
            return t.dep[i] == "ccomp"
        i = h
    return False


def _modifies(t: DocTable, i: int, target: int | None) -> bool:
    """Token ``i`` is a modifier inside the noun phrase headed by ``target``."""
    if target is None:
        return False
    while t.dep[i] in {"compound", "nmod", "poss", "amod"} and t.head[i] != i:
        i = t.head[i]
        if i == target:
            return True
    return False


def _head(t: DocTable, s: int, e: int) -> int:
    for i in range(s, e):
        h = t.head[i]
        if not (s <= h < e) or h == i:
            return i
    return e - 1
