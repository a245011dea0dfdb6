"""A learned choice of who a speaking pronoun stands for: "…," she said → which woman named before.

The rules (:meth:`~generator.extract.quotes.speakers.Speakers.rule_antecedent`) score the people or
organisations named before the pronoun by hand-set weights: sentences back, subject or not, the gender
the article shows, the last speaker. Those weights were set on a few examples and fail in plain ways:
a possessive in the sentence before ("said Ivanka Trump's statement didn't …") beats the speaker two
sentences back whose first name shows no gender; "they" goes to any organisation in reach although
news far more often means people it never names ("they said" of the officers, the lawyers). Here a
linear model weighs the same signals and a few more, over each candidate entity and one more choice,
*nobody*: a pronoun with no named referent is better left unresolved than given to a wrong name.

The weights are fitted (:mod:`generator.extract.quotes.train_pronouns`) on referents a reader marked
for speaking pronouns of the shared corpora (``quality/labels/pronouns.jsonl``), and ship as a small
JSON file. Hard constraints stay rules, not weights: he/she never goes to an organisation or to a
person of the other gender the article shows; "it" never to a person; "they" never to one person.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Token

from generator.errors import FactsheetError
from generator.extract.quotes import weights
from generator.extract.quotes.cues import MANNER, SPEECH, subject_word
from generator.extract.quotes.weights import Model

if TYPE_CHECKING:  # pragma: no cover
    from generator.extract.quotes.speakers import Speakers

WEIGHTS = Path(__file__).with_name("pronouns.json")
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
THING = {"it", "its"}
PLURAL = {"they", "them", "their"}
PERSONAL = MALE | FEMALE
PERSON_TYPES = {"PERSON"}
BODY_TYPES = {"ORG", "GPE", "NORP", "FAC", "LOC"}
#: how far back a referent may be named (sentences before the pronoun's own)
LOOKBACK = 5
MODIFIERS = {"compound", "poss", "amod", "nmod", "npadvmod"}
OBJECTS = {"dobj", "pobj", "dative", "iobj", "attr", "oprd"}
SPEAKING = SPEECH | MANNER


class PronounModelError(FactsheetError):
    """The pronoun model's weights file is missing, unreadable or does not fit this version's features."""

    kind = "pronouns"


@dataclass(slots=True)
class Seen:
    """What the text before the pronoun says of one candidate entity (``None``: the choice of nobody)."""

    entity: int | None
    dist: int = 0  # sentences back of its nearest mention
    subject: bool = False  # the nearest mention is a subject
    modifier: bool = False  # the nearest mention only modifies a noun ("Clinton campaign", "Trump's plan")
    obj: bool = False  # the nearest mention is an object ("told him", "about Trump")
    any_subject: bool = False  # some mention in reach is a subject
    in_reach: int = 0  # mentions in reach
    before: int = 0  # mentions anywhere before the pronoun
    rank: int = 0  # 0 for the entity named nearest, 1 for the next …
    gender: str | None = None  # "m" / "f" where the article shows it
    type: str = ""
    last_speaker: bool = False
    recent_speaker: bool = False
    rule: bool = False  # the rules' own pick
    same_paragraph: bool = False  # the nearest mention is in the pronoun's paragraph
    main_subject: bool = False  # the nearest mention is the subject of its sentence's main verb
    spoke: bool = False  # some mention in reach is the subject of a verb of saying
    inside_report: bool = False  # the nearest mention is inside what someone is reported to have said
    full_name: bool = False  # a person named with first and last name, not one word
    spoke_before: bool = False  # a speaker of some quotation before
    last_before: bool = False  # the speaker found last among those named before the pronoun, in the text's order
    named_in_quote: bool = False  # named inside a quotation of the pronoun's sentence: spoken of, seldom speaking


@dataclass(frozen=True, slots=True)
class Context:
    """The pronoun: its kind ("m", "f", "it", "they")."""

    kind: str


Feature = Callable[[Seen, Context], float]


def _entity(fn: Callable[[Seen, Context], float]) -> Feature:
    return lambda s, c: 0.0 if s.entity is None else fn(s, c)


FEATURES: tuple[tuple[str, Feature], ...] = (
    ("nobody_personal", lambda s, c: float(s.entity is None and c.kind in {"m", "f"})),
    ("nobody_thing", lambda s, c: float(s.entity is None and c.kind == "it")),
    ("nobody_plural", lambda s, c: float(s.entity is None and c.kind == "they")),
    ("rule", lambda s, _: float(s.rule)),
    ("same_sentence", _entity(lambda s, _: float(s.dist == 0))),
    ("sentence_before", _entity(lambda s, _: float(s.dist == 1))),
    ("distance", _entity(lambda s, _: float(min(s.dist, LOOKBACK)))),
    ("subject", _entity(lambda s, _: float(s.subject))),
    ("modifier", _entity(lambda s, _: float(s.modifier))),
    ("object", _entity(lambda s, _: float(s.obj))),
    ("subject_in_reach", _entity(lambda s, _: float(s.any_subject))),
    ("mentions_in_reach", _entity(lambda s, _: math.log1p(s.in_reach))),
    ("mentions_before", _entity(lambda s, _: math.log1p(s.before))),
    ("nearest", _entity(lambda s, _: float(s.rank == 0))),
    ("rank", _entity(lambda s, _: float(min(s.rank, 4)))),
    ("gender_shown", _entity(lambda s, c: float(c.kind in {"m", "f"} and s.gender == c.kind))),
    ("gender_unknown", _entity(lambda s, c: float(c.kind in {"m", "f"} and s.gender is None))),
    ("last_speaker", _entity(lambda s, _: float(s.last_speaker))),
    ("recent_speaker", _entity(lambda s, _: float(s.recent_speaker))),
    ("same_paragraph", _entity(lambda s, _: float(s.same_paragraph))),
    ("main_subject", _entity(lambda s, _: float(s.main_subject))),
    ("spoke", _entity(lambda s, _: float(s.spoke))),
    ("inside_report", _entity(lambda s, _: float(s.inside_report))),
    ("full_name", _entity(lambda s, _: float(s.full_name))),
    ("spoke_before", _entity(lambda s, _: float(s.spoke_before))),
    ("last_before", _entity(lambda s, _: float(s.last_before))),
    ("named_in_quote", _entity(lambda s, _: float(s.named_in_quote))),
    ("organisation", _entity(lambda s, _: float(s.type == "ORG"))),
    ("place_or_group", _entity(lambda s, _: float(s.type in {"GPE", "NORP", "LOC", "FAC"}))),
)
FEATURE_NAMES = tuple(name for name, _ in FEATURES)


def kind_of(word: str) -> str | None:
    """The pronoun's kind, or None for a word this model does not resolve ("I", "we", "this")."""
    low = word.lower()
    return "m" if low in MALE else "f" if low in FEMALE else "it" if low in THING else "they" if low in PLURAL \
        else None


def candidates(sp: Speakers, pron: Token, rule: int | None) -> tuple[Context, list[Seen]]:
    """The entities a pronoun may stand for, nearest first, then the choice of nobody (always last).

    An entity is in reach when it is named outside quotations in the pronoun's sentence (before it) or the
    :data:`LOOKBACK` sentences before; the last speaker found is in reach wherever it was named."""
    kind = kind_of(pron.text)
    ctx = Context(kind or "")
    want = PERSON_TYPES if kind in {"m", "f"} else BODY_TYPES
    here = sp.sent_of[pron.i]
    last = sp.last_speakers[-1][1] if sp.last_speakers else None
    recent = {k for t, k in sp.last_speakers[-3:] if sp.sent_of[t] >= here - 3}
    before = [(t, k) for t, k in sp.last_speakers if t < pron.i]
    speakers = {k for _, k in before}
    last_before = max(before, default=(-1, None))[1]
    seen: dict[int, Seen] = {}
    for tok_i, k, subj, dist in sp.salient_before(pron.i, LOOKBACK):
        ent = sp.index.entities[k]
        if ent.type not in want or not _agrees(kind, sp.index.genders.get(k)):
            continue
        s = seen.get(k)
        tok = sp.doc[tok_i]
        if s is None:
            s = seen[k] = Seen(k, dist, subj, tok.dep_ in MODIFIERS, tok.dep_ in OBJECTS, rank=len(seen),
                               gender=sp.index.genders.get(k), type=ent.type,
                               same_paragraph=sp.paragraph_of(tok_i) == sp.paragraph_of(pron.i),
                               main_subject=subj and (subject_word(tok) or tok).head.dep_ == "ROOT",
                               inside_report=_inside_report(tok),
                               full_name=ent.type == "PERSON" and len(ent.name.split()) > 1)
        s.any_subject = s.any_subject or subj
        s.spoke = s.spoke or (subj and tok.head.lemma_.lower() in SPEAKING)
        s.in_reach += 1
    if last is not None and last not in seen and kind in {"m", "f"}:
        ent = sp.index.entities[last]
        if ent.type in want and _agrees(kind, sp.index.genders.get(last)):
            dist = here - max((sp.sent_of[t] for t, k in sp.last_speakers if k == last), default=here)
            seen[last] = Seen(last, max(dist, 0), True, rank=len(seen), gender=sp.index.genders.get(last),
                              type=ent.type, spoke=True, full_name=ent.type == "PERSON" and len(ent.name.split()) > 1)
    out = list(seen.values())
    a, b = sp.table.sents[here]
    quoted = {sp.in_quote[i] for i in range(a, b)} - {-1}
    for s in out:
        spans = sp.index.mentions.get(s.entity, ())
        s.before = sum(1 for a, _ in spans if a < pron.i)
        s.named_in_quote = bool(quoted) and any(sp.in_quote[a] in quoted for a, _ in spans)
        s.last_speaker = s.entity == last
        s.recent_speaker = s.entity in recent
        s.rule = s.entity == rule
        s.spoke_before = s.entity in speakers
        s.last_before = s.entity == last_before
    out.append(Seen(None, rule=rule is None))
    return ctx, out


def _inside_report(tok: Token) -> bool:
    """Inside the clause a verb of saying reports ("said Clinton's plan fails"): talked about, not talking."""
    t = tok
    for _ in range(12):
        if t.dep_ in {"ccomp", "xcomp"} and t.head.lemma_.lower() in SPEAKING:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _agrees(kind: str | None, gender: str | None) -> bool:
    return not (kind in {"m", "f"} and gender is not None and gender != kind)


def features(s: Seen, ctx: Context) -> tuple[float, ...]:
    return tuple(fn(s, ctx) for _, fn in FEATURES)


# -- weights ------------------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_weights(path: Path = WEIGHTS) -> Model:
    """The shipped weights; a file for other features than this module's is an error, not a silent misfit."""
    return weights.load(path, FEATURE_NAMES, PronounModelError, "pronoun model", "make train-pronouns")


def save_weights(w: np.ndarray, path: Path, **about: object) -> None:
    weights.save(w, path, FEATURE_NAMES, **about)


RULES_ONLY = weights.rules_only(len(FEATURES))

# -- choosing -----------------------------------------------------------------------------------

#: while training records (``with recording(into):``), every pronoun resolved is appended to ``into`` as (pronoun
#: token, Context, [Seen], the rules' pick): what training labels against a reader's referents; the rules decide
_RECORDER = weights.Recorder()
recording = _RECORDER.recording


def choose(sp: Speakers, pron: Token, rule: int | None, *, model: Model | None = None) -> int | None:
    """The entity the pronoun stands for (None: nobody named), by the model, or the rules' pick when it is off."""
    if kind_of(pron.text) is None:
        return rule
    if _RECORDER.into is not None:
        ctx, cands = candidates(sp, pron, rule)
        _RECORDER.into.append((pron, ctx, cands, rule))
        return rule
    model = model if model is not None else load_weights()
    if not model.enabled:
        return rule
    ctx, cands = candidates(sp, pron, rule)
    x = np.array([features(s, ctx) for s in cands])
    return cands[int(np.argmax(x @ model.weights))].entity
