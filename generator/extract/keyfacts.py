"""Key facts: the few claims a reader must know, ranked.

News puts its most important claims first, so the lead (the first sentences) is the
baseline to beat; graph methods that ignore position do worse on news. :func:`rank_facts`
keeps the lead's strength and adds what the lead cannot see:

1. :func:`story_sentences`: page furniture out before anything is ranked: bylines, time
   stamps, datelines in front of the first sentence, photo credits and captions, calls to
   action, the headline repeated as the first line.
2. :func:`features`: for each candidate, its position (sentence and paragraph), how much of
   the headline it covers, how central it is to the article's vocabulary, the figures, dates
   and named entities it carries, how much of it is quoted speech, its length.
3. :func:`score` weighs them (:data:`WEIGHTS`); :func:`select` takes the best in turn, skipping
   any whose content is mostly in a fact already chosen, so no two facts say the same thing.
4. The fact's text is the sentence's claim (:func:`claim_text`): asides dropped, relative days
   ("yesterday", "on Tuesday") made absolute from the date line or publication date, so the fact
   can still be checked when the article is old.

Each fact keeps who asserts it (:func:`attribution`): "according to X", "X said ...", or the
speaker of a quote in the sentence.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from generator.extract.dates import calendar as cal
from generator.extract.dates.calendar import DAY
from generator.extract.doc import (
    DATE_STAMP,
    DocTable,
    doc_text,
    furniture,
    leading_furniture,
    paragraph_numbers,
    sentence_text,
    span_text,
    whole_sentences,
)
from generator.extract.entities.entities import EntityIndex
from generator.extract.lexicon import DASHES, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS
from generator.model import DateMention, Fact, Figure, Quote

MAX_FACTS = 5
LEAD_FACTS = 3
MIN_WORDS = 6  # shorter "sentences" are headings, labels or fragments
SUMMARY_WORDS = 40  # the one-line summary is cut at a clause boundary past this many words

CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ", "NUM"}
NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
PLACES = {"GPE", "LOC"}
REPORTING = {"say", "tell", "announce", "report", "claim", "state", "confirm", "deny", "add", "warn", "insist",
             "explain", "note", "argue", "estimate", "reveal", "allege", "write", "suggest", "predict", "acknowledge",
             "admit", "assert", "contend", "maintain", "declare", "disclose", "testify", "conclude", "find", "show"}
PRONOUNS = {"he", "she", "they", "it", "we", "i"}
QUOTE_CHARS = "\"“”"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence of the story that may become a fact."""

    span: Span  # the words of the claim (the sentence without a dateline in front)
    order: int  # 0 for the first sentence of the story
    paragraph: int  # 0 for the first paragraph of the story


@dataclass(frozen=True, slots=True)
class Features:
    """What :func:`score` knows about a candidate; every value but ``order`` is in [0, 1]."""

    order: int  # 0 for the lead sentence (score turns it into a decaying weight)
    paragraph_lead: float  # 1 for the first sentence of a paragraph
    headline: float  # share of the headline's content words the sentence uses
    lead: float  # cosine of the sentence's content words with the lead sentence's (1 for the lead)
    centrality: float  # cosine of the sentence's content words with the rest of the article's
    information: float  # figures, dates and named entities carried (saturating)
    quoted: float  # share of the sentence inside quotation marks
    short: float  # how far below a useful length (0 when long enough)
    long: float  # how far above a readable length (0 when short enough)
    personal: float  # 1 when the sentence speaks in the first or second person outside quotes


@dataclass(frozen=True, slots=True)
class Weights:
    """How :func:`score` weighs the features. Position dominates, as it does in news writing; the
    others break near-ties between sentences of the first paragraphs. Tuned lightly on Wikinews
    (GUM) with the lead as the prior, not fitted: a fitted model did worse on held-out articles."""

    position: float = 1.0
    decay: float = 1.0  # position = 1 / (1 + decay * order)
    paragraph_lead: float = 0.0
    headline: float = 0.1  # half of (headline coverage + similarity to the lead sentence)
    lead: float = 0.1
    centrality: float = 0.2
    information: float = 0.0
    quoted: float = -0.05
    short: float = 0.0
    long: float = -0.1
    personal: float = -0.2
    redundancy: float = 0.0  # times the overlap with the most similar fact already chosen
    max_overlap: float = 0.6  # a candidate overlapping a chosen fact this much says the same thing


WEIGHTS = Weights()


def rank_facts(doc: Doc, *, title: str, quotes: list[Quote], figures: list[Figure],
               dates: list[DateMention], entities: EntityIndex, published: dt.date | None = None,
               k: int = MAX_FACTS, weights: Weights = WEIGHTS) -> list[Fact]:
    """The article's key facts, most important first.

    ``published`` (or a date line at the top of the article, which wins) anchors relative dates:
    a fact that says "yesterday" gets the date it means, so it can still be checked next year.
    """
    table = _table(doc, entities)
    cands = story_sentences(doc, title, table=table)
    if not cands:
        return []
    bags = [_content_of(table, c.span.start, c.span.end) for c in cands]
    feats = features(cands, title=title, figures=figures, dates=dates, entities=entities, bags=bags)
    scores = [score(f, weights) for f in feats]
    chosen = select(cands, scores, k=k, weights=weights, bags=bags)
    anchor = story_date(doc, published)
    ents = doc.ents  # read once: every Span.ents reads them all
    chunks = NounChunks(doc)
    return [_fact(cands[i], s, quotes, entities, dates, anchor, table, ents, chunks) for i, s in chosen]


def lead_facts(doc: Doc, *, title: str, k: int = LEAD_FACTS) -> list[Fact]:
    """The lead baseline: the first ``k`` sentences that are not the headline or furniture.

    This is the baseline the published lead-3 numbers describe; the evaluation script
    compares :func:`rank_facts` with it in the same run.
    """
    out: list[Fact] = []
    headline = " ".join(title.split())
    for sent in whole_sentences(doc):
        text = sentence_text(sent)
        if _is_headline(text, headline) or furniture(text) or len(sent) < MIN_WORDS:
            continue
        out.append(Fact(text=text, sentence=text, span=(sent.start_char, sent.end_char),
                        score=round(1.0 / (1 + len(out)), 4)))
        if len(out) >= k:
            break
    return out


def summary_of(facts: list[Fact]) -> str | None:
    """One line for the sheet: the best fact, cut at a clause boundary when it runs long."""
    if not facts:
        return None
    return compress(facts[0].text)


def compress(text: str, limit: int = SUMMARY_WORDS) -> str:
    """``text`` cut after a clause ("; ", " — ", ", which") once it passes ``limit`` words."""
    words = text.split()
    if len(words) <= limit:
        return text
    for sep in ("; ", " — ", " – ", " -- ", ", which ", ", while ", ", but ", ", after ", ", as "):
        at = text.find(sep)
        if at > 0 and MIN_WORDS <= len(text[:at].split()) <= limit:
            return text[:at].rstrip(" ,;") + "."
    return text


# --- candidates ---------------------------------------------------------------------------------------


def _table(doc: Doc, entities: EntityIndex | None = None, table: DocTable | None = None) -> DocTable:
    """The document's token attributes: ``table``, else the entity extractor's, when made for this ``doc``."""
    for have in (table, entities.table if entities is not None else None):
        if have is not None and have.doc is doc:
            return have
    return DocTable(doc)


def story_sentences(doc: Doc, title: str, *, table: DocTable | None = None) -> list[Candidate]:
    """The sentences of the story proper: page furniture, captions and the headline removed."""
    table = _table(doc, table=table)
    sents = whole_sentences(doc)
    paras = paragraph_numbers(doc, sents)
    texts = [sentence_text(s) for s in sents]
    kinds = [furniture(text) for text in texts]  # once per sentence: captions and the loop below both need it
    caption_paras = {p for kind, p in zip(kinds, paras, strict=True) if kind == "credit"}
    counts = Counter(paras)
    headline = " ".join(title.split())
    out: list[Candidate] = []
    para_seen: dict[int, int] = {}
    for sent, para, text, kind in zip(sents, paras, texts, kinds, strict=True):
        if para in caption_paras or kind:
            continue
        if _is_headline(text, headline):
            continue
        span = _without_dateline(sent, table, first_in_paragraph=sent.start == 0 or para not in para_seen)
        if len(span) == 0 or _is_fragment(span, table, alone=counts[para] == 1):
            continue
        para_seen.setdefault(para, len(para_seen))
        out.append(Candidate(span=span, order=len(out), paragraph=para_seen[para]))
    return out


def _is_headline(text: str, headline: str) -> bool:
    """The headline repeated as the first line (with or without a full stop added).

    A "headline" that ends with a full stop is a lead sentence standing in for a missing title
    (JSON lines without one): that sentence is story, not furniture.
    """
    return bool(headline) and not headline.endswith(".") and text.rstrip(".!? ") == headline.rstrip("!? ")


def _without_dateline(sent: Span, table: DocTable, *, first_in_paragraph: bool) -> Span:
    """The sentence without a dateline, byline or time stamp in front of its first words."""
    if not first_in_paragraph:
        return sent
    cut = leading_furniture(span_text(sent))
    if cut:
        span = sent.doc.char_span(sent.start_char + cut, sent.end_char, alignment_mode="expand")
        if span is not None and len(span):
            sent = span
    # "Taipei, Taiwan — The festival ...": places, then a dash
    for i in range(sent.start + 1, min(sent.start + 8, sent.end)):
        if table.text[i] in DASHES:
            before = [j for j in range(sent.start, i) if table.lex_alpha[j]]
            if before and all(table.ent_type[j] in PLACES for j in before):
                return sent.doc[i + 1:sent.end]
            break
    return sent


def _words(table: DocTable, start: int, end: int) -> int:
    """How many tokens in [start, end) are neither punctuation nor space."""
    punct, space = table.lex_punct, table.lex_space
    return sum(1 for i in range(start, end) if not punct[i] and not space[i])


_FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD", "VBN")


def _is_fragment(span: Span, table: DocTable, *, alone: bool) -> bool:
    """A heading, label or caption: too short, or (alone in its paragraph) without a finite verb."""
    words = _words(table, span.start, span.end)
    if words < MIN_WORDS:
        return True
    # a past participle counts: the small model often tags a past tense ("reopened on Monday") so
    pos, tag, doc = table.pos, table.tag, span.doc
    finite = any(pos[i] in ("VERB", "AUX") and (tag[i] in _FINITE_TAGS or doc[i].morph.get("VerbForm") in (["Fin"], []))
                 for i in range(span.start, span.end))  # the tag first: reading the morphology builds a Token
    if not finite:
        return True
    return alone and table.text[span.end - 1] not in {".", "!", "?", "\"", "”", "’", "'", ")"} and words < 15


# --- features and score -------------------------------------------------------------------------------


def _content(span: Span | Doc) -> Counter[str]:
    """The content words (lower-case lemmas) of a span or a whole Doc."""
    doc = span if isinstance(span, Doc) else span.doc
    start, end = (0, len(doc)) if span is doc else (span.start, span.end)
    return _content_of(DocTable(doc), start, end)


def _content_of(table: DocTable, start: int, end: int) -> Counter[str]:
    """The content words of tokens [start, end): their lemmas, less stop words, punctuation and symbols."""
    lemma, pos, stop, text = table.lemma, table.pos, table.lex_stop, table.text
    return Counter(lemma[i] for i in range(start, end)
                   if pos[i] in CONTENT_POS and not stop[i] and _has_alnum(text[i]))


def _has_alnum(word: str) -> bool:
    """A letter or digit in the word; most words are all letters, which ``isalnum`` tells without a loop."""
    return word.isalnum() or any(c.isalnum() for c in word)


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _quoted_share(span: Span, table: DocTable | None = None) -> float:
    table = _table(span.doc, table=table)
    inside = 0
    open_ = False
    total = 0
    for i in range(span.start, span.end):
        text = table.text[i]
        if text in QUOTE_CHARS or text in {"``", "''"}:
            open_ = text != "”" and (text == "“" or not open_)
            continue
        if table.lex_punct[i] or table.lex_space[i]:
            continue
        total += 1
        inside += open_
    return inside / total if total else 0.0


def _personal(span: Span, table: DocTable | None = None) -> bool:
    table = _table(span.doc, table=table)
    open_ = False
    for i in range(span.start, span.end):
        text = table.text[i]
        if text in QUOTE_CHARS:
            open_ = text != "”" and (text == "“" or not open_)
        elif not open_ and table.lower[i] in {"i", "we", "you", "my", "our", "your", "me", "us"} \
                and table.pos[i] == "PRON":
            return True
    return False


def _centrality(bag: Counter[str], total: Counter[str], total_sq: int) -> float:
    """The cosine of a sentence's bag with the bag of all the other candidates (``total - bag``),
    computed from the sentence's own words only: building ``total - bag`` for every sentence
    made the ranking quadratic in the article's length."""
    dot = rest_sq = bag_sq = 0
    rest_sq = total_sq
    for k, b in bag.items():
        t = total[k]
        dot += b * (t - b)
        rest_sq -= t * t - (t - b) * (t - b)
        bag_sq += b * b
    if not dot or not rest_sq:
        return 0.0
    return dot / math.sqrt(bag_sq * rest_sq)


def features(cands: list[Candidate], *, title: str, figures: list[Figure], dates: list[DateMention],
             entities: EntityIndex, bags: list[Counter[str]] | None = None) -> list[Features]:
    """The features of every candidate (they depend on the other candidates: centrality).

    ``bags``: each candidate's content words, when the caller has them already.
    """
    if not cands:
        return []
    doc = cands[0].span.doc
    table = _table(doc, entities)
    bags = bags if bags is not None else [_content_of(table, c.span.start, c.span.end) for c in cands]
    total: Counter[str] = Counter()
    for bag in bags:
        total.update(bag)
    headline = _content(_title_doc(doc, title, table))
    starts = [(f.span[0] if f.span else -1) for f in figures] + [(d.span[0] if d.span else -1) for d in dates]
    total_sq = sum(v * v for v in total.values())
    out = []
    for c, bag in zip(cands, bags, strict=True):
        n_words = _words(table, c.span.start, c.span.end)
        named = len(entities.in_span(c.span)) + len({i for i in range(c.span.start, c.span.end)
                                                    if table.ent_iob[i] == 3 and table.ent_type[i] in NAMED
                                                    and entities.at(i) is None})  # 3: "B", an entity begins
        numbers = sum(1 for s in starts if c.span.start_char <= s < c.span.end_char)
        out.append(Features(
            order=c.order,
            paragraph_lead=1.0 if c.order == 0 or _first_in_paragraph(c, cands) else 0.0,
            headline=(sum(min(v, bag[k]) for k, v in headline.items()) / sum(headline.values())) if headline else 0.0,
            lead=_cosine(bag, bags[0]),
            centrality=_centrality(bag, total, total_sq),
            information=min(1.0, (named + numbers) / 5.0),
            quoted=_quoted_share(c.span, table),
            short=max(0.0, (12 - n_words) / 12.0),
            long=min(1.0, max(0.0, (n_words - 40) / 40.0)),
            personal=1.0 if _personal(c.span, table) else 0.0,
        ))
    return out


def _first_in_paragraph(c: Candidate, cands: list[Candidate]) -> bool:
    return c.order > 0 and cands[c.order - 1].paragraph != c.paragraph


def _title_doc(doc: Doc, title: str, table: DocTable) -> Doc | Span:
    """The headline, parsed with the article's own vocabulary and tokenizer (lemmas by rule)."""
    from spacy.tokens import Doc as _Doc

    words = re.findall(r"\w[\w'’-]*|[^\w\s]", title)
    if not words:
        return doc[:0]  # no headline (an article made in code may have none): no words to share with it
    tdoc = _Doc(doc.vocab, words=words)
    for tok in tdoc:  # a headline is too short to tag reliably: use the article's own tags for the same word
        tok.lemma_ = tok.lower_
        tok.pos_ = "NOUN" if tok.is_alpha or tok.like_num else "PUNCT"
    lemmas = {table.lower[i]: i for i in range(table.n) if table.pos[i] in CONTENT_POS}  # the last one wins
    for tok in tdoc:
        known = lemmas.get(tok.lower_)
        if known is not None:
            tok.lemma_ = table.lemma[known]
            tok.pos_ = table.pos[known]
    return tdoc


def score(f: Features, weights: Weights = WEIGHTS) -> float:
    """A candidate's importance from its features: a weighted sum."""
    w = weights
    return (w.position / (1.0 + w.decay * f.order) + w.paragraph_lead * f.paragraph_lead
            + w.headline * f.headline + w.lead * f.lead
            + w.centrality * f.centrality + w.information * f.information + w.quoted * f.quoted
            + w.short * f.short + w.long * f.long + w.personal * f.personal)


def select(cands: list[Candidate], scores: list[float], *, k: int, weights: Weights = WEIGHTS,
           bags: list[Counter[str]] | None = None) -> list[tuple[int, float]]:
    """Up to ``k`` candidates, best first, each new one penalised by its overlap with those chosen."""
    bags = bags if bags is not None else [_content(c.span) for c in cands]
    chosen: list[tuple[int, float]] = []
    left = set(range(len(cands)))
    overlap = [0.0] * len(cands)  # each candidate's largest containment in a chosen one, updated as they come
    while left and len(chosen) < k:
        best, best_value = None, -math.inf
        for i in sorted(left):
            if overlap[i] >= weights.max_overlap:
                continue
            value = scores[i] - weights.redundancy * overlap[i]
            if value > best_value:
                best, best_value = i, value
        if best is None:
            break
        chosen.append((best, scores[best]))
        left.discard(best)
        for i in left:
            if overlap[i] < weights.max_overlap:  # (past it a candidate stays out: the overlap only grows)
                overlap[i] = max(overlap[i], _containment(bags[i], bags[best]))
    return chosen


def _containment(a: Counter[str], b: Counter[str]) -> float:
    """How much of ``a``'s content is already in ``b`` (0..1)."""
    if not a:
        return 1.0
    return sum(min(a[k], b[k]) for k in a.keys() & b.keys()) / sum(a.values())  # shared words only (ints: exact)


# --- the claim: the sentence without its asides ---------------------------------------------------------


def claim_tokens(span: Span, *, table: DocTable | None = None, ents: tuple[Span, ...] | None = None) -> list[Token]:
    """The tokens of the claim a sentence makes, without what a reader can do without.

    Dropped: parentheses; non-restrictive relative clauses (", which ...,"); a trailing participle
    clause (", drawing criticism from ..."); a leading adverbial that is not a time or an
    attribution ("Prior to the ruling, ..."). Attribution stays in the text (and in
    ``attributed_to``). Named entities are never cut in half; a claim left too short is not cut.
    ``table`` and ``ents`` (the document's ``doc.ents``), when given, save reading them again.
    """
    doc = span.doc
    table = _table(doc, table=table)
    text, dep, lower = table.text, table.dep, table.lower
    drop: set[int] = set()

    def cut(a: int, b: int) -> None:  # drop tokens a..b-1 and the comma before them
        if a > span.start and text[a - 1] == ",":
            a -= 1
        drop.update(range(a, b))

    for i in range(span.start, span.end):  # token indices and table columns: no Token objects in this loop
        if text[i] == "(":
            close = next((j for j in range(i + 1, span.end) if text[j] == ")"), None)
            if close is not None:
                drop.update(range(i, close + 1))
        a, b = _subtree_first(table, i), _subtree_last(table, i) + 1
        after = text[b] if b < span.end else ""
        comma_before = a > span.start and text[a - 1] == ","
        if dep[i] == "relcl" and comma_before and lower[a] in {"which", "who", "whose", "where"} \
                and after in {",", ".", ";", ""}:
            drop.update(range(a - 1, b + (after == ",")))
        elif dep[i] in ("advcl", "acl") and table.tag[i] == "VBG" and comma_before and b + 1 >= span.end - 1:
            cut(a, b)
        elif i == span.start and dep[i] in ("prep", "advmod", "advcl", "npadvmod") and lower[i] != "according" \
                and dep[table.head[i]] == "ROOT" and after == "," and b - a < 12 \
                and not any(x.ent_type_ in ("DATE", "TIME") for x in doc[i].subtree):
            drop.update(range(a, b + 1))
    if sum(1 for i in range(span.start, span.end) if i not in drop and table.lex_alpha[i]) < MIN_WORDS \
            or _splits_entity(span, drop, ents):
        return list(span)
    return [doc[i] for i in range(span.start, span.end) if i not in drop]


def _subtree_first(table: DocTable, i: int) -> int:
    """The first token of ``Token.subtree`` (which lists the left children's subtrees, the token, then
    the right children's): the end of the chain of leftmost left children."""
    kids = table.children
    while kids[i] and kids[i][0] < i:
        i = kids[i][0]
    return i


def _subtree_last(table: DocTable, i: int) -> int:
    """The last token of ``Token.subtree``: the end of the chain of rightmost right children."""
    kids = table.children
    while kids[i] and kids[i][-1] > i:
        i = kids[i][-1]
    return i


def _ents_within(span: Span, ents: tuple[Span, ...] | None) -> list[Span]:
    """``span.ents``, from the document's entities when read already (``Span.ents`` reads them all again)."""
    if ents is None:
        return list(span.ents)
    out = []
    for ent in ents:  # as spaCy's Span.ents does
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def _dated_word(tok: Token, date: str) -> str:
    if tok.lower_ not in _DAY_OFFSET:
        return f"{tok.text}, {date}{tok.whitespace_}"
    after_prep = tok.i > 0 and tok.doc[tok.i - 1].pos_ == "ADP"
    return f"{'' if after_prep else 'on '}{date}{tok.whitespace_}"


def _splits_entity(span: Span, drop: set[int], ents: tuple[Span, ...] | None = None) -> bool:
    return any(any(i in drop for i in range(e.start, e.end)) and not all(i in drop for i in range(e.start, e.end))
               for e in _ents_within(span, ents))


def claim_text(span: Span, *, dated: dict[int, str] | None = None, table: DocTable | None = None,
               ents: tuple[Span, ...] | None = None) -> str:
    """The claim as text: :func:`claim_tokens` joined, first letter upper-cased, closing stop kept.

    ``dated`` maps the index of a token ending a relative date to the date it means: "yesterday"
    becomes "on September 11, 2015", "on Tuesday" becomes "on Tuesday, July 18, 2017".
    """
    toks = claim_tokens(span, table=table, ents=ents)
    dated = dated or {}
    parts: list[str] = []
    for n, t in enumerate(toks):
        if n and toks[n - 1].i != t.i - 1 and not toks[n - 1].whitespace_ and not t.is_punct:
            parts.append(" ")  # words were dropped between these two
        parts.append(_dated_word(t, dated[t.i]) if t.i in dated else t.text_with_ws)
    text = "".join(parts).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", " ".join(text.split()))
    text = re.sub(r",\s*([.;:!?])", r"\1", text)
    if text and text[-1] not in ".!?\"”’'":
        text += "."
    return text[:1].upper() + text[1:]


# --- relative dates -------------------------------------------------------------------------------------

_MONTH_TITLES = tuple(name.capitalize() for name in MONTH_NAMES)  # "January", as notes write months
_DAY_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@dataclass(frozen=True, slots=True)
class StoryDate:
    """The day a story speaks from, and how the article writes dates (so notes read like the text)."""

    day: dt.date
    month_first: bool = True  # "September 12, 2015" rather than "12 September 2015"

    def write(self, day: dt.date) -> str:
        month = _MONTH_TITLES[day.month - 1]
        return f"{month} {day.day}, {day.year}" if self.month_first else f"{day.day} {month} {day.year}"


def story_date(doc: Doc, published: dt.date | None) -> StoryDate | None:
    """The date line at the top of the article ("Friday, July 21, 2017"), else the publication date."""
    text = doc_text(doc)
    head = text[:200]
    m = DATE_STAMP.search(head.split("\n\n")[0]) if head else None
    if m and m.start() < 40:
        parsed = _parse_stamp(m.group(0))
        if parsed is not None:
            return parsed
    if published is None:
        return None
    month_first = not re.search(rf"\b\d{{1,2}}\s+(?:{'|'.join(_MONTH_TITLES)})\b", text)
    return StoryDate(published, month_first=month_first)


def _parse_stamp(text: str) -> StoryDate | None:
    """The day a date stamp (:data:`~generator.extract.doc.DATE_STAMP`) names, if it writes its month as a word:
    a month is read by its first three letters (see :mod:`generator.extract.lexicon`)."""
    m = re.search(r"([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    if m and m.group(1).lower() in MONTHS:
        month, day, year, month_first = MONTHS[m.group(1).lower()], int(m.group(2)), int(m.group(3)), True
    else:
        m = re.search(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})", text)
        if not (m and m.group(2).lower() in MONTHS):
            return None
        month, day, year, month_first = MONTHS[m.group(2).lower()], int(m.group(1)), int(m.group(3)), False
    try:
        return StoryDate(dt.date(year, month, day), month_first=month_first)
    except ValueError:
        return None


def _date_notes(span: Span, dates: list[DateMention], anchor: StoryDate | None,
                ents: tuple[Span, ...] | None = None) -> dict[int, str]:
    """For each relative day in the span ("yesterday", "on Friday"), the date it means."""
    notes: dict[int, str] = {}
    for ent in _ents_within(span, ents):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        words = [t.lower_ for t in ent]
        day = None
        known = next((d.value for d in dates if d.span and d.span[0] == ent.start_char and d.value), None)
        if known and re.fullmatch(r"\d{4}-\d{2}-\d{2}", known) and any(w in _DAY_OFFSET or w in WEEKDAY_NAMES
                                                                      for w in words):
            day = dt.date.fromisoformat(known)
        elif anchor is not None and len(words) <= 2:
            day = _relative_day(words, anchor.day, future=_looks_ahead(span))
        if day is not None and anchor is not None:
            notes[ent.end - 1] = anchor.write(day)
        elif day is not None:
            notes[ent.end - 1] = day.isoformat()
    return notes


def _relative_day(words: list[str], anchor: dt.date, *, future: bool = False) -> dt.date | None:
    """"yesterday", "today", "Friday", "last Friday", "next Friday" from the story's date; a bare
    weekday is the one before (or on) the story's date, or after it when the sentence looks ahead."""
    if len(words) == 1 and words[0] in _DAY_OFFSET:
        return anchor + dt.timedelta(days=_DAY_OFFSET[words[0]])
    if words[-1] not in WEEKDAY_NAMES or (len(words) == 2 and words[0] not in ("last", "next", "this")) \
            or len(words) > 2:
        return None
    weekday = WEEKDAYS[words[-1]]
    if words[0] == "next":  # after the story's day, never on it
        return cal.weekday_near(anchor + DAY, weekday, future=True)
    if words[0] == "last":
        return cal.weekday_near(anchor - DAY, weekday, future=False)
    return cal.weekday_near(anchor, weekday, future=future)


def _looks_ahead(span: Span) -> bool:
    """The sentence speaks of what will happen: "will", "would", "is to", "plans to", "is scheduled"."""
    return any(t.lower_ in {"will", "'ll", "shall", "would"} or (t.lemma_ in {"plan", "schedule", "expect", "due"}
               and any(c.dep_ in ("xcomp", "aux") or c.lower_ == "to" for c in t.children)) for t in span)


# --- attribution ----------------------------------------------------------------------------------------


def attribution(span: Span, quotes: list[Quote], entities: EntityIndex, *,
                chunks: NounChunks | None = None) -> str | None:
    """Who the article says asserts the claim: "according to X", a quote's speaker, "X said ..."."""
    doc = span.doc
    table = _table(doc, entities)
    lower, dep, kids = table.lower, table.dep, table.children  # columns: no Token objects for the scan
    chunks = chunks if chunks is not None else NounChunks(doc)
    for i in range(span.start, span.end):
        if lower[i] == "according" and i + 1 < span.end and lower[i + 1] == "to":
            objs = [c for c in kids[i + 1] if dep[c] == "pobj"]
            if objs:
                return _name_of(doc[objs[0]], entities, chunks)
    for q in quotes:
        if q.speaker and q.span and span.start_char <= q.span[0] < span.end_char:
            return q.speaker
    for i in range(span.start, span.end):
        if table.lemma[i] not in REPORTING or table.pos[i] != "VERB":
            continue
        head = table.head[i]
        if dep[i] != "ROOT" and not (dep[i] in ("parataxis", "conj") and dep[head] == "ROOT"):
            continue
        asserts = dep[i] == "parataxis" or any(dep[c] == "ccomp" for c in kids[i]) \
            or any(dep[c] == "ccomp" for c in kids[head] if dep[i] == "conj")
        subjects = [c for c in kids[i] if dep[c] == "nsubj"]
        if subjects and asserts:
            return _name_of(doc[subjects[0]], entities, chunks)
    return None


class NounChunks:
    """The noun chunk headed by each token, read once per document (``Doc.noun_chunks`` walks all of it)."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self._by_root: dict[int, Span] | None = None

    def headed_by(self, head: Token) -> Span | None:
        """The first noun chunk whose root is ``head``."""
        if self._by_root is None:
            self._by_root = {}
            for chunk in self.doc.noun_chunks:
                self._by_root.setdefault(chunk.root.i, chunk)
        return self._by_root.get(head.i)


def _name_of(head: Token, entities: EntityIndex, chunks: NounChunks | None = None) -> str | None:
    """The asserting party's name: an entity's canonical name, a resolved pronoun, or the noun phrase."""
    named = [head, *(c for c in head.children if c.dep_ in ("appos", "compound"))]
    for tok in named:
        ent = entities.at(tok.i)
        if ent is not None and ent.type in ("PERSON", "ORG", "GPE", "NORP"):
            return ent.name
    if head.lower_ in PRONOUNS:
        if head.lower_ in {"we", "i"}:
            return None
        wanted = {"PERSON"} if head.lower_ in {"he", "she"} else {"ORG", "GPE", "PERSON"}
        for i in range(head.i - 1, -1, -1):
            ent = entities.at(i)
            if ent is not None and ent.type in wanted:
                return ent.name
        return head.text
    chunk = (chunks or NounChunks(head.doc)).headed_by(head)
    words = list(chunk) if chunk is not None else [head]
    text = " ".join(" ".join(t.text for t in words if not t.is_punct or t.text in {"'s", "’s"}).split())
    return re.sub(r"\s+(['’]s)\b", r"\1", text) or None


def _fact(c: Candidate, value: float, quotes: list[Quote], entities: EntityIndex, dates: list[DateMention],
          anchor: StoryDate | None, table: DocTable, ents: tuple[Span, ...], chunks: NounChunks) -> Fact:
    notes = _date_notes(c.span, dates, anchor, ents)
    return Fact(text=claim_text(c.span, dated=notes, table=table, ents=ents), sentence=sentence_text(c.span),
                span=(c.span.start_char, c.span.end_char), score=round(value, 4),
                attributed_to=attribution(c.span, quotes, entities, chunks=chunks))
