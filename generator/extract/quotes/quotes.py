"""Who said what: quotations, partial quotations and reported speech, with their speakers.

:func:`extract_quotes` works in passes over one parsed document:

1. **Quotations** (:mod:`generator.extract.quotes.marks`): words between paired marks. Each is
   tied to a cue: the speech verb its words depend on in the parse (``"...," Mr Peskov said``;
   ``dismissed the reports as a "..."``), or failing that a cue right beside it (``said:``,
   ``, said X``), a colon-ended lead-in before it, or "according to X". A quotation that starts
   its sentence (or follows a colon or ``said,``) is ``direct``; one inside a clause is ``partial``.
   The speaker the rules find for the cue is then weighed against the other mentions around the
   quotation by a small learned model (:mod:`generator.extract.quotes.linker`), which keeps the best.
2. **Carried speakers**: a quotation with no cue of its own takes the speaker of the nearest
   attributed quotation in its paragraph or, when it opens its paragraph, of the last
   attribution in the paragraph before (news style continuation paragraphs). With no attribution
   there, a whole quoted sentence after a sentence about a named person ("Berg has plans for the
   fleet. "My plan is ..."") is that person's.
3. **Reported speech** (kind ``reported``): the clausal complement of a cue verb with no
   quotation marks ("X said (that) ...", "X complained last week that ...", "It said ..."),
   each clause of an elliptical "... and that ..." on its own, and "according to X, ...".
   A clause that is mostly quoted is left to its quotation; a quotation tacked on after a
   dash or comma is trimmed off.
4. **Duplicates**: the same words quoted twice (a headline repeating the body) are kept once,
   with the fuller attribution.

Quotations with no cue, no carried speaker and the shape of a title or scare quote ("Shark
Tank", "rigged") are not quotations of anyone and are dropped; every other quotation is kept,
with ``speaker: null`` when no one can be resolved (the caller counts those as warnings).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from generator.extract.doc import DocTable, paragraph_spans
from generator.extract.entities.entities import OPENING_CUES, EntityIndex
from generator.extract.entities.roles import HONORIFICS, gender_of_word, is_role_word
from generator.extract.quotes import linker
from generator.extract.quotes.cues import (
    ACCUSING,
    AS_CONTENT,
    COMMISSIVE,
    DIRECTIVE,
    EVIDENTIAL,
    NOT_CUES,
    NOUN_CONTENT,
    NOUN_CUES,
    PERSON_OBJECT,
    SAYING,
    SPEECH,
    SUBJECTS,
    according_to,
    is_cue,
    is_speech_verb,
    manner_only,
    passive_agent,
)
from generator.extract.quotes.marks import SPEAKER_LABEL, Quoted, find_quoted
from generator.extract.quotes.speakers import (
    DOCUMENTS,
    FEMALE,
    MALE,
    NOBODY,
    Speaker,
    Speakers,
    _span_head,
    is_body,
)
from generator.model import Quote

_NOT_CONTENT_START = {"what", "how", "why", "who", "whom", "where", "which", "so", "whether"}
_CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"}
MAX_WALK = 7  # dependency arcs climbed from a quotation to its cue
MIN_REPORTED_TOKENS = 3
_WORD = re.compile(r"\w+", re.U)
_DASHES = {"-", "\u2013", "\u2014", "--", ":", ","}


@dataclass
class _Found:
    """A quotation or reported clause being assembled."""

    start: int  # character offsets of the words
    end: int
    tok_start: int  # token range of the words
    tok_end: int
    kind: str
    cue: Token | None = None
    speaker: Speaker = NOBODY
    para: int = 0
    sentence: Span | None = None
    quoted: Quoted | None = None
    carried: bool = False
    label: str | None = None  # a transcript's speaker label ("PENCE")
    source: _Found | None = None  # the quotation whose speaker this one carries
    whole: int | None = None  # which quotation (of find_quoted) this piece belongs to
    clause: tuple[int, int] | None = None  # a partial quotation's reported clause, as character offsets
    utterance: int | None = None  # shared by the pieces of one utterance


class _Context:
    """Per-document lookups, built once: token offsets, paragraphs, which tokens are quoted."""

    def __init__(self, doc: Doc, table: DocTable):
        self.doc = doc
        self.table = table
        self.text = table.string
        self.tok_idx = table.idx
        self.paras = paragraph_spans(self.text)
        self.para_starts = [s for s, _ in self.paras]
        self.in_quote = [-1] * len(doc)
        self.lookups: linker.Lookups | None = None

    def tok_at(self, char: int) -> int:
        """The token containing character offset ``char`` (or the one after it)."""
        return max(0, bisect.bisect_right(self.tok_idx, char) - 1)

    def tok_range(self, start: int, end: int) -> tuple[int, int]:
        a = self.tok_at(start)
        if a < len(self.doc) and self.tok_idx[a] + len(self.table.text[a]) <= start:
            a += 1
        b = self.tok_at(max(start, end - 1)) + 1
        return a, max(a, b)

    def para_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, char) - 1)

    def sent_span(self, i: int) -> Span:
        a, b = self.table.sent_bounds(i)
        return self.doc[a:b]


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    """Every quotation and piece of reported speech in the document, in text order."""
    if len(doc) == 0:
        return []
    table = entities.table if entities.table is not None and entities.table.doc is doc else DocTable(doc)
    ctx = _Context(doc, table)
    quoted = find_quoted(ctx.text, ctx.paras)
    found: list[_Found] = []
    for n, whole in enumerate(quoted):
        for q in whole.split(ctx.text):  # a quotation over several paragraphs: one piece per paragraph
            start, end, label = q.start, q.end, None
            m = SPEAKER_LABEL.match(ctx.text, start)
            if m and m.end() < end:
                label, start = m.group().strip().rstrip(":"), m.end()
            a, b = ctx.tok_range(start, end)
            if a >= b:
                continue
            for i in range(max(0, a - 1), min(len(doc), b + 1)):
                if a <= i < b or table.text[i] in _MARK_TEXTS:
                    ctx.in_quote[i] = n
            found.append(_Found(start, end, a, b, "direct", para=ctx.para_of(start), quoted=q, label=label,
                                whole=n))
    speakers = Speakers(doc, entities, ctx.in_quote, table)
    ctx.lookups = linker.Lookups(doc, entities, table, ctx.in_quote)
    for f in found:
        _attribute(ctx, speakers, f)
    _share_within_quotation(found)
    # (after the quotations, so a report's "he" may look to a quotation's speaker named later in the text; taking
    # both in text order was measured and cost the pronoun model more than it fixed: see issue 13's stop-28 note)
    reported = _outermost([f for i in _reported_cues(ctx) for f in _reported_at(ctx, speakers, doc[i])])
    items = sorted(found + reported, key=lambda f: f.start)
    _carry(ctx, speakers, items)
    items = [f for f in items if _keep(ctx, f)]
    for f in items:
        if f.kind == "partial" and f.cue is not None:
            f.clause = _clause_of(ctx, f)
    items = [f for f in items if not _is_label(ctx, f)]
    _link_utterances(items)
    items = _dedupe(ctx, items)
    _number_utterances(items)
    return [_record(ctx, f) for f in items]


_MARK_TEXTS = set("\u201c\u201d\"'\u2018\u2019\u201e\u00ab\u00bb")


# -- quotations ---------------------------------------------------------------------------------

def _attribute(ctx: _Context, speakers: Speakers, f: _Found) -> None:
    doc = ctx.doc
    first, last = doc[f.tok_start], doc[f.tok_end - 1]
    f.sentence = _sentence_span(ctx, first, last)
    f.kind = "direct" if _starts_clause(ctx, f) else "partial"
    if f.label is not None:
        index = speakers.index
        ent = index.by_name(f.label.title())
        if ent is None and (k := index.person_by_surname(f.label.split()[-1])) is not None:
            ent = index.entities[k]  # "SMITH:" for Jane Smith
        f.speaker = Speaker(ent, f.label, ent.roles[0] if ent and ent.roles else None)
        f.kind = "direct"
        return
    cue = _cue_by_parse(ctx, f) or _cue_beside(ctx, f) or _cue_by_colon(ctx, f)
    subject = None  # the speaker of a frame when the parse gave its verb no subject (""...," exhorted X")
    if cue is None and (frame := _cue_in_frame(ctx, speakers, f)) is not None:
        cue, subject = frame
        subject = None if subject.dep_ == "nsubj" else subject
    cue = cue or _lead_in_verb(ctx, speakers, f)
    if cue is None and (name := _dash_attribution(ctx, f) or _name_lead_in(ctx, speakers, f)) is not None:
        f.speaker = speakers.resolve(name)  # "..." ― Martha Jones
        return
    if cue is None:
        acc = _according_to_in(ctx, f.sentence)
        if acc is not None:
            f.cue = acc
            # the source the article names is who speaks: the linker would pick the sentence's subject ("Ann Lee
            # "died peacefully", according to her publisher")
            rule = speakers.speaker_of(acc)
            f.speaker = rule if rule.token is not None else _linked(ctx, speakers, f, rule)
            speakers.note_speaker(acc.i, f.speaker.entity_id)
        return
    f.cue = cue
    if subject is not None:
        f.speaker = _linked(ctx, speakers, f, speakers.resolve(subject))
    elif passive_agent(cue) is not False or speakers.quoted_as(cue) is not None:
        f.speaker = speakers.speaker_of(cue)  # the by-agent, the one quoted or no one: the linker would pick who
        # was asked, or the paper quoting
    else:
        f.speaker = _linked(ctx, speakers, f, speakers.speaker_of(cue))
    speakers.note_speaker(f.speaker.token if f.speaker.token is not None else cue.i, f.speaker.entity_id)


def _linked(ctx: _Context, speakers: Speakers, f: _Found, rule: Speaker) -> Speaker:
    """The rules' speaker of a cued quotation, or the mention the learned linker prefers around it."""
    doc = ctx.doc
    last = speakers.last_speakers[-1][1] if speakers.last_speakers else None
    q = linker.Quotation(f.tok_start, f.tok_end, f.cue.i if f.cue is not None else None, rule.token,
                         ctx.paras[f.para], last)

    def resolve(i: int) -> Speaker:
        return speakers.speaker_at(doc[i])

    return linker.link(ctx.lookups, q, rule, (f.start, f.end), resolve)


_DASH_CHARS = "\u2015\u2014\u2013-"


def _dash_attribution(ctx: _Context, f: _Found) -> Token | None:
    """A name after a dash right behind the closing mark: the signature of a testimonial or epigraph.

    The signature may stand on a line of its own under the quotation ("- Hillary Clinton." or "-President
    Obama, tweeting after the speech."); there it is only a name (after a title), then a comma or the end,
    so a list item or a credit line ("- Jane Doe contributed reporting") is no signature."""
    q = f.quoted
    if q is None or q.close_at is None:
        return None
    text = ctx.text
    i = q.close_at + 1
    while i < len(text) and text[i] in " \t\u00a0\n\r":
        i += 1
    if i >= len(text) or text[i] not in _DASH_CHARS:
        return None
    own_line = "\n" in text[q.close_at + 1:i]
    doc = ctx.doc
    t = ctx.tok_at(i + 1)
    while t < len(doc) and not any(c.isalnum() for c in ctx.table.text[t]) and ctx.tok_idx[t] < i + 4:
        t += 1
    while own_line and t < len(doc) and ctx.table.ent_type[t] != "PERSON" and ctx.tok_idx[t] < i + 40 and (
            is_role_word(doc[t]) or doc[t].lower_.rstrip(".") in HONORIFICS or doc[t].pos_ == "ADJ"):
        t += 1  # "-President Obama", "- Former Sen. Jane Doe"
    if t >= len(doc) or ctx.table.ent_type[t] != "PERSON":
        return None
    end = t
    while end < len(doc) and ctx.table.ent_type[end] == "PERSON" and (end == t or doc[end].ent_iob_ == "I"):
        end += 1
    if own_line and end < len(doc) and not (doc[end].is_punct or doc[end].is_space):
        return None
    return doc[t]


def _sentence_span(ctx: _Context, first: Token, last: Token) -> Span:
    a, _ = ctx.table.sent_bounds(first.i)
    _, b = ctx.table.sent_bounds(last.i)
    return ctx.doc[a:b]


def _starts_clause(ctx: _Context, f: _Found) -> bool:
    """True when the quotation stands as an utterance of its own rather than inside a clause."""
    text = ctx.text
    q = f.quoted
    open_at = q.open_at if q is not None else f.start
    para_start = ctx.paras[f.para][0]
    before = text[para_start:open_at].rstrip()
    if not before:
        return True
    sent_start = ctx.tok_idx[ctx.table.sent_bounds(f.tok_start)[0]]
    if sent_start >= open_at or not text[sent_start:open_at].strip():
        return True
    last = before[-1]
    if last == ":" or before.endswith(("\u2026", "...")):
        return True
    if last in ".!?":
        return True
    if last == ",":
        # "X said, "..."" or a split quotation ""...," he said, "...""
        prev_tok = ctx.doc[ctx.tok_at(len(before) - 1) - 1] if ctx.tok_at(len(before) - 1) > 0 else None
        return prev_tok is not None and (is_speech_verb(prev_tok) or _after_attribution(ctx, prev_tok))
    if q is not None and len(before) and before[-1].isalpha():
        prev_tok = ctx.doc[ctx.tok_at(len(before) - 1)]
        inner = text[f.start:f.end]
        return is_speech_verb(prev_tok) and inner[:1].isupper() and prev_tok.lemma_ in {"say", "add", "tell", "ask"}
    return False


def _after_attribution(ctx: _Context, tok: Token) -> bool:
    """"...," he said, [here]: the token closes an attribution that follows another quotation."""
    for i in range(tok.i, max(ctx.table.sent_bounds(tok.i)[0], tok.i - 6) - 1, -1):
        t = ctx.doc[i]
        if ctx.in_quote[i] >= 0:
            return True
        if is_speech_verb(t):
            continue
    return False


def _cue_by_parse(ctx: _Context, f: _Found) -> Token | None:
    """A cue the quoted words depend on, or that depends on them, in the parse.

    Climbing from the quotation, a verb of saying wins over a verb of thinking met first
    ("said the US did not know ... Moscow's "playbook"" is said, not know).
    """
    doc, head, in_quote = ctx.doc, ctx.table.head, ctx.in_quote
    a, b = f.tok_start, f.tok_end
    qid = in_quote[a]
    stance: Token | None = None
    seen: set[int] = set()
    for i in range(a, b):
        h = head[i]
        if a <= h < b or h in seen:
            continue
        cur, steps, prev = h, 0, i
        while steps < MAX_WALK:
            seen.add(cur)
            # ""a bomb" had gone off": a verb of manner the quoted words are the subject of does not utter them
            said_by_words = steps == 0 and ctx.table.dep[i] in _CLAUSE_SUBJECTS and manner_only(ctx.table.lemma[cur])
            if in_quote[cur] < 0 and ctx.table.pos[cur] in {"VERB", "AUX"} and is_cue(doc[cur]) and not said_by_words:
                # "said that Hale shows "great courage"": a verb of showing with the words as its object shows
                # them, it does not say them; a verb of saying above it wins
                if is_speech_verb(doc[cur]) and not (ctx.table.lemma[cur] in EVIDENTIAL
                                                     and ctx.table.dep[prev] in {"dobj", "attr", "oprd"}):
                    return doc[cur]
                stance = stance or doc[cur]
            up = head[cur]
            prev = cur
            if up == cur or (in_quote[up] >= 0 and in_quote[up] != qid):
                break
            cur = up
            steps += 1
    s, e = ctx.table.sent_bounds(a)
    s, e = min(s, f.sentence.start), max(e, f.sentence.end)
    for t in range(s, e):
        if in_quote[t] < 0 and a <= head[t] < b and is_cue(doc[t]):
            return doc[t]
    return stance


def _cue_beside(ctx: _Context, f: _Found) -> Token | None:
    """A cue right after the quotation (", said X" / ", X said") or right before it ("X said:")."""
    doc = ctx.doc
    sent_end = ctx.table.sent_bounds(f.tok_end - 1)[1]
    own_sentence = ctx.text[f.start:f.end].rstrip()[-1:] in {".", "!", "?"}
    i = f.tok_end
    while i < len(doc) and i < f.tok_end + 8:
        t = doc[i]
        if ctx.in_quote[i] >= 0 and i >= f.tok_end + 1 and t.text not in _MARK_TEXTS:
            break
        if is_cue(t) and ctx.in_quote[i] < 0:
            # after a quotation that closed its own sentence, "She added that ..." has words of its own
            if own_sentence and i >= sent_end and any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in t.children):
                break
            return t
        if (t.text in {".", "!", "?"} and i > f.tok_end + 1) or (t.is_space and "\n" in t.text) or i >= sent_end + 6:
            break

        i += 1
    sent_start = ctx.table.sent_bounds(f.tok_start)[0]
    i = f.tok_start - 1
    while i >= max(0, sent_start, f.tok_start - 12):
        t = doc[i]
        if ctx.in_quote[i] >= 0 and t.text not in _MARK_TEXTS:
            break
        # (a verb of manner only right before the words, a comma or colon between: "shouted: "Stop!"", not "went to
        # "Harbour Lights""; or as an aside: "as Ruth Hale puts it, …")
        if is_cue(t) and not (manner_only(t.lemma_.lower()) and _words_between(doc, i, f.tok_start)
                              and not any(c.dep_ == "mark" and c.lower_ == "as" for c in t.children)):
            return t
        i -= 1
    return None


def _words_between(doc: Doc, i: int, j: int) -> bool:
    """Whether anything but punctuation stands between tokens i and j."""
    return any(not doc[k].is_punct for k in range(i + 1, j))


def _writers_aside(cue: Token) -> bool:
    """"it is important to note that …", "it's fair to say …", "it is worth noting …": the writer's own words, no
    one's attribution (unlike "Brix was quick to say that …", whose subject speaks)."""
    head = cue.head
    if cue.dep_ not in {"xcomp", "pcomp", "ccomp"} or head.i == cue.i:
        return False
    # the parse hangs the infinitive on the adjective ("worth noting") or on the copula beside it ("is important to
    # note")
    verb = head.head if head.pos_ == "ADJ" and head.dep_ in {"acomp", "attr"} else head
    adjective = head.pos_ == "ADJ" or any(c.dep_ in {"acomp", "attr"} and c.pos_ == "ADJ" for c in verb.children)
    return adjective and verb.lemma_ == "be" and any(
        c.lower_ == "it" and c.dep_ in {"nsubj", "expl"} for c in verb.children)


def _cue_by_colon(ctx: _Context, f: _Found) -> Token | None:
    """A lead-in ending with a colon just before the quotation: "Mr Peskov told reporters:"."""
    text = ctx.text
    q = f.quoted
    open_at = q.open_at if q is not None else f.start
    before = text[:open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = ctx.tok_at(len(before) - 1)
    sent = ctx.sent_span(colon)
    for t in sent:
        if t.i < colon and ctx.in_quote[t.i] < 0 and (is_cue(t) or (t.dep_ == "ROOT" and
                                                        any(c.dep_ in SUBJECTS for c in t.children))):
            return t
    return None


def _lead_in(ctx: _Context, f: _Found) -> Span | None:
    """The words before a direct quotation's colon, back to the sentence start or a dash: "X told Y:"."""
    q = f.quoted
    if q is None or f.kind != "direct":
        return None
    before = ctx.text[:q.open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = ctx.tok_at(len(before) - 1)
    a = ctx.table.sent_bounds(colon)[0]
    for i in range(colon - 1, a - 1, -1):
        t = ctx.doc[i]
        # a dash between words ("HEADLINE - Jane Doe:"), not the hyphen of "(R-S.C.)"
        dash = t.text in {"--", "\u2013", "\u2014", ";"} or (t.text == "-" and ctx.text[t.idx - 1:t.idx].isspace())
        if ctx.in_quote[i] >= 0 or dash or (t.is_space and "\n" in t.text):
            a = i + 1
            break
    return ctx.doc[a:colon] if a < colon else None


def _lead_in_verb(ctx: _Context, speakers: Speakers, f: _Found) -> Token | None:
    """The verb of a colon lead-in the parse did not make the sentence's root: "Sanders delivered a snappy
    retort: "..."" (the small model often hangs the lead-in on the quotation as a clause of its own).
    The lead-in's own root is a verb of any kind, not a copula or light verb, with a subject that can speak
    and, if it has an object, one that is words ("a snappy retort"), a listener ("dinged the President") or
    a pronoun ("worded it carefully"): "He has published two books: "..."" names books, not words said."""
    lead = _lead_in(ctx, f)
    if lead is None:
        return None
    for t in lead:
        if lead.start <= t.head.i < lead.end and t.head.i != t.i:
            continue
        subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
        if t.pos_ == "VERB" and subj is not None and subj.i >= lead.start and _frame_subject(speakers, subj) \
                and t.lemma_.lower() not in NOT_CUES and _finite(t) and all(
                    c.pos_ == "PRON" or c.lemma_.lower() in NOUN_CUES or _frame_subject(speakers, c)
                    for c in t.children if c.dep_ == "dobj"):
            return t
    return None


def _name_lead_in(ctx: _Context, speakers: Speakers, f: _Found) -> Token | None:
    """A name alone before the colon of a direct quotation: "Bush: "..."", "Rep. Jane Doe (D-Ore.): "..."":
    the interview or debate style that names the speaker as a label. Only a person's name (with the title
    and a parenthesis around it) counts; a lead-in with any other word is not a label."""
    lead = _lead_in(ctx, f)
    if lead is None:
        return None
    span = next((m for t in lead if (m := speakers.index.mention_at(t.i)) is not None), None)
    ent = speakers.index.at(span[0]) if span is not None else None
    if ent is None or ent.type != "PERSON":
        return None
    a, b = span
    for (ra, rb), _k in speakers.index.role_spans.items():
        if rb == a and ra >= lead.start:
            a = ra
    depth = 0
    for t in lead:
        depth += t.text == "("
        # (or the verb of an inverted attribution opening it: "Added Lee: "…"")
        if not (a <= t.i < b or depth or t.text in {",", ")"} or t.lower_.rstrip(".") in HONORIFICS
                or (t.i == lead.start and t.lower_ in OPENING_CUES)):
            return None
        depth -= t.text == ")"
    return ctx.doc[_span_head(ctx.doc, *span)]


#: how a quotation closes when an attribution follows it in the same sentence
_FRAME_CLOSERS = {",", "?", "!", "-", "\u2013", "\u2014"}
#: what a verb of the attribution frame may have besides its subject: particles, adverbials, prepositions
_FRAME_DEPS = {"prt", "prep", "advmod", "npadvmod", "aux", "neg", "punct", "cc", "conj", "advcl", "agent"}
MAX_FRAME = 10  # tokens from the closing mark to the frame's verb
MAX_SUBJECT_GAP = 20  # the same for a verb of saying, whose subject may be long ("a man at one of the sites asked")


def _cue_in_frame(ctx: _Context, speakers: Speakers, f: _Found) -> tuple[Token, Token] | None:
    """The news frame right after a quotation, whatever its verb: ""...," Coburn blurted out on his behalf",
    ""...?" fired back the senator", ""...!" he recalled with a laugh", and a verb of saying behind a subject
    longer than `_cue_beside` looks across (""...?" a man at one of the bomb sites asked angrily").

    The lexicon cannot list every verb a writer uses for speaking, but the frame's shape shows one: the
    quotation closes with a comma, a question or exclamation mark or a dash, and right after its closing
    mark come only a finite verb and its subject (in either order), the verb with nothing of its own but
    particles, adverbials and prepositions (no object or complement: ""...," Smith scored" is no frame
    once it scored something), the subject a name, pronoun, role, body or document that can speak.
    """
    doc, q = ctx.doc, f.quoted
    if q is None or q.close_at is None or f.kind != "direct":
        return None  # a partial quotation's sentence goes on in the writer's words ("is "...," she may split")
    mark = ctx.tok_at(q.close_at)
    if mark >= len(doc) or doc[mark].text not in _MARK_TEXTS:
        return None  # the mark glued to a word ("so,"says"): the tokens do not show the frame
    j = mark + 1
    comma = j < len(doc) and doc[j].text == ","
    closer = ctx.text[f.start:q.close_at].rstrip()[-1:]
    # a full stop where the frame wanted a comma (""... the environment." Appel told CNN."): only a whole short
    # sentence of a name and a verb of saying, with no more than who was told
    stop = closer == "." and not comma
    if not (closer in _FRAME_CLOSERS or comma or stop):
        return None
    j += comma
    for v in doc[j:min(len(doc), j + MAX_SUBJECT_GAP)]:
        if ctx.in_quote[v.i] >= 0 or v.text in {".", ";", ":"} or (v.is_space and "\n" in v.text):
            break
        if (name := _noun_tagged_verb(v, j)) is not None and _frame_subject(speakers, name):
            return v, name
        said = is_speech_verb(v)  # a verb of the lexicon vouches for its subject and may stand farther off
        if v.i >= j + MAX_FRAME and not said:
            continue
        subj = next((c for c in v.children if c.dep_ == "nsubj"), None) or _inverted_subject(v, j) \
            or _modified_subject(v, j)
        if subj is None or v.pos_ != "VERB" or not (said or (_frame_verb(v) and _frame_subject(speakers, subj))):
            continue
        if stop and not (said and _frame_subject(speakers, subj) and _bare_frame(v)):
            continue
        before = [t for t in doc[j:v.i] if not (subj.left_edge.i <= t.i <= subj.right_edge.i)]
        if subj.i < v.i and subj.left_edge.i != j:
            continue  # "NP VERB": the subject starts right after the mark
        if any(t.head.i != v.i or t.dep_ not in {"advmod", "aux", "neg"} for t in before):
            continue  # nothing but the verb's adverbs between the mark and the verb
        return v, subj
    return None


def _bare_frame(v: Token) -> bool:
    """A verb of saying with nothing but its subject, adverbs and who was told, ending its sentence:
    "Appel told CNN.", "she said Tuesday." """
    end = v.right_edge.i + 1
    return all(c.dep_ in {"nsubj", "advmod", "npadvmod", "punct", "neg", "aux"} or _addressee(c) for c in v.children) \
        and (end == len(v.doc) or v.doc[end - 1].text == "." or v.doc[end].text == ".")


def _noun_tagged_verb(v: Token, j: int) -> Token | None:
    """""...," Stepakoff remembers.": after a bare surname the small model may tag a present-tense verb as a
    plural noun, with the name as its compound. When that "noun phrase" is all the sentence has after the
    quotation, it is the frame's verb, and the name (capitalised) is its subject."""
    if v.tag_ != "NNS" or v.dep_ != "ROOT" or not v.text.islower() or not v.text.endswith("s"):
        return None
    name = [c for c in v.children if j <= c.i < v.i]  # (the quotation itself hangs on it too)
    if not name or any(c.dep_ != "compound" or not c.text[:1].isupper() for c in name) or name[0].left_edge.i != j:
        return None
    if not all(t.is_punct or t.is_space for t in v.doc[v.i + 1:v.sent.end]):
        return None
    return name[-1]


def _inverted_subject(v: Token, j: int) -> Token | None:
    """""...," exhorted the host, actress Jane Doe.": right after a quotation, a verb first and a noun phrase
    running to the end of the sentence is the inverted frame, whatever the parse called the noun phrase (the
    small model takes it for the object of a verb it does not know as one of saying)."""
    if v.i != j or any(c.dep_ in SUBJECTS for c in v.children):
        return None
    obj = next((c for c in v.children if c.dep_ == "dobj" and c.left_edge.i == v.i + 1), None)
    if obj is None:
        return None
    end = obj.right_edge.i + 1
    rest = v.doc[end:v.sent.end]
    return obj if all(t.is_punct or t.is_space for t in rest) else None


def _modified_subject(v: Token, j: int) -> Token | None:
    """""...!" the nominee, Jane Doe, tweeted Sunday.": a verb of saying the parse took for a participle
    modifying the noun phrase before it, that noun phrase the whole of the sentence: it is the subject."""
    head = v.head
    if v.dep_ != "acl" or v.tag_ not in {"VBD", "VBN"} or not is_speech_verb(v) or head.i > v.i \
            or head.left_edge.i != j or head.dep_ != "ROOT":
        return None
    return head


def _frame_verb(v: Token) -> bool:
    """A finite verb with nothing after it but what a verb of saying takes in a frame ("blurted out on
    his behalf", "fired back", "recalled with a laugh"), not a verb doing something else to something."""
    if v.lemma_.lower() in NOT_CUES or not (_finite(v) or _modified_subject(v, v.head.left_edge.i)):
        return False
    inverted = _inverted_subject(v, v.i)
    # a verb of saying may name its listener: ""...?" Todd asked the governor", ""...!" he urged them"
    allowed = _FRAME_DEPS | {"nsubj"} | ({"dobj", "dative"} if is_speech_verb(v) else set())
    return all(c.dep_ in allowed or (inverted is not None and c.i == inverted.i)
               for c in v.children if c.i > v.i or c.dep_ != "ccomp")


def _finite(v: Token) -> bool:
    """A verb in the past or present tense, or with an auxiliary: one that makes a statement of its own."""
    return v.tag_ in {"VBD", "VBZ", "VBP"} or any(c.dep_ == "aux" for c in v.children)


def _frame_subject(speakers: Speakers, subj: Token) -> bool:
    """Words that can speak: a person or organisation, a personal pronoun, a role, a body, a document."""
    if speakers.in_quote[subj.i] >= 0:
        return False
    if subj.pos_ == "PRON":
        return subj.lower_ in {"he", "she", "they", "i", "we", "you", "it"}
    return speakers._names_someone(subj) or is_body(subj) or subj.lemma_.lower() in DOCUMENTS or \
        subj.ent_type_ in {"PERSON", "ORG", "NORP"} or (subj.pos_ in {"PROPN", "NOUN"} and _name_cased(subj)) \
        or any(c.dep_ == "appos" and _frame_subject(speakers, c) for c in subj.children)  # "her host, Jane Doe"


def _name_cased(tok: Token) -> bool:
    """Capitalised where a common noun would not be: not the first word of its sentence."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.is_title and prev is not None and not prev.is_space and prev.text not in {".", "!", "?"}


def _according_to_in(ctx: _Context, sent: Span | None) -> Token | None:
    if sent is None:
        return None
    for t in sent:
        if t.lower_ == "according" and ctx.in_quote[t.i] < 0 and according_to(t) is not None:
            return t
    return None


# -- carried speakers ---------------------------------------------------------------------------

def _subject_before(ctx: _Context, speakers: Speakers, f: _Found) -> Speaker | None:
    """The person the sentence right before a cue-less quotation is about: "Having toured Gabon, Berg has plans
    for the fleet. "My plan is ..."". Only a named person (or a he/she resolved to one) as the subject of that
    sentence's main verb, in the quotation's paragraph or, when the quotation opens its paragraph, at the end
    of the paragraph before; never a thing, a body or a quotation's own words."""
    a = f.tok_start
    while a > 0 and (ctx.in_quote[a - 1] >= 0 or ctx.doc[a - 1].is_space or ctx.doc[a - 1].is_punct):
        a -= 1
    if a == 0:
        return None
    para = ctx.para_of(ctx.table.idx[a - 1])
    if not (para == f.para or (para == f.para - 1 and _opens_paragraph(ctx, f))):
        return None
    root = ctx.doc[a - 1].sent.root
    if root.pos_ not in {"VERB", "AUX"}:
        return None
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"} and ctx.in_quote[c.i] < 0), None)
    if subj is None or not (subj.pos_ == "PROPN" or subj.lower_ in MALE | FEMALE):
        return None
    sp = speakers.resolve(subj)
    if sp.entity is None or sp.entity.type != "PERSON":
        return None
    return sp


def _carry(ctx: _Context, speakers: Speakers, items: list[_Found]) -> None:
    """Give a cue-less quotation the speaker of its neighbours (same paragraph, or the one before), or else
    the person the sentence before it is about (:func:`_subject_before`)."""
    for n, f in enumerate(items):
        if f.cue is not None or f.speaker.entity is not None or f.speaker.mention or f.quoted is None:
            continue
        if f.kind != "direct" and not _sentence_like(ctx, f):
            continue
        same = [g for g in items if g.para == f.para and g is not f and (g.cue is not None or g.carried)
                and g.speaker is not NOBODY]
        # before it, reported speech counts too: "X said the bridge would reopen. "We have the money.""
        before = [g for g in same if g.start < f.start]
        after = [g for g in same if g.start > f.start and g.kind != "reported"]
        src = before[-1] if before else after[0] if after else None
        if src is None and _opens_paragraph(ctx, f):
            prev = [g for g in items[:n] if g.para == f.para - 1 and g.speaker is not NOBODY
                    and (g.cue is not None or g.carried)]
            src = prev[-1] if prev else None
        if src is not None:
            f.speaker = src.speaker
            f.cue = None
            f.carried = True
            f.source = src
        elif f.kind == "direct" and _sentence_like(ctx, f) and (sp := _subject_before(ctx, speakers, f)) is not None:
            f.speaker = sp
            f.carried = True


def _opens_paragraph(ctx: _Context, f: _Found) -> bool:
    q = f.quoted
    return q is not None and q.open_at == ctx.paras[f.para][0]


def _sentence_like(ctx: _Context, f: _Found) -> bool:
    words = ctx.text[f.start:f.end]
    return words[:1].isupper() and len(_WORD.findall(words)) >= 4 and any(
        t.pos_ in {"VERB", "AUX"} for t in ctx.doc[f.tok_start:f.tok_end])


def _keep(ctx: _Context, f: _Found) -> bool:
    """Drop quotation marks that quote no one: titles, names and scare quotes without a cue."""
    if f.kind == "reported":
        return True
    if _is_title(ctx, f):
        return False
    if f.cue is not None or f.carried or f.speaker.mention:
        return True
    return f.kind == "direct" and _sentence_like(ctx, f)


#: the most words a quoted title has (a name with no verb: fewer); the fewest capitalised words of weight that
#: make one even with a verb
MAX_TITLE_WORDS = 16
MAX_NAME_WORDS = 8
MIN_TITLE_WORDS = 3


def _is_title(ctx: _Context, f: _Found) -> bool:
    """"The Apprentice", "Shark Tank": capitalised words with no verb, the name of a work or a nickname."""
    toks = [t for t in ctx.doc[f.tok_start:f.tok_end] if t.is_alpha]
    if not toks or len(toks) > MAX_TITLE_WORDS or ctx.text[f.end - 1:f.end] in {"!", "?"}:
        return False
    content = [t for t in toks if not t.is_stop]
    if not content or not all(t.is_title or t.is_upper for t in content) or not (toks[0].is_title or toks[0].is_upper):
        return False
    # every word of weight capitalised: a short name with no verb ("The Apprentice"), or a longer one whatever
    # its words ("Screw the Fairytale: A Modern Girl's Guide to Sex and Love"), as no sentence is written so
    # ("Now, it's London, Paris and Hong Kong." is a sentence: its capitals are names)
    verb = any(t.pos_ in {"VERB", "AUX"} and t.tag_ != "VBN" for t in ctx.doc[f.tok_start:f.tok_end])
    if not verb and len(toks) <= MAX_NAME_WORDS:
        return True
    names = any(t.ent_type_ in {"PERSON", "GPE", "LOC", "NORP"} for t in content)
    return len(content) >= MIN_TITLE_WORDS and (":" in ctx.text[f.start:f.end] or not names)


_MODIFIERS = {"nmod", "compound", "amod"}
MAX_LABEL_WORDS = 3


def _is_label(ctx: _Context, f: _Found) -> bool:
    """A few quoted words modifying a noun, outside any reported clause: a term or label the writer
    marks ("her "clawback" plan", "so-called "independent expenditure" reports", "a "good" job"),
    not words someone said. Words in a reported clause ("said it was a "crazy" system") stay quotes."""
    if f.kind != "partial" or f.clause is not None or f.carried:
        return False
    toks = ctx.doc[f.tok_start:f.tok_end]
    if len(_WORD.findall(ctx.text[f.start:f.end])) > MAX_LABEL_WORDS:
        return False
    return toks.root.dep_ in _MODIFIERS and not (f.tok_start <= toks.root.head.i < f.tok_end)


# -- reported speech ----------------------------------------------------------------------------

def _reported_cues(ctx: _Context) -> list[int]:
    """Candidate cues of reported speech, found on the attribute columns: speech lemmas, "according", heads of
    complement clauses; none inside a quotation."""
    table = ctx.table
    cands = {i for i, lemma in enumerate(table.lemma) if lemma in SPEECH}
    cands.update(i for i, low in enumerate(table.lower) if low == "according")
    cands.update(table.head[i] for i, dep in enumerate(table.dep) if dep == "ccomp")
    return sorted(i for i in cands if ctx.in_quote[i] < 0)


def _reported_at(ctx: _Context, speakers: Speakers, tok: Token) -> list[_Found]:
    """The reported items of one candidate cue, their speaker resolved and noted."""
    if tok.lower_ == "according" and according_to(tok) is not None:
        f = _according_clause(ctx, speakers, tok)
        return [f] if f is not None else []
    if not is_cue(tok, stance=False) or _writers_aside(tok):
        return []
    if _as_attribution(tok):
        f = _as_clause(ctx, speakers, tok)
        return [f] if f is not None else []
    if (span := _what_content(tok)) is not None:
        return _spoken(speakers, _object_item(ctx, span, tok), tok)
    clauses = _complements(tok) or _misattached_that(tok)
    trailing = None if clauses else _trailing_attribution(ctx, tok) or _parenthetical_attribution(ctx, tok) \
        or _end_attribution(ctx, tok)
    if not clauses and trailing is None and not any(_conj_that(c) for c in tok.children):
        span = _object_content(tok)
        return _spoken(speakers, _object_item(ctx, span, tok) if span is not None else None, tok, any_noun=False)
    if any(c.lower_ in {"if", "whether"} for cl in clauses for c in cl.children if c.dep_ == "mark"):
        return []
    out: list[_Found] = []
    speaker = None
    for f in [_reported_item(ctx, trailing, tok)] if trailing is not None else _content_items(ctx, tok, clauses):
        if f is None:
            continue
        if speaker is None:
            speaker = speakers.speaker_of(tok)
            if not _can_speak(speakers, speaker, tok):
                break
            speakers.note_speaker(speaker.token if speaker.token is not None else tok.i, speaker.entity_id)
        f.speaker = speaker
        out.append(f)
    return out


def _object_content(cue: Token) -> tuple[int, int] | None:
    """What a verb with no clause of its own reports through its object and a complement, as a token range:
    "accused Trump of lying" (the object and the "of" phrase), "urged voters to stay home", "called on Congress
    to act" (the object and the "to" clause), "vowed to fight on" (the "to" clause), "described him as a
    killer" (the object and the "as" phrase), "announced a 72-hour cease-fire" (a noun object of three words or
    more). Not in the passive ("was urged to"), nor negated ("did not vow to"), nor without a subject (its own,
    or for a participle the subject of the verb before it: "spoke on Monday, urging residents to …")."""
    lemma = cue.lemma_.lower()
    kids = list(cue.children)
    if any(c.dep_ in {"auxpass", "nsubjpass", "neg"} for c in kids) or not (
            any(c.dep_ == "nsubj" for c in kids) or _participle_of(cue)):
        return None
    to_clause = next((c for c in kids if c.dep_ == "xcomp" and c.i > cue.i and c.pos_ in {"VERB", "AUX"}
                      and any(a.dep_ == "aux" and a.lower_ == "to" and a.i == c.left_edge.i for a in c.children)),
                     None)
    obj = next((c for c in kids if c.dep_ == "dobj" and c.i > cue.i), None)
    if lemma in ACCUSING:
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of" and obj is not None and c.i > obj.i
                   and any(g.dep_ in {"pcomp", "pobj"} for g in c.children)), None)
        return (obj.left_edge.i, of.right_edge.i + 1) if of is not None else None
    if to_clause is None:
        as_ = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "as" and obj is not None and c.i > obj.i),
                   None)
        if lemma in AS_CONTENT and as_ is not None:  # "described him as a cold-blooded killer"
            return obj.left_edge.i, as_.right_edge.i + 1
        if lemma in NOUN_CONTENT and obj is not None and obj.pos_ in {"NOUN", "PROPN"} and \
                obj.right_edge.i - obj.left_edge.i >= 2:
            return obj.left_edge.i, obj.right_edge.i + 1
        return None
    if lemma in COMMISSIVE and not any(c.dep_ in {"dobj", "dative"} for c in kids):
        return to_clause.left_edge.i, to_clause.right_edge.i + 1
    if lemma in DIRECTIVE:
        obj = obj if obj is not None and obj.i < to_clause.i else None
        if obj is None and lemma == "call":  # "called on Congress to act"
            obj = next((g for c in kids if c.dep_ == "prep" and c.lower_ == "on" and c.i == cue.i + 1
                        for g in c.children if g.dep_ == "pobj" and g.i < to_clause.i), None)
        if obj is not None:
            return obj.left_edge.i, to_clause.right_edge.i + 1
    return None


def _spoken(speakers: Speakers, f: _Found | None, cue: Token, *, any_noun: bool = True) -> list[_Found]:
    """An item with its cue's speaker, resolved and noted; nothing when there is no item or no one who can speak."""
    if f is None:
        return []
    f.speaker = speakers.speaker_of(cue)
    if not _can_speak(speakers, f.speaker, cue, any_noun=any_noun):
        return []
    speakers.note_speaker(f.speaker.token if f.speaker.token is not None else cue.i, f.speaker.entity_id)
    return [f]


#: verbs that name what something is through an object and its complement: "what they call a timid response"
_NAMING = {"call", "label", "brand", "term", "dub"}


def _what_content(cue: Token) -> tuple[int, int] | None:
    """What a cue with "what" for its object says something is, as a token range: "after what police said was an
    unprovoked attack" (the complement of "was"), "what officials described as the worst storm in decades" (the
    "as" phrase), "what they call a timid response" (the complement of "call"). The speaker and the "what" are
    not part of it."""
    if not any(c.dep_ == "dobj" and c.lower_ == "what" and c.i < cue.i for c in cue.children) or \
            not any(c.dep_ == "nsubj" and c.i < cue.i for c in cue.children):
        return None
    lemma, head = cue.lemma_.lower(), cue.head
    if cue.dep_ == "csubj" and head.lemma_ == "be" and head.i > cue.i:
        said = next((c for c in head.children if c.dep_ in {"attr", "acomp"} and c.i > head.i), None)
    elif lemma in AS_CONTENT:
        as_ = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > cue.i), None)
        said = next((c for c in as_.children if c.dep_ == "pobj"), None) if as_ is not None else None
    elif lemma in _NAMING:
        said = next((c for c in cue.children if c.dep_ in {"oprd", "xcomp"} and c.i > cue.i), None)
    else:
        return None
    if said is None:
        return None
    # (to the end of the "what" clause: "what they call a timid response so far to the threat")
    end = max(said.right_edge.i, (head if cue.dep_ == "csubj" else cue).right_edge.i)
    return said.left_edge.i, end + 1


def _participle_of(cue: Token) -> bool:
    """A participle that tells what the subject of the verb before it said: "the mayor spoke on Monday, urging
    residents to stay home" (the mayor urged); not one with a subject of its own, a passive verb before it or a
    conjunction of its own ("while asking …")."""
    head = cue.head
    return cue.tag_ == "VBG" and cue.dep_ == "advcl" and head.i < cue.i and head.pos_ in {"VERB", "AUX"} \
        and any(c.dep_ == "nsubj" for c in head.children) and not any(c.dep_ == "mark" for c in cue.children)


def _object_item(ctx: _Context, span: tuple[int, int], cue: Token) -> _Found | None:
    """The reported item of :func:`_object_content`'s span: edge punctuation and an appended comment off; none
    when a quotation is inside it (the quotation is the item then), when a colon after it leads in to other
    words, or when too few words are left."""
    doc = ctx.doc
    a, b = span
    if b < len(doc) and doc[b].text == ":":
        return None  # "described the harm it would do: "...": a lead-in to the words after it
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space):
        b -= 1
    b = _tail_cut(ctx, a, _narration_cut(doc, a, b, cue))
    if b - a < MIN_REPORTED_TOKENS or any(ctx.in_quote[i] >= 0 for i in range(a, b)):
        return None
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    return _Found(start, end, a, b, "reported", cue=cue, para=ctx.para_of(start),
                  sentence=_sentence_span(ctx, doc[a], doc[b - 1]))


def _outermost(items: list[_Found]) -> list[_Found]:
    """"Klein said that two women said they ...", "he said he hoped that ...": the inner report is words
    of the outer one, whose clause holds it verbatim; the article vouches only for the outer speaker."""
    spans = [(f.tok_start, f.tok_end) for f in items]
    return [f for f in items if f.cue is None or not any(a <= f.cue.i < b for a, b in spans)]


#: nouns for sources that speak without being people or named bodies
SOURCE_NOUNS = {"source", "people", "report", "poll", "survey", "study", "document", "statement", "data",
                "analysis", "investigation", "review", "audit", "filing", "lawsuit", "complaint", "memo",
                "ruling", "verdict", "indictment", "research", "census", "media", "press", "campaign",
                "government", "administration", "ministry", "department", "agency", "police", "army",
                "military", "committee", "court", "company", "firm", "group", "organization",
                "organisation", "party", "authorities", "team", "office", "website", "site", "paper",
                "newspaper", "network", "station", "outlet", "tweet", "post", "letter", "email", "message"}


def _can_speak(speakers: Speakers, sp: Speaker, cue: Token, *, any_noun: bool = True) -> bool:
    """A subject that can report something: a named entity, a pronoun, a person by role, a source; with a verb
    that only people and their papers do ("the jury said", "the coroner said"), any noun (unless not
    ``any_noun``: "the debate promised to be close" is no one's promise)."""
    if sp.entity is not None:
        return True
    if sp.token is None:
        return False
    tok = speakers.doc[sp.token]
    if tok.pos_ == "PRON":
        return tok.lower_ not in {"that", "which", "this", "what", "there"}
    if any_noun and cue.lemma_.lower() in SAYING and tok.pos_ in {"NOUN", "PROPN"}:
        return True
    return is_role_word(tok) or tok.lemma_.lower() in SOURCE_NOUNS | PEOPLE_NOUNS or is_body(tok) \
        or gender_of_word(tok.lower_) is not None or tok.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} \
        or _group_of_people(tok)


#: nouns for a person or a side that no role list holds: "the woman said", "the defense has said"
PEOPLE_NOUNS = {"woman", "man", "boy", "girl", "person", "child", "kid", "teen", "teenager", "friend", "neighbor",
                "neighbour", "resident", "witness", "victim", "survivor", "relative", "parent", "family", "caller",
                "driver", "passenger", "student", "patient", "customer", "fan", "voter", "worker", "defense",
                "defence", "prosecution", "plaintiff", "defendant", "couple", "guy", "lady", "gentleman"}


#: words that count or share out a group ("61 percent said", "most say", "a majority of voters said")
SHARE_WORDS = {"percent", "%", "majority", "minority", "half", "third", "quarter", "most", "many", "some", "few",
               "several", "all", "both", "others", "none", "one", "two", "three", "rest", "number", "share"}


def _group_of_people(tok: Token) -> bool:
    """A subject that is a group or a share of one: "Iowa advocates say", "61 percent said", "six in 10 said",
    "majorities in all five say", or a name the entity pass missed ("Trump later said"). A plural noun that
    reports with a clause is people nearly always (things that "say" are documents, listed as sources)."""
    return tok.tag_ in {"NNS", "NNPS", "CD"} or tok.pos_ in {"PROPN", "NUM"} or tok.lemma_.lower() in SHARE_WORDS


def _trailing_attribution(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """"The bank will lend $1bn, a spokeswoman for the bank said on Wednesday.": the parse made the cue a
    conjunct of the clause before it. The content is that clause, up to the comma before the speaker;
    the cue has a subject of its own and nothing after it but adverbials."""
    if cue.dep_ != "conj" or cue.head.i >= cue.i or not is_speech_verb(cue):
        return None
    subj = next((c for c in cue.children if c.dep_ in SUBJECTS), None)
    if subj is None or any(c.dep_ in {"dobj", "ccomp", "xcomp", "cc", "dative"} and not _addressee(c)
                           for c in cue.children):
        return None
    # "..., said one of their lawyers, Ann Lee": the speaker may follow the cue
    comma = subj.left_edge.i - 1 if subj.i < cue.i else cue.i - 1
    if comma <= 0 or ctx.doc[comma].text != ",":
        return None
    start = ctx.table.sent_bounds(cue.i)[0]
    return (max(start, cue.head.left_edge.i), comma)


#: what may follow a cue that ends its sentence: "said on Wednesday", "said in a statement", "told CNN"
_AFTER_CUE = {"punct", "npadvmod", "prep", "advmod", "agent"}


def _end_attribution(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """"The person, an American male, traveled on April 24 from Riyadh to London, officials said.": the parse
    found no clause for the cue at the end of the sentence and hung the sentence's words on it (a second
    subject, a modifier). The content is the sentence up to the comma before the cue's own subject (the
    one nearest it), when that holds a finite verb and no quotation."""
    if cue.dep_ != "ROOT" or not is_speech_verb(cue) or ctx.in_quote[cue.i] >= 0:
        return None
    subjects = [c for c in cue.children if c.dep_ in SUBJECTS and c.i < cue.i]
    if not subjects or any(c.i > cue.i and c.dep_ not in _AFTER_CUE and not _addressee(c) for c in cue.children):
        return None
    subj = subjects[-1]
    comma = subj.left_edge.i - 1
    start = ctx.table.sent_bounds(cue.i)[0]
    if comma <= start or ctx.doc[comma].text != "," or any(ctx.in_quote[i] >= 0 for i in range(start, comma)):
        return None
    if not any(ctx.table.tag[i] in {"VBD", "VBZ", "VBP", "MD"} for i in range(start, comma)):
        return None
    # "Asked whether ..., Daley said", "Just after the attack began, Trump said": a scene, not a content
    if ctx.table.tag[start] in {"VBN", "VBG"} or any(c.dep_ == "advcl" and c.left_edge.i <= start + 1
                                                     for c in cue.children):
        return None
    return (start, comma)


def _addressee(tok: Token) -> bool:
    """Who was told, in "..., she told CNN" or "..., he told reporters": the object of "tell" that is a name, a
    pronoun or people, not a content."""
    return tok.dep_ in {"dobj", "dative"} and tok.head.lemma_.lower() == "tell" and (
        tok.pos_ in {"PROPN", "PRON"} or tok.tag_ == "NNS" or is_role_word(tok))


def _parenthetical_attribution(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """"The actress suffered a fall, he said, and never woke.", "Once there, Manning said, he slept on the
    floor.": the parse hung the cue on the clause it interrupts (parataxis). The content is that clause's side of
    the tag that holds its verb: before the tag when the verb is there, else from the tag to the clause's end.
    Verbatim, so never both sides joined; nothing when that side has no subject of its own."""
    if cue.dep_ != "parataxis" or not is_speech_verb(cue) or cue.head.pos_ not in {"VERB", "AUX"}:
        return None
    subj = next((c for c in cue.children if c.dep_ in SUBJECTS), None)
    if subj is None or any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative"} and not _addressee(c)
                           for c in cue.children):
        return None
    head, doc = cue.head, ctx.doc
    tag_start, tag_end = min(subj.left_edge.i, cue.i), cue.right_edge.i + 1
    if tag_start < 1 or doc[tag_start - 1].text not in {",", "\u2014", "--"}:
        return None  # a tag set off by commas or dashes, not "he said he ..." run into the clause
    lo, hi = ctx.table.sent_bounds(cue.i)
    if head.i < tag_start:
        return (max(lo, head.left_edge.i), tag_start - 1)
    end = min(hi, head.right_edge.i + 1)
    return (tag_end, end) if tag_end < end else None


#: subordinators of adverbial clauses: a "complement" they open is a scene the parse hung on the cue
ADVERBIAL_MARKS = {"after", "before", "as", "when", "while", "since", "because", "although", "though", "once",
                   "until", "unless", "whereas"}


def _complements(cue: Token) -> list[Token]:
    """The cue's complement clauses, less the ones before it that the parse mistook for complements:
    "In a letter sent after the council closed the bridge, Berg said she was sure ...": an adverbial
    clause ("after ...", "as ...") is never what was said, and when the cue has a complement after it,
    a clause before the cue and its subject is the scene, not a second content ("CONTENT, X said" has
    no complement after the cue)."""
    clauses = [c for c in cue.children if c.dep_ == "ccomp"]
    clauses = [c for c in clauses if not (c.i < cue.i and any(
        m.dep_ in {"mark", "advmod"} and m.lower_ in ADVERBIAL_MARKS and m.i == c.left_edge.i for m in c.children))]
    after = [c for c in clauses if c.i > cue.i]
    subj = [c.i for c in cue.children if c.dep_ in SUBJECTS]
    if after and subj:
        clauses = [c for c in clauses if c.i > cue.i or c.right_edge.i > min(subj)]
    elif after and cue.tag_ in {"VBD", "VBZ", "VBP"} and any(_appositive_subject(c) for c in clauses if c.i < cue.i):
        # a finite verb with no subject of its own: the parse took the speaker and the description after the name
        # for a clause ("Tom Brix, a Marlow, Del., rabbi helping to organize the boycott, said he ..."), and what
        # was said is the clause after the cue
        clauses = after
    return clauses


def _appositive_subject(clause: Token) -> bool:
    """A clause whose subject a comma follows: a name and its description, "Tom Brix, a Marlow rabbi"."""
    doc = clause.doc
    return any(s.dep_ in SUBJECTS and s.i + 1 < clause.i and doc[s.i + 1].text == "," for s in clause.children)


def _misattached_that(cue: Token) -> list[Token]:
    """"told reporters on a call that X": a that-clause the parse hung on a noun after the cue, or on a verb
    describing that noun that reports nothing itself ("revealed in a message posted last month that X"). Never
    one on the cue's object: in "dismissed allegations that X", X is the allegation, not the speaker's words."""
    out = []
    stack = [(c, 0) for c in cue.children if c.dep_ in {"prep", "npadvmod"} and c.i > cue.i]
    while stack:
        t, depth = stack.pop()
        for c in t.children:
            that = any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            # (a participle describing the noun reports nothing itself: "a message posted last month")
            clause = c.dep_ in {"relcl", "acl"} or (c.dep_ == "ccomp" and t.dep_ in {"relcl", "acl"} and (
                not is_cue(t) or (t.dep_ == "acl" and t.tag_ == "VBN")))
            if clause and c.i > t.i and that and any(s.dep_ in SUBJECTS for s in c.children):
                out.append(c)
            elif depth < 3 and (c.pos_ not in {"VERB", "AUX"} or c.dep_ in {"relcl", "acl"}):
                stack.append((c, depth + 1))
    return out


def _conj_that(t: Token) -> bool:
    """A clause conjoined with "and that ...": a reported clause sharing its cue with the one before."""
    return t.dep_ == "conj" and t.pos_ in {"VERB", "AUX"} and any(
        m.dep_ == "mark" and m.lower_ == "that" for m in t.children)


def _content_items(ctx: _Context, cue: Token, clauses: list[Token]) -> list[_Found | None]:
    """The reported items of a cue. "said that A and that B" is one content, as one clause: the second
    "that" repeats the first, the speaker and the cue are shared. The pieces stand apart only when the whole
    is no clean clause (a quotation inside it is left to the quotation)."""
    spans = _content_spans(ctx, cue, clauses)
    joined = _joined_that(ctx, cue, clauses)
    if joined is not None:
        f = _reported_item(ctx, joined, cue)
        if f is not None:
            return [f] + [_reported_item(ctx, sp, cue) for sp in spans if not (joined[0] <= sp[0] < joined[1])]
    return [_reported_item(ctx, sp, cue) for sp in spans]


def _joined_that(ctx: _Context, cue: Token, clauses: list[Token]) -> tuple[int, int] | None:
    """The span of complement clauses running on with "and that ...": from the first to the end of the last."""
    after = [c for c in clauses if c.i > cue.i]
    if not after or not any(_conj_that(t) for c in after for t in c.subtree):
        return None
    lo = min(c.left_edge.i for c in after)
    hi = max(c.right_edge.i for c in after) + 1
    return (_time_lead_cut(ctx.doc, lo, hi), _narration_cut(ctx.doc, lo, hi, cue))


def _content_spans(ctx: _Context, cue: Token, clauses: list[Token]) -> list[tuple[int, int]]:
    """Token ranges of what a cue reports: its complement clauses, "and that ..." clauses apart."""
    doc = ctx.doc
    spans = []
    if clauses:
        lo = min(c.left_edge.i for c in clauses)
        hi = max(c.right_edge.i for c in clauses) + 1
        if lo <= cue.i < hi:  # "Russia has stationed troops, the ministry said, ...": the side the clause is on
            if clauses[0].i < cue.i:
                # "..., the president said": the speaker and the cue's auxiliaries are not the content
                left = [c.left_edge.i for c in cue.children
                        if c.i < cue.i and c.dep_ in SUBJECTS | {"aux", "neg", "advmod", "auxpass"}]
                lo, hi = lo, min([cue.i, *left])
            else:
                lo, hi = cue.i + 1, hi
        elif (subject := _object_as_subject(cue, clauses)) is not None:
            lo = subject.left_edge.i  # "said even the region -- Leyte -- has special meaning"
        if lo > cue.i:
            hi = _whole_words(doc, cue, hi)
        # elliptical "said X but that Y": Y is a clause of its own
        cuts = sorted((t for c in clauses for t in c.subtree if _conj_that(t)), key=lambda t: t.left_edge.i)
        start = lo
        for t in cuts:
            left = t.left_edge.i
            end = left
            while end > start and (doc[end - 1].pos_ == "CCONJ" or doc[end - 1].is_punct):
                end -= 1
            spans.append((start, end))
            start = left
        spans.append((_time_lead_cut(doc, start, hi), _narration_cut(doc, start, hi, cue)))
    # "dismissed the reports as ... and that Russia needs ...": a "that" clause conjoined to the cue itself
    for t in cue.children:
        if _conj_that(t) and not is_cue(t):
            spans.append((t.left_edge.i, t.right_edge.i + 1))
    return spans


def _whole_words(doc: Doc, cue: Token, hi: int) -> int:
    """"said it has been re-examining data": the parse split a hyphenated word into two complements of the cue,
    so the clause would end inside the word. It runs on over the rest of the word and what hangs on it."""
    while hi < len(doc) and not doc[hi - 1].whitespace_ and "-" in (doc[hi - 1].text, doc[hi].text):
        t = doc[hi]
        hi = max(hi + 1, t.right_edge.i + 1) if t.head.i == cue.i else hi + 1
    return hi


def _object_as_subject(cue: Token, clauses: list[Token]) -> Token | None:
    """"He said even the region -- eastern Leyte -- has special meaning": the parse made the clause's subject
    the object of "said" and left the clause after it with no subject. The object is then part of the content."""
    first = min(clauses, key=lambda c: c.i)
    if first.i < cue.i or cue.lemma_.lower() in PERSON_OBJECT or first.pos_ not in {"VERB", "AUX"} \
            or any(c.dep_ in _CLAUSE_SUBJECTS for c in first.children) \
            or any(c.dep_ == "mark" for c in first.children):
        return None
    objs = [c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < first.left_edge.i]
    if len(objs) != 1 or objs[0].pos_ not in {"NOUN", "PROPN", "PRON"} or objs[0].tag_ == "PRP":
        return None
    return objs[0]


def _narration_cut(doc: Doc, a: int, b: int, cue: Token) -> int:
    """Where a reported clause ends when the parse ran narration into it: a second speech verb sharing the
    speaker ("said it was "resolutely opposed" to the test and warned North Korea to ...") or a participle
    after a comma about the speaker ("..., engaging in what analysts described as ...")."""
    for i in range(a + 1, b):
        t = doc[i]
        if not (a <= t.head.i < b) or any(c.dep_ in _CLAUSE_SUBJECTS for c in t.children):
            continue
        narration = (t.dep_ == "conj" and t.pos_ == "VERB" and is_speech_verb(t)
                     and not _shares_verb_group(t, cue)) or \
            (t.dep_ == "advcl" and t.tag_ == "VBG" and t.left_edge.i > a and doc[t.left_edge.i - 1].text == ",")
        if narration:
            end = t.left_edge.i
            while end > a and (doc[end - 1].pos_ == "CCONJ" or doc[end - 1].is_punct) \
                    and doc[end - 1].text not in _MARK_TEXTS:
                end -= 1
            return end
    return b


def _shares_verb_group(t: Token, cue: Token) -> bool:
    """A conjoined verb that goes on the clause's own verb rather than the cue's: a participle after a cue that is
    none ("said Obama is acting unlawfully and showing disregard"), a bare verb with no auxiliary of its own
    ("tends to arm himself and go towards danger")."""
    if t.tag_ == "VBG":
        return cue.tag_ != "VBG"
    return t.tag_ == "VB" and not any(c.dep_ == "aux" for c in t.children)


#: subordinators and prepositions of a concession or contrast the writer adds after the content: "..., despite
#: the poll", "..., while others disagree"
CONCESSIVE = {"despite", "though", "although", "notwithstanding", "while", "whereas"}


def _tail_cut(ctx: _Context, a: int, b: int) -> int:
    """Where a reported clause ends when the writer appended a comment after a comma: an appositive
    ("would cut 3,000 jobs, a fifth of its staff"), a concession ("..., despite the poll", "..., even though
    ..."), or a non-restrictive relative clause on the last noun ("..., which opened in May"). Never inside a
    quotation."""
    doc = ctx.doc
    for k in range(a + 2, b - 1):
        if ctx.table.text[k] != "," or ctx.in_quote[k] >= 0:
            continue
        t = doc[k + 1]
        head = t
        while head.head.i != head.i and k < head.head.i < b:
            head = head.head
        if head.right_edge.i != b - 1 or head.left_edge.i != k + 1 or not (a <= head.head.i < k):
            continue
        first = doc[k + 1].lower_
        # (not a list the parse read as one: "differ on Israel, the nuclear deal and the court", whose last item
        # has a determiner of its own, unlike the description "Don Berg, a former mayor and ambassador")
        appositive = (head.dep_ == "appos" or (head.dep_ == "npadvmod" and head.pos_ == "NOUN")) and not any(
            c.dep_ == "conj" and any(g.dep_ == "det" for g in c.children) for c in head.children)
        concession = first in CONCESSIVE or (first == "even" and doc[k + 2].lower_ in CONCESSIVE)
        if appositive or concession or (head.dep_ == "relcl" and first in {"which", "who"}):
            return k
    return b


def _time_lead_cut(doc: Doc, a: int, b: int) -> int:
    """"told voters this weekend he would ...": a time the parse put at the front of the reported clause
    belongs to the telling; the clause starts at its subject."""
    i = a
    if i + 1 < b and doc[i].pos_ == "ADP" and doc[i + 1].ent_type_ in {"DATE", "TIME"}:
        i += 1  # "said on Monday it would ..."
    while i < b and doc[i].ent_type_ in {"DATE", "TIME"}:
        i += 1
    return i if a < i < b and doc[i].dep_ in _CLAUSE_SUBJECTS else a


def _reported_item(ctx: _Context, span: tuple[int, int], cue: Token, *, whole: bool = False) -> _Found | None:
    """The reported item of a span, or None when it is no clause of its own. ``whole``: the span is its sentence's
    main clause (the sentence without an "according to" attribution), so a subject the parse hung on the
    attribution is no reason to drop it."""
    doc = ctx.doc
    a, b = span
    # drop the complementiser and edge punctuation
    while a < b and _lead_filler(doc, a, b):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and doc[b - 1].text not in _MARK_TEXTS:
        b -= 1
    b = _tail_cut(ctx, a, b)
    if b - a < MIN_REPORTED_TOKENS:
        return None
    # a quotation inside: trim it off when it trails after a dash or comma, else leave it to the quotation
    quoted = [i for i in range(a, b) if ctx.in_quote[i] >= 0]
    if quoted:
        if cue.i >= b:
            return None  # "... in the workplace: "...," the union wrote.": the cue after it attributes the quotation
        q0 = quoted[0]
        cut = q0
        while cut > a and (doc[cut - 1].text in _DASHES or doc[cut - 1].text in _MARK_TEXTS):
            cut -= 1
        if cut == q0 or cut - a < MIN_REPORTED_TOKENS + 1:
            return None
        b = cut
        while b > a and doc[b - 1].is_punct:
            b -= 1
        # "the Ryan pick is, "an opportunity ..."": what is left wants the quotation to end it (not "... and never
        # will - "unless ..."": an auxiliary may end a clause)
        last = doc[b - 1]
        if last.pos_ in {"ADP", "DET", "SCONJ", "PART", "CCONJ"} or (last.lemma_ == "be" and last.tag_ != "MD"):
            return None
    toks = doc[a:b]
    if not any(t.pos_ in {"VERB", "AUX"} for t in toks):
        return None
    # "what he wants", "whether to run": a question, not a statement; unless the word opens the statement's subject
    # ("Whether the rail plan or the harbour plan is cheaper will be part of the review, said Anna Berg")
    if toks[0].lower_ in _NOT_CONTENT_START and not _opens_subject_clause(toks[0], a, b) \
            and not _degree_word(toks[0]):
        return None
    # "... when she answered a call": an adverbial clause the parse took for the content, with no main clause
    # after it
    first = toks[0]
    if first.lower_ in ADVERBIAL_MARKS | {"when", "if"} and first.dep_ in {"mark", "advmod"} and \
            not (a <= first.head.head.i < b and first.head.head.i != first.head.i):
        return None
    # a clause with a subject of its own: "the bridge would reopen", not "is a lie unless proven" ("there is" too,
    # which the parse may not mark as a subject)
    # (or the cue's: "The man, 52, traveled to London, officials said" hung on "said" by the parse)
    subject = any(t.dep_ in _CLAUSE_SUBJECTS and (a <= t.head.i < b or t.head.i == cue.i) for t in toks) or (
        toks[0].lower_ == "there" and len(toks) > 1 and toks[1].lemma_ == "be") or (
        len(toks) > 2 and toks[0].lower_ == "there" and toks[2].lemma_ == "be")
    # or the sentence's own finite main verb, when the span is the sentence less its attribution ("According to
    # the study, 17% of children were obese": the parse hung "17%" on "study")
    if not subject and not (whole and _finite_root_in(ctx, a, b)):
        return None
    # "might find it difficult to adapt", "found him guilty": an object and what it was found to be, no statement
    if cue.lemma_.lower() in _SMALL_CLAUSE_CUES and _small_clause(doc, a, b):
        return None
    # "she said, but ...": the parse ran two attributions together
    if len(toks) > 2 and toks[0].pos_ in {"PRON", "PROPN"} and is_speech_verb(toks[1]) and toks[2].is_punct:
        return None
    start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
    return _Found(start, end, a, b, "reported", cue=cue, para=ctx.para_of(start),
                  sentence=_sentence_span(ctx, doc[a], doc[b - 1]))


#: cues that also take an object and what it is judged to be: "found it hard", "found him guilty"
_SMALL_CLAUSE_CUES = {"find"}


def _small_clause(doc: Doc, a: int, b: int) -> bool:
    """Whether tokens a..b are "it" or a reflexive and its complement with no verb of their own ("found it hard to
    adapt", "found myself drowning"): the head of the span is no verb, or a bare participle."""
    if not (doc[a].lower_ == "it" or doc[a].lower_.endswith(("self", "selves"))):
        return False  # ("a poll found Clinton leading Sanders": what the poll found)
    heads = [t for t in doc[a:b] if not (a <= t.head.i < b) or t.head.i == t.i]
    if len(heads) != 1:
        return False
    head = heads[0]
    if head.pos_ not in {"VERB", "AUX"}:
        return True
    return head.tag_ in {"VBG", "VBN", "VB"} and not any(c.dep_ in {"aux", "auxpass"} for c in head.children)


def _lead_filler(doc: Doc, a: int, b: int) -> bool:
    """A word a reported clause (tokens a..b) does not start with: its complementiser, punctuation, a joining
    "and"."""
    t = doc[a]
    return (t.lower_ == "that" and t.dep_ == "mark") or t.is_punct or t.is_space or t.pos_ == "CCONJ" \
        or _complementiser(doc, a, b)


def _complementiser(doc: Doc, a: int, b: int) -> bool:
    """A "that" the parse took for a pronoun right before the clause's own subject ("told the board that she had
    known": "that" made the object of "known"): the complementiser all the same."""
    t = doc[a]
    return t.lower_ == "that" and a + 1 < b and doc[a + 1].dep_ in _CLAUSE_SUBJECTS and doc[a + 1].head.i == t.head.i \
        and t.dep_ in {"dobj", "nsubj", "advmod"}


def _degree_word(first: Token) -> bool:
    """"So far, ...", "so many people ...": a "so" that grades the word after it opens a statement, unlike the
    "so" of "so that" or "said so"."""
    nxt = first.i + 1
    return first.lower_ == "so" and nxt < len(first.doc) and first.head.i == nxt and \
        first.doc[nxt].pos_ in {"ADV", "ADJ", "DET"}


def _opens_subject_clause(first: Token, a: int, b: int) -> bool:
    """Whether ``first`` sits in a clause that is the subject of a verb of tokens a..b ("What he did was wrong")."""
    cur, hops = first, 0
    while a <= cur.head.i < b and cur.head.i != cur.i and hops < 6:
        if cur.dep_ in {"csubj", "csubjpass"}:
            return True
        cur, hops = cur.head, hops + 1
    return False


def _finite_root_in(ctx: _Context, a: int, b: int) -> bool:
    """Whether tokens a..b hold their sentence's main verb, in a finite form."""
    root = ctx.sent_span(a).root
    return a <= root.i < b and root.pos_ in {"VERB", "AUX"} and root.tag_ not in {"VBG", "VBN"}


def _according_clause(ctx: _Context, speakers: Speakers, tok: Token) -> _Found | None:
    """"According to X, CLAUSE" / "CLAUSE, according to X": the sentence without the attribution."""
    sent = ctx.sent_span(tok.i)
    target = according_to(tok)
    phrase_end = max(target.right_edge.i, tok.i + 1) + 1 if target is not None else tok.i + 2
    # "According to the study, 17% of children were obese": when the parse ran the source on past its comma and
    # left no clause, the source ends at the comma
    front = tok.i - sent.start <= 1
    comma = next((i for i in range(tok.i + 2, phrase_end) if ctx.doc[i].text == ","), None) if front else None
    f = None
    for end in (phrase_end, comma) if comma is not None else (phrase_end,):
        a, b = sent.start, sent.end
        if front:
            a = end
        else:  # at the end (or in the middle: keep what comes before)
            b = tok.i
        if any(ctx.in_quote[i] >= 0 for i in range(a, b)):  # (a title in quotation marks in the source is no matter)
            return None
        f = _reported_item(ctx, (a, b), tok, whole=end == comma)
        if f is not None:
            break
    speaker = speakers.speaker_of(tok)  # (a document stands for its author: "according to a CDC report")
    # (noted even with no clause of its own, for a later report's pronoun: "The list, according to Ann Lee, shows
    # ... She said ...")
    speakers.note_speaker(target.i, speaker.entity_id)
    if f is not None:
        f.speaker = speaker
    return f


def _as_attribution(cue: Token) -> bool:
    """"As the Post reported, CLAUSE", "As reported by X, CLAUSE", "CLAUSE, as X noted.": a speech verb in an
    "as" clause of the main verb, with nothing of its own to report (not "as he said this")."""
    return cue.dep_ == "advcl" and is_speech_verb(cue) and cue.left_edge.lower_ == "as" and any(
        c.dep_ == "mark" and c.i == cue.left_edge.i for c in cue.children) and not any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "attr"} for c in cue.children)


def _as_clause(ctx: _Context, speakers: Speakers, cue: Token) -> _Found | None:
    """The main clause an "as X reported" attribution stands before or after: the sentence without it."""
    sent = ctx.sent_span(cue.i)
    if any(ctx.in_quote[i] >= 0 for i in range(sent.start, sent.end)):
        return None
    # "as reported by X": the by-agent speaks; "as X reported": the subject
    by = next((p for c in cue.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    target = by or next((c for c in cue.children if c.dep_ in SUBJECTS and c.dep_ != "nsubjpass"), None)
    if target is None:
        return None
    lo, hi = cue.left_edge.i, cue.right_edge.i + 1
    a, b = sent.start, sent.end
    if lo - a <= 1:  # at the front
        a = hi
    elif all(ctx.doc[i].is_punct for i in range(hi, b)):  # at the end
        b = lo
    else:
        return None
    f = _reported_item(ctx, (a, b), cue)
    if f is None:
        return None
    f.speaker = speakers.resolve(target)
    if not _can_speak(speakers, f.speaker, cue):
        return None
    speakers.note_speaker(target.i, f.speaker.entity_id)
    return f


def _share_within_quotation(found: list[_Found]) -> None:
    """The paragraphs of one quotation are one utterance: pieces with no cue take the cued piece's speaker."""
    by_whole: dict[int, list[_Found]] = {}
    for f in found:
        by_whole.setdefault(f.whole, []).append(f)
    for pieces in by_whole.values():
        if len(pieces) < 2:
            continue
        src = next((f for f in pieces if f.cue is not None or f.speaker.mention), None)
        if src is None:
            continue
        for f in pieces:
            if f is not src and f.cue is None and not f.speaker.mention:
                f.speaker, f.carried, f.source = src.speaker, True, src


def _same_utterance(a: _Found, b: _Found) -> bool:
    """Two quotations that are one utterance: pieces of one quotation over paragraphs, or two in one
    paragraph with one cue ("A," X said, "B.") or one carrying the other's speaker."""
    if a.whole is not None and a.whole == b.whole:
        return True
    if a.para != b.para:
        return False
    if a.cue is not None and b.cue is not None:
        return a.cue.i == b.cue.i
    return b.source is a or a.source is b or (a.source is not None and a.source is b.source)


def _link_utterances(items: list[_Found]) -> None:
    """"A," X said, "B.": the pieces of one utterance stay separate items, each its own verbatim span,
    linked by a shared utterance and given one speaker (the piece with the cue decides)."""
    group: list[_Found] = []
    groups: list[list[_Found]] = []
    for f in items:
        if f.kind == "reported":
            continue
        if group and any(_same_utterance(g, f) for g in (group[-1], group[0])):
            group.append(f)
            continue
        group = [f]
        groups.append(group)
    for n, group in enumerate(groups):
        if len(group) < 2:
            continue
        src = next((f for f in group if f.cue is not None and not f.carried), None) or \
            next((f for f in group if f.speaker is not NOBODY), group[0])
        for f in group:
            f.utterance = n
            if f is not src and (f.cue is None or f.carried):
                f.speaker, f.cue = src.speaker, src.cue


def _number_utterances(items: list[_Found]) -> None:
    """Utterance ids 1, 2, ... in text order, kept only where an utterance still has several pieces."""
    sizes: dict[int, int] = {}
    for f in items:
        if f.utterance is not None:
            sizes[f.utterance] = sizes.get(f.utterance, 0) + 1
    ids: dict[int, int] = {}
    for f in items:
        if f.utterance is None or sizes[f.utterance] < 2:
            f.utterance = None
            continue
        f.utterance = ids.setdefault(f.utterance, len(ids) + 1)


def _clause_of(ctx: _Context, f: _Found) -> tuple[int, int] | None:
    """A partial quotation's reported clause: the cue's complement around the quoted words, as offsets.

    "assured the council that the funding is "secure."": the clause is ``the funding is "secure."``,
    a verbatim slice of the article (marks included); None when the quotation is the whole complement.
    """
    doc, cue = ctx.doc, f.cue
    clauses = [c for c in cue.children if c.dep_ == "ccomp"] or _misattached_that(cue)
    spans = _content_spans(ctx, cue, clauses) if clauses else []
    if not any(a <= f.tok_start < b for a, b in spans):
        spans = _arm_span(cue, f) or _object_span(cue, f)
    for a, b in spans:
        if not (a <= f.tok_start < b):
            continue
        while a < b and _lead_filler(doc, a, b) and doc[a].text not in _MARK_TEXTS:
            a += 1
        while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space) and doc[b - 1].text not in _MARK_TEXTS:
            b -= 1
        if a >= b:
            return None
        start, end = ctx.tok_idx[a], max(ctx.tok_idx[b - 1] + len(ctx.table.text[b - 1]), f.end)
        q = f.quoted
        if q is not None and q.close_at is not None and q.close_at >= end and not ctx.text[end:q.close_at].strip():
            end = q.close_at + 1  # the closing mark of a quotation that ends the clause (the parse hung it elsewhere)
        if q is not None and q.open_at < start and start <= f.start and not ctx.text[q.open_at + 1:start].strip():
            start = q.open_at  # the opening mark of a quotation that starts the clause (the parse hung it on the cue)
        if len(_WORD.findall(ctx.text[start:end])) <= len(_WORD.findall(ctx.text[f.start:f.end])):
            return None  # nothing around the quoted words
        return start, end
    return None


# -- duplicates and records ---------------------------------------------------------------------

def _norm_words(text: str) -> str:
    return " ".join(w.lower() for w in _WORD.findall(text.replace("\u2019", "'")))


def _strength(f: _Found) -> tuple:
    sp = f.speaker
    ent = sp.entity
    return (ent is not None and ent.type == "PERSON", ent is not None, bool(sp.role), f.cue is not None,
            f.para > 0, -f.start)


def _dedupe(ctx: _Context, items: list[_Found]) -> list[_Found]:
    """The same quoted words twice (a headline and the body): keep the fuller attribution."""
    best: dict[tuple[str, str], _Found] = {}
    for f in items:
        key = ("r" if f.kind == "reported" else "q", _norm_words(ctx.text[f.start:f.end]))
        if not key[1]:
            continue
        cur = best.get(key)
        if cur is None or _strength(f) > _strength(cur):
            best[key] = f
    kept = {id(f) for f in best.values()}
    # a headline quoting part of what the body quotes in full ("Warren: 'You Should Be Criminally
    # Investigated'" over "... You should be criminally investigated," she said): the body's copy stays
    body = [f" {key[1]} " for key, f in best.items() if key[0] == "q" and f.para > 0]
    for key, f in best.items():
        if key[0] == "q" and f.para == 0 and any(f" {key[1]} " in b for b in body):
            kept.discard(id(f))
    return [f for f in items if id(f) in kept]


def _record(ctx: _Context, f: _Found) -> Quote:
    text = ctx.text
    words = text[f.start:f.end]  # verbatim: exactly the article's characters at the span
    sp = f.speaker
    ent = sp.entity
    roles = [r for r in (sp.role, ent.roles[0] if ent is not None and ent.roles else None) if r]
    role = max(roles, key=lambda r: len(r.split())) if roles else None
    cue = f.cue
    cue_text = None
    if cue is not None:
        cue_text = "according to" if cue.lower_ == "according" else cue.text
    sentence = _sentence_with_marks(ctx, f) if f.sentence is not None else ""
    clause = text[f.clause[0]:f.clause[1]] if f.clause is not None else None
    return Quote(text=words, speaker=sp.name, kind=f.kind,
                 speaker_role=role if ent is None or ent.type == "PERSON" else None,
                 speaker_mention=sp.mention, cue=cue_text, sentence=sentence, span=(f.start, f.end),
                 clause=clause, clause_span=f.clause, utterance=f.utterance, speaker_type=sp.type,
                 speaker_org=sp.org)


def _arm_span(cue: Token, f: _Found) -> list[tuple[int, int]]:
    """The clause of the cue that holds the quotation when the complement spans missed it: "noted [ccomp]
    while ..., several "intangibles" left him" (a complement on each side of the cue), or "said that A, and
    there was "no evidence" yet" (the parse hung the second clause on the cue as a conjunct)."""
    doc = cue.doc
    arm = doc[f.tok_start:f.tok_end].root
    while arm.head.i != cue.i and arm.head.i != arm.i:
        arm = arm.head
    if arm.head.i != cue.i or arm.i == cue.i:
        return []
    if arm.dep_ == "ccomp" or (arm.dep_ == "conj" and arm.pos_ in {"VERB", "AUX"}
                               and any(c.dep_ in _CLAUSE_SUBJECTS for c in arm.children) and not is_cue(arm)):
        return [(arm.left_edge.i, arm.right_edge.i + 1)]
    return []


_OBJECTS = {"dobj", "oprd", "xcomp", "prep", "attr", "acomp", "dative", "advmod", "npadvmod", "obj"}


def _object_span(cue: Token, f: _Found) -> list[tuple[int, int]]:
    """"called half of his supporters "deplorables"": what follows the cue, up to the end of the phrase
    that holds the quotation (the cue's objects and complements, not a clause conjoined after it)."""
    if f.tok_start <= cue.i:
        return []
    rights = [c for c in cue.rights if c.dep_ in _OBJECTS]
    for c in rights:
        if c.left_edge.i <= f.tok_start <= c.right_edge.i:
            return [(rights[0].left_edge.i, c.right_edge.i + 1)]
    return []


def _sentence_with_marks(ctx: _Context, f: _Found) -> str:
    """The source sentence on one line, running on to the quotation's closing mark when the parse
    ended the sentence before it ("... concern." and its mark split apart)."""
    sent = f.sentence
    end = sent.end_char
    q = f.quoted
    if q is not None and q.close_at is not None and q.close_at >= end and not ctx.text[end:q.close_at].strip():
        end = q.close_at + 1
    return " ".join(ctx.text[sent.start_char:end].split())


__all__ = ["extract_quotes", "replace"]
