"""The attribute ruler and the lemmatizer of a pipeline, remembered: the same output in a tenth of the time.

Both components give each token attributes that depend on a few of its own attributes only: the
attribute ruler its part of speech, morphology and some lemmas from its tag, lower-case form and
dependency label (and its neighbour's, for the few two-word patterns), the lemmatizer its lemma from
its text, part of speech and morphology. spaCy's own components work this out again for every token
(a Matcher of some 180 patterns; a rule table per word), which is a fifth of the parse of an article.
Here each distinct combination is worked out once, by the same patterns and the same lemmatizer,
and remembered for the rest of the run.

The ruler's patterns are read from spaCy's own component; a pattern of a kind not handled here (an
operator, another attribute, more than two words) leaves that component in place as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

#: the token attributes a ruler pattern may test here, in the order of a token's features
_FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
#: the lower-case form given to every word no pattern names: it matches no pattern's word
_ANY_WORD = "\x00"
#: the most words a component remembers: past it, it starts afresh (a long run meets ever more words, and the
#: memory of a run must not grow with the number of its articles)
REMEMBERED_WORDS = 50_000

Features = tuple[str, str, str, bool]
Test = Callable[[Features], bool]


def _value_test(field: str, value: Any) -> Test | None:
    """A test of one attribute as the Matcher reads a pattern's value; None for a value of another kind."""
    k = _FIELDS[field]
    if isinstance(value, (str, bool)):
        return lambda f: f[k] == value
    if not isinstance(value, dict) or len(value) != 1:
        return None
    (op, arg), = value.items()
    if op == "IN":
        members = frozenset(arg)
        return lambda f: f[k] in members
    if op == "NOT_IN":
        outsiders = frozenset(arg)
        return lambda f: f[k] not in outsiders
    if op == "REGEX":
        rx = re.compile(arg)
        return lambda f: bool(rx.search(f[k]))
    return None


def _token_test(spec: dict[str, Any]) -> Test | None:
    tests = [_value_test(field, value) if field in _FIELDS else None for field, value in spec.items()]
    if any(t is None for t in tests):
        return None
    return lambda f: all(t(f) for t in tests)  # type: ignore[misc]


class RememberedRuler:
    """spaCy's AttributeRuler, each token's outcome looked up by its features (see the module's text).

    As spaCy applies them: every match of every rule, in the order of the rules, sets the rule's
    attributes on the matched token, so a later rule overrides an earlier one."""

    def __init__(self, ruler: Any):
        self.ruler = ruler
        self.attrs = ruler.attrs  # the rules' attributes, normalised as spaCy sets them
        self.single: list[tuple[int, Test]] = []  # (rule, test)
        self.pairs: list[tuple[int, Test, Test, int]] = []  # (rule, test of word 1, of word 2, word set)
        self.handled = True
        words: set[str] = set()
        word_rx: list[re.Pattern[str]] = []
        for rule, p in enumerate(ruler.patterns):
            for pattern in p["patterns"]:
                tests = [_token_test(spec) for spec in pattern]
                at = p["index"] if p["index"] >= 0 else len(pattern) + p["index"]
                if len(pattern) not in (1, 2) or any(t is None for t in tests) or not 0 <= at < len(pattern):
                    self.handled = False
                    continue
                if len(pattern) == 1:
                    self.single.append((rule, tests[0]))
                else:
                    self.pairs.append((rule, tests[0], tests[1], at))
                for spec in pattern:
                    value = spec.get("LOWER")
                    if isinstance(value, str):
                        words.add(value)
                    elif isinstance(value, dict) and "IN" in value:
                        words.update(value["IN"])
                    elif isinstance(value, dict) and "REGEX" in value:
                        word_rx.append(re.compile(value["REGEX"]))
                    elif value is not None:  # ("NOT_IN" a list of words: every word counts)
                        self.handled = False
        if any(rx.search(_ANY_WORD) for rx in word_rx) or _ANY_WORD in words:
            self.handled = False
        self._words, self._word_rx = words, word_rx
        self._word_of: dict[int, int] = {}  # lower-case form -> itself, or -1 when no pattern names it
        self._outcome: dict[tuple[int, int, int, int], tuple[tuple[int, ...], tuple[int, ...], frozenset[int]]] = {}
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.handled:
            return self.ruler(doc)
        n = len(doc)
        strings = doc.vocab.strings
        word_of, outcome = self._word_of, self._outcome
        found = []
        for tag, low, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            word = word_of.get(low)
            if word is None:
                if len(word_of) >= REMEMBERED_WORDS:
                    word_of.clear()
                text = strings[low] if low else ""
                word = word_of[low] = low if text in self._words or any(rx.search(text) for rx in self._word_rx) \
                    else -1
            key = (tag, word, dep, space)
            got = outcome.get(key)
            if got is None:
                got = outcome[key] = self._work_out(key, strings)
            found.append(got)
        by_pair: dict[int, list[int]] = {}
        for i in range(n - 1):
            for j in found[i][1]:
                if j in found[i + 1][2]:
                    rule, _, _, at = self.pairs[j]
                    by_pair.setdefault(i + at, []).append(rule)
        for i in range(n):
            rules = found[i][0]
            if i in by_pair:
                rules = tuple(sorted({*rules, *by_pair[i]}))
            if rules:
                set_token_attrs(doc[i], self._attrs_of(rules))
        return doc

    def _work_out(self, key: tuple[int, int, int, int], strings: Any) -> tuple[tuple[int, ...], tuple[int, ...],
                                                                                 frozenset[int]]:
        """(the one-word rules a token matches, the two-word patterns it can start, those it can end)."""
        tag, word, dep, space = key
        f: Features = (strings[tag] if tag else "", _ANY_WORD if word == -1 else strings[word] if word else "",
                       strings[dep] if dep else "", bool(space))
        return (tuple(sorted({rule for rule, test in self.single if test(f)})),
                tuple(j for j, (_, first, _, _) in enumerate(self.pairs) if first(f)),
                frozenset(j for j, (_, _, second, _) in enumerate(self.pairs) if second(f)))

    def _attrs_of(self, rules: tuple[int, ...]) -> dict[Any, Any]:
        merged = self._merged.get(rules)
        if merged is None:
            merged = {}
            for rule in rules:  # in the rules' order: a later one overrides
                merged.update(self.attrs[rule])
            self._merged[rules] = merged
        return merged


class RememberedLemmatizer:
    """spaCy's lemmatizer, each lemma looked up by the word, its part of speech and its morphology (what the
    lemmatizer reads, as its own cache does for some words). Tokens that already have a lemma (set by the
    attribute ruler) keep it, as with spaCy's component."""

    def __init__(self, lemmatizer: Any):
        self.lemmatizer = lemmatizer
        self._lemma: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer.overwrite:
            return self.lemmatizer(doc)
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = arr[:, 3].copy()
        todo = (lemmas == 0).nonzero()[0].tolist()
        if not todo:
            return doc
        strings, known = doc.vocab.strings, self._lemma
        for i in todo:
            key = (int(arr[i, 0]), int(arr[i, 1]), int(arr[i, 2]))
            lemma = known.get(key)
            if lemma is None:
                if len(known) >= REMEMBERED_WORDS:
                    known.clear()
                lemma = known[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = lemma
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc


@Language.factory("factsheet_attribute_ruler")
def _make_ruler(nlp: Language, name: str) -> RememberedRuler:  # noqa: ARG001 (spaCy passes the name)
    return RememberedRuler(nlp.get_pipe("attribute_ruler"))


@Language.factory("factsheet_lemmatizer")
def _make_lemmatizer(nlp: Language, name: str) -> RememberedLemmatizer:  # noqa: ARG001
    return RememberedLemmatizer(nlp.get_pipe("lemmatizer"))


def remember(nlp: Language) -> None:
    """Put the remembering components in the place of the pipeline's attribute ruler and lemmatizer (those it
    has, when their kind is spaCy's; a lemmatizer by lookup table is left alone)."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    swaps = (("attribute_ruler", AttributeRuler, "factsheet_attribute_ruler"),
             ("lemmatizer", Lemmatizer, "factsheet_lemmatizer"))
    for name, kind, factory in swaps:
        if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), kind):
            continue
        if name == "lemmatizer" and (nlp.get_pipe(name).mode != "rule"
                                     or not nlp.get_pipe(name).lookups.has_table("lemma_rules")):
            continue
        mine = nlp.add_pipe(factory, after=name)
        if isinstance(mine, RememberedRuler) and not mine.handled:
            nlp.remove_pipe(factory)  # a pattern of another kind: spaCy's own component stays
            continue
        nlp.remove_pipe(name)
