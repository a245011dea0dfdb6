"""People, organisations and places in one article: one entity per real-world referent.

:func:`extract_entities` turns spaCy's entity mentions into :class:`~generator.model.Entity`
records and returns an :class:`EntityIndex` that maps every mention back to its entity, for
speaker resolution and the other extractors. In order:

1. mentions are cleaned ("the Kremlin" -> "Kremlin", "Peskov's" -> "Peskov"), names after an
   honorific the model missed are added ("Mr Peskov"), and an organisation split from its
   national adjective is joined again ("Ukrainian" + "Defence Ministry");
2. types are corrected where the article shows better: a name with a company word is an
   organisation ("Maxar Technologies"), a surname of a person named in full is that person,
   a national adjective (Russian, Ukrainian) is NORP whatever the model said, and otherwise
   all mentions of one name take the type most of them have;
3. mentions are clustered: a surname or first name joins the full name it belongs to (the one
   mentioned last before it), well-known variants of a place or body share a canonical name
   ("US", "U.S.", "America", "the United States" -> "United States"), an acronym joins the name
   it abbreviates ("NATO" / "North Atlantic Treaty Organization"), and a national adjective
   joins its country when the article names the country;
4. each person gets the roles the article gives them (see :mod:`generator.extract.entities.roles`) and,
   where the article shows it, a grammatical gender for pronoun resolution.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Span

from generator.extract.doc import DocTable
from generator.extract.entities.names import name_gender
from generator.extract.entities.roles import (
    HONORIFICS,
    apposition_after,
    apposition_before,
    gender_of_word,
    is_role_word,
    role_by_verb,
    title_before,
)
from generator.model import Entity

KEPT_TYPES = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}

#: words that make a name an organisation whatever the model tagged it
ORG_WORDS = {
    "inc", "corp", "corporation", "co", "ltd", "llc", "plc", "gmbh", "ag", "sa", "group", "holdings", "technologies",
    "technology", "systems", "industries", "international", "partners", "associates", "capital", "bank", "fund",
    "news", "media", "press", "times", "post", "journal", "herald", "tribune", "gazette", "telegraph", "network",
    "broadcasting", "radio", "tv", "television", "magazine", "agency", "ministry", "department", "office",
    "committee", "commission", "council", "parliament", "congress", "senate", "assembly", "court", "party",
    "university", "college", "school", "institute", "institution", "foundation", "association", "society",
    "union", "federation", "league", "organization", "organisation", "authority", "administration", "bureau",
    "service", "services", "police", "army", "navy", "force", "forces", "guard", "campaign", "club", "team",
    "airlines", "airways", "motors", "pharmaceuticals", "labs", "laboratories", "energy", "oil", "petroleum",
    "renewables", "solutions", "resources", "logistics", "brands", "foods", "entertainment", "studios", "records",
}
#: words that end the name of a street or square, never a person's ("Hermenegildo Galeana Street")
STREET_WORDS = {"street", "avenue", "road", "boulevard", "plaza", "highway", "parkway", "expressway", "freeway",
                "square"}

#: well-known places and bodies written several ways: every variant -> the canonical name
_VARIANTS = {
    "United States": ["us", "usa", "united states", "united states of america", "america", "the states"],
    "United Kingdom": ["uk", "britain", "great britain", "united kingdom"],
    "United Nations": ["un", "united nations"],
    "European Union": ["eu", "european union"],
    "Soviet Union": ["ussr", "soviet union"],
    "United Arab Emirates": ["uae", "united arab emirates", "emirates"],
    "North Atlantic Treaty Organization": ["nato", "north atlantic treaty organization",
                                           "north atlantic treaty organisation"],
}
_VARIANT_TYPE = {"United Nations": "ORG", "European Union": "ORG", "North Atlantic Treaty Organization": "ORG"}
_SHORT_CANONICAL = {"North Atlantic Treaty Organization": "NATO"}  # where the short form is the usual name
CANONICAL = {v: name for name, vs in _VARIANTS.items() for v in vs}

#: national adjectives that the productive rules below do not derive
_DEMONYMS = {
    "american": "united states", "americans": "united states", "british": "united kingdom", "briton": "united kingdom",
    "english": "england", "scottish": "scotland", "welsh": "wales", "irish": "ireland", "french": "france",
    "dutch": "netherlands", "swiss": "switzerland", "chinese": "china", "japanese": "japan", "vietnamese": "vietnam",
    "lebanese": "lebanon", "sudanese": "sudan", "portuguese": "portugal", "greek": "greece", "turkish": "turkey",
    "polish": "poland", "swedish": "sweden", "danish": "denmark", "finnish": "finland", "spanish": "spain",
    "filipino": "philippines", "thai": "thailand", "iraqi": "iraq", "israeli": "israel", "saudi": "saudi arabia",
    "soviet": "soviet union", "european": "european union", "kuwaiti": "kuwait", "yemeni": "yemen",
    "pakistani": "pakistan", "afghan": "afghanistan", "emirati": "united arab emirates", "peruvian": "peru",
    "belarusian": "belarus", "kazakh": "kazakhstan", "uzbek": "uzbekistan", "czech": "czech republic",
    "slovak": "slovakia", "croatian": "croatia", "serbian": "serbia", "norwegian": "norway", "icelandic": "iceland",
    "argentine": "argentina", "argentinian": "argentina", "mexican": "mexico", "canadian": "canada",
}


#: verbs of saying that open an inverted attribution ("Added Lee: …"); past forms, none of them a given name
OPENING_CUES = {"added", "stated", "explained", "continued", "warned", "noted", "insisted", "recalled", "argued",
                "replied", "answered", "wrote", "concluded", "observed", "declared", "remarked", "quipped",
                "conceded", "countered", "cautioned", "admitted", "acknowledged", "complained", "predicted"}
#: words a title-case headline glues to a name: "Obama Says", "Trump Wins"
_NOT_NAME_WORDS = {"says", "said", "wins", "won", "calls", "slams", "blasts", "warns", "urges", "vows", "tells",
                   "and", "or", "to", "in", "on", "at", "for", "with", "vs", "after", "before"}


def demonym_candidates(word: str) -> list[str]:
    """Country names a national adjective may come from: Russian -> russia, Ukrainian -> ukraine."""
    w = word.lower().rstrip(".")
    if w.endswith("s") and not w.endswith("ss"):
        w = w[:-1] if w[:-1].endswith(("an", "i", "ese")) else w
    out = [_DEMONYMS[w]] if w in _DEMONYMS else []
    for suffix, repl in (("ian", "ia"), ("ian", "e"), ("ian", "a"), ("ian", ""), ("an", "a"), ("an", ""),
                         ("ean", "ea"), ("ese", "a"), ("ese", ""), ("ish", ""), ("ish", "and"), ("i", ""),
                         ("ic", "ia"), ("n", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            out.append(w[: len(w) - len(suffix)] + repl)
    return out


@dataclass
class EntityIndex:
    """The entities of one article and where each is mentioned."""

    entities: list[Entity]
    token_entity: dict[int, int] = field(default_factory=dict)  # token index -> index into entities
    mentions: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # entity -> [(start, end) tokens]
    genders: dict[int, str] = field(default_factory=dict)  # entity -> "m" / "f", where the article shows it
    role_at: dict[int, str] = field(default_factory=dict)  # first token of a mention -> role given there
    role_spans: dict[tuple[int, int], int] = field(default_factory=dict)  # (start, end) of a role phrase -> entity
    table: DocTable | None = None  # token attributes of the document, shared with the quote extractor

    def at(self, i: int) -> Entity | None:
        """The entity mentioned at token ``i``, if any."""
        k = self.token_entity.get(i)
        return self.entities[k] if k is not None else None

    def id_at(self, i: int) -> int | None:
        return self.token_entity.get(i)

    def in_span(self, span: Span, types: set[str] | None = None) -> list[Entity]:
        """Entities mentioned in a span, in order of first mention, no repeats."""
        seen: list[Entity] = []
        for i in range(span.start, span.end):  # indices, not tokens: a Token object costs more than the lookup
            e = self.at(i)
            if e is not None and e not in seen and (types is None or e.type in types):
                seen.append(e)
        return seen

    def by_name(self, name: str) -> Entity | None:
        key = _key(name)
        for e in self.entities:
            if _key(e.name) == key or key in {_key(a) for a in e.aliases}:
                return e
        return None

    def person_by_surname(self, word: str) -> int | None:
        """The one person named in full whose surname (or an alias) is ``word``, any case; None if none or two."""
        low = word.lower()
        found = {k for k, e in enumerate(self.entities) if e.type == "PERSON" and len(e.name.split()) >= 2
                 and (e.name.split()[-1].lower() == low or low in {a.lower() for a in e.aliases})}
        return found.pop() if len(found) == 1 else None

    def mention_at(self, i: int) -> tuple[int, int] | None:
        """The (start, end) token range of the mention covering token ``i``."""
        k = self.token_entity.get(i)
        if k is None:
            return None
        for s, e in self.mentions.get(k, ()):
            if s <= i < e:
                return s, e
        return None


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    # "O'Malley" is one word, not "o" and "malley" (else it reads as a full name of two words)
    words = re.findall(r"\w+(?:['\u2019]\w+)*", text.lower().replace(".", "").replace("\u2019", "'"))
    return " ".join(w for w in words if w not in HONORIFICS and w != "the")


def _norm(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    text: str
    honorific: str | None = None
    described: bool = False  # the article calls it a kind of organisation right in front: "private contractor G4S"

    @property
    def key(self) -> str:
        return _key(self.text)


_TRAILING = {"'s", "\u2019s", "'", "\u2019"}


def _clean(table: DocTable, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing possessives or punctuation from a mention."""
    pos, tag, lower = table.pos, table.tag, table.lower
    words = table.text
    while start < end and (lower[start] == "the" or pos[start] in {"PUNCT", "SPACE"}
                           or not any(c.isalnum() for c in words[start])):
        start += 1
    while end > start and (tag[end - 1] == "POS" or pos[end - 1] in {"PUNCT", "SPACE"} or lower[end - 1] in _TRAILING
                           or not any(c.isalnum() for c in words[end - 1])):
        if lower[end - 1] in _TRAILING and _name_ends_in_s(table, end - 1):
            break
        end -= 1
    return start, end


_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "pobj"}


def _name_ends_in_s(table: DocTable, i: int) -> bool:
    """Whether the "'s" at ``i`` is the end of a name, not a possessive: "Marlow Joe's said", "auction house
    Christie's": the word it hangs on is the subject or object itself, owning nothing."""
    head = table.head[i]
    return head == i - 1 and table.dep[i] == "case" and table.dep[head] in _ARGUMENTS and table.pos[head] == "PROPN"


def _ent_spans(table: DocTable) -> list[tuple[int, int, str]]:
    """(start, end, label) of the named-entity spans, from the IOB columns."""
    out = []
    start, label = -1, ""
    for i, (iob, etype) in enumerate(zip(table.ent_iob, table.ent_type, strict=True)):
        if start >= 0 and iob != 1:  # 1 = inside
            out.append((start, i, label))
            start = -1
        if iob == 3:  # 3 = begin
            start, label = i, etype
    if start >= 0:
        out.append((start, table.n, label))
    return out


#: words that end a name after a comma: "Acme, Inc.", "Martin Luther King, Jr."
_NAME_SUFFIXES = {"inc", "ltd", "llc", "llp", "plc", "co", "corp", "jr", "sr", "ii", "iii", "iv"}
#: words before a comma that make it part of one name: "University of California, Berkeley", "Committee on
#: Science, Space and Technology"
_INNER_LIST = {"of", "on", "for", "in", "at", "&"}


def _split_lists(table: DocTable, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A person's, organisation's or people's span the recogniser ran across a comma is a list or two names side by side
    ("Facebook, Google", "Wikipedia, Airbnb and Lyft", "According to Yin, Broad Group's …"): cut at each comma and
    at "and"/"or" between them. A comma inside one name stays: after a word that opens its inner list ("University
    of California, Berkeley", "Committee on Science, Space and Technology"), in a firm's name ("Ruane, Cunniff &
    Goldfarb") or before a suffix ("Acme, Inc.")."""
    out = []
    for s, e, label in spans:
        commas = [i for i in range(s + 1, e - 1) if table.text[i] == ","]
        if label not in {"PERSON", "ORG", "NORP"} or not commas \
                or any(table.lower[i] in _INNER_LIST for i in range(s, e)) \
                or any(table.lower[i + 1].rstrip(".") in _NAME_SUFFIXES for i in commas):
            out.append((s, e, label))
            continue
        cuts = sorted(set(commas) | {i for i in range(commas[0] + 1, e) if table.lower[i] in {"and", "or"}})
        parts = [(a + 1, b) for a, b in zip([s - 1, *cuts], [*cuts, e], strict=True) if b > a + 1]
        if any(b - a == 1 and table.lower[a] in ORG_WORDS for a, b in parts):
            out.append((s, e, label))  # "the Batkivschina, or Fatherland, Party": the last part is no name alone
            continue
        out.extend((a, b, label) for a, b in parts)
    return out


def _raw_mentions(table: DocTable) -> list[_Mention]:
    out: list[_Mention] = []
    covered: set[int] = set()
    lower, tag, words = table.lower, table.tag, table.text
    lowercase: set[str] | None = None  # the words the article writes in lower case, read when needed
    names: dict[str, set[str]] = {}  # a person's name or surname -> the names tagged that give it
    spans = _split_lists(table, _ent_spans(table))
    for ent_start, ent_end, label in spans:
        if label not in KEPT_TYPES:
            continue
        s, e = _clean(table, ent_start, ent_end)
        honorific = None
        while s < e and lower[s].rstrip(".") in HONORIFICS:
            honorific = words[s]
            s += 1
        if s >= e or not any(c.isalpha() for w in words[s:e] for c in w):
            continue
        # a name has a capital letter and a proper noun ("flood barrier", "Teachers" are not names)
        if not any(w[:1].isupper() for w in words[s:e]) or \
                (label in {"PERSON", "ORG"} and not any(tag[j] in {"NNP", "NNPS"} for j in range(s, e))):
            continue
        if label == "PERSON":  # "Obama Says" in a title-case headline
            while e > s + 1 and (tag[e - 1].startswith("VB") or lower[e - 1] in _NOT_NAME_WORDS):
                e -= 1
            # "Organizer Tom Hale": a capitalised role word the model ran into the name is a title in front of
            # it (kept when only one word would be left: "Dean Baquet", "Major Garrett" may be names)
            # (not a given name that only looks like a role word: "Carmen M. Ortiz", "Norman Lee Smith")
            while e - s > 2 and is_role_word(table.doc[s]) and words[s][:1].isupper() and tag[s + 1] == "NNP" \
                    and name_gender(words[s]) is None:
                s += 1
            # "Added Ann Lee: …", "Explained Lee, …": an inverted attribution's verb opening the sentence, run into
            # the name
            if e - s >= 2 and table.sents[table.sent_of[s]][0] == s and lower[s] in OPENING_CUES:
                s += 1
            # "Top Clinton adviser sent …" opening a headline: a word the article otherwise writes in lower case
            # ("top secret"), and no given name, is the sentence's first word run into the name, when the rest is a
            # name the article gives someone ("Hillary Clinton"; not so "Win Htein" for "Htein")
            if e - s >= 2 and table.sents[table.sent_of[s]][0] == s and words[s][:1].isupper() \
                    and name_gender(words[s]) is None:
                if lowercase is None:
                    lowercase = {w for w in words if w.islower()}
                    # the names of people the recogniser tagged, and their surnames: what the rest must be
                    for a, b, kind in spans:
                        if kind == "PERSON":
                            full = table.span_text(a, b)
                            names.setdefault(full, set()).add(full)
                            names.setdefault(words[b - 1], set()).add(full)
                if lower[s] in lowercase and names.get(table.span_text(s + 1, e), set()) - {table.span_text(s, e)}:
                    s += 1
        if label == "PERSON" and honorific is None:
            s, honorific = _given_names_before(table, s, e)
        if label == "ORG" and e < table.n and e - s >= 3 and is_role_word(table.doc[e]):
            # "ITV News Global Security Editor Rohit Kachroo": the model ran the organisation into
            # the title; the organisation ends at its last organisation word
            cut = max((j for j in range(s + 1, e - 1) if lower[j] in ORG_WORDS), default=None)
            if cut is not None:
                e = cut + 1
        if honorific is None and s > 0 and lower[s - 1].rstrip(".") in HONORIFICS:
            honorific = words[s - 1]
        out.append(_Mention(s, e, label, _norm(table.span_text(s, e)), honorific))
        covered.update(range(min(s, ent_start), ent_end))
    # "Mr Peskov" the model did not tag: an honorific and capitalised names after it
    n, text, pos = table.n, table.text, table.pos
    for i, low in enumerate(table.lower):
        if low.rstrip(".") in HONORIFICS and text[i].istitle() and i + 1 < n and i + 1 not in covered:
            j = i + 1
            while j < n and text[j].istitle() and pos[j] == "PROPN" and j not in covered:
                j += 1
            if j > i + 1:
                out.append(_Mention(i + 1, j, "PERSON", _norm(table.span_text(i + 1, j)), text[i]))
    out = _people_by_role(table, out)
    out = _orgs_by_description(table, out)
    for m in out:
        covered.update(range(m.start, m.end))
    # a full name the recogniser gave a person elsewhere and missed (or took for a product, a work) here: the
    # same person, not a stray surname of someone else ("Ivanka Trump acknowledged" is not Donald Trump)
    full_names: dict[str, set[tuple[str, ...]]] = {}
    for m in out:
        if m.label == "PERSON" and m.end - m.start >= 2:
            full_names.setdefault(text[m.start], set()).add(tuple(text[m.start:m.end]))
    for i, word in enumerate(text):
        # the longest first, then by words: never in the set's order, which changes between runs
        for name in sorted(full_names.get(word, ()), key=lambda n: (-len(n), n)):
            e = i + len(name)
            if tuple(text[i:e]) == name and not covered.intersection(range(i, e)):
                out.append(_Mention(i, e, "PERSON", _norm(table.span_text(i, e))))
                covered.update(range(i, e))
    # an organisation's name of two words or more, or an acronym, the recogniser tagged elsewhere and missed here:
    # "Broad Group emphasized …" after "Broad Group's Sky City" (with no name going on either side of it)
    out.extend(_org_names_repeated(table, out, covered))
    # a surname of someone named in full, where the model missed it ("Hale spoke.")
    surnames = {text[m.end - 1] for m in out if m.label == "PERSON" and m.end - m.start >= 2
                and text[m.end - 1].lower() not in STREET_WORDS}
    ent_type = table.ent_type
    for i, word in enumerate(text):
        # the tagger sometimes calls a surname a common noun ("Trump says", "Saunders said"): a recogniser's name
        # decides then, or the capital letter where a sentence does not start (on a name standing alone, not one
        # in front of a noun: "a top Trump surrogate")
        if word in surnames and i not in covered and (
                pos[i] == "PROPN" or ent_type[i] == "PERSON"
                or (word[:1].isupper() and table.dep[i] not in {"compound", "amod", "nmod"}
                    and (ent_type[i] == "ORG" or table.sents[table.sent_of[i]][0] != i))) and \
                not (i + 1 < n and pos[i + 1] == "PROPN" and text[i + 1].istitle()):
            out.append(_Mention(i, i + 1, "PERSON", word))
    out.sort(key=lambda m: m.start)
    return out


def _org_names_repeated(table: DocTable, mentions: list[_Mention], covered: set[int]) -> list[_Mention]:
    """Mentions of an organisation's name where the recogniser tagged nothing: the exact words of a name it tagged
    an organisation elsewhere in the article, when the name is two words or more in capitals ("Broad Group",
    "Save the Children") or an acronym the article never writes in lower case ("BSB", not "IT"), and no capitalised
    name goes on before or after it ("Broad Group" is not in "Ping Broad Group Tower")."""
    text, tag, n = table.text, table.tag, table.n
    lowercase = {w for w in text if w.islower()}
    names: dict[str, set[tuple[str, ...]]] = {}
    for m in mentions:
        words = tuple(text[m.start:m.end])
        if m.label != "ORG" or not words:
            continue
        several = len(words) >= 2 and words[0][:1].isupper() and words[-1][:1].isupper() and all(
            w[:1].isupper() or w.lower() in _NAME_LINKS for w in words)
        acronym = len(words) == 1 and 2 <= len(words[0]) <= 6 and words[0].isalpha() and words[0].isupper() \
            and words[0].lower() not in lowercase
        if several or acronym:
            names.setdefault(words[0], set()).add(words)
    added: list[_Mention] = []
    for i, word in enumerate(text):
        # the longest first, then by words: never in the set's order, which changes between runs
        for name in sorted(names.get(word, ()), key=lambda w: (-len(w), w)):
            e = i + len(name)
            if tuple(text[i:e]) != name or covered.intersection(range(i, e)) \
                    or any(table.ent_type[j] not in {"", "ORG"} for j in range(i, e)) \
                    or (i > 0 and tag[i - 1] in {"NNP", "NNPS"} and text[i - 1][:1].isupper()) \
                    or (e < n and tag[e] in {"NNP", "NNPS"} and text[e][:1].isupper()):
                continue
            added.append(_Mention(i, e, "ORG", _norm(table.span_text(i, e))))
            covered.update(range(i, e))
            break
    return added


#: the most words of a name the recogniser left out in front of the part it tagged
_MAX_NAME_LEFT = 2


def _given_names_before(table: DocTable, s: int, e: int) -> tuple[int, str | None]:
    """Where a person's name starts when the recogniser tagged only its end ("Dr. Renaud [Piarroux]", "Debbie
    [Wasserman Schultz]"): the capitalised proper nouns compounded onto the name right in front of it, no role
    word or other entity among them, when an honorific stands before them or the first is a given name (a
    capitalised word in front of a name is as often a title, a party or a headline's word: "Moderator Bret
    Baier", "Crooked Hillary"). Returns the new start and the honorific (or None)."""
    start = s
    while s - start < _MAX_NAME_LEFT and start > 0:
        j = start - 1
        word = table.text[j]
        if table.tag[j] != "NNP" or table.dep[j] not in {"compound", "flat"} or not (s <= table.head[j] < e) \
                or not word[:1].isupper() or not word[1:].replace("-", "").isalpha() or table.ent_type[j] \
                or word.lower() in HONORIFICS or is_role_word(table.doc[j]):
            break
        start = j
    if start == s:
        return s, None
    if start > 0 and table.lower[start - 1].rstrip(".") in HONORIFICS:
        return start, table.text[start - 1]
    return (start, None) if name_gender(table.text[start]) is not None else (s, None)


#: the longest run of capitalised words taken for a name by its role alone
_MAX_NAME_WORDS = 3


def _people_by_role(table: DocTable, mentions: list[_Mention]) -> list[_Mention]:
    """People the recogniser missed or took for an organisation, told by the role the article gives them:
    a title right in front ("Formula E chief executive Alejandro Agag") or an apposition right after
    ("Annika Thunborg, CTBTO spokesperson"). The name is two or three capitalised proper nouns with no
    organisation word among them; a mention the recogniser made of exactly those words is relabelled."""
    doc, text, tag, n = table.doc, table.text, table.tag, table.n
    by_start = {m.start: m for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added: list[_Mention] = []
    i = 0
    while i < n:
        j = i
        while j < n and j - i < _MAX_NAME_WORDS + 1 and tag[j] in {"NNP", "NNPS"} and text[j][:1].isupper() \
                and text[j][1:].replace("-", "").replace("'", "").isalpha() and not text[j][1:].isupper():
            j += 1
        if j - i < 2 or j - i > _MAX_NAME_WORDS or (j < n and tag[j] in {"NNP", "NNPS"}) or \
                any(table.lower[t] in ORG_WORDS or is_role_word(doc[t]) for t in range(i, j)):
            i = max(j, i + 1)
            continue
        titled = i > 0 and is_role_word(doc[i - 1]) and doc[i - 1].pos_ in {"NOUN", "PROPN"}
        # (a word tagged plural is a person's name only set off after a role: "the envoy, Glyn Davies,"; "Roman
        # Catholics, the pope of the poor" are a people)
        plural = any(tag[t] == "NNPS" for t in range(i, j))
        if (not plural and (titled or _role_apposition(doc, i, j))) or _apposition_of_role(doc, i, j):
            m = by_start.get(i)
            if m is not None and m.end == j and m.label in {"ORG", "NORP", "GPE"}:
                m.label = "PERSON"
            elif not any(t in taken for t in range(i, j)):
                added.append(_Mention(i, j, "PERSON", _norm(table.span_text(i, j))))
        i = j
    return sorted([*mentions, *added], key=lambda m: m.start)


#: kinds of organisation a name may follow in lower case, the name being that organisation's: "private contractor
#: G4S", "the news agency Xinhua", "rights group Amnesty International", "utility company Eskom"
ORG_KINDS = {"company", "firm", "carrier", "airline", "retailer", "operator", "charity", "agency", "bank", "lender",
             "insurer", "automaker", "carmaker", "manufacturer", "maker", "network", "newspaper", "publisher",
             "nonprofit", "non-profit", "foundation", "organization", "organisation", "group", "contractor",
             "chain", "startup", "start-up", "conglomerate", "supermarket", "utility",
             "website", "magazine", "broadcaster", "channel", "tabloid", "daily", "outfit", "consultancy",
             "watchdog", "regulator"}
#: small words inside an organisation's name: "Club for Growth", "Save the Children"
_NAME_LINKS = {"for", "of", "the", "de", "and", "&", "on", "in"}
#: the most words of a name taken for an organisation by the kind in front of it
_MAX_ORG_WORDS = 4


def _orgs_by_description(table: DocTable, mentions: list[_Mention]) -> list[_Mention]:
    """Organisations the recogniser missed or took for a person or a place, told by the kind of organisation the
    article writes in lower case right in front of the name and the parse joins to it: "private contractor G4S",
    "news agency Xinhua", "utility company Eskom". The name is one to four capitalised proper nouns with no role
    word, not starting with a given name ("gaming developer John Carmack" is a person); a mention of exactly
    those words is relabelled, none at all gets one, and the article's other mentions of the name without a
    label go with it ("G4S said")."""
    doc, text, tag, n = table.doc, table.text, table.tag, table.n
    by_span = {(m.start, m.end): m for m in mentions}
    taken = {i for m in mentions for i in range(m.start, m.end)}
    added: list[_Mention] = []
    names: set[tuple[str, ...]] = set()
    for i in range(n - 1):
        if table.lower[i] not in ORG_KINDS or table.pos[i] != "NOUN" or not text[i].islower():
            continue
        j = i + 1
        while j < n and j - i <= _MAX_ORG_WORDS and tag[j] in {"NNP", "NNPS"} and text[j][:1].isupper():
            j += 1
        words = text[i + 1:j]
        if j + 1 < n and table.lower[j] in _NAME_LINKS and text[j + 1][:1].isupper():
            continue  # the name goes on: "the group Club for Growth", "Americans for Prosperity"
        if not words or j - i > _MAX_ORG_WORDS or (j < n and tag[j] in {"NNP", "NNPS"}) \
                or len("".join(words)) < 2 or name_gender(words[0]) is not None \
                or any(is_role_word(doc[t]) or table.lower[t].rstrip(".") in HONORIFICS for t in range(i + 1, j)):
            continue
        head = next((t for t in range(i + 1, j) if not (i + 1 <= table.head[t] < j) or table.head[t] == t), j - 1)
        if not (i + 1 <= table.head[i] < j or table.head[head] == i):
            continue  # the kind is not about the name: "the company CEO", "a group Ann Lee set up"
        m = by_span.get((i + 1, j)) or next((m for m in mentions if m.start <= i and m.end == j and all(
            tag[t] not in {"NNP", "NNPS"} for t in range(m.start, i + 1))), None)
        if m is not None:  # (a name the recogniser ran the words in front into: "[Rental company Acme Yachting]")
            m.start, m.text = i + 1, _norm(table.span_text(i + 1, j))
            m.label, m.described = "ORG", True
        elif not any(t in taken for t in range(i + 1, j)):
            added.append(_Mention(i + 1, j, "ORG", _norm(table.span_text(i + 1, j)), described=True))
            taken.update(range(i + 1, j))
        else:
            continue
        names.add(tuple(words))
    # the same name elsewhere in the article, where nothing else was recognised
    for i, word in enumerate(text):
        for name in names:
            e = i + len(name)
            if name[0] == word and tuple(text[i:e]) == name and not taken.intersection(range(i, e)) \
                    and not (e < n and tag[e] in {"NNP", "NNPS"}) and not (i > 0 and tag[i - 1] in {"NNP", "NNPS"}):
                added.append(_Mention(i, e, "ORG", _norm(table.span_text(i, e)), described=True))
                taken.update(range(i, e))
    return sorted([*mentions, *added], key=lambda m: m.start)


def _role_apposition(doc: Doc, start: int, end: int) -> bool:
    """", a hydrologist at …", ", CTBTO spokesperson": a comma, then a role noun within a few words that the
    parse makes an apposition of the name (not of the person before it: "Rep. Lee Zeldin of New York, a Trump
    supporter")."""
    if end >= len(doc) or doc[end].text != "," or (start > 0 and doc[start - 1].pos_ == "ADP"):
        return False
    for t in doc[end + 1:min(len(doc), end + 6)]:
        if is_role_word(t) and t.pos_ in {"NOUN", "PROPN"}:
            return t.dep_ == "appos" and start <= t.head.i < end
        if t.pos_ not in {"DET", "ADJ", "PROPN", "NOUN", "PART"} and t.text not in {"'s", "\u2019s"}:
            return False
    return False


def _apposition_of_role(doc: Doc, start: int, end: int) -> bool:
    """"The top U.S. envoy for North Korea, Glyn Davies, said", "the mayor of Eastport, Tom Brix,": a name set off by
    commas that the parse makes an apposition of a role noun before it, or of the place or body in that role's
    "of"/"for"/"at" phrase."""
    if start == 0 or doc[start - 1].text != "," or (end < len(doc) and doc[end].text not in {",", ".", ";"}):
        return False
    head = next((t for t in doc[start:end] if not start <= t.head.i < end), None)
    if head is None or head.dep_ != "appos" or head.head.i >= start:
        return False
    owner = head.head
    if owner.dep_ == "pobj" and owner.head.dep_ == "prep" and owner.head.lower_ in {"of", "for", "at"}:
        owner = owner.head.head
    return owner.pos_ == "NOUN" and is_role_word(owner) and not owner.tag_.endswith("S")


def _join_national_adjective(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """"Ukrainian" + "Defence Ministry" -> "Ukrainian Defence Ministry" when the model split them."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.label == "ORG" and prev.label in {"NORP"} and prev.end == m.start \
                and prev.end - prev.start == 1 and doc[m.start].is_title:
            out[-1] = _Mention(prev.start, m.end, "ORG", _norm(doc[prev.start:m.end].text))
            continue
        out.append(m)
    return out


def _is_demonym(word: str, places: set[str]) -> bool:
    return any(c in places or c in CANONICAL or c in _DEMONYMS.values() for c in demonym_candidates(word))


def _fix_types(mentions: list[_Mention]) -> None:
    places = {m.key for m in mentions if m.label in PLACE_TYPES}
    full_names = [m.key.split() for m in mentions if m.label == "PERSON" and len(m.key.split()) >= 2]
    name_parts = {w for parts in full_names for w in (parts[0], parts[-1])}
    described = {m.key for m in mentions if m.described}  # an organisation by what the article calls it
    for m in mentions:
        words = m.key.split()
        if not words:
            continue
        if m.key in described:
            m.label = "ORG"
            continue
        if m.label == "PERSON" and len(words) >= 2 and words[-1] in ORG_WORDS:
            m.label = "ORG"
        elif m.label == "PERSON" and len(words) >= 2 and words[-1] in STREET_WORDS:
            m.label = "FAC"
        elif len(words) == 1 and m.label in {"GPE", "ORG", "PERSON", "NORP", "LOC"} \
                and _is_demonym(m.key, places) and m.key not in CANONICAL:
            m.label = "NORP"
        elif (m.label in {"ORG", "GPE", "NORP", "LOC", "FAC"} and len(words) == 1 and m.key in name_parts \
                and m.key not in CANONICAL) or (m.honorific and m.label != "PERSON"):
            m.label = "PERSON"
    # the type most mentions of one name have
    votes: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        votes[m.key][m.label] += 1
    for m in mentions:
        if m.label == "NORP" or m.key in described:
            continue
        ranked = votes[m.key].most_common()
        best, n = ranked[0]
        if best != m.label and n > votes[m.key][m.label] and best != "NORP":
            m.label = best


def _drop_title_parts(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """"State" in "Secretary of State" is part of a title, not an organisation."""
    out = []
    for m in mentions:
        if m.end - m.start == 1 and m.start >= 2 and doc[m.start - 1].lower_ == "of" \
                and is_role_word(doc[m.start - 2]) and m.label in {"ORG", "GPE"} and doc[m.start].lower_ == "state":
            continue
        out.append(m)
    return out


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in {"of", "the", "and", "for", "on", "in", "&"})


#: the fewest letters an acronym of a name's first words has ("CDC"; "UN" must spell the whole name)
MIN_PREFIX_ACRONYM = 3
#: lower-case particles of surnames: "bin Laden" and "di Montezemolo" are surnames, not first and last names
SURNAME_PARTICLES = {"bin", "ibn", "al", "el", "di", "de", "da", "del", "della", "van", "von", "der", "den", "ter",
                     "le", "la", "du", "dos", "das"}


def _cluster(mentions: list[_Mention]) -> list[list[_Mention]]:
    """Group mentions by referent, in order of first mention."""
    groups: dict[tuple[str, str], list[_Mention]] = {}
    order: list[tuple[str, str]] = []

    def add(gkey: tuple[str, str], m: _Mention) -> None:
        if gkey not in groups:
            groups[gkey] = []
            order.append(gkey)
        groups[gkey].append(m)

    full: list[tuple[int, list[str], tuple[str, str]]] = []  # (position, words, group) of full person names
    persons = [m for m in mentions if m.label == "PERSON"]
    # longest first, then in order of first mention (never in a set's order: that changes between runs)
    names = list(dict.fromkeys(tuple(m.key.split()) for m in persons))
    multi = sorted((ws for ws in names if len(ws) >= 2), key=len, reverse=True)
    # a full name joins a longer one with the same first and last names ("Hillary Rodham Clinton")
    person_group: dict[tuple[str, ...], tuple[str, str]] = {}
    for words in multi:
        target = next((person_group[o] for o in person_group
                       if o[0] == words[0] and o[-1] == words[-1] and len(o) > len(words)), None)
        if target is None and words[0] in SURNAME_PARTICLES:  # "bin Laden" after "Osama bin Laden"
            target = next((person_group[o] for o in person_group
                           if len(o) > len(words) and o[-len(words):] == words), None)
        person_group[words] = target or ("PERSON", " ".join(words))
    first_named = {ws: person_group[ws] for ws in names if ws in person_group}  # full names, first mentioned first
    acronyms: dict[str, tuple[str, str]] = {}  # initials -> the group of the name they abbreviate
    prefixes: dict[str, tuple[str, str]] = {}  # the same for the first words only ("CDC": "Centers for Disease
    for m in mentions:                           # Control and Prevention"), used when no name has all the initials
        if m.label in {"ORG", "GPE", "LOC"} and len(m.key.split()) >= 2:
            canon = CANONICAL.get(m.key)
            group = ("CANON", canon.lower()) if canon else ("PLACE" if m.label in PLACE_TYPES else m.label, m.key)
            initials = _initials(m.key)
            acronyms.setdefault(initials, group)
            for k in range(MIN_PREFIX_ACRONYM, len(initials)):
                prefixes.setdefault(initials[:k], group)
    for short, group in prefixes.items():
        acronyms.setdefault(short, group)

    for m in mentions:
        key = m.key
        if m.label == "PERSON":
            words = key.split()
            if len(words) >= 2:
                g = person_group[tuple(words)]
                full.append((m.start, words, g))
                add(g, m)
                continue
            # a single name: the bearer of that surname named in full just before (within a few sentences);
            # else the one the article introduced first, since news writes a later bearer of the surname
            # ("Ivanka Trump") in full; else the full name with that first name mentioned last before it
            # a title's sex rules out a full name whose given name shows the other: "Mrs. Clinton" is no Bill Clinton
            sex = gender_of_word(m.honorific) if m.honorific else None
            bearers = [f for f in full if sex is None or name_gender(f[1][0]) in {None, sex}]
            match = _surname_bearer(bearers, key, m.start) or [f for f in bearers if f[1][0] == key][-1:]
            if not match:  # none yet: the full name with that surname (or first name) mentioned first after it
                named = {ws: g for ws, g in first_named.items() if sex is None or name_gender(ws[0]) in {None, sex}}
                later = [g for ws, g in named.items() if ws[-1] == key] or \
                        [g for ws, g in named.items() if ws[0] == key]
                add(later[0] if later else ("PERSON", key), m)
                continue
            add(match[-1][2], m)
            continue
        if m.label == "NORP":
            add(("NORP", key), m)
            continue
        canonical = CANONICAL.get(key)
        group_type = "PLACE" if m.label in PLACE_TYPES else m.label
        if canonical is None and len(key.split()) == 1 and key in acronyms and m.text.isupper():
            add(acronyms[key], m)
        elif canonical is not None:
            add(("CANON", canonical.lower()), m)
        else:
            add((group_type, key), m)
    return [groups[k] for k in order]


#: how far back (in tokens) a full name still decides which bearer of its surname a lone surname means
NEAR_BEARER = 80


def _surname_bearer(full: list[tuple[int, list[str], tuple[str, str]]], surname: str, at: int) -> list:
    """The full-name mention a lone surname at token ``at`` refers to ([] when no full name has that surname).

    Bearers whose name is another bearer's with words in front ("Rip Donald Trump" from a headline, "Miss Universe
    Alicia Machado") stand for that other bearer."""
    cands = [f for f in full if f[1][-1] == surname]
    if not cands:
        return []
    names = {tuple(f[1]) for f in cands}
    cands = [f for f in cands if not any(len(o) < len(f[1]) and tuple(f[1][-len(o):]) == o for o in names)] or cands
    if len({f[2] for f in cands}) == 1 or at - cands[-1][0] <= NEAR_BEARER:
        return cands[-1:]
    return cands[:1]


def _canonical(group: list[_Mention]) -> tuple[str, str]:
    """The name and type of a cluster."""
    labels = Counter(m.label for m in group)
    label = labels.most_common(1)[0][0]
    names = Counter(m.text for m in group)
    keys = {m.key for m in group}
    for canon, variants in _VARIANTS.items():
        if keys & set(variants):
            kind = _VARIANT_TYPE.get(canon, "GPE" if label not in {"ORG"} else label)
            if kind == "GPE" and label in PLACE_TYPES:
                kind = label
            return _SHORT_CANONICAL.get(canon, canon), kind
    if label == "PERSON":
        name = max(names, key=lambda n: (len(_key(n).split()), names[n], -len(n)))
    else:
        name = max(names, key=lambda n: (len(n.split()), names[n], -len(n)))
    return name, label


#: words that, put after an organisation's short name, still name the same body ("State Department", "Fox News")
SAME_BODY = {"department", "news", "university", "service", "inc", "corp", "corporation", "co", "company", "group",
             "ltd", "llc", "plc"}
#: a department's one-word name means that department ("Justice" is not the European Court of Justice)
DEPARTMENT_WORDS = {"state", "justice", "labor", "treasury", "education", "defense", "commerce", "energy",
                    "interior", "agriculture", "transportation"}
#: the most words a longer name may put in front of a short one ("Wall Street" in "Wall Street Journal")
MAX_FRONT_WORDS = 3


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether a longer organisation name is the full form of a shorter one: words in front of it ("Wall Street
    Journal" for "Journal", "U.S. Supreme Court" for "Supreme Court") or one word after it that names the same
    body ("State Department" for "State"). The White House is not the House."""
    n = len(shorter)
    if n >= len(longer):
        return False
    if longer[-n:] == shorter:
        if (n == 1 and shorter[0] in DEPARTMENT_WORDS) or (shorter == ("house",) and longer[-2] == "white"):
            return False
        return len(longer) - n <= MAX_FRONT_WORDS
    return len(longer) == n + 1 and longer[:n] == shorter and longer[-1] in SAME_BODY


_NOT_ONE_NAME = re.compile(r"^[^A-Z0-9]|[:;,/\u2014\u2013\"]| - | (?:and|or|v\.?|vs\.?) |['\u2019]s\b")


def _one_name(text: str) -> bool:
    """Whether a mention reads as one organisation's name: not "this White House", "McDonald's and Walmart",
    "Fisher v. University of Texas", "Alphabet's Google" or a headline run-on ("Post Hit Piece: ...")."""
    return not _NOT_ONE_NAME.search(text)


def _join_short_org_names(groups: list[list[_Mention]]) -> list[list[_Mention]]:
    """An organisation named by part of a longer name the same article gives ("the National Guard" after "the
    Ukrainian National Guard", "the Journal" after "the Wall Street Journal") is that organisation, when exactly
    one longer name contains it. The group keeps the place of its earlier first mention."""
    orgs = [gi for gi, g in enumerate(groups) if all(m.label == "ORG" for m in g)
            and not any(m.key in CANONICAL for m in g)]
    keys = {gi: {tuple(m.key.split()) for m in groups[gi]} for gi in orgs}
    hosts_ok = {gi for gi in orgs if all(_one_name(m.text) for m in groups[gi])}
    into: dict[int, int] = {}
    for gi in orgs:
        hosts = {hj for hj in hosts_ok if hj != gi
                 and all(any(_contains(long, short) for long in keys[hj]) for short in keys[gi])}
        if len(hosts) == 1:
            into[gi] = hosts.pop()
    if not into:
        return groups

    def root(gi: int) -> int:  # no cycles: every step goes to a strictly longer name
        while gi in into:
            gi = into[gi]
        return gi

    joined: dict[int, list[_Mention]] = {}  # in order of each entity's first group
    for gi, group in enumerate(groups):
        joined.setdefault(root(gi), []).extend(group)
    return [sorted(ms, key=lambda m: m.start) for ms in joined.values()]


def _pronoun_genders(table: DocTable, token_entity: dict[int, int], persons: set[int]) -> dict[int, Counter]:
    """Votes for each person's gender from the pronouns that follow a lone mention of them."""
    votes: dict[int, Counter] = defaultdict(Counter)
    male, female = {"he", "him", "his", "himself"}, {"she", "her", "hers", "herself"}
    last_sent_people: list[int] = []
    for a, b in table.sents:
        seen: list[int] = []
        for i in range(a, b):
            k = token_entity.get(i)
            if k is not None and k in persons and (not seen or seen[-1] != k):
                seen.append(k)
                continue
            low = table.lower[i]
            if low in male or low in female:
                cands = set(seen) or set(last_sent_people)
                if len(cands) == 1:
                    votes[next(iter(cands))]["m" if low in male else "f"] += 1
        last_sent_people = seen
    return votes


def extract_entities(doc: Doc) -> EntityIndex:
    """Cluster the Doc's named-entity mentions into entities, with roles and aliases."""
    table = DocTable(doc)
    mentions = _raw_mentions(table)
    mentions = _join_national_adjective(doc, mentions)
    _fix_types(mentions)
    mentions = _drop_title_parts(doc, mentions)
    groups = _join_short_org_names(_cluster(mentions))

    # NORP adjectives join their country when the article names it
    place_of: dict[str, int] = {}
    for gi, group in enumerate(groups):
        if group[0].label in PLACE_TYPES or any(m.label in PLACE_TYPES for m in group):
            for m in group:
                place_of[m.key] = gi
                if m.key in CANONICAL:
                    place_of[CANONICAL[m.key].lower()] = gi
    merged: dict[int, int] = {}
    for gi, group in enumerate(groups):
        if group[0].label == "NORP":
            for cand in demonym_candidates(group[0].key):
                target = place_of.get(cand, place_of.get(CANONICAL.get(cand, "").lower()))
                if target is not None:
                    merged[gi] = target
                    break
    final: list[list[_Mention]] = []
    position: dict[int, int] = {}
    for gi, group in enumerate(groups):
        if gi in merged:
            continue
        position[gi] = len(final)
        final.append(list(group))
    norp_aliases: dict[int, list[str]] = defaultdict(list)
    for gi, target in merged.items():
        final[position[target]].extend(groups[gi])
        norp_aliases[position[target]].extend(m.text for m in groups[gi])

    index = EntityIndex(entities=[])
    ent_type = table.ent_type
    index.table = table
    canon: list[tuple[str, str]] = [_canonical([m for m in g if m.label != "NORP"] or g) for g in final]
    for k, group in enumerate(final):
        index.mentions[k] = sorted((m.start, m.end) for m in group)
        for m in group:
            for i in range(m.start, m.end):
                index.token_entity[i] = k

    # roles and genders of people
    roles: dict[int, list[str]] = defaultdict(list)
    gender_votes: dict[int, Counter] = defaultdict(Counter)
    for k, group in enumerate(final):
        if canon[k][1] != "PERSON":
            continue
        for m in group:
            if m.honorific and (g := gender_of_word(m.honorific)):
                gender_votes[k][g] += 5
            if m.end - m.start >= 2 and (g := name_gender(doc[m.start].text)):
                gender_votes[k][g] += 3
            s_start, s_end = table.sent_bounds(m.start)
            found = (title_before(doc, m.start, ent_type, s_start)
                     or apposition_before(doc, m.start, ent_type, s_start, m.end, s_end)
                     or apposition_after(doc, m.end, ent_type, s_end)
                     or role_by_verb(doc, m.start, m.end))
            if found is None:
                continue
            a, b = found
            role = _role_text(doc, a, b)
            if not role:
                continue
            index.role_at[m.start] = role
            index.role_spans[(a, b)] = k
            if role.lower() not in {r.lower() for r in roles[k]}:
                roles[k].append(role)
            for t in doc[a:b]:
                if g := gender_of_word(t.text.split("-")[-1]):
                    gender_votes[k][g] += 3
    persons = {k for k, (_, t) in enumerate(canon) if t == "PERSON"}
    for k, votes in _pronoun_genders(table, index.token_entity, persons).items():
        gender_votes[k].update(votes)
    for k, votes in gender_votes.items():
        (g, n), *rest = [*votes.most_common(), ("", 0)]
        if n > rest[0][1]:
            index.genders[k] = g

    for k, group in enumerate(final):
        name, label = canon[k]
        seen = {name}
        aliases: list[str] = []
        for m in group:
            for alias in (m.text, f"{m.honorific} {m.text}" if m.honorific else None):
                if alias and alias not in seen:
                    seen.add(alias)
                    aliases.append(alias)
        ordered = sorted(roles.get(k, ()), key=lambda r: -len(r.split()))
        index.entities.append(Entity(name=name, type=label, aliases=tuple(aliases), roles=tuple(ordered),
                                     mentions=len(group)))
    return index


def _role_text(doc: Doc, a: int, b: int) -> str | None:
    text = " ".join(doc[a:b].text.split())
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return text or None
