"""Who is speaking: from the words at a cue to a canonical entity of the article.

:class:`Speakers` is built once per document. Given a cue verb it finds the words that name
the speaker (:meth:`Speakers.speaker_of`): the verb's subject, the subject of the verb it
depends on ("..., adding that ..."), the agent of a passive, the object of "according to",
or failing the parse the nearest name or pronoun beside the cue. :meth:`Speakers.resolve`
turns those words into an entity:

- a name: its entity ("Mr Peskov" -> Dmitry Peskov, through the entity clusters);
- a description by role ("Russia's deputy UN ambassador"): the person the article gives
  that role, wherever it names them;
- a pronoun: the most salient earlier person (he, she: of a compatible gender) or
  organisation (it, they), preferring subjects, recent sentences and the last speaker;
- a definite description of an organisation ("the ministry"): the organisation whose name
  ends with that word; "the company", "the contractor", "the aid group": the one organisation
  the text leaves (named as a subject or a source just before, or named right after the word);
  "the agency overseeing the search" in a lede: the agency the next sentence names as speaking.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from generator.extract.doc import DocTable, paragraph_spans
from generator.extract.entities.entities import EntityIndex
from generator.extract.entities.roles import HONORIFICS, RELATIONS, gender_of_word, is_role_word
from generator.extract.quotes import pronouns
from generator.extract.quotes.cues import (
    REPORTING,
    SUBJECTS,
    according_to,
    is_cue,
    is_speech_verb,
    passive_agent,
    subject_word,
)
from generator.extract.quotes.pronouns import FEMALE, MALE, PLURAL, THING
from generator.model import Entity

FIRST = {"i", "we", "me", "us", "my", "our"}
#: pronouns and quantifiers that stand for some of a group, not for someone named before
NOT_ANAPHORS = {"those", "these", "some", "many", "others", "several", "few", "all", "both", "most", "someone",
                "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "none", "each", "either",
                "neither", "this", "one"}
RELATIVES = {"who", "that", "which"}
#: roles the news gives unnamed sources and new people far more often than someone just named
UNNAMED_SOURCES = {"spokesman", "spokeswoman", "spokesperson", "official", "officer", "aide", "adviser", "advisor",
                   "staffer", "source", "judge", "nurse", "doctor", "lawyer", "attorney", "analyst", "expert",
                   "economist", "pollster", "pope", "manager", "director", "executive", "reporter", "host", "professor",
                   "representative", "teacher", "student", "police", "detective", "investigator", "prosecutor"}
#: roles of people who speak for someone else: "a spokesman for the senator" is not the senator
AGENTS = {"spokesman", "spokeswoman", "spokesperson", "aide", "adviser", "advisor", "staffer", "lawyer", "attorney",
          "representative", "surrogate", "consultant", "strategist"}
#: offices a person holds or not: a description by one fits only a person given it, when the article gives roles
OFFICES = {"senator", "governor", "president", "mayor", "representative", "congressman", "congresswoman",
           "secretary", "minister", "ambassador", "chancellor", "premier", "sheriff", "lawmaker", "legislator"}
#: party words: "the Republican candidate" may well be the person just named
PARTIES = {"republican", "republicans", "democratic", "democrat", "democrats", "gop", "independent", "conservative",
           "liberal", "progressive", "labour", "tory", "green"}
#: person nouns too vague to stand for someone named before: "the member", "a friend", "the voter"
WEAK_PEOPLE = {"member", "friend", "resident", "worker", "employee", "voter", "supporter", "backer", "donor",
               "witness", "victim", "neighbor", "neighbour", "student", "player", "fellow", "partner", "head", "chief"}
PERSONISH = {"PERSON"}
BODIES = {"ORG", "GPE", "NORP", "FAC", "LOC"}
LOOKBACK_SENTENCES = 5
#: how many sentences after "a spokesman for the ministry said" the article may name that spokesman
NAMED_AFTER_SENTENCES = 3
#: things that speak for their author: "her statement said", "a letter signed by the mayor said"
DOCUMENTS = {"statement", "letter", "email", "e-mail", "release", "memo", "tweet", "post", "message", "note",
             "filing", "affidavit", "op-ed", "column", "blog", "transcript", "testimony", "declaration",
             # reports, polls and court papers speak for who made them: "a Gallup poll found", "the CDC report said"
             "report", "study", "poll", "survey", "ruling", "analysis", "audit", "complaint", "lawsuit", "indictment",
             "editorial", "announcement", "document", "judgment", "petition", "bulletin", "advisory", "website"}
#: papers an article may discuss from top to bottom ("a report by X found …", and ten paragraphs on, "the report
#: said"): "the report" may go back further to the one named than "the statement" may
LONG_DOCUMENTS = {"report", "study", "poll", "survey", "analysis", "audit", "ruling", "judgment", "indictment",
                  "lawsuit", "complaint", "petition"}
#: how many sentences back "the report" may find the report whose author the article named
LONG_LOOKBACK_SENTENCES = 30
#: verbs of carrying out a poll or a study on its subjects: "a poll of 1,005 voters conducted by X" is X's poll
SURVEYING = {"conduct", "carry"}
#: verbs of making or sending a paper: "a statement e-mailed by the mayor" is the mayor's; "a letter obtained by
#: The Post", "emails combed through by Vox" are not
AUTHORING = {"write", "send", "e-mail", "email", "sign", "issue", "release", "post", "tweet", "pen", "draft", "author",
             "circulate", "distribute", "file", "submit", "make", "deliver", "prepare", "compose", "dictate", "mail",
             "text", "put", "co-sign", "cosign", "co-write", "co-author", "conduct", "publish", "produce",
             "compile"}
#: descriptions that stand for an organisation the article named just before: "the company said"
ORG_DESCRIPTIONS = {"company", "group", "firm", "organization", "organisation", "agency", "airline", "carrier",
                    "charity", "network", "ministry", "department", "bank", "union", "club", "team", "retailer",
                    "manufacturer", "automaker", "carmaker", "insurer", "lender", "operator", "broadcaster",
                    "newspaper", "publisher", "nonprofit", "non-profit", "coalition", "foundation", "contractor",
                    "developer", "constructor", "church", "archdiocese", "diocese", "museum", "exchange", "school",
                    "college"}
#: the words in an organisation's name a description may stand for, beyond the description itself: "the agency"
#: for the Border Guard Service, "the company" for Broad Group (not "the group" for the Ministry of Health)
_AGENCY = {"agency", "service", "bureau", "administration", "authority", "commission", "office"}
_COMPANY = {"company", "firm", "group", "corporation", "corp", "inc", "co", "holdings", "industries", "ltd", "plc",
            "llc"}
KIND_WORDS = {"agency": _AGENCY, "company": _COMPANY, "firm": _COMPANY}
#: how many sentences back an organisation described as "the publisher" may be named last for "the publisher said"
DESCRIBED_REACH = 6
#: verbs whose object is the one named, never the one speaking: "called him "reckless"", "dubbed her "the boss""
NAMING = {"call", "dub", "label", "brand", "nickname", "term", "describe"}
#: cues whose object is the one spoken to or named ("told AFP", "called him "reckless""), never the speaker
ADDRESSING = NAMING | {"tell", "ask", "urge", "warn", "remind", "assure", "inform", "advise"}
#: descriptions of an outlet: "the newspaper reported" is the paper that reported
OUTLETS = {"newspaper", "network", "broadcaster", "publisher", "paper", "station", "magazine", "channel"}
#: nouns naming an organisation or public body that speaks as one: "police said", "the county council said"
BODY_NOUNS = {"police", "council", "department", "ministry", "agency", "committee", "commission", "government",
              "administration", "authority", "authorities", "court", "board", "company", "firm", "corporation",
              "bank", "union", "party", "campaign", "office", "army", "military", "navy", "parliament", "congress",
              "senate", "legislature", "federation", "association", "league", "club", "team", "organization",
              "organisation", "institute", "university", "hospital", "service", "bureau", "cabinet", "embassy",
              "secretariat", "regulator", "watchdog", "coalition", "foundation", "charity", "network", "station",
              "newspaper", "magazine", "broadcaster", "prosecution", "fire", "coroner's", "tv", "television",
              "radio", "channel", "media", "panel", "jury", "tribunal", "inquiry", "academy", "consulate"}
_CLIMB = {"advcl", "xcomp", "conj", "pcomp", "prep", "acl", "ccomp", "relcl"}
_STOP = {"", "the", "a", "an"}
#: nouns for people that are no role: "the man who said", "a group that says"
_PEOPLE = WEAK_PEOPLE | {"man", "woman", "person", "people", "group", "majority", "minority", "official", "source",
                         "expert", "critic", "analyst", "child", "boy", "girl", "family", "crowd", "audience", "public"}


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved (or not) speaker: the entity, the words naming it at the cue, and its role there."""

    entity: Entity | None
    mention: str | None
    role: str | None = None
    token: int | None = None  # head token of the mention
    entity_id: int | None = None
    body: str | None = None  # an organisation the article does not name: its words ("county council", "police")
    org: str | None = None  # the organisation a relative role points to: "the company's chief executive"
    named: str | None = None  # a name the recogniser missed, as the article writes it: "Hannity", "Zero Hedge"

    @property
    def name(self) -> str | None:
        """How a page names the speaker: the entity's canonical name, an unnamed body's words, or a name the
        recogniser missed as the article writes it."""
        return self.entity.name if self.entity is not None else self.body or self.named

    @property
    def type(self) -> str | None:
        """The speaker's entity type when it is not a person: "ORG" for a body, named or not."""
        if self.entity is not None:
            return None if self.entity.type == "PERSON" else self.entity.type
        return "ORG" if self.body else None


NOBODY = Speaker(None, None)


class Speakers:
    """Speaker finding and resolution over one document."""

    def __init__(self, doc: Doc, index: EntityIndex, in_quote: list[int], table: DocTable):
        self._holders: dict[int, Token | None] = {}  # role noun -> the holder's name after it (_holder_after_role)
        self.doc = doc
        self.index = index
        self.in_quote = in_quote
        self.table = table
        self.sent_of = table.sent_of
        # sentences counted without those wholly inside a quotation, for the reach of a pronoun's candidates: a
        # name before a five-sentence quotation is as much in reach of the "she said" after it as of a short one's
        self.told: list[int] = []
        n = 0
        for a, b in table.sents:
            n += any(in_quote[i] < 0 and not table.lex_punct[i] and not table.lex_space[i] for i in range(a, b))
            self.told.append(n)
        # salient mentions: (token, entity, is_subject), outside quotations, in text order
        self.salient: list[tuple[int, int, bool]] = []
        for k, spans in index.mentions.items():
            for s, e in spans:
                if in_quote[s] >= 0:
                    continue
                head = _span_head(doc, s, e)
                self.salient.append((head, k, subject_word(doc[head]) is not None))
        self.salient.sort()
        self._positions = [h for h, _, _ in self.salient]
        # a person the article names by a role as a subject ("His attorney said he would appeal. He also said
        # …"): as much in reach of a pronoun as the name itself
        described = self._people_by_role()
        if described:
            self.salient = sorted(self.salient + described)
            self._positions = [h for h, _, _ in self.salient]
        self.last_speakers: list[tuple[int, int]] = []  # (token, entity) of speakers found so far
        self._breaks: list[int] | None = None  # where paragraphs start, read when a pronoun needs paragraphs
        self._common_words: set[str] | None = None  # words the article writes in lower case (read when needed)
        self._mid_sentence: set[str] = set()  # words the article writes other than first in a sentence
        self._name_words: Counter[str] = Counter()  # words of the article's entities' names: how many have each
        self._described: dict[str, list[tuple[int, int]]] | None = None  # organisations by their descriptions
        # organisations by the last word of their name, for "the ministry said"
        self.org_heads: dict[str, list[int]] = {}
        # and by the word before "of", "for" or "in" ("the archdiocese": the Archdiocese of Philadelphia)
        for k, ent in enumerate(index.entities):
            if ent.type == "ORG":
                words = ent.name.lower().split()
                heads = {words[-1]}
                cut = next((j for j, w in enumerate(words) if w in {"of", "for", "in"}), 0)
                if cut > 0:
                    heads.add(words[cut - 1])
                for head in heads:
                    self.org_heads.setdefault(head, []).append(k)

    def _people_by_role(self) -> list[tuple[int, int, bool]]:
        """(token, entity, True) for each subject outside quotations that is a definite role description of one
        person the article names, not a name itself: "his attorney" (the person given that role), "the senator"
        (when that person is also the one named in reach)."""
        out = []
        dep = self.table.dep
        for i in range(len(self.doc)):  # the columns first: a Token object costs more than the lookup
            if dep[i] not in SUBJECTS or self.in_quote[i] >= 0 or self.index.id_at(i) is not None:
                continue
            tok = self.doc[i]
            if not is_role_word(tok) or _plural(tok) or not any(
                    (c.dep_ == "det" and c.lower_ in {"the", "this"}) or (c.dep_ == "poss" and c.pos_ == "PRON")
                    for c in tok.children):
                continue
            if self._entity_of_np(tok) is not None:
                continue  # "spokesman Peskov", "his lawyer, Jane Hale": the name is a mention already
            k = self.by_role(self.role_phrase(tok), tok)
            if not any(c.dep_ == "poss" for c in tok.children) and self.by_description(tok) != k:
                continue  # "the senator" the role fits, but someone else is the one person named in reach
            if k is not None and self.index.entities[k].type == "PERSON":
                out.append((tok.i, k, True))
        return out

    def paragraph_of(self, i: int) -> int:
        """The number of the paragraph token ``i`` is in (:func:`~generator.extract.doc.paragraph_spans`)."""
        if self._breaks is None:
            self._breaks = [a for a, _ in paragraph_spans(self.table.string)]
        return bisect.bisect_right(self._breaks, self.table.idx[i])

    # -- finding the words -------------------------------------------------------------------

    def subject_token(self, cue: Token) -> Token | None:
        """The head of the speaker's words for a cue verb, by the parse."""
        target = according_to(cue)
        if target is not None:
            return target
        quoted = self.quoted_as(cue)
        if quoted is not None:
            return quoted
        cur, hops = cue, 0
        while cur is not None and hops < 4:
            subjects = [c for c in cur.children if c.dep_ in SUBJECTS and self.in_quote[c.i] < 0
                        and c.lower_ not in {"that", "which", "what"}]
            if len(subjects) > 1:  # "WASHINGTON (AP) — Tom Hale pledged …": a dateline taken for a second subject
                subjects = [c for c in subjects if c.i not in self.table.furniture] or subjects
            if subjects:
                # two subjects before the verb, a comma before the second: the parse took the sentence's first
                # words for one ("The man, 52, traveled to London, officials said"); the verb's own is the second
                last = subjects[-1]
                apart = len(subjects) > 1 and last.i < cur.i and last.left_edge.i > 0 \
                    and self.doc[last.left_edge.i - 1].text == ","
                # two subjects side by side: one name with its title the parse cut in two ("CNN senior political
                # analyst David Gergen says"); the person named is the speaker, not the title's first word
                joined = len(subjects) > 1 and last.i < cur.i and subjects[0].right_edge.i + 1 == last.left_edge.i \
                    and (ent := self.index.at(last.i)) is not None and ent.type == "PERSON"
                return last if apart or joined else subjects[0]
            if hops == 0 and (mistaken := self._subject_in_clause_before(cue)) is not None:
                return mistaken
            for c in cur.children:
                if c.dep_ == "agent":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
            if cur.dep_ not in _CLIMB or cur.head.i == cur.i:
                break
            if cur.dep_ == "relcl":  # "the official who said ..." -> "official"
                # not a thing "that" or "which" did it: "a comment that described them as …" is no speaker
                if any(c.dep_ in SUBJECTS and c.lower_ in {"that", "which"} for c in cur.children) \
                        and not self._may_speak(cur.head):
                    return None
                return cur.head
            # "issued a statement saying ..." -> "statement", when the article tells whose it is (not "reports
            # alleging ...": no one's words)
            if cur.dep_ == "acl" and self.is_document(cur.head) and (
                    self.author_of(cur.head) is not None or self._author_by_verb(cur.head) is not None):
                return cur.head
            cur = cur.head
            hops += 1
        return None

    def _may_speak(self, tok: Token) -> bool:
        """A word that can name a speaker: a name, a pronoun, a role, a body, a document, people."""
        return tok.pos_ in {"PROPN", "PRON"} or self.index.id_at(tok.i) is not None or is_role_word(tok) \
            or self.is_document(tok) or tok.lemma_.lower() in _PEOPLE | BODY_NOUNS  # ("a federal court, which said")

    def _subject_in_clause_before(self, cue: Token) -> Token | None:
        """The speaker the parse hung on a clause it made up before the cue, when the cue has its content after it
        ("Tom Brix, a Marlow, Del., rabbi helping to organize the boycott, said he ...": "rabbi" taken for a verb
        with "Brix" its subject): that clause's subject, when it opens the sentence and names someone."""
        if not any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
            return None
        start = self.table.sent_bounds(cue.i)[0]
        for c in cue.children:
            if c.dep_ == "ccomp" and c.i < cue.i and c.left_edge.i == start:
                subj = next((t for t in c.children if t.dep_ in SUBJECTS and t.i < c.i), None)
                if subj is not None and self.in_quote[subj.i] < 0 and self._names_someone(subj):
                    return subj
        return None

    def quoted_as(self, cue: Token) -> Token | None:
        """Who a paper quoted: "the agency quotes him as saying ...", "the Globe quoted her as saying that ..."
        (the one quoted speaks, not the one quoting)."""
        if cue.dep_ in {"pcomp", "pobj"} and cue.head.lower_ == "as" and cue.head.head.lemma_.lower() == "quote":
            verb = cue.head.head
        elif cue.lemma_.lower() == "quote" and any(c.lower_ == "as" and c.dep_ == "prep" for c in cue.children):
            verb = cue  # the quotation hung on "quotes" itself: ""...," the agency quotes him as saying"
        else:
            return None
        return next((c for c in verb.children if c.dep_ == "dobj" and self.in_quote[c.i] < 0), None)

    def nearby_name(self, cue: Token) -> Token | None:
        """A name, pronoun or role noun right beside the cue, when the parse gave no subject."""
        doc = self.doc
        sent = doc[slice(*self.table.sent_bounds(cue.i))]
        # after the cue, when nothing else follows it: ", said Mr Peskov."
        nxt = cue.i + 1
        # (not the subject of the clause said: "said he and other rabbis were alarmed")
        # (nor the one spoken to or named: "told AFP", "called Mayor Tom Reyes "very flexible"")
        if nxt < sent.end and self.in_quote[nxt] < 0 and self._names_someone(doc[nxt]) and not (
                doc[nxt].dep_ in SUBJECTS and doc[nxt].head.i != cue.i) and not addressed_by(self.table, nxt, cue.i):
            span = self.index.mention_at(nxt) or (nxt, nxt + 1)
            after = doc[span[1]] if span[1] < len(doc) else None
            if after is None or after.is_punct or after.is_space or after.pos_ in {"ADP", "CCONJ"}:
                return self._head_of_name(doc[nxt])
        # before it: "Dmitry Polyansky, replied"
        for i in range(cue.i - 1, max(sent.start, cue.i - 12) - 1, -1):
            t = doc[i]
            if self.in_quote[i] >= 0:
                break
            if t.pos_ in {"VERB"} and i != cue.i:
                break
            if self._names_someone(t):
                return self._set_off_name(t, sent.start) or self._head_of_name(t)
            if i == cue.i - 1 and t.pos_ == "AUX" and t.is_title and i > sent.start:
                return t  # a name the tagger took for an auxiliary: '"…," Courtauld said'
        return None

    def _set_off_name(self, t: Token, start: int) -> Token | None:
        """The name that opens the words before a cue when ``t`` is a role noun in the description set off after it:
        '"…," Reyes, the front-runner in the county and current councillor, said' (the parse may hang the
        description anywhere)."""
        if self.index.at(t.i) is not None:
            return None
        doc = self.doc
        commas = [i for i in range(start, t.i) if doc[i].text == "," and self.in_quote[i] < 0]
        if not commas:
            return None
        j = commas[-1] - 1  # the word before the comma that opens the description
        span = self.index.mention_at(j)
        if span is None or self.index.at(j).type not in PERSONISH:
            return None
        before = doc[span[0] - 1] if span[0] > start else None
        # the name opens the words after the quotation (or the sentence)
        if before is not None and not (before.is_quote or self.in_quote[before.i] >= 0 or before.text == ","):
            return None
        return self._head_of_name(doc[j])

    def author_of(self, document: Token) -> Token | None:
        """Who a speaking document belongs to, by its own words: "her statement", "the company's statement",
        "a statement from the Trilateral Contact Group", "a letter e-mailed by the mayor", "the Interior Ministry
        statement". None when the document names no one."""
        kids = [c for c in document.children if self.in_quote[c.i] < 0]
        for c in kids:
            if c.dep_ == "poss" and (self._names_someone(c) or is_body(c)):
                return c
        for c in kids:
            if c.i < document.i:
                continue
            if c.dep_ == "prep" and c.lower_ in {"from", "by"}:
                who = next((p for p in c.children if p.dep_ == "pobj" and self.in_quote[p.i] < 0), None)
                if who is not None and (self._names_someone(who) or is_body(who)):
                    return who
            # "a statement e-mailed by the mayor"; not "a letter obtained by The Post": who read it did not write it
            if c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in AUTHORING:
                who = self._agent(c)
                if who is not None:
                    return who
            # "a poll of 1,005 voters conducted by X": the parse hangs the verb on the voters
            if c.dep_ == "prep" and c.lower_ == "of" and document.lemma_.lower() in LONG_DOCUMENTS:
                for p in c.children:
                    for v in p.children if p.dep_ == "pobj" else ():
                        who = self._agent(v) if v.dep_ == "acl" and v.lemma_.lower() in SURVEYING else None
                        if who is not None:
                            return who
        # a name or a body written in front of the noun: "the Interior Ministry statement", "a Clinton campaign
        # memo" (the campaign, not Clinton); not "court filings" or "DNC emails": papers a body holds or leaked
        # are not its statement
        front = max((c for c in kids if c.i < document.i and (c.dep_ in {"compound", "nmod"} or (
            c.dep_ == "amod" and c.pos_ == "PROPN"))), default=None, key=lambda c: c.i)  # ("the Vatican statement")
        if front is None or _plural(document):
            return None
        k = self.index.id_at(front.i)
        if k is not None and self.index.entities[k].type in PERSONISH | BODIES - {"NORP"}:
            return front if k != self.index.id_at(document.i) else None
        return front if is_body(front) and front.i == document.i - 1 else None

    def _agent(self, verb: Token) -> Token | None:
        """Who did it, by a passive verb's "by" phrase: "e-mailed by the mayor" -> the mayor."""
        return next((p for a in verb.children if a.dep_ == "agent" for p in a.children
                     if p.dep_ == "pobj" and self.in_quote[p.i] < 0), None)

    def earlier_author(self, document: Token) -> Token | None:
        """The author of "the statement" when the article named it shortly before: "Vanguard said in a
        statement … the statement said" -> Vanguard. Only the latest earlier mention of the same kind of document
        in the last few sentences counts; when that one has no single author, nobody. A report, a poll or a
        study may be named further back, by its own words ("a report produced by X"): who read one or spoke of
        it there ("X read the report") is no author so far from it. Plural mentions ("leads in the polls") are
        other papers."""
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in document.children):
            return None
        if _plural(document):
            return None  # "the emails show": a collection of papers, not one author's word
        lemma, here = document.lemma_.lower(), self.sent_of[document.i]
        back = LONG_LOOKBACK_SENTENCES if lemma in LONG_DOCUMENTS else LOOKBACK_SENTENCES
        for i in range(document.i - 1, -1, -1):
            t = self.doc[i]
            if here - self.sent_of[i] > back:
                break  # a statement far back may not be the one meant
            if t.lemma_.lower() != lemma or self.in_quote[i] >= 0 or not self.is_document(t) or _plural(t):
                continue
            near = here - self.sent_of[i] <= LOOKBACK_SENTENCES
            who = self.author_of(t) or (self._issuer(t) if near else None)
            # "Trump and Ryan issued a statement": two authors, not one speaker
            return None if who is None or any(c.dep_ == "conj" for c in who.children) else who
        return None

    def _issuer(self, document: Token) -> Token | None:
        """Who put out a document the sentence mentions: "X said in a statement", "X issued a statement",
        "In a statement, X said"."""
        verb = document.head.head if document.dep_ == "pobj" and document.head.dep_ == "prep" else \
            document.head if document.dep_ == "dobj" else None
        if verb is None or verb.pos_ not in {"VERB", "AUX"}:
            return None
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and self.in_quote[c.i] < 0), None)
        if subj is not None and subj.dep_ == "nsubjpass":  # "a statement was released by X"
            return self._agent(verb)
        return subj if subj is not None and subj.lemma_.lower() not in DOCUMENTS else None

    def _author_by_verb(self, document: Token) -> Token | None:
        """Who put out a document by a verb of writing or issuing it: "The ministry issued a statement saying ...",
        not "The Post obtained a letter saying ..." (who read it did not write it)."""
        if document.dep_ != "dobj" or document.head.lemma_.lower() not in AUTHORING:
            return None
        return self._issuer(document)  # (the subject of that verb)

    def is_document(self, tok: Token) -> bool:
        """A paper or message that can speak for its author ("the statement"), not a name ("The Post")."""
        return tok.lemma_.lower() in DOCUMENTS and tok.pos_ == "NOUN" and self.index.at(tok.i) is None

    def is_medium(self, document: Token) -> bool:
        """A document the speaker spoke through, not a source of its own: "X said in a statement"."""
        return document.dep_ == "pobj" and document.head.lower_ in {"in", "via", "through"} \
            and document.head.head.pos_ in {"VERB", "AUX"}

    def document_speaker(self, document: Token) -> Speaker:
        """A speaking document stands for its author, found in its own words or, for "the statement", in the
        earlier sentence that named it. The mention stays the document's words, as the article gives them
        ("the company's statement"); with no author found, the document itself is the source."""
        words = self.document_words(document)
        author = self.author_of(document) or self.earlier_author(document) or self._author_by_verb(document)
        if author is None or author.i == document.i:
            return Speaker(None, words, None, document.i)
        found = self.resolve(author)
        if found.entity is None and (found.body is not None or is_body(author)) \
                and author.dep_ in {"compound", "nmod"} and self.is_document(author.head):
            # "a Clinton campaign memo", "the Libyan government statement": the body is all the words in front;
            # "the ministry statement" after "the Interior Ministry" is that ministry
            named = [k for k in self.org_heads.get(author.lower_, []) if self._mentioned_before(k, author.i)]
            if len(named) == 1:
                return Speaker(self.index.entities[named[0]], words, None, document.i, named[0])
            first = min([author.left_edge.i] + [c.i for c in author.head.children
                                                 if c.dep_ in {"compound", "nmod", "amod"} and c.i <= author.i])
            found = replace(found, body=" ".join(self.doc[first:author.i + 1].text.split()))
        return replace(found, mention=words, token=document.i)

    def document_words(self, document: Token) -> str:
        """A document's words with who it is from: "a statement from the Trilateral Contact Group"."""
        doc = self.doc
        left = document.left_edge.i
        while left < document.i and (doc[left].is_punct or self.in_quote[left] >= 0):
            left += 1
        right = document.i + 1
        for c in document.rights:
            if c.dep_ not in {"prep", "acl"} or (c.dep_ == "acl" and is_cue(c)) \
                    or any(self.in_quote[t.i] >= 0 for t in c.subtree):
                break  # (not what it says: "a statement saying ...")
            right = c.right_edge.i + 1
        return " ".join(doc[left:right].text.split())

    def _names_someone(self, t: Token) -> bool:
        e = self.index.at(t.i)
        if e is not None and e.type in PERSONISH | {"ORG"}:
            return True
        pronoun = t.lower_ in MALE | FEMALE | THING | PLURAL and t.pos_ == "PRON"
        return pronoun or (is_role_word(t) and t.pos_ == "NOUN")

    def _head_of_name(self, t: Token) -> Token:
        span = self.index.mention_at(t.i)
        return self.doc[_span_head(self.doc, *span)] if span else t

    def speaker_of(self, cue: Token) -> Speaker:
        agent = passive_agent(cue)
        if agent is not False:  # "was asked by X": X or no one, never who was asked
            return NOBODY if agent is None or self.in_quote[agent.i] >= 0 else self.resolve(agent)
        tok = self.subject_token(cue)
        if tok is None or self.in_quote[tok.i] >= 0:
            tok = self.nearby_name(cue)
        if tok is not None and self.is_document(tok):
            if self.is_medium(tok):  # "X said in a statement": the statement is how X spoke
                tok = self.nearby_name(cue)
            else:
                return self.document_speaker(tok)
        if tok is None:
            return NOBODY
        return self.resolve(tok)

    def speaker_at(self, tok: Token) -> Speaker:
        """The speaker a word stands for, a document being its author (the learned linker's choices)."""
        if self.is_document(tok):
            return NOBODY if self.is_medium(tok) else self.document_speaker(tok)
        return self.resolve(tok)

    # -- resolving them ----------------------------------------------------------------------

    def resolve(self, tok: Token) -> Speaker:
        if tok.i in self.table.furniture:
            # "WASHINGTON (AP) — …": a dateline the parse took for the subject is nobody; the name it made an
            # apposition of the dateline is the subject ("CLEVELAND (UPI) — Tom Hale told …")
            after = next((c for c in tok.rights if c.dep_ == "appos" and c.i not in self.table.furniture), None)
            return NOBODY if after is None else self.resolve(after)
        index = self.index
        mention = self.mention_text(tok)
        k = self._entity_of_np(tok)
        if k is not None:
            ent = index.entities[k]
            span = next(((a, b) for (a, b), kk in index.role_spans.items() if kk == k
                         and self.sent_of[a] == self.sent_of[tok.i]), None)
            role = self._role_at(k, tok)
            if role is None and is_role_word(tok) and index.id_at(tok.i) is None and (
                    self._holder_after_role(tok) is not None
                    or any(c.dep_ == "appos" and index.id_at(c.i) == k for c in tok.children)):
                # "the self-declared mayor of Eastport, Tom Brix": the role is the words before the name
                role = self.role_phrase(tok)
            return Speaker(ent, mention, role, tok.i, k,
                           org=self.relative_org(*span) if span else None)
        low = tok.lower_
        if low in RELATIVES and tok.dep_ in SUBJECTS and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            # "Smith, who said …", "those who say …": the words stay "who", the speaker is the noun it is about;
            # a role noun the article ties to nobody falls back on the nearest person, as any pronoun does
            noun = tok.head.head
            about = self.resolve(noun)
            if about.entity is not None or about.body is not None or noun.lower_ in NOT_ANAPHORS or _plural(noun):
                return replace(about, mention=mention, token=tok.i)
        if low in NOT_ANAPHORS:  # "those who …", "some said", "many": a part of a group, nobody to resolve to
            return Speaker(None, mention, None, tok.i)
        if tok.pos_ == "PRON" or low in MALE | FEMALE | THING | PLURAL | FIRST:
            k = self.antecedent(tok)
            if k is not None:
                ent = index.entities[k]
                return Speaker(ent, mention, ent.roles[0] if ent.roles else None, tok.i, k)
            return Speaker(None, mention, None, tok.i)
        word = tok.text
        k = index.person_by_surname(word) if len(word) > 2 and word[0].isupper() and word[1:].islower() else None
        if k is not None:  # "…," Rapsing said: a surname the tagger took for a common noun
            ent = index.entities[k]
            return Speaker(ent, mention, ent.roles[0] if ent.roles else None, tok.i, k)
        if _age(tok):  # "the 78-year-old said": the one person in reach
            k = self.by_description(tok)
            if k is not None:
                return Speaker(index.entities[k], mention, None, tok.i, k)
        if is_role_word(tok):
            role = self.role_phrase(tok)
            org = self.relative_org(tok.left_edge.i, tok.i + 1)
            # "nuclear experts", "aides": several people, never the one person the article gave that role
            k = None if _plural(tok) else self.by_role(role, tok)
            if k is None and not _plural(tok):
                k = self.by_description(tok)
            if k is None and not _plural(tok):
                k = self.named_after(role, tok)
            if k is not None:
                ent = index.entities[k]
                return Speaker(ent, mention, role, tok.i, k, org=org)
            # a word for a person or a firm ("the contractor", "the developer"): the firm the text leaves
            if (k := self.described_org(tok)) is not None:
                return Speaker(index.entities[k], mention, None, tok.i, k)
            return Speaker(None, mention, role, tok.i, org=org)
        if (tok.pos_ == "NOUN" or tok.is_lower) and any(c.lower_ == "the" for c in tok.children):
            named = self.org_heads.get(low, [])
            cands = [k for k in named if self._mentioned_before(k, tok.i)]
            if not cands and not _plural(tok):
                # "the health ministry said …" before the article names the Saudi Ministry of Health: the one
                # organisation of that kind it names at all, when the description's words are all in its name
                words = _words(" ".join(c.text for c in tok.children if c.dep_ in {"compound", "amod"}))
                cands = [k for k in named if words <= _words(index.entities[k].name)]
            if len(cands) == 1:
                return Speaker(index.entities[cands[0]], mention, None, tok.i, cands[0])
        if (k := self.described_org(tok)) is not None:
            return Speaker(index.entities[k], mention, None, tok.i, k)
        if is_body(tok) and not _bare_description(tok):
            # "Britain's Sunday Times newspaper", "the Reuters news agency": the organisation named in front of it
            named = [k for c in tok.children if c.dep_ in {"compound", "nmod", "amod"} and c.i < tok.i
                     if (k := index.id_at(c.i)) is not None and index.entities[k].type == "ORG"]
            if len(set(named)) == 1:
                return Speaker(index.entities[named[0]], mention, None, tok.i, named[0])
            return Speaker(None, mention, None, tok.i, body=self.owned_body(tok) or self.placed_body(tok)
                           or body_name(mention))
        return Speaker(None, mention, None, tok.i, named=self.name_as_written(tok))

    def owned_body(self, tok: Token) -> str | None:
        """A body named by the person it belongs to, with that person's full name: "Poroshenko's office",
        "Ukrainian President Petro Poroshenko's office" -> "Petro Poroshenko's office"."""
        owner = next((c for c in tok.children if c.dep_ in {"poss", "nmod"} and c.i < tok.i), None)
        k = None if owner is None else self.index.id_at(owner.i)
        if k is None or self.index.entities[k].type != "PERSON":
            return None
        if any(w.lower_.rstrip(".") in HONORIFICS for w in self.doc[owner.left_edge.i:owner.i]):
            return None  # "Mrs. Clinton's campaign": as written, the title tells which Clinton better than a merge
        mark = self.doc[owner.i + 1] if owner.i + 1 < tok.i else None
        if mark is None or (mark.tag_ != "POS" and mark.text not in {"'", "\u2019"}):
            return None
        rest = " ".join(self.doc[mark.i + 1:tok.i + 1].text.split())
        return f"{self.index.entities[k].name}{mark.text} {rest}"

    def placed_body(self, tok: Token) -> str | None:
        """A bare "the government", "the court" after the article placed one such body by its country or place
        ("a Ukrainian government spokesman", "the Dutch court"): that body, in the words the article placed it with.
        None when it placed none, placed it only in passing as an owner, or placed bodies of several places ("the
        Russian government … the Ukrainian government")."""
        kids = list(tok.children)
        if tok.pos_ != "NOUN" or len(kids) != 1 or kids[0].lower_ != "the":
            return None
        doc, table = self.doc, self.table
        lemma = table.lemma[tok.i]
        placed: dict[frozenset[str], str] = {}
        # the earlier nouns of that lemma, read from the table's columns (Token objects only for those)
        for i in range(tok.i):
            if table.lemma[i] != lemma or table.pos[i] != "NOUN" or self.in_quote[i] >= 0 or table.dep[i] == "poss" \
                    or _plural(t := doc[i]):
                continue  # ("like the U.S. military's rifle", "many African governments": in passing)
            places = [c for c in t.children if c.i < t.i and c.dep_ in {"amod", "compound", "nmod"}
                      and c.ent_type_ in {"NORP", "GPE"}]
            if places:
                key = frozenset(w.lower_ for c in places for w in c.subtree)
                placed[key] = " ".join(doc[min(c.left_edge.i for c in places):t.i + 1].text.split())
        return next(iter(placed.values())) if len(placed) == 1 else None

    def name_as_written(self, tok: Token) -> str | None:
        """The words of a proper name the recogniser missed, when the speaker is one: "Hannity said", "Human Rights
        Watch said" (the name with the capitalised words compounded in front of it, nothing else in front). None
        for anything else: a lone word the article also writes in lower case ("Research shows") or capitalises
        only at a sentence's start ("Aides said"), a party or nationality, a word of a name the article gives several
        people or organisations ("Trump" beside Donald and Ivanka Trump), a name with words of its own after it."""
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ not in _NAME_LABELS \
                or tok.lower_ in PARTIES or tok.lower_ in NOT_ANAPHORS or is_role_word(tok) \
                or any(c.dep_ in {"prep", "acl", "relcl", "appos"} for c in tok.rights):
            return None
        start = tok
        for c in reversed(list(tok.lefts)):
            words = self.doc[c.left_edge.i: c.i + 1]
            if c.i == start.i - 1 and c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN" \
                    and all(w.text[:1].isupper() and not is_role_word(w) for w in words):
                start = c.left_edge  # "Human Rights Watch": the compounds of the compound too
            elif c.dep_ != "det":
                return None
        words = self.doc[start.i: tok.i + 1]
        if self._common_words is None:
            self._common_words = {t.text for t in self.doc if t.is_lower}
            self._mid_sentence = {t.text for t in self.doc if not t.is_sent_start}
            self._name_words = Counter(w for ent in self.index.entities for w in set(ent.name.split()))
        if (start is tok and tok.lower_ in self._common_words) or self._name_words[tok.text] > 1:
            return None
        if start is tok and tok.is_sent_start and tok.text not in self._mid_sentence:
            return None  # "Aides said", "Correction:": capitalised only as the sentence's first word
        return words.text

    def described_org(self, tok: Token) -> int | None:
        """The organisation a description of one stands for: one the text named before
        (:meth:`org_by_description`), or else the one a lede introduces next (:meth:`org_named_after`)."""
        k = self.org_by_description(tok)
        return k if k is not None else self.org_named_after(tok)

    def org_by_description(self, tok: Token) -> int | None:
        """The organisation "the company", "the rights group" stands for when the text leaves one choice:
        exactly one organisation named outside quotations in that sentence (before it) or the two before and made
        the subject of something there (others may be named in passing); not one whose name says it is another
        kind of body ("the company" is not the State Department), nor an outlet spoken to ("told CNN") or
        reporting on it ("CNN has reported"), unless the description is an outlet too ("the newspaper")."""
        kind = tok.lemma_.lower()
        if kind not in ORG_DESCRIPTIONS or tok.pos_ != "NOUN" or _plural(tok) or self.index.at(tok.i) is not None:
            return None
        kids = list(tok.children)
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in kids) or any(
                c.dep_ in {"poss", "prep", "relcl", "acl", "appos"} or self.index.at(c.i) is not None for c in kids):
            return None
        actors: set[int] = set()
        passing: set[int] = set()
        spoke = {t for t, _ in self.last_speakers}  # ("…, according to Save the Children. The aid group said")
        for tok_i, k, subject, _ in self.salient_before(tok.i, 2):
            subject = subject or tok_i in spoke
            ent, said_to = self.index.entities[k], self.doc[tok_i]
            if ent.type != "ORG" or (said_to.dep_ in {"dobj", "dative"} and said_to.head.lemma_ == "tell"):
                continue  # "Orbis told CNN": the outlet spoken to is not the one described
            if subject and said_to.head.lemma_.lower() in REPORTING and kind not in OUTLETS:
                continue  # "CNN has reported …": the outlet reporting on the organisation described
            if not _may_be(kind, ent.name):
                continue  # another kind of body: "the group" is not the Ministry of Foreign Affairs
            if subject:
                actors.add(k)
            elif _kind_in_name(kind, ent.name):  # named in passing: only one whose name says what it is
                passing.add(k)
        # the one organisation in reach the text made the subject of something ("Business Insider commented on
        # …, but acknowledged … "…," the company said"), others named only in passing
        if len(actors) == 1:
            return actors.pop()
        if actors:
            return None
        # with none made a subject, the one named in reach at all whose name has a word of that kind ("… said Ann
        # Lee, a director of Acme Corp. The company said …"), unless the article described another one so (then
        # nobody: two to choose from)
        named = {k for k, at in self.described_as().get(kind, ()) if at < tok.i}
        if len(passing) == 1:
            return passing.pop() if not named or passing <= named else None
        # else the one organisation the article described so before ("her publisher, HarperCollins, said …"),
        # when it is the organisation named last in the sentences before
        if len(named) != 1:
            return None
        for _, k, _, _ in self.salient_before(tok.i, DESCRIBED_REACH):
            if self.index.entities[k].type == "ORG" and _may_be(kind, self.index.entities[k].name):
                return k if k in named else None
        return None

    def org_named_after(self, tok: Token) -> int | None:
        """The organisation "the agency" opens an account with when the article names it only next, as a speaker
        with a name that says what it is: "…, according to the agency overseeing the search. The Australian
        Transport Safety Bureau said …". Only when no organisation of that kind was named before, and exactly one
        is named so in that sentence or the next; never one the description itself names."""
        kind = tok.lemma_.lower()
        if kind not in ORG_DESCRIPTIONS or _plural(tok) or self.index.at(tok.i) is not None \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) \
                or any(c.dep_ == "poss" for c in tok.children):
            return None
        here, inside = self.sent_of[tok.i], range(tok.left_edge.i, tok.right_edge.i + 1)
        found = set()
        for k, spans in self.index.mentions.items():
            ent = self.index.entities[k]
            if ent.type != "ORG" or not spans or not _kind_in_name(kind, ent.name):
                continue
            if spans[0][0] < tok.i:
                return None  # one of that kind named before: not an introduction
            if any(a in inside for a, _ in spans):
                continue  # "the agency overseeing the Australian Transport Safety Bureau"
            for a, b in spans:
                head = self.doc[_span_head(self.doc, a, b)]
                subj = subject_word(head)
                if self.sent_of[a] - here <= 1 and self.in_quote[a] < 0 and subj is not None \
                        and is_speech_verb(subj.head):
                    found.add(k)
        return found.pop() if len(found) == 1 else None

    def described_as(self) -> dict[str, list[tuple[int, int]]]:
        """(organisation, token) by the description the article gives it in apposition or in front of its name:
        "her publisher, HarperCollins", "HarperCollins, the publisher", "the aid group Save the Children",
        "the Reuters news agency"."""
        if self._described is None:
            self._described = {}
            doc = self.doc
            for k, spans in self.index.mentions.items():
                if self.index.entities[k].type != "ORG":
                    continue
                for s, e in spans:
                    h = doc[_span_head(doc, s, e)]
                    nouns = [c for c in h.children if c.dep_ == "appos"]
                    # (not the organisation in front of a description another names: "U.N. child agency, UNICEF" is
                    # UNICEF, the agency, not the U.N.)
                    if h.dep_ in {"appos", "compound"} and not s <= h.head.i < e and not (
                            h.dep_ == "compound" and any(c.dep_ == "appos" and self.index.id_at(c.i) not in (None, k)
                                                         for c in h.head.children)):
                        nouns.append(h.head)
                    for n in nouns:
                        kind = n.lemma_.lower()
                        if n.pos_ == "NOUN" and kind in ORG_DESCRIPTIONS and self.in_quote[n.i] < 0:
                            self._described.setdefault(kind, []).append((k, min(s, n.i)))
        return self._described

    def _entity_of_np(self, tok: Token) -> int | None:
        """The entity a noun phrase headed by ``tok`` names: itself, its compounds or its apposition."""
        index = self.index
        k = index.id_at(tok.i)
        if k is not None and index.entities[k].type != "NORP":
            return k
        # "her publisher, HarperCollins, said": an organisation in apposition to a word for one
        kinds = {"PERSON", "ORG"} if tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_DESCRIPTIONS | OUTLETS \
            else {"PERSON"}
        for c in tok.children:
            if c.dep_ == "appos":
                kc = index.id_at(c.i)
                if kc is not None and index.entities[kc].type in kinds:
                    return kc
        if tok.dep_ == "appos":
            kh = index.id_at(tok.head.i)
            if kh is not None and index.entities[kh].type == "PERSON":
                return kh
        # "according to the developer Beijing Huachen Auctions Co.": a name right after a word for it, when the
        # parse hung the name elsewhere
        if "ORG" in kinds and (span := index.mention_at(tok.i + 1)) is not None and span[0] == tok.i + 1 \
                and index.entities[kn := index.id_at(tok.i + 1)].type == "ORG" and self.in_quote[tok.i + 1] < 0:
            return kn
        # "spokesman Peskov" parsed with the name as a compound; never "the Trump campaign", "Sanders
        # supporters", "the Obama administration": a body or a group is not the person it is named after
        for c in tok.children if is_role_word(tok) and not _plural(tok) else ():
            if c.dep_ in {"compound", "nmod"} and c.i > tok.i - 4:
                kc = index.id_at(c.i)
                if kc is not None and index.entities[kc].type == "PERSON" and c.i == tok.i - 1:
                    return kc
        # "an attorney for Pagliano, Mark MacDougall, said": the name the parse hung on the one spoken for
        if tok.lemma_.lower() in AGENTS:
            for o in (g for p in tok.children if p.dep_ == "prep" and p.lower_ in {"for", "to"} for g in p.children):
                for c in o.children:
                    kc = index.id_at(c.i) if c.dep_ == "appos" else None
                    if kc is not None and index.entities[kc].type == "PERSON" and kc != index.id_at(o.i):
                        return kc
        # "said one of their lawyers, Ann Lee": the name the parse hung on the group the one is taken from
        if tok.lower_ == "one":
            for o in (g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children):
                for c in o.children:
                    kc = index.id_at(c.i) if c.dep_ == "appos" and self.doc[c.left_edge.i - 1].text == "," else None
                    if kc is not None and index.entities[kc].type == "PERSON" and self.in_quote[c.i] < 0:
                        return kc
        # "the self-declared mayor of Eastport, Tom Brix, said": the holder's name the parse hung on the
        # place or body of the role (a person there would be the one the role is relative to: "the wife of …")
        if (appos := self._holder_after_role(tok)) is not None:
            return index.id_at(appos.i)
        # a title run into the name by the parse: "Afghan Ambassador to the United States Hamdullah Mohib"; not
        # the one someone speaks for ("a spokesman for Bernie Sanders" is not Sanders)
        if is_role_word(tok):
            for i in range(tok.i + 1, min(tok.right_edge.i + 1, tok.i + 10)):
                t = self.doc[i]
                if t.is_punct or t.pos_ in {"VERB", "AUX", "PRON"} or (
                        t.lower_ in {"for", "to"} and tok.lemma_.lower() in AGENTS) or (
                        t.lower_ in {"of", "to"} and tok.lemma_.lower() in RELATIONS):  # "the wife of John Smith"
                    break
                kc = index.id_at(i)
                if kc is not None and index.entities[kc].type == "PERSON":
                    return kc
        # a role phrase the entity extractor tied to a person ("Russia's deputy UN ambassador, Dmitry Polyansky")
        for (a, b), kk in index.role_spans.items():
            if a <= tok.i < b and index.entities[kk].type == "PERSON":
                return kk
        return None

    def _holder_after_role(self, tok: Token) -> Token | None:
        """For a role noun ("mayor of Eastport, Tom Brix"), the person's name set off by a comma that the
        parse made an apposition of the place or body in its "of"/"at"/"in" phrase; None when there is none.
        Found once per noun: resolving a speaker asks for it three times (entity, role, mention)."""
        if tok.i not in self._holders:
            self._holders[tok.i] = self._find_holder(tok)
        return self._holders[tok.i]

    def _find_holder(self, tok: Token) -> Token | None:
        if not is_role_word(tok) or _plural(tok):
            return None
        index, lemma = self.index, tok.lemma_.lower()
        # (one who speaks or stands for someone, or is related to them, is not that person: "an attorney for Tom
        # Brix, Mark Hale", "the wife of Tom Brix, Anna Brix")
        relative = lemma in AGENTS or lemma in RELATIONS
        preps = {"of", "at", "in", "from", "for", "to"} if lemma in AGENTS else {"of", "at", "in", "from"}
        for p in tok.children:
            if p.dep_ != "prep" or p.lower_ not in preps or p.i < tok.i:
                continue
            for o in p.children:
                ko = index.id_at(o.i)
                if o.dep_ != "pobj" or (ko is not None and index.entities[ko].type == "PERSON" and not relative):
                    continue
                for c in o.children:
                    kc = index.id_at(c.i)
                    if c.dep_ == "appos" and c.i > o.i and c.left_edge.i > 0 and \
                            self.doc[c.left_edge.i - 1].text == "," and kc is not None and \
                            index.entities[kc].type == "PERSON" and self.in_quote[c.i] < 0:
                        return c
        return None

    def _role_at(self, k: int, tok: Token) -> str | None:
        span = self.index.mention_at(tok.i)
        if span is not None and span[0] in self.index.role_at:
            return self.index.role_at[span[0]]
        roles = self.index.entities[k].roles
        return roles[0] if roles else None

    def mention_text(self, tok: Token) -> str:
        doc = self.doc
        span = self.index.mention_at(tok.i)
        if span is not None:
            s, e = span
            while s > 0 and doc[s - 1].lower_.rstrip(".") in HONORIFICS:
                s -= 1
            # a title in front of the name belongs to how the speaker is named: "Kremlin spokesman Dmitry Peskov"
            for (a, b), _k in self.index.role_spans.items():
                if b == s and self.table.sent_bounds(tok.i)[0] <= a:
                    s = a
            return " ".join(doc[s:e].text.split())
        if tok.pos_ == "PRON":
            return tok.text
        left = tok.left_edge.i
        while left < tok.i and (doc[left].is_punct or self.in_quote[left] >= 0):
            left += 1
        right = tok.i + 1
        for c in tok.rights:
            if c.dep_ == "prep" and c.lower_ in {"of", "for", "at", "to"}:
                right = max(right, c.right_edge.i + 1)
            else:
                break
        holder = self._holder_after_role(tok)
        if holder is not None:  # the role's words, not the name after them
            right = min(right, holder.left_edge.i - 1)
        while right > left + 1 and doc[right - 1].is_punct and doc[right - 1].text in {",", ";", ":"}:
            right -= 1  # "the mayor of Eastport," before the name in apposition
        return " ".join(doc[left:right].text.split())

    def role_phrase(self, tok: Token) -> str:
        text = self.mention_text(tok)
        words = text.split()
        while words and words[0].lower() in {"the", "a", "an"}:
            words = words[1:]
        return " ".join(words)

    def relative_org(self, a: int, b: int) -> str | None:
        """The organisation a role relative to one points to: "the company's chief executive", "its chairman"
        -> the organisation the article named last before it (one whose name has that word, when there is)."""
        doc = self.doc
        owner = next((doc[i] for i in range(a, b) if doc[i].dep_ == "poss" and (
            doc[i].lower_ in {"its", "their"} or doc[i].lemma_.lower() in BODY_NOUNS)), None)
        if owner is None or self.index.id_at(owner.i) is not None:
            return None  # no relative owner, or one the article names right there ("Acme's chief executive")
        best, best_key = None, None
        for k, ent in enumerate(self.index.entities):
            if ent.type != "ORG":
                continue
            before = [s for s, _ in self.index.mentions.get(k, ()) if s < a]
            if not before:
                continue
            key = (owner.lower_ in ent.name.lower(), max(before))
            if best_key is None or key > best_key:
                best, best_key = ent.name, key
        return best

    def by_role(self, role: str, tok: Token) -> int | None:
        """The person the article gives this role: "deputy UN ambassador" -> Dmitry Polyansky."""
        if any(c.dep_ == "det" and c.lower_ in {"a", "an", "another", "one", "some", "any"} for c in tok.children):
            return None  # "a spokesman said": someone new, not the spokesman named before
        return self._best_by_role(role, tok, range(len(self.index.entities)))

    def named_after(self, role: str, tok: Token) -> int | None:
        """The person "a spokesman for the ministry" introduces when the article names them only after it, in that
        sentence or the few after, with the role it gave them there ("Kim Lee, spokesman for the ministry,
        said"): the one such person whose role fits as :meth:`by_role` measures it, has every name, nationality and
        party the description has ("a Democratic senator" is not the Republican senator named next, "a spokeswoman
        for Ann Lee" not the spokesman for Tom Hale) and is not of the other gender."""
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
            return None
        here = self.sent_of[tok.i]
        names = _words(" ".join(t.text for t in tok.subtree if t.i != tok.i and (
            t.pos_ == "PROPN" or t.ent_type_ in PERSONISH | BODIES or t.lower_ in PARTIES)))
        gender = gender_of_word(tok.lower_)
        later = []
        for k, spans in self.index.mentions.items():
            if not spans or spans[0][0] <= tok.i or self.sent_of[spans[0][0]] - here > NAMED_AFTER_SENTENCES:
                continue
            ent, g = self.index.entities[k], self.index.genders.get(k)
            if names <= _words(" ".join((*ent.roles, *ent.aliases))) and not (gender and g and g != gender):
                later.append(k)
        return self._best_by_role(role, tok, later)

    def _best_by_role(self, role: str, tok: Token, people: Iterable[int]) -> int | None:
        want = _words(role)
        places = _places_in(tok)
        head = tok.lemma_.lower().rstrip(".")
        head = _ABBREVIATIONS.get(head, head)
        scores: dict[int, float] = {}
        for k in people:
            ent = self.index.entities[k]
            if ent.type != "PERSON":
                continue
            # its roles, and a title written into a name ("Sen. Bernie Sanders")
            for r in (*ent.roles, *(a for a in ent.aliases if a.split()[0].endswith("."))):
                have = _words(r)
                if head not in have and tok.lower_ not in have and any(
                        w <= have for w in OFFICE_SYNONYMS.get(head, ())):
                    have |= {head}  # "the prosecutor" for the person the article called its district attorney
                if (head not in have and tok.lower_ not in have) or not places <= have:
                    continue  # "the Ohio governor" is not the person the article called Florida's governor
                # the role's words; then a mention in the last few sentences, a role with no words beyond the
                # description's ("the attorney" is the one the article called its attorney, not the district
                # attorney), a mention earlier on
                score = len(want & have) / max(1, len(want)) + (0.01 if self._mentioned_before(k, tok.i) else 0) \
                    + (0.05 if self._mentioned_near(k, tok.i) else 0) + 0.04 * len(want & have) / len(want | have)
                scores[k] = max(scores.get(k, 0.0), score)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < 0.5 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None  # no one, or two senators the text does not tell apart
        return ranked[0][0]

    def salient_before(self, i: int, sentences: int) -> Iterator[tuple[int, int, bool, int]]:
        """The mentions outside quotations before token ``i``, nearest first, as (token, entity, is subject,
        sentences back), in that sentence and the ``sentences`` before it; sentences wholly quoted do not count
        towards the reach (a quotation of five sentences keeps the name before it in reach)."""
        here, told = self.sent_of[i], self.told[self.sent_of[i]]
        for j in range(bisect.bisect_left(self._positions, i) - 1, -1, -1):
            tok_i, k, subject = self.salient[j]
            if told - self.told[self.sent_of[tok_i]] > sentences:
                return
            yield tok_i, k, subject, here - self.sent_of[tok_i]

    def _mentioned_near(self, k: int, i: int) -> bool:
        here = self.sent_of[i]
        return any(s < i and here - self.sent_of[s] <= 2 for s, _ in self.index.mentions.get(k, ()))

    def by_description(self, tok: Token) -> int | None:
        """The person a definite description stands for when the text leaves one choice: "Bernie Sanders spoke
        in Ohio. The Vermont senator said …". Only "the"/"this" + a singular person noun with no owner or
        complement that names someone ("the bakery's founder" may stand for someone, "Smith's aide" may not),
        and only when exactly one person (of a compatible gender) is named outside quotations in that sentence or
        the two before it; otherwise nobody."""
        kids = list(tok.children)
        # the article's "the" is the owner's in "the county's prosecutor"
        owners = {c.i: c for c in kids if c.dep_ == "poss" and _common_owner(c)}
        dets = kids + [k for o in owners.values() for k in o.children]
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in dets):
            return None
        # (a clause or apposition set off by commas adds to the description, it does not narrow it: "The 78-year-old,
        # who has led the board since 1998, said")
        # an owner or complement that is a common noun narrows the description without naming anyone else: "the
        # county's prosecutor", "the founder of the bakery" (not "Smith's aide", "the wife of Smith", "her lawyer")
        if any(c.dep_ == "acl" or (c.dep_ == "poss" and c.i not in owners) or (c.dep_ == "prep" and not
               _common_complement(c)) or (c.dep_ in {"relcl", "appos"} and not _set_off(c)) for c in kids) \
                or tok.lower_ in WEAK_PEOPLE or tok.lemma_.lower() in RELATIONS \
                or tok.lower_ in UNNAMED_SOURCES:
            return None
        # "the Russian leader", "the Ohio governor" after a paragraph about someone else: a nationality or a
        # place in the description must be one the article gave that person
        foreign = _places_in(tok)
        gender = gender_of_word(tok.lower_)
        office = _ABBREVIATIONS.get(tok.lower_, tok.lower_) if tok.lower_ in OFFICES else None
        found: set[int] = set()
        nearest, age = None, _age(tok)
        for _, k, _, dist in self.salient_before(tok.i, 2):
            if self.index.entities[k].type != "PERSON":
                continue
            # an age says nothing else of who it is: the person of the nearest sentence that names one ("Brix
            # spoke …. The 78-year-old said")
            if age and nearest is not None and dist > nearest:
                break
            nearest = dist
            g = self.index.genders.get(k)
            if gender and g and g != gender:
                continue
            ent = self.index.entities[k]
            if foreign and not foreign <= _words(" ".join((*ent.roles, *ent.aliases))):
                continue
            if office and ent.roles and not any(office in _words(r) for r in ent.roles):
                continue  # "the senator" is not the person the article calls its presidential nominee
            found.add(k)
        return found.pop() if len(found) == 1 else None

    def _mentioned_before(self, k: int, i: int) -> bool:
        return any(s < i for s, _ in self.index.mentions.get(k, ()))

    def antecedent(self, pron: Token) -> int | None:
        """The entity a pronoun at the cue refers to (None: nobody the article names), chosen by the learned
        pronoun model (:mod:`~generator.extract.quotes.pronouns`) among the candidates the rules admit."""
        return pronouns.choose(self, pron, self.rule_antecedent(pron))

    def rule_antecedent(self, pron: Token) -> int | None:
        """The entity a pronoun at the cue most likely refers to, by hand-set weights (the model's baseline)."""
        low = pron.lower_
        if low in FIRST:
            return None
        want_types = PERSONISH if low in MALE | FEMALE else BODIES if low in THING else PERSONISH | {"ORG"}
        gender = "m" if low in MALE else "f" if low in FEMALE else None
        here = self.sent_of[pron.i]
        best, best_score = None, None
        recent_speakers = {k for t, k in self.last_speakers[-3:] if self.sent_of[t] >= here - 3}
        last_speaker = self.last_speakers[-1][1] if self.last_speakers else None
        for _, k, subj, dist in self.salient_before(pron.i, LOOKBACK_SENTENCES):
            ent = self.index.entities[k]
            if ent.type not in want_types:
                continue
            if low in PLURAL and ent.type == "PERSON":
                continue
            g = self.index.genders.get(k)
            if gender and g and g != gender:
                continue
            bonus = 1.5 if k == last_speaker else 1.0 if k in recent_speakers else 0.0
            score = (0.0 if not gender or g == gender else 2.5) + dist * 2.0 + (0.0 if subj else 1.5) - bonus
            if best_score is None or score < best_score:
                best, best_score = k, score
        if best is None and last_speaker is not None and low in MALE | FEMALE:
            g = self.index.genders.get(last_speaker)
            if not (gender and g and g != gender) and self.index.entities[last_speaker].type == "PERSON":
                best = last_speaker
        return best

    def note_speaker(self, tok_i: int, entity_id: int | None) -> None:
        if entity_id is not None:
            self.last_speakers.append((tok_i, entity_id))


def addressed_by(t: DocTable, i: int, cue: int | None) -> bool:
    """Token ``i`` is in the object of a cue that addresses or names someone, or after its "to"/"with": spoken to
    or of, never the one speaking ("told AFP", "called Mayor Tom Reyes "flexible"", "said to reporters").

    Except in an inverted frame: a cue right after the quotation, with no subject of its own and no quotation after
    the name, speaks through the name after it, which the parse may have made its object ('"Is it safe?" asked
    the mayor.')."""
    if cue is None:
        return False
    while t.dep[i] in {"compound", "flat"} and t.head[i] != i:
        i = t.head[i]
    h = t.head[i]
    if h == cue:
        if t.dep[i] not in {"dobj", "dative", "iobj", "oprd"} or t.lemma[cue] not in ADDRESSING:
            return False
        inverted = cue > 0 and t.doc[cue - 1].is_quote and not any(
            t.dep[c] in SUBJECTS for c in t.children[cue]) and not _quotation_after(t, i)
        return not inverted
    return t.dep[i] == "pobj" and t.head[h] == cue and t.lower[h] in {"to", "with"}


def _quotation_after(t: DocTable, i: int) -> bool:
    """A quotation mark right after the phrase headed by token ``i``."""
    end = t.doc[i].right_edge.i + 1
    return end < t.n and t.doc[end].is_quote


def is_body(tok: Token) -> bool:
    """An organisation or public body named by a common noun ("police", "the transport department"):
    an identified speaker even when the article gives it no name."""
    return tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in BODY_NOUNS and not is_role_word(tok) \
        and not any(c.dep_ == "det" and c.lower_ in {"a", "an", "some", "any", "another"} for c in tok.children)


def _may_be(kind: str, name: str) -> bool:
    """Whether an organisation of this name may be what a description of this kind stands for: its name has a
    word of that kind ("the agency": the Border Guard Service) or no word of another ("the group" is not the
    Ministry of Foreign Affairs)."""
    return _kind_in_name(kind, name) or not _name_words(name) & (BODY_NOUNS | ORG_DESCRIPTIONS)


def _kind_in_name(kind: str, name: str) -> bool:
    """The organisation's name says it is of this kind: "Acme Corp" for "the company", "the Border Guard Service"
    for "the agency"."""
    return bool(_name_words(name) & KIND_WORDS.get(kind, {kind}))


def _name_words(name: str) -> set[str]:
    return {w.lower().rstrip(".,") for w in name.split()}


def _bare_description(tok: Token) -> bool:
    """"the company", "the agency" with nothing of its own to tell which: a stand-in for an organisation named
    elsewhere, not a name to show ("police", "the county council", "the U.N. agency" are)."""
    return tok.lemma_.lower() in ORG_DESCRIPTIONS and \
        not any(c.dep_ in {"compound", "amod", "poss", "nmod", "prep", "npadvmod"} for c in tok.children)


#: entity labels a name as written may carry: none, or one the index left out (a website taken for a work of art)
_NAME_LABELS = {"", "PERSON", "ORG", "WORK_OF_ART", "PRODUCT"}


def body_name(mention: str) -> str:
    """A body's words without the article in front: "the county council" -> "county council"."""
    words = mention.split()
    while len(words) > 1 and words[0].lower() in _STOP:
        words = words[1:]
    return " ".join(words)


#: other words for an office, as sets of a role's words: a description by one ("the county's prosecutor") stands for
#: the person the article gave the other ("Orange County District Attorney Ann Lee")
_LAWMAKERS = ({"senator"}, {"representative"}, {"legislator"}, {"lawmaker"}, {"mp"}, {"assemblyman"},
              {"assemblywoman"}, {"assemblymember"}, {"councilman"}, {"councilwoman"}, {"councillor"}, {"councilor"},
              {"alderman"}, {"delegate"}, {"state", "senator"})
OFFICE_SYNONYMS: dict[str, tuple[set[str], ...]] = {
    "prosecutor": ({"district", "attorney"}, {"attorney", "general"}, {"state", "attorney"}, {"da"},
                   {"us", "attorney"}, {"solicitor", "general"}, {"crown", "attorney"}),
    "lawmaker": _LAWMAKERS,
    "legislator": _LAWMAKERS,
    "lawyer": ({"attorney"}, {"counsel"}, {"solicitor"}, {"barrister"}),
    "attorney": ({"lawyer"}, {"counsel"}),
    "envoy": ({"ambassador"},),
    "ambassador": ({"envoy"},),
    "physician": ({"doctor"}, {"surgeon"}, {"dr"}),
    "doctor": ({"physician"}, {"surgeon"}, {"dr"}),
    "executive": ({"ceo"}, {"cfo"}, {"coo"}),
    "ceo": ({"chief", "executive"},),
    "judge": ({"justice"}, {"magistrate"}),
    "justice": ({"judge"},),
}
#: title abbreviations, so "Vermont Sen." is a role of "the Vermont senator"
_ABBREVIATIONS = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant",
                  "sgt": "sergeant", "col": "colonel", "capt": "captain", "atty": "attorney", "supt": "superintendent",
                  "pres": "president", "sec": "secretary", "congressman": "representative",
                  "congresswoman": "representative"}


def _words(text: str) -> set[str]:
    import re

    out = set()
    for w in re.findall(r"[\w-]+", text.lower().replace("\u2019", "'").replace(".", "")):
        if w in _STOP or w in {"s", "'s", "of", "for"}:
            continue
        out.add(_ABBREVIATIONS.get(w, w))
    return out


def _span_head(doc: Doc, s: int, e: int) -> int:
    for i in range(s, e):
        h = doc[i].head.i
        if not (s <= h < e) or h == i:
            return i
    return e - 1


def _set_off(t: Token) -> bool:
    """A clause or apposition after its noun with a comma in front: "the senator, who …", "the judge, a Democrat,"."""
    i = t.left_edge.i
    return t.i > t.head.i and i > 0 and t.doc[i - 1].text == ","


def _common_owner(t: Token) -> bool:
    """An owner in front of a description that names nobody: "the county's", "the company's" (not "Smith's",
    "her", "Acme's")."""
    return t.pos_ == "NOUN" and not t.ent_type_ and all(
        w.pos_ in {"DET", "NOUN", "ADJ", "PART", "PUNCT"} and not w.ent_type_ for w in t.subtree)


def _common_complement(t: Token) -> bool:
    """A complement after a description that names no person: "of the bakery", "for North Korea", "at the
    Huffington Post" (not "of Smith", "to the senator")."""
    return t.lower_ in {"of", "for", "at"} and any(c.dep_ == "pobj" for c in t.children) and not any(
        w.ent_type_ == "PERSON" or w.pos_ == "PRON" or is_role_word(w) for w in t.subtree)


def _age(tok: Token) -> bool:
    """"the 78-year-old" (one token or "78 - year - old"): a person described by age alone."""
    doc = tok.doc
    return tok.lower_.endswith("-year-old") or (tok.lower_ == "old" and tok.i >= 2 and doc[tok.i - 1].text == "-"
                                               and doc[tok.i - 2].lower_ == "year")


def _plural(tok: Token) -> bool:
    """A plural noun ("experts", "supporters"); "police", "staff" count as bodies, not as plurals here."""
    return tok.tag_ in {"NNS", "NNPS"} or "Plur" in tok.morph.get("Number")


def _places_in(tok: Token) -> set[str]:
    """The nationalities and places in a description before its head ("the Russian leader", "the Ohio
    governor"), party words aside: a person it stands for must have been given them."""
    return {c.lower_.replace(".", "") for c in tok.subtree if c.i < tok.i and c.ent_type_ in {"NORP", "GPE", "LOC"}} \
        - PARTIES
