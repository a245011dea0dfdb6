"""Roles and titles of people: "Kremlin spokesman", "US Secretary of State", "Russia's deputy UN ambassador".

A role is found next to a person's name, in one of three shapes:

- a title in front of the name: *Kremlin spokesman* Dmitry Peskov, *US Secretary of State* Antony Blinken;
- an apposition after it: Dmytro Kuleba, *the Ukrainian foreign minister*, ...;
- an apposition before it: *Russia's deputy UN ambassador*, Dmitry Polyansky, replied ...

A phrase is a role only when a role noun heads it (a closed list of jobs and titles, plus the
productive endings -man, -woman, -person, -ist). The same test tells whether a noun phrase that
names no one ("the deputy ambassador said") describes a person by role, for speaker resolution.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from generator.extract.lexicon import DASHES

#: honorifics: part of how a name is written, not a role
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "mme", "mlle", "messrs"}
MALE_WORDS = {"mr", "sir", "lord", "king", "prince", "husband", "son", "father", "brother", "uncle", "nephew",
              "grandfather", "boyfriend", "widower", "duke", "emperor", "pope"}
FEMALE_WORDS = {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "wife", "daughter", "mother", "sister",
                "aunt", "niece", "grandmother", "girlfriend", "widow", "duchess", "empress", "mme", "mlle"}

ROLE_NOUNS = {
    # government and politics
    "president", "vice-president", "vice", "premier", "chancellor", "minister", "secretary", "ambassador", "envoy",
    "diplomat", "consul", "senator", "sen", "representative", "rep", "congressman", "congresswoman", "lawmaker",
    "legislator", "governor", "gov", "mayor", "councillor", "councilman", "councilwoman", "deputy", "mp", "mep",
    "speaker", "whip", "leader", "chairman", "chairwoman", "chair", "chairperson", "commissioner", "official",
    "officer", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "adviser", "advisor", "aide",
    "strategist", "operative", "staffer", "nominee", "candidate", "incumbent", "delegate", "attorney", "prosecutor",
    "judge", "justice", "lawyer", "counsel", "solicitor", "barrister", "inspector", "investigator", "negotiator",
    "monarch", "king", "queen", "prince", "princess", "emir", "sheikh", "sultan", "ayatollah", "pope", "cardinal",
    "bishop", "archbishop", "rabbi", "imam", "pastor", "reverend", "president-elect", "treasurer", "comptroller",
    "auditor", "administrator", "director", "head", "chief", "manager", "superintendent", "sheriff", "marshal",
    "pollster", "campaigner", "activist", "organizer", "organiser", "founder", "co-founder", "cofounder",
    # military and police
    "general", "gen", "admiral", "colonel", "col", "major", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt",
    "commander", "commandant", "corporal", "private", "soldier", "trooper", "detective", "constable", "commissar",
    # business, media, science
    "ceo", "cfo", "coo", "cto", "executive", "owner", "partner", "investor", "analyst", "economist",
    "editor", "correspondent", "reporter", "journalist", "columnist", "writer", "author", "anchor", "host",
    "presenter", "producer", "commentator", "critic", "professor", "prof", "lecturer", "researcher", "scientist",
    "expert", "historian", "doctor", "physician", "surgeon", "nurse", "coach", "player", "member", "employee",
    "worker", "student", "teacher", "dean", "principal", "fellow", "consultant", "contractor", "engineer",
    "architect", "designer", "artist", "singer", "actor", "actress", "rapper", "musician", "star", "celebrity",
    "businessman", "businesswoman", "billionaire", "millionaire", "entrepreneur", "magnate", "mogul", "tycoon",
    # people by relation
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow", "widower", "friend",
    "ally", "rival", "opponent", "challenger", "supporter", "backer", "donor", "voter", "resident", "neighbor",
    "neighbour", "victim", "witness", "survivor", "cousin", "uncle", "aunt", "grandson", "granddaughter",
}
#: roles held towards another person: "the wife of John Smith" is never John Smith
RELATIONS = {"wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "widow", "widower",
             "friend", "ally", "rival", "opponent", "challenger", "supporter", "backer", "donor", "victim", "cousin",
             "uncle", "aunt", "grandson", "granddaughter", "nephew", "niece", "grandmother", "grandfather", "parent",
             "child", "fiancee", "fiance", "girlfriend", "boyfriend", "partner", "spouse", "critic", "successor",
             "predecessor", "biographer"}
#: role nouns that say nothing about who someone is on their own ("member", "friend" need a complement)
WEAK_ROLE_NOUNS = {"member", "friend", "head", "chief", "resident", "star", "player", "worker", "employee"}
_ROLE_SUFFIX = re.compile(r"(?:[a-z]{3,}(?:man|woman|person|ist|men|women)|[a-z]+-elect)$")
_NOT_ROLES = {"human", "woman", "man", "person", "german", "roman", "list", "gist", "mist", "twist", "exist",
              "assist", "insist", "resist", "persist", "consist", "wrist", "fist", "heist", "amidst"}

#: words that may stand inside a title ("Secretary of State", "Minister for Health and Social Care")
_TITLE_LINKS = {"of", "for", "and", "&", "at", "on", "to"}
_DETERMINERS = {"the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "that", "these", "those"}
_STOP_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
MAX_ROLE_TOKENS = 12
#: the words that join a role noun to what it is the role in: "mayor of Slovyansk", "spokesman for the ministry"
_ROLE_COMPLEMENT = {"of", "for", "at"}


def is_role_word(tok: Token) -> bool:
    """True for a noun that names a job, title or relation: spokesman, minister, ambassador."""
    low = tok.lower_.rstrip(".")
    lemma = tok.lemma_.lower().rstrip(".")
    if low in _NOT_ROLES or lemma in _NOT_ROLES:
        return False
    if low == "lady" and any(c.lower_ == "first" for c in tok.lefts):
        return True  # "the first lady"
    return low in ROLE_NOUNS or lemma in ROLE_NOUNS or bool(_ROLE_SUFFIX.match(low))


def gender_of_word(word: str) -> str | None:
    w = word.lower().rstrip(".")
    if w in FEMALE_WORDS or (w.endswith("woman") and len(w) > 6):  # (before "-man": "spokeswoman" ends so too)
        return "f"
    if w in MALE_WORDS or (w.endswith("man") and w not in _NOT_ROLES and len(w) > 4):
        return "m"
    return None


def _tidy(doc: Doc, start: int, end: int) -> str | None:
    """The text of tokens [start, end) without determiners at the front or punctuation at either end."""
    while start < end and (doc[start].lower_ in _DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or (doc[end - 1].tag_ == "POS" and end - 1 == start)):
        end -= 1
    if start >= end:
        return None
    return " ".join(doc[start:end].text.split())


def _modifier_ok(tok: Token, ent_type: str) -> bool:
    """A token that may stand inside a title in front of a name."""
    if tok.lower_ == "first" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "lady":
        return True  # "first lady"
    if tok.is_space or tok.like_num or ent_type in _STOP_ENTS:
        return False
    if tok.tag_ == "POS" or tok.text in {"-", "\u2011"}:
        return True
    if tok.pos_ in {"PROPN", "NOUN", "ADJ"} or (tok.dep_ == "amod" and tok.tag_ in {"VBN", "VBG"}):
        return True  # ("the self-declared mayor", "the acting governor")
    return tok.lower_ in _TITLE_LINKS and tok.i > 0 and tok.doc[tok.i - 1].pos_ in {"PROPN", "NOUN"}


def _head_ok(doc: Doc, start: int, end: int) -> bool:
    """A phrase is a role when a role noun heads it: its last word, or the word before "of/for ..."."""
    toks = doc[start:end]
    roles = [t for t in toks if is_role_word(t)]
    if not roles:
        return False
    last = toks[-1]
    if is_role_word(last):
        return not (last.lower_ in WEAK_ROLE_NOUNS and len(toks) == 1)
    # "Secretary of State": a role noun followed by a linking word and a name or noun
    for t in roles:
        nxt = doc[t.i + 1] if t.i + 1 < end else None
        if nxt is not None and nxt.lower_ in _TITLE_LINKS:
            return True
    return False


def title_before(doc: Doc, start: int, ent_type: list[str], sent_start: int) -> tuple[int, int] | None:
    """The title right in front of a name starting at token ``start``: "Kremlin spokesman"."""
    end = start
    while end > sent_start and doc[end - 1].lower_.rstrip(".") in HONORIFICS and not is_role_word(doc[end - 1]):
        end -= 1  # "Mrs." is how the name is written, not a title ("the Democratic nominee Mrs. Clinton")
    i = end - 1
    while i >= sent_start and _modifier_ok(doc[i], ent_type[i]) and end - i <= MAX_ROLE_TOKENS:
        if ent_type[i] == "PERSON" and not is_role_word(doc[i]):
            break
        if _is_dash(doc, i):
            break  # a dash set off by spaces ends a title: "the candidate for president - Mrs. Clinton"
        i -= 1
    a = _word_start(doc, i + 1, end)
    while a < end and (doc[a].lower_ in _TITLE_LINKS or doc[a].tag_ == "POS" or doc[a].text == "-"):
        a += 1
    if a < end and doc[end - 1].lower_ in _TITLE_LINKS:
        return None  # "a spokesman for Bernie Sanders": the name is whom the role is for, not who holds it
    if a < end and _head_ok(doc, a, end) and not _plural_head(doc, end):
        return _after_link(doc, a, end, ent_type)
    return None


def _word_start(doc: Doc, a: int, end: int) -> int:
    """The first token from ``a`` that starts a word: not the rest of a hyphenated word whose first part is not in
    the title ("best-selling writer" gives "writer", not "selling writer"; "then-Gov." keeps "Gov.")."""
    # (a capitalised word after the hyphen stays: "then-Gov.", "then-Obama supporter")
    while a < end and a > 0 and not doc[a - 1].whitespace_ and (
            doc[a].text == "-" or (doc[a - 1].text == "-" and doc[a].text[:1].islower())):
        a += 1
    return a


def _plural_head(doc: Doc, end: int) -> bool:
    """A title ending in a plural ("billionaire brothers", "Presidential candidates") is no one person's role."""
    return doc[end - 1].tag_ in {"NNS", "NNPS"} and doc[end - 1].lower_.endswith("s")


def _is_dash(doc: Doc, i: int) -> bool:
    """A dash with a space on each side (a hyphen inside a word has none)."""
    return doc[i].text in DASHES and i > 0 and bool(doc[i - 1].whitespace_) \
        and bool(doc[i].whitespace_)


def _after_link(doc: Doc, a: int, end: int, ent_type: list[str]) -> tuple[int, int] | None:
    """The title of the name that follows, out of a phrase that runs on from the words before it: after the
    last "of/for/to/at/on" outside a name that a title follows. "the invitation of Philadelphia Archbishop", "a
    chief of staff to President" and "a blow to Republican Secretary of State" give "Philadelphia Archbishop",
    "President", "Republican Secretary of State"; "Secretary of State" stays whole. With no title after any link,
    the phrase before the first must be one ("Secretary of"), not a thing ("the endorsement of")."""
    links = [i for i in range(a + 1, end - 1) if doc[i].lower_ in _TITLE_LINKS - {"and", "&"} and not ent_type[i]]
    if not links:
        return a, end
    for link in reversed(links):
        if _head_ok(doc, link + 1, end):
            return link + 1, end
    return (a, end) if is_role_word(doc[links[0] - 1]) else None


def apposition_after(doc: Doc, end: int, ent_type: list[str], sent_end: int) -> tuple[int, int] | None:
    """", the Ukrainian foreign minister," after a name ending at token ``end``."""
    if end >= sent_end or doc[end].text != ",":
        return None
    i = end + 1
    if i < sent_end and doc[i].lower_ in _DETERMINERS:
        i += 1
    a = i
    while i < sent_end and i - a <= MAX_ROLE_TOKENS:
        t = doc[i]
        if t.text in {",", ";", ".", ")", "(", ":", "\u2014", "\u2013"} or t.is_space:
            break
        stops = t.pos_ in {"VERB", "AUX", "PRON", "NUM", "SCONJ", "CCONJ"} or t.lower_ in {"who", "which", "that"}
        if stops and not (t.pos_ == "CCONJ" and i > a and doc[i - 1].pos_ == "PROPN"):
            return None
        if ent_type[i] in _STOP_ENTS:
            return None
        i += 1
    if i == a or i - a > MAX_ROLE_TOKENS:
        return None
    if i < sent_end and doc[i].text not in {",", ".", ";", "\u2014", "\u2013", ")"} and not doc[i].is_space:
        return None
    # the head is the last role word before any linking preposition
    j = a
    while j < i and doc[j].lower_ not in _TITLE_LINKS - {"and", "&"}:
        j += 1
    if j > a and not is_role_word(doc[j - 1]):
        return None
    if not _head_ok(doc, a, j if j < i else i) and not _head_ok(doc, a, i):
        return None
    return a, i


def apposition_before(doc: Doc, start: int, ent_type: list[str], sent_start: int, name_end: int,
                      sent_end: int) -> tuple[int, int] | None:
    """"Russia's deputy UN ambassador, " before a name starting at token ``start``, closed by a comma."""
    if start - 2 < sent_start or doc[start - 1].text != ",":
        return None
    if name_end < sent_end and doc[name_end].text not in {",", "\u2014", "\u2013", ".", ";", ")", "!", "?"} \
            and doc[name_end].pos_ not in {"VERB", "AUX"}:
        return None
    end = start - 1
    i = end - 1
    while i >= sent_start and end - i <= MAX_ROLE_TOKENS:
        t = doc[i]
        if t.lower_ in {"the", "a", "an"} and i > sent_start and doc[i - 1].lower_ in _ROLE_COMPLEMENT \
                and not any(is_role_word(doc[j]) for j in range(i + 1, end)):
            i -= 1  # "the president of the bakers' union, ": a determiner inside the role's complement (not "the
            continue  # assassination of the former President, ": the role is after it)
        if t.lower_ in _DETERMINERS or (t.is_punct and t.tag_ != "POS" and t.text != "-"):
            break
        if not _modifier_ok(t, ent_type[i]):
            return None
        if ent_type[i] == "PERSON" and not is_role_word(t) and doc[i + 1].tag_ != "POS":
            return None
        i -= 1
    a = _word_start(doc, i + 1, end)
    if a >= end or _plural_head(doc, end):
        return None
    if not is_role_word(doc[end - 1]):
        # "the self-declared mayor of Slovyansk, ": a role noun with its complement; the whole phrase is the role
        link = next((j for j in range(a + 1, end - 1) if doc[j].lower_ in _ROLE_COMPLEMENT), None)
        if link is None or not is_role_word(doc[link - 1]) or doc[link - 1].lower_ in WEAK_ROLE_NOUNS \
                or _plural_head(doc, link) or any(doc[j].lower_ in _DETERMINERS - {"the", "a", "an"}
                                                  for j in range(link, end)):
            return None
        return a, end
    return _after_link(doc, a, end, ent_type)


#: verbs that say what someone does for a living or leads: "who leads the residents' group", "runs a bakery"
JOB_VERBS = {"lead", "run", "head", "chair", "direct", "manage", "own", "coach", "edit", "command", "oversee",
             "represent", "teach", "organize", "organise", "captain", "operate", "found", "co-found", "cofound"}
_FOUNDING = {"found", "co-found", "cofound"}
#: what such a verb's object is when it says what someone does: an organisation, a business, a place they
#: represent ("leads the residents' group", "runs a bakery", "represents the 5th district"), not "leads the race"
ORGANISATION_NOUNS = {
    "company", "firm", "business", "group", "organization", "organisation", "agency", "charity", "foundation",
    "association", "society", "union", "club", "team", "league", "network", "party", "campaign", "committee",
    "council", "board", "commission", "department", "ministry", "office", "bureau", "service", "institute",
    "university", "college", "school", "academy", "hospital", "clinic", "practice", "lab", "laboratory", "center",
    "centre", "unit", "division", "program", "programme", "project", "initiative", "fund", "bank", "coalition",
    "alliance", "movement", "church", "parish", "diocese", "archdiocese", "congregation", "mosque", "synagogue",
    "temple", "newspaper", "magazine", "website", "blog", "podcast", "show", "station", "channel", "studio",
    "gallery", "museum", "theatre", "theater", "orchestra", "choir", "band", "restaurant", "cafe", "bakery", "bar",
    "pub", "shop", "store", "farm", "ranch", "factory", "plant", "brewery", "winery", "hotel", "startup", "chain",
    "district", "constituency", "riding", "ward", "county", "state", "city", "town", "village", "region", "army",
    "force", "police", "brigade", "battalion", "regiment", "squad", "consultancy", "lobby", "effort", "operation",
    "arm", "newsletter", "gym", "pac", "caucus", "panel", "delegation", "mission", "embassy", "consulate", "court",
    "tribunal", "trust", "cooperative",
}
#: verbs whose object says the job whatever it is: "teaches constitutional law"
_ANY_OBJECT = {"teach", "coach", "edit"}
_ORGANISATION_ENTS = {"ORG", "FAC", "GPE", "NORP", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT"}


def _organisation(tok: Token) -> bool:
    """An organisation, business or place: what someone leads, runs or represents."""
    if tok.ent_type_ == "PERSON":
        return False
    return tok.ent_type_ in _ORGANISATION_ENTS or tok.lemma_.lower() in ORGANISATION_NOUNS \
        or tok.lower_ in ORGANISATION_NOUNS


def role_by_verb(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """What a person does, said with a verb: "Anna Berg, who leads the Harlow Park Residents' Group" ->
    "leads the Harlow Park Residents' Group"; "Tom Hale runs a bakery" -> "runs a bakery". The verb is in
    the present (a job held now) or says they founded something; the role is the verb and its object, verbatim."""
    for i in range(start, end):
        t = doc[i]
        if not (start <= t.head.i < end) or t.head.i == i:
            # "Anna Berg, who leads ...", else "Tom Hale runs a bakery"
            verb = next((c for c in t.children if c.dep_ == "relcl" and c.i >= end and any(
                s.dep_ == "nsubj" and s.lower_ in {"who", "that"} for s in c.children)), None)
            if verb is None and t.dep_ == "nsubj" and t.head.pos_ == "VERB":
                verb = t.head
            if verb is None or verb.lemma_.lower() not in JOB_VERBS:
                return None
            if verb.tag_ not in {"VBZ", "VBP"} and verb.lemma_.lower() not in _FOUNDING:
                return None
            obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
            if obj is None or not (_organisation(obj) or verb.lemma_.lower() in _ANY_OBJECT):
                return None
            return verb.i, obj.right_edge.i + 1
    return None
