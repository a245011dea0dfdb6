"""Numbers that count or measure something: value, unit, how exact, which way, and what is counted.

:func:`extract_figures` reads numbers off the text itself (see :mod:`generator.extract.figures.numbers`
and :mod:`generator.extract.figures.units`), so "$1.2bn", "14k" and "half a million" read the same however
the tokenizer cut them, and uses the parse only where syntax decides: what a number counts
("90,000 troops", "5% of its workforce", "Tesla shares ... up 57%"), whether a verb makes it a
change ("rose 3%", "fell by 200"), and whether it is part of a name ("Model 3", "787 Dreamliner").

Not figures: years and dates (those are :mod:`generator.extract.dates.dates`), times of day, ordinals
("41st army"), phone numbers, page and other reference numbers ("page 4", "category 4", "No. 1"),
sports scores ("2-0"), and numbers inside names, codes, file names and addresses.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from generator.extract.dates.dates import counts_a_noun, doc_date_spans
from generator.extract.doc import doc_text, sentence_text
from generator.extract.figures.numbers import ORDINAL_SUFFIX, Lex
from generator.extract.figures.quantities import Quantity, scan_quantities
from generator.extract.lexicon import MONTHS, WEEKDAY_NAMES
from generator.model import Figure

# ---------------------------------------------------------------- changes

#: Verbs that move a figure whatever it measures: "rose 3%", "fell 200", "jumped by a third".
UP_VERBS = {"rise", "increase", "grow", "gain", "jump", "climb", "surge", "soar", "advance", "rally", "rebound",
            "spike", "leap", "rocket", "skyrocket", "balloon", "accelerate", "swell", "mushroom", "escalate"}
DOWN_VERBS = {"fall", "drop", "decline", "decrease", "slide", "slip", "plunge", "tumble", "sink", "shrink", "dip",
              "plummet", "sag", "slump", "crash", "dive", "retreat", "tank", "crater", "nosedive", "collapse"}
#: Verbs that move a figure only when it is a rate or a price move: "lost 2.7%", "added 15 sen to RM23.50"
#: (but "lost 3 games", "raised $280m").
WEAK_UP = {"add", "raise", "lift", "boost", "expand", "widen", "improve", "firm", "edge", "hike", "double", "tick",
           "inch", "push", "bump", "up"}
WEAK_DOWN = {"lose", "cut", "reduce", "lower", "trim", "slash", "shed", "narrow", "ease", "weaken", "contract", "erode",
             "drift", "slow", "shave", "pare", "down", "dent"}
_IRREGULAR = {"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow",
              "slid": "slide", "lost": "lose", "sank": "sink", "sunk": "sink", "shrank": "shrink", "shrunk": "shrink",
              "dove": "dive", "leapt": "leap", "upped": "up", "downed": "down"}
#: Verbs whose "up"/"down" particle is no direction: "gave up 517 yards", "picked up 3 points".
_PHRASAL = {"give", "pick", "set", "put", "take", "make", "turn", "break", "sign", "line", "back", "shut", "show",
            "wind", "bring", "build", "step", "wake", "look", "round", "call", "hold", "rack", "clock", "sum",
            "tot", "add", "split", "mark", "write", "ramp", "scale", "beef", "shore", "gear", "sell", "hand",
            "bottle", "bump", "cough", "fork", "pony", "chalk", "run", "snap", "buy", "open", "cover", "tie"}


def _low(lexes: list[Lex], i: int) -> str:
    return lexes[i].low if 0 <= i < len(lexes) else ""


def _direction(tok: Token) -> tuple[str | None, bool]:
    """The direction a verb moves a figure ("up"/"down"/None) and whether it is a weak mover."""
    lemma = _IRREGULAR.get(tok.lower_, tok.lemma_.lower())
    if lemma in UP_VERBS:
        return "up", False
    if lemma in DOWN_VERBS:
        return "down", False
    if lemma in WEAK_UP:
        return "up", True
    if lemma in WEAK_DOWN:
        return "down", True
    return None, False


def _change(doc: Doc, span: Span, q: Quantity) -> str | None:
    """up / down when the text moves the figure: "rose 3%", "fell by 200", "up 19 cents", "+0.2%", "from 5 to 4"."""
    if q.change:
        return q.change
    if q.move:
        return None  # "fell from 2,415 to 2,315": the value [from, to] says which way (see model.Move)
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is None or prev.lower_ in ("to", "from", "at", "of", "than"):
        return None  # "rose to $84": a level, not a move
    before = doc[prev.i - 1] if prev.i > 0 else None
    # "was up 19 cents", "shares down 9.2%", "ended down 1%" (but "gave up 517 yards")
    if prev.lower_ in ("up", "down"):
        if before is not None and _IRREGULAR.get(before.lower_, before.lemma_.lower()) in _PHRASAL:
            return None
        return prev.lower_
    if prev.lower_ == "by":
        if before is not None and before.lower_ in ("upward", "upwards", "higher"):
            return "up"
        if before is not None and before.lower_ in ("downward", "downwards", "lower"):
            return "down"
        return next((way for way, _ in (_direction(t) for t in (before, prev.head) if t is not None) if way), None)
    # "rose only 3%", "fell sharply 5%": the verb just before, past adverbs
    while prev.pos_ == "ADV" and prev.i > 0:
        prev = doc[prev.i - 1]
    if not (prev.pos_ in ("VERB", "AUX") or prev.tag_.startswith("VB") or (
            prev.lower_ in _IRREGULAR and prev.text.islower())):
        return None  # (a past form the tagger took for a noun or adjective still moves: "shrank 400 metres")
    way, weak = _direction(prev)
    if way and weak and not (_is_percent(q) or _level_follows(doc, span)):
        return None  # "lost 3 games", "raised $280m"
    return way


def _is_percent(q: Quantity) -> bool:
    return q.unit is not None and q.unit.kind == "percent"


def _level_follows(doc: Doc, span: Span) -> bool:
    """"added 15 sen to RM23.50": the move is followed by the level it reached."""
    k = span.end
    return k + 1 < len(doc) and doc[k].lower_ == "to" and any(
        any(c.isdigit() for c in t.text) for t in doc[k + 1:min(k + 3, len(doc))])


# ---------------------------------------------------------------- what is not a figure

#: Nouns that label a thing by number rather than count it: "page 4", "category 4", "No. 1".
LABEL_NOUNS = {
    "page", "pages", "p.", "pp.", "pp", "no", "no.", "nos", "number", "#", "chapter", "section", "article",
    "paragraph", "clause", "verse", "line", "lines", "flight", "route", "highway", "interstate", "road", "level",
    "grade", "phase", "stage", "room", "gate", "platform", "terminal", "row", "seat", "track", "volume", "vol",
    "vol.", "issue", "version", "v", "type", "class", "size", "figure", "fig", "fig.", "table", "tier", "category",
    "cat", "season", "episode", "ep", "round", "game", "match", "act", "scene", "exit", "bus", "apartment", "apt",
    "suite", "box", "division", "group", "ward", "district", "zone", "pier", "hole", "lane", "channel", "series",
    "part", "step", "item", "question", "rule", "amendment", "proposition", "prop", "bill", "resolution",
    "unit", "block", "floor", "building", "lot", "plot", "court", "studio", "hall", "station", "week", "day",
    "month", "year", "ranked", "rank", "model", "mark", "mk", "generation", "gen", "covid", "windows", "ios",
    "android", "iphone", "ipad", "galaxy", "pixel", "ps", "xbox", "vision", "formula", "area", "tranche", "batch",
    "lap", "leg", "heat", "jersey", "shirt", "pick", "seed", "spot", "sector", "quadrant", "region", "precinct",
    "camp", "sol", "patient", "subject", "case",
}
#: Label nouns that also count ("the third pick", "day 3 of the trial" but "three day"): a label only after "the".
_LABEL_AFTER_THE = {"year", "month", "week", "day"}
ORDINAL_WORDS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "last", "next", "final"}
_CALENDAR_WORDS = {*MONTHS, *WEEKDAY_NAMES}
#: Capitalized words before a number that do not make it part of a name.
_NOT_NAME_BEFORE = {"the", "a", "an", "about", "around", "some", "over", "under", "nearly", "almost", "just", "only",
                    "than", "and", "or", "of", "at", "to", "by", "in", "on", "for", "with", "from", "between", "top",
                    "up", "down", "all", "its", "his", "her", "their", "our", "i", "we", "they", "he", "she", "it"}
#: "one" in these phrases counts nothing.
_ONE_PHRASES = {("one", "another"), ("one", "of", "them"), ("one", "time"), ("one", "-", "off"),
                ("one", "-", "time"), ("one", "-", "on"), ("one", "-", "way"), ("one", "-", "sided"),
                ("one", "-", "party"), ("one", "-", "man")}
_ONE_AFTER = {"the", "this", "that", "no", "any", "every", "each", "which", "some", "someone", "anyone", "no-one",
              "little", "young", "loved", "last", "only", "another", "one", "big", "right", "wrong", "same"}
_RANK_WORDS = {"top", "bottom", "last", "first", "final", "remaining", "other", "big"}
_FRACTION_OWNERS = {"the", "other", "this", "that", "his", "her", "its", "their"}
_FRACTION_NEXT = {"of", "the", "a", "an", "their", "its", "his", "her", "our", "all", ""}


def _not_a_figure(q: Quantity, lexes: list[Lex], doc: Doc, span: Span) -> bool:
    return (_ordinal(q, lexes) or _is_year(q, lexes, span) or _part_of_name(q, lexes, doc, span)
            or _word_noise(q, lexes, doc, span) or _score_like(q, lexes) or _adjectival_duration(q, lexes)
            or _age_after_name(span))


def _ordinal(q: Quantity, lexes: list[Lex]) -> bool:
    """"41st", "96th-minute": an ordinal names a place in a series."""
    nxt = lexes[q.num_end] if q.num_end < len(lexes) else None
    return nxt is not None and nxt.tight and bool(ORDINAL_SUFFIX.match(nxt.text)) and q.unit is None


def _is_year(q: Quantity, lexes: list[Lex], span: Span) -> bool:
    """A plain four-digit number from 1000 to 2100 is a year, unless it counts a plural noun: "1500 workers"."""
    if q.unit is not None or q.approx is not None or q.kind != "digits" or q.scaled:
        return False
    written = lexes[q.num_start].text
    values = q.value if isinstance(q.value, tuple) else (q.value,)
    if not all(isinstance(x, int) and 1000 <= x <= 2100 for x in values) or "," in written or "." in written:
        return False
    return not counts_a_noun(span[-1])


def _part_of_name(q: Quantity, lexes: list[Lex], doc: Doc, span: Span) -> bool:
    """"Model 3", "Game 7", "FTSE 100", "TA-35", "COVID-19", "787 Dreamliner", "575 Wilbraham Road", "page 4"."""
    if q.currency_first:
        return False
    if _glued_to_letters(q, lexes) or _labelled(q, doc, span):
        return True
    if q.unit is not None or q.approx is not None or q.kind not in ("digits", "words"):
        return False
    return _name_before(doc, span) or (q.kind == "digits" and lexes[q.num_start].text.isdigit() and (
        _name_after(doc, span) or _model_number(doc, span)))


def _glued_to_letters(q: Quantity, lexes: list[Lex]) -> bool:
    """"X-Pro3", "V10", "TA-35", "COVID-19", "5G", "2018s": letters written against the number."""
    if q.unit is not None:
        return False
    i = q.num_start
    prev = lexes[i - 1] if i > 0 else None
    if prev is not None and lexes[i].tight and q.start == i:
        if prev.text == "-" and prev.tight and i >= 2 and lexes[i - 2].text[0].isalpha():
            return True
        if prev.text[0].isalpha() or prev.text in ("#", "_"):
            return True
    nxt = lexes[q.num_end] if q.num_end < len(lexes) else None
    return nxt is not None and nxt.tight and nxt.text[0].isalpha() and q.kind == "digits" \
        and not ORDINAL_SUFFIX.match(nxt.text)


def _labelled(q: Quantity, doc: Doc, span: Span) -> bool:
    """A label noun before it: "page 4", "category 4", "No. 1", "Game 7", "the year 2"."""
    if span.start == 0 or q.unit is not None or q.approx is not None:
        return False
    tb = doc[span.start - 1]
    low = tb.lower_
    if low in ("pick", "seed", "spot"):
        return False
    if low in _LABEL_AFTER_THE:
        return tb.i > 0 and doc[tb.i - 1].lower_ == "the"
    return low in LABEL_NOUNS or tb.text in ("No.", "no.", "#", "Nos.", "pp.", "p.")


def _name_before(doc: Doc, span: Span) -> bool:
    """A capitalized word before it: "Model 3", "iPhone 11", "the Big 12", "Channel 5", "Formula One"."""
    if span.start == 0:
        return False
    tb = doc[span.start - 1]
    return tb.text[:1].isalpha() and any(c.isupper() for c in tb.text[:2]) and not tb.is_sent_start \
        and tb.ent_type_ not in ("MONEY", "PERCENT", "CARDINAL", "QUANTITY") \
        and tb.lower_ not in _NOT_NAME_BEFORE and tb.lower_.rstrip(".") not in _CALENDAR_WORDS


def _name_after(doc: Doc, span: Span) -> bool:
    """A name after it: "787 Dreamliner", "90049 ZIP Code", "575 Wilbraham Road" (not "four FA Cup finals")."""
    end = span.end
    if end >= len(doc):
        return False
    ta = doc[end]
    if not (ta.text[:1].isupper() and ta.is_alpha) or ta.ent_type_ in ("NORP", "GPE") \
            or ta.lower_ in _CALENDAR_WORDS:
        return False
    k = end
    while k < len(doc) and (doc[k].text[:1].isupper() or doc[k].like_num) and doc[k].tag_ != "NNPS":
        k += 1
    return not (k < len(doc) and doc[k].tag_ in ("NNS", "NNPS"))


def _model_number(doc: Doc, span: Span) -> bool:
    """"two new 737 Max jets": a second number before the same noun is a model, not a count."""
    k = span.start - 1
    while k >= 0 and doc[k].pos_ == "ADJ" and span.start - k <= 2:
        k -= 1
    return 0 <= k < span.start - 1 and doc[k].like_num


def _word_noise(q: Quantity, lexes: list[Lex], doc: Doc, span: Span) -> bool:
    """Number words that are not figures: "one another", "the one", "the bottom three", "a third term"."""
    if _low(lexes, q.num_start) == "one" and _low(lexes, q.num_start + 1) == "day" and q.end == q.num_start + 2 \
            and (q.end >= len(lexes) or lexes[q.end].text in (",", ".", ";", "!", "?")):
        return True  # "One day, ...", "... will benefit this country one day."
    if q.kind not in ("words", "fraction") or q.currency_first or q.unit is not None or q.is_range:
        return False
    if q.kind == "fraction":
        return not lexes[q.num_start].is_digits and _fraction_word_noise(q, lexes)
    tok = span[0]
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ in _RANK_WORDS and not (after is not None and after.pos_ in ("NOUN", "ADJ")):
        return True  # "the bottom three": a rank, with nothing counted
    if q.num_end < len(lexes) and lexes[q.num_end].is_digits:
        return True  # "one 52,000 barrel-a-day refinery": a determiner before another number
    words = tuple(_low(lexes, q.num_start + k) for k in range(3))
    if words[:2] in _ONE_PHRASES or words in _ONE_PHRASES:
        return True
    if words[0] == "one":
        if prev is not None and prev.lower_ in _ONE_AFTER:
            return True
        if tok.dep_ in ("nsubj", "nsubjpass") and not (after is not None and after.lower_ == "of"):
            return True  # "one said": a pronoun
        if _one_speaker(tok):
            return True  # "One season ticket holder said", "one of the fans told us": someone, not a count
    return False


def _one_speaker(tok: Token) -> bool:
    """A lone "one" in the subject of a verb of saying or thinking introduces a source, as "a" would ("One season
    ticket holder said ..."); "one person died" and "one of the victims was a child" stay counts."""
    phrase = tok.head if tok.dep_ == "nummod" and tok.head.pos_ in ("NOUN", "PROPN") else tok
    if phrase is tok:  # "one of the fans said"
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        person = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    else:
        person = phrase
    return person is not None and _person_noun(person) and phrase.dep_ == "nsubj" \
        and phrase.head.pos_ in ("VERB", "AUX") and _says(phrase.head)


#: Nouns for people that do not end like an agent noun ("holder", "resident", "activist" do).
_PERSON_NOUNS = {"person", "people", "man", "men", "woman", "women", "child", "children", "fan", "fans", "source",
                 "sources", "official", "officials", "witness", "witnesses", "member", "members", "victim", "victims",
                 "parent", "parents", "mother", "father", "friend", "friends", "neighbour", "neighbor", "local",
                 "locals", "expert", "experts", "analyst", "analysts", "veteran", "insider", "guest", "nurse",
                 "doctor", "student", "students", "pupil", "boy", "girl", "mum", "dad", "customer", "customers",
                 "staff", "employee", "employees", "patient", "patients", "passenger", "passengers", "commuter"}


def _person_noun(tok: Token) -> bool:
    """A noun for people: the list above, a person entity, or an agent noun ("holder", "resident", "activist")."""
    low = tok.lower_
    return low in _PERSON_NOUNS or tok.ent_type_ in ("PERSON", "NORP") or (
        tok.pos_ == "NOUN" and low.rstrip("s").endswith(("er", "or", "ist", "ian", "ent", "ant", "ee")))


def _fraction_word_noise(q: Quantity, lexes: list[Lex]) -> bool:
    """"a third of", "two-thirds of", "almost half", "half the" count; "a third term", "half-time",
    "the other half" do not."""
    nxt = _low(lexes, q.num_end)
    if nxt == "-" or (q.num_end < len(lexes) and lexes[q.num_end].tight and nxt.isalpha()):
        return True
    prev = _low(lexes, q.num_start - 1)
    if prev in ORDINAL_WORDS or prev in _FRACTION_OWNERS:
        return True
    return nxt not in _FRACTION_NEXT and lexes[q.num_end].text.isalpha() and q.approx is None


def _score_like(q: Quantity, lexes: list[Lex]) -> bool:
    """A score, tally or vote split: "2-0", "89-89", "won 3-1", "split 4 to 1", "voted 52 to 48"."""
    if q.is_range or q.unit is not None or not isinstance(q.value, int):
        return False
    i = q.num_start
    if i >= 2 and q.start == i and lexes[i - 2].text.isdigit() and (
            (lexes[i - 1].text in ("-", "–") and lexes[i - 1].tight and lexes[i].tight)
            or (lexes[i - 1].low == "to" and int(lexes[i - 2].text) >= q.value and _low(lexes, i - 3) != "from")):
        return True  # the second half of "2-0", "89-89", "4 to 1"
    if q.num_end + 1 >= len(lexes) or q.value > 200:
        return False
    joiner, other = lexes[q.num_end], lexes[q.num_end + 1]
    if not other.text.isdigit() or int(other.text) > q.value:
        return False
    tight = joiner.tight and other.tight
    return (joiner.text in ("-", "–") and tight) or (joiner.low == "to" and _low(lexes, q.start - 1) != "from")


def _adjectival_duration(q: Quantity, lexes: list[Lex]) -> bool:
    """"a five-year plan", "24-hour news": a duration that names a kind of thing, not a measurement."""
    if q.unit is None or q.unit.kind != "time" or q.unit_start < 0:
        return False
    return lexes[q.unit_start].text == "-" or (
        q.unit_start > 0 and lexes[q.unit_start - 1].text == "-" and lexes[q.unit_start].tight)


def _age_after_name(span: Span) -> bool:
    """"Jamie Armstrong, 25, said": a person's age set off by commas after the name."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc) or len(span) != 1 or not span[0].text.isdigit():
        return False
    before, after, name = doc[span.start - 1], doc[span.end], doc[span.start - 2]
    return before.text == "," and after.text == "," and name.pos_ == "PROPN" and int(span[0].text) < 120


# ---------------------------------------------------------------- what is counted or measured

_PRONOUNS = {"it", "they", "this", "that", "which", "who", "he", "she", "we", "i", "you", "these", "those", "there",
             "what", "its", "one", "some", "all", "many", "most", "others", "both", "each", "them"}
_UNIT_WORDS = {"percent", "%", "cent", "per", "pc", "pct", "year", "old", "-"}
#: Adjectives that stand for the people counted: "14,000 dead", "200 injured".
_STATE_ADJ = {"dead", "injured", "wounded", "missing", "homeless", "displaced", "unemployed", "killed", "hurt",
              "infected", "hospitalised", "hospitalized", "arrested", "detained", "evacuated", "stranded",
              "affected", "employed", "jobless", "sick", "ill", "unaccounted", "confirmed", "new", "active"}
_NUMBER_LINKS = {"nummod", "quantmod", "compound", "pobj", "prep", "npadvmod", "advmod", "amod", "appos", "conj",
                 "cc", "dobj", "attr", "nmod", "acomp", "oprd", "dep"}


def _np_word(x: Token) -> bool:
    """A word worth keeping in a counted thing's name: not a number, unit, symbol or function word."""
    return x.pos_ not in ("DET", "PUNCT", "NUM", "PRON", "PART", "SYM", "ADP", "CCONJ") and not x.like_num \
        and x.tag_ != "$" and x.lower_ not in _UNIT_WORDS and x.lower_ not in _PRONOUNS and not x.text[:1].isdigit()


def _np(tok: Token, skip: Span | None = None) -> str | None:
    """A noun phrase's words as written, determiners, numbers, clauses and the figure itself (``skip``) left
    out: "Tesla shares"."""
    if tok.lower_ in _PRONOUNS or tok.pos_ == "PRON" or tok.like_num:
        return None
    inside = range(skip.start, skip.end) if skip is not None else range(0)
    words = [tok]
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss") and _np_word(c):
            words.extend(x for x in c.subtree if _np_word(x) and x.i not in inside)
    # "shares of Urban Outfitters", "price of gold"
    for c in tok.rights:
        obj = [x for x in c.children if x.dep_ == "pobj"] if c.dep_ == "prep" and c.lower_ == "of" else []
        if obj and not obj[0].like_num and obj[0].pos_ in ("NOUN", "PROPN") and obj[0].i not in inside:
            words.extend(x for x in obj[0].subtree if x.i <= obj[0].i and x.pos_ in ("NOUN", "PROPN", "ADJ")
                         and x.i not in inside)  # (not the figure's own words: "a profit of Rs 1,250 crore")
    return " ".join(t.text for t in sorted(set(words), key=lambda t: t.i)) or None


def _np_count(tok: Token) -> str | None:
    """A counted noun with its compounds: "heart transplants", "shipping containers"; None for "ones", which
    only refers back ("between 250 and 300 permanent ones")."""
    if tok.lower_ in ("one", "ones"):
        return None
    words = {tok} | {x for c in tok.lefts if c.dep_ == "compound" and not c.like_num for x in c.subtree
                     if not x.like_num and x.pos_ != "PUNCT"}
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


def _governor(tok: Token) -> Token:
    """The verb (or failing that the noun or adjective) a figure hangs from, through number and preposition links."""
    t = tok
    for _ in range(6):
        if t.dep_ not in _NUMBER_LINKS or t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
    return t


#: Verbs of saying and believing whose subject is a source ("the pilot said", "analysts think"). Narrower than
#: the quote cues: "added 15 sen", "will charge 40 basis points", "expects a profit of $5bn" measure their subject.
SOURCE_VERBS = {"say", "tell", "state", "explain", "claim", "insist", "warn", "argue", "believe", "think", "fear",
                "hope", "suggest", "note", "stress", "write", "tweet", "announce", "confirm", "reveal", "admit",
                "reckon", "suppose", "doubt", "complain", "recall", "describe", "told", "said"}


def _says(verb: Token) -> bool:
    """A verb of saying or believing: its subject is a source, not what a figure measures."""
    return verb.lemma_.lower() in SOURCE_VERBS or verb.lower_ in SOURCE_VERBS


def _subject(verb: Token) -> Token | None:
    """A verb's subject, climbing out of subordinate clauses (not out of what someone says or thinks: "the pilot
    said costs rose 12%"); a relative clause's noun for "which", "that"."""
    for _ in range(4):
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj:
            if subj[0].lower_ in ("which", "that", "who") and verb.dep_ == "relcl":
                return verb.head  # "bank stocks, which were up 2.8%"
            return subj[0]
        if verb.dep_ not in ("xcomp", "conj", "advcl", "ccomp", "relcl", "acl", "pcomp") or verb.head.i == verb.i:
            break
        if verb.dep_ in ("ccomp", "xcomp") and _says(verb.head):
            break
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return verb.head
        described = _described_noun(verb)
        if described is not None:
            return described
        verb = verb.head
        if verb.pos_ == "ADP" and verb.head.i != verb.i:  # "after plummeting 65%"
            verb = verb.head
        if verb.pos_ == "ADV" and verb.dep_ == "advmod" and verb.head.i != verb.i:  # "were up 57% after falling"
            verb = verb.head
    return None


#: Participles that give the measure of the noun they follow: "claims, ranging from $200 to $4 million",
#: "a loan totalling $5m", "parcels weighing up to 2kg".
_MEASURING = {"range", "vary", "total", "amount", "cost", "average", "measure", "weigh", "value", "span", "stretch",
              "number", "top", "exceed", "reach"}


def _described_noun(verb: Token) -> Token | None:
    """The noun just before a measuring participle the parse hung on the clause ("claims, ranging from ..."),
    or None."""
    if verb.tag_ not in ("VBG", "VBN") or verb.lemma_.lower() not in _MEASURING or verb.i < 1:
        return None
    k = verb.i - 1 - (verb.doc[verb.i - 1].text == ",")
    noun = verb.doc[k] if k >= verb.sent.start else None
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") and not noun.like_num else None


def _noun_before(verb: Token) -> Token | None:
    """The nearest noun before a subjectless verb, when the parse missed its subject: "this year's MSRP is $5"."""
    for k in range(verb.i - 1, max(verb.sent.start, verb.i - 4) - 1, -1):
        t = verb.doc[k]
        if t.pos_ in ("NOUN", "PROPN") or (t.is_upper and t.is_alpha and len(t) > 1):
            return t
        if t.pos_ in ("PUNCT", "ADP", "SCONJ", "CCONJ", "VERB"):
            return None  # (not past another verb: "Operators believe there is room for 5% more")
    return None


def _counts(doc: Doc, span: Span, q: Quantity) -> tuple[str | None, Token | None]:
    """What the figure counts or measures, and the counted noun's token when it follows the number."""
    after = doc[span.end] if span.end < len(doc) else None
    # "thousands of troops", "a third of voters", "one of the best"
    if after is not None and after.lower_ == "of" and q.unit is None:
        obj = _object_of(doc, after, span.end + 1)
        if obj is not None:
            return _np(obj), obj
    if q.unit is None:
        return _counted_noun(doc, span, after) or _counted_by_verb(span) or _measured_thing(doc, span, q, after)
    if q.unit.kind == "age":
        return _aged(span, after), None
    return _measured_thing(doc, span, q, after)


def _object_of(doc: Doc, of: Token, k: int) -> Token | None:
    """The noun after "of": "thousands of (Russian) troops" (not "half of which")."""
    obj = [c for c in of.children if c.dep_ == "pobj"]
    if obj:
        return obj[0] if obj[0].pos_ != "PRON" and obj[0].lower_ not in _PRONOUNS else None
    while k < len(doc) and doc[k].pos_ in ("DET", "ADJ", "PRON", "ADV", "NUM") and doc[k].tag_ != "PRP":
        k += 1
    return doc[k] if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") else None


def _counted_noun(doc: Doc, span: Span, after: Token | None) -> tuple[str, Token] | None:
    """A bare count's noun: "90,000 troops", "more than 14,000 dead", "four FA Cup finals"."""
    unit_tok = span[-1]
    num_tok = next((doc[k] for k in range(span.end - 1, span.start - 1, -1) if doc[k].like_num or doc[k].pos_ == "NUM"),
                   unit_tok)
    for t in (num_tok, unit_tok):
        h = t.head
        if t.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and h.i >= span.end \
                and h.pos_ in ("NOUN", "PROPN") and h.i - span.end <= 4 and not h.like_num \
                and not any(doc[k].lower_ in ("last", "next", "this", "per", "every") for k in range(span.end, h.i)):
            return _np_count(h), h
    if after is None:
        return None
    if after.pos_ == "NOUN" and not after.like_num and after.tag_ in ("NNS", "NN"):
        return _np_count(after), after
    if after.pos_ == "ADJ" and after.lower_ in _STATE_ADJ:
        return after.text, after
    two = doc[span.end + 1] if span.end + 1 < len(doc) else None
    if after.pos_ == "ADJ" and two is not None and two.pos_ == "NOUN" and two.tag_ == "NNS":
        return _np_count(two), two
    if after.pos_ == "PROPN" and after.tag_ == "NNPS":
        return after.text, after
    return None


#: Verbs that say what happened to the people counted: "35 were injured", "killed 170,000".
_STATE_VERBS = {"kill", "injure", "wound", "arrest", "evacuate", "displace", "infect", "rescue", "hospitalize",
                "hospitalise", "detain", "hurt", "die", "strand", "trap", "hire", "employ", "lay", "fire", "vaccinate",
                "test", "deport", "charge", "convict", "sentence", "free", "release", "abduct", "kidnap"}


def _counted_by_verb(span: Span) -> tuple[str, None] | None:
    """A bare count that is what a verb happened to: "at least 35 were injured", "the quake killed 170"."""
    tok = span.root
    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.pos_ not in ("VERB", "ADJ", "AUX"):
        return None
    if verb.lemma_.lower() in _STATE_VERBS or verb.lower_ in _STATE_ADJ:
        return verb.text, None
    return None


def _aged(span: Span, after: Token | None) -> str | None:
    """The person or thing an age belongs to: "a 50-year-old man", "the 2,900 year-old site"."""
    for t in [*span, *([after] if after is not None else [])]:
        if t.lower_ in ("old", "-old") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i >= span.end:
            return _np(t.head)
    if after is not None and after.pos_ in ("NOUN", "PROPN"):
        return _np(after)
    return None


def _measured_thing(doc: Doc, span: Span, q: Quantity, after: Token | None) -> tuple[str | None, None]:
    """What a measure or an amount belongs to: the noun it modifies, its "of" phrase, or the clause's subject."""
    # "a 25% tax", "$150,000 contract", "6kW electric motor", "a 0.6 per cent fee"
    for tok in (span[-1], span.root):
        head = tok.head
        if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and head.i - span.end <= 3 and head.is_alpha \
                and head.lower_ not in _UNIT_WORDS and not _is_time(head) \
                and tok.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod"):
            return _np(head, span), None
    # "60 per cent of its revenue", "$1 billion in gains"
    if after is not None and q.unit is not None and (after.lower_ == "of" or (
            after.lower_ == "in" and q.unit.kind == "currency")):
        k = span.end + 1
        while k < len(doc) and (doc[k].pos_ in ("DET", "ADJ", "ADV") or doc[k].tag_ == "PRP$"):
            k += 1
        if k < len(doc) and doc[k].pos_ in ("NOUN", "PROPN") and not doc[k].like_num and not _is_time(doc[k]):
            return _np(doc[k], span), None
    # "a fine of $3 billion", "a speed of 15 mph", "an interest rate of 1.38pc"
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN"):
        return _np(root.head.head, span), None
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].pos_ == "NOUN":
        return _np(doc[span.start - 2], span), None
    # "Blackmores up 9.4 per cent", "Dow +0.2%", "S&P 500 +0.3%": the name just before the direction
    k = span.start - 1
    if k >= 0 and (doc[k].lower_ in ("up", "down") or span[0].text.startswith("+")):
        k -= doc[k].lower_ in ("up", "down")
        if k >= 0 and doc[k].pos_ in ("NOUN", "PROPN") and not doc[k].like_num:
            return _np(doc[k], span) or doc[k].text, None
        if k > 0 and doc[k].like_num and doc[k - 1].pos_ == "PROPN":
            return f"{doc[k - 1].text} {doc[k].text}", None
    # "47.6% from the field": a share taken from something
    if after is not None and after.lower_ == "from" and _is_percent(q):
        obj = [c for c in after.children if c.dep_ == "pobj"]
        if obj and obj[0].ent_type_ not in ("DATE", "TIME") and obj[0].pos_ == "NOUN":
            return _np(obj[0], span), None
    # "blades nearly 110 metres long", "a wall 3m high": the noun the measuring adjective describes
    adj = root.head
    if adj.lower_ in _DIMENSIONS and adj.dep_ == "amod" and adj.head.pos_ in ("NOUN", "PROPN") \
            and root.dep_ == "npadvmod":
        return _np(adj.head, span), None
    if q.unit is not None and q.unit.kind == "time" and not (
            root.dep_ in ("dobj", "attr", "npadvmod", "oprd") and root.head.pos_ in ("VERB", "AUX")):
        return None, None  # "for more than 60 years", "in three months": a duration counts nothing the text names
    return _clause_subject(span, root), None


#: Adjectives of size a measure modifies: "110 metres long", "3m high" (not "worth", which says a value).
_DIMENSIONS = {"long", "wide", "tall", "high", "deep", "thick", "heavy", "broad", "across", "thin", "short", "big",
               "large", "away", "distant", "deeper", "longer", "higher", "wider", "taller"}

_TIME_NOUNS = {"year", "years", "month", "months", "week", "weeks", "day", "days", "quarter", "quarters", "half",
               "decade", "century", "morning", "afternoon", "evening", "night", "period", "session"}


def _is_time(tok: Token) -> bool:
    """"18% year on year", "in the third quarter": a time, not what a figure measures."""
    return tok.lower_ in _TIME_NOUNS or tok.ent_type_ in ("DATE", "TIME")


def _clause_subject(span: Span, root: Token) -> str | None:
    """"Tesla jumped 8.5%", "the index was up 2%", "a grant worth up to $8m": who or what the clause is about.

    Not the subject of a verb of saying or thinking ("Operators expect 5%", "the pilot said costs rose 12%" is
    about costs, not the pilot): the figure's own clause decides, and with no subject there, nothing does."""
    gov = _governor(root)
    if gov.pos_ in ("VERB", "AUX"):
        if _says(gov):
            return None
        subj = _subject(gov) or _noun_before(gov)
        return (_np(subj) or subj.text) if subj is not None and subj.lower_ not in _PRONOUNS else None
    if gov.pos_ == "ADJ":  # "worth", "valued"
        subj = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        target = subj[0] if subj else (gov.head if gov.head.pos_ in ("NOUN", "PROPN") else None)
        return _np(target) if target is not None else None
    if gov.pos_ in ("NOUN", "PROPN") and gov is not root and not span.start <= gov.i < span.end:
        return _np(gov)
    return None


# ---------------------------------------------------------------- figures


def extract_figures(doc: Doc) -> list[Figure]:
    """Every figure in the document, in text order (see :func:`headline_repeats` for a headline's)."""
    text = doc_text(doc)
    lexes, quantities = scan_quantities(text, doc_date_spans(doc))
    out: list[Figure] = []
    for q in quantities:
        num = doc.char_span(lexes[q.num_start].start, lexes[q.num_end - 1].end, alignment_mode="expand")
        whole = doc.char_span(lexes[q.start].start, lexes[q.end - 1].end, alignment_mode="expand")
        if num is None or whole is None or _not_a_figure(q, lexes, doc, num):
            continue
        counts, counted = _counts(doc, whole, q)
        unit_text = q.unit_text
        end = lexes[q.end - 1].end  # (not the token's: "£250m." ends a sentence, the period is no part)
        last = whole.end - 1
        if counted is not None and counted.i >= whole.end:
            unit_text = counted.text if q.unit is None else unit_text  # "troops": what a bare count is in
            if counted.i <= whole.end + 3:
                end, last = counted.idx + len(counted.text), counted.i  # "90,000 troops"
        unit, per = (q.unit.name if q.unit else None), q.per
        rate = _rate(doc, last + 1) if per is None else None
        if rate is not None:  # "40,000 passengers a day", "£690 per pupil"
            per, end = rate.lemma_.lower(), rate.idx + len(rate.text)
            unit = f"{unit} per {per}" if unit is not None else unit
        start = lexes[q.start].start
        out.append(Figure(text=text[start:end], value=_value(q), unit=unit, unit_text=unit_text, approx=q.approx,
                          change=_change(doc, whole, q), per=per,
                          counts=counts, sentence=sentence_text(whole.sent), span=(start, end)))
    return _equivalents(text, _suspended_hyphens(text, out))


_SUSPENDED_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|to\s+|/\s*)")  # after the hyphen


def _suspended_hyphens(text: str, figures: list[Figure]) -> list[Figure]:
    """"four-, five- and six-cylinder engines", "10- to 15-year bonds": a number left hanging on a hyphen shares
    the unit and the counted thing of the last number of its list, which is written in full."""
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        f, nxt = out[i], out[i + 1]
        if f.unit is None and f.span and nxt.span and text[f.span[1]:f.span[1] + 1] == "-" \
                and _SUSPENDED_GAP.fullmatch(text[f.span[1] + 1:nxt.span[0]]):
            out[i] = replace(f, unit=nxt.unit, unit_text=nxt.unit_text, counts=nxt.counts, per=nxt.per)
    return out


def headline_repeats(text: str, title: str | None, figures: list[Figure]) -> list[Figure]:
    """The figures without those of the headline that the body gives again (same value and unit): a headline
    repeating the story gives each figure once, from the story, where its sentence says more. Only when the
    analysed ``text`` starts with the ``title`` (a .txt article's first line, an HTML page's headline)."""
    head = text.lstrip()
    if not title or not title.strip() or not head.startswith(title.strip()):
        return figures
    end = len(text) - len(head) + len(title.strip())
    body = {(_key(f.value), f.unit) for f in figures if f.span and f.span[0] >= end}
    return [f for f in figures if not (f.span and f.span[1] <= end and (_key(f.value), f.unit) in body)]


def _key(value: object) -> object:
    return tuple(value.values()) if isinstance(value, dict) else value


#: Nouns a rate can be "a"/"an" of: "40,000 passengers a day", "£20 a head" (but not "gave 5 apples a boy").
_RATE_AFTER_A = {"day", "week", "month", "year", "hour", "minute", "second", "night", "season", "quarter", "decade",
                 "head", "person", "piece", "pop", "year-round", "weekday", "weekend", "game", "match", "session"}


def _rate(doc: Doc, k: int) -> Token | None:
    """The noun of "per pupil", "a day", "each year", "every month" right after a figure (token k on), or None."""
    if k + 1 >= len(doc):
        return None
    w, noun = doc[k].lower_, doc[k + 1]
    if noun.pos_ not in ("NOUN", "PROPN") or noun.like_num or noun.tag_ in ("NNS", "NNPS"):
        return None
    if w in ("per", "/") or (w in ("a", "an", "each", "every") and noun.lemma_.lower() in _RATE_AFTER_A):
        if w in ("a", "an", "each", "every") and k + 2 < len(doc) and doc[k + 2].lower_ in _NOT_RATE_AFTER:
            return None  # "4.5% a year earlier", "a year ago": a date, not a rate
        return noun
    return None


_NOT_RATE_AFTER = {"ago", "earlier", "later", "before", "after", "since", "on", "'s", "’s"}


def _value(q: Quantity) -> float | int | dict | tuple:
    """A number; a range as {low, high}; a move "from X to Y" as (X, Y), in the text's order."""
    if not isinstance(q.value, tuple):
        return q.value
    return q.value if q.move else {"low": q.value[0], "high": q.value[1]}


_EQUIV_GAP = re.compile(r"\s*[(/\[]\s*(?:(?:about|around|some|roughly|approximately|or|c\.|ca\.)\s+)?")


def _equivalents(text: str, figures: list[Figure]) -> list[Figure]:
    """"more than 7.5m crowns (US $1.1m)", "296 hp (224 kW / 300 PS)": a conversion in brackets says the same
    thing in another unit, so it shares the first figure's approximator, direction and what it counts (nothing
    when the first counts nothing: the bracket's own parse is no better)."""
    out: list[Figure] = []
    for f in figures:
        if out and f.span and out[-1].span and _EQUIV_GAP.fullmatch(text[out[-1].span[1]:f.span[0]]):
            prev = out[-1]
            f = replace(f, approx=f.approx or prev.approx, change=f.change or prev.change,
                        counts=prev.counts)
        out.append(f)
    return out
