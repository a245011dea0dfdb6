"""Attribution cues: the words that say someone said, wrote or thinks something.

A cue is a verb that introduces speech ("said", "dismissed ... as", "assured ... that") or
stance ("believes", "warned"). The lexicon below lists lemmas; :func:`is_cue` also accepts a
verb outside it when the syntax shows it reports something (it takes a clausal complement
and has a subject), so new cue verbs are found without adding them here.
"""

from __future__ import annotations

from spacy.tokens import Token

#: verbs of saying: they introduce quotations and reported speech
SPEECH = {
    "say", "tell", "add", "state", "note", "explain", "argue", "claim", "insist", "warn", "assure", "complain",
    "reply", "respond", "answer", "retort", "counter", "ask", "dismiss", "deny", "confirm", "announce", "declare",
    "write", "tweet", "post", "suggest", "recall", "acknowledge", "admit", "concede", "contend", "maintain",
    "stress", "emphasize", "emphasise", "predict", "promise", "vow", "pledge", "urge", "describe", "call", "label",
    "brand", "dub", "term", "characterize", "characterise", "praise", "criticize", "criticise", "accuse",
    "blast", "slam", "lament", "quip", "joke", "muse", "recount", "report", "reveal", "disclose", "testify",
    "agree", "object", "protest", "observe", "remark", "comment", "conclude", "assert", "allege", "charge",
    "demand", "wonder", "threaten", "caution", "advise", "inform", "notify", "proclaim", "repeat", "reiterate",
    "indicate", "estimate", "forecast", "signal", "hint", "imply", "concur", "echo", "affirm", "attest",
    "certify", "guarantee", "mention", "tout", "condemn", "denounce", "decry", "deplore", "reject", "rebuff",
    "refute", "rebut", "dispute", "contest", "defend", "justify", "apologize", "apologise", "confess",
    "grumble", "gripe", "scoff", "mock", "insinuate", "speculate", "theorize", "posit", "propose", "recommend",
    "request", "implore", "plead", "summarize", "summarise", "elaborate", "clarify", "specify", "recite",
    "quote", "cite", "pronounce", "surmise", "show", "find", "boast", "brag", "lash",
}
#: verbs of saying whose subject is someone speaking, whatever the noun: unlike "show", "find", "suggest" or "signal",
#: which things do too ("the data show")
SAYING = {"say", "tell", "add", "state", "claim", "insist", "argue", "deny", "announce", "assert", "declare",
          "explain", "acknowledge", "admit", "reply", "respond", "warn", "testify", "write", "complain", "contend",
          "allege", "concede", "tweet", "recall", "promise", "vow", "pledge", "stress", "emphasize", "emphasise"}

#: verbs of saying that also mean showing: "the data show", "Hale shows "great courage""
EVIDENTIAL = {"show", "find", "indicate", "reveal", "suggest", "signal", "imply", "demonstrate"}

#: verbs whose object is who was told or asked, never the subject of what was said
PERSON_OBJECT = {"tell", "ask", "inform", "assure", "warn", "remind", "urge", "promise", "advise", "notify",
                 "persuade", "convince", "caution", "brief", "teach", "show"}

#: verbs that say what someone was charged with through an object and "of": "accused X of lying"
ACCUSING = {"accuse"}
#: verbs that say what someone was urged to do through an object and a "to" clause: "urged X to resign",
#: "called on X to resign"
DIRECTIVE = {"urge", "ask", "call", "press", "implore", "beg", "exhort", "encourage", "warn", "advise"}
#: verbs that say what the speaker undertook through a "to" clause: "vowed to fight on"
COMMISSIVE = {"vow", "pledge", "promise", "threaten"}

#: verbs whose noun object is what was said: "announced a cease-fire", "revealed the plan", "cited a study" (not
#: verbs of judging, whose object is what they judge: "criticized the ruling", "rejected the offer"; kept where
#: at least three in four such objects on PolNeAR train are annotated as what was said)
NOUN_CONTENT = {"announce", "acknowledge", "admit", "confirm", "reveal", "disclose", "propose", "recommend", "demand",
                "mention", "cite", "allege"}
#: verbs that report a description through an object and "as": "described him as a killer"
AS_CONTENT = {"describe", "portray", "characterize", "characterise", "depict"}

#: what a news outlet does to the news it carries: "CNN has reported", "the Post revealed"
REPORTING = {"report", "reveal", "publish", "broadcast", "air", "obtain", "learn", "break"}

#: verbs that attribute a quotation standing next to them but never introduce reported speech
MANNER = {
    "shout", "yell", "scream", "cry", "whisper", "mutter", "murmur", "sigh", "laugh", "smile", "chuckle",
    "snap", "thunder", "exclaim", "interject", "interrupt", "continue", "begin", "go", "chime", "sing", "chant",
    "read", "moan", "fume", "rail", "rant", "sneer", "taunt", "tease", "joke", "quip", "muse", "beg", "pray",
    "swear", "hail", "applaud", "welcome", "thank", "congratulate", "ridicule", "wrap", "conclude", "put",
    "narrate", "intone", "gush", "marvel", "rave", "bellow", "deadpan", "growl", "snarl",
}
#: verbs of thinking and knowing: they attribute a stance rather than words
STANCE = {
    "believe", "think", "feel", "know", "hope", "fear", "expect", "worry", "doubt", "suspect", "understand",
    "learn", "hear", "realize", "realise", "recognize", "recognise", "assume", "presume", "reckon", "guess",
    "figure", "imagine", "consider", "judge", "decide", "determine", "conclude", "agree", "want", "wish",
}
#: cues that never introduce someone's words even with a clause after them
NOT_CUES = {"be", "have", "do", "make", "get", "take", "give", "see", "look", "seem", "appear", "become",
            "mean", "use", "try", "keep", "let", "help", "need", "like", "start", "stop", "happen", "remain"}
#: nouns that carry an attribution: "in a statement", "his claim that", "delivered a blunt message:"
NOUN_CUES = {"statement", "interview", "tweet", "post", "speech", "remarks", "comment", "comments", "letter",
             "release", "briefing", "conference", "memo", "email", "message", "video", "op-ed", "column",
             "testimony", "report", "claim", "assertion", "warning", "promise", "pledge", "announcement",
             "retort", "reply", "response", "answer", "question", "rebuke", "advice", "explanation", "verdict",
             "argument", "case", "point", "note", "reminder", "plea", "appeal", "line", "words", "assessment",
             "prediction", "thought", "thoughts", "view", "opinion", "quip", "joke", "remark", "observation",
             "criticism", "complaint", "defense", "defence", "apology", "vow", "threat", "ultimatum", "summary"}

#: verbs of saying made of a verb and its particle: "points out that", "fired back that", "spelled out"
PHRASAL = {("point", "out"), ("fire", "back"), ("hit", "back"), ("shoot", "back"), ("spell", "out"),
           ("lay", "out"), ("write", "back"), ("call", "out"), ("sound", "off")}

SUBJECTS = {"nsubj", "nsubjpass"}


def subject_word(tok: Token) -> Token | None:
    """The subject a mention stands as: itself, or the subject it is in apposition, compound or conjunction with
    ("The minister, Kim Lowe, spoke": "minister"); None for a mention that is no subject."""
    if tok.dep_ in SUBJECTS:
        return tok
    if tok.dep_ in {"appos", "compound", "conj"} and tok.head.dep_ in SUBJECTS:
        return tok.head
    return None


def has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in tok.children)


def manner_only(lemma: str) -> bool:
    """A verb of manner and not of saying ("shouted", "went"): it utters only words right beside it."""
    return lemma in MANNER and lemma not in SPEECH


def is_speech_verb(tok: Token) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ in {"VERB", "AUX"} and (lemma in SPEECH or lemma in MANNER) and lemma not in NOT_CUES


def is_cue(tok: Token, *, stance: bool = True) -> bool:
    """A verb that attributes words (or, with ``stance``, a belief) to its subject."""
    if tok.pos_ not in {"VERB", "AUX"} and tok.tag_ not in {"VBD", "VBZ", "VBP", "VBN", "VBG", "VB"}:
        return False
    lemma = tok.lemma_.lower()
    if lemma in NOT_CUES or _is_naming(tok):
        return False
    if lemma in SPEECH or (stance and (lemma in STANCE or lemma in MANNER)):
        return True
    # (the particle may be parsed as an adverb where it ends a lead-in: "shot back, "…"", "fired back: …")
    if any((c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1 and c.i + 1 < len(c.doc)
                                and c.doc[c.i + 1].text in {",", ":"}))
           and (lemma, c.lower_) in PHRASAL for c in tok.children):
        return True
    # a verb outside the lexicon that reports a clause: "X quipped that ...", "X fired back that ..."; not
    # "it turns out that ..." (no one speaks) nor "is spending more now that ..." (a time, not a content)
    return tok.pos_ == "VERB" and _speaking_subject(tok) and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" and not _that_of_adverb(m)
                                  for m in c.children) for c in tok.children)


#: words that make a following "that" an adverbial subordinator: "now that", "so that", "such that"
THAT_ADVERBS = {"now", "so", "such", "except", "given", "provided", "in", "save"}


def _speaking_subject(tok: Token) -> bool:
    """A subject that can be the one who speaks: not the empty "it" or "there" of "it turns out that"."""
    return any(c.dep_ in SUBJECTS and c.lower_ not in {"it", "there"} for c in tok.children) and not any(
        c.dep_ == "expl" for c in tok.children)


def _that_of_adverb(mark: Token) -> bool:
    return mark.i > 0 and mark.doc[mark.i - 1].lower_ in THAT_ADVERBS


def _is_naming(tok: Token) -> bool:
    """"so-called", "a group called X", "the so-termed": naming, not speaking."""
    if tok.lemma_.lower() not in {"call", "dub", "term", "label", "brand", "name", "nickname", "title"}:
        return False
    doc = tok.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and (prev.lower_ == "so" or (prev.text == "-" and tok.i > 1 and doc[tok.i - 2].lower_ == "so")):
        return True
    return tok.tag_ == "VBN" and tok.dep_ in {"acl", "amod", "relcl"} and not any(
        c.dep_ in SUBJECTS for c in tok.children)


#: passive cues whose subject is still the speaker: "X was quoted as saying", "X was heard telling"
SPEAKER_PASSIVES = {"quote", "cite", "hear", "overhear", "record", "film", "catch", "tape"}


def passive_agent(tok: Token) -> Token | bool | None:
    """For a passive cue ("was asked by the host", "labelled a hoax by critics", "were told that ..."), the head
    of its by-agent, or None when no one is named: its subject is who was asked, told or described, never
    the speaker. False for a cue that is not passive (or whose passive subject still speaks, "was quoted")."""
    if tok.lemma_.lower() in SPEAKER_PASSIVES or tok.tag_ != "VBN":
        return False
    # a bare participle after a noun counts only with its by-agent: the parse makes many a past tense one
    passive = any(c.dep_ in {"auxpass", "nsubjpass", "csubjpass"} for c in tok.children) or (
        tok.dep_ in {"acl", "relcl"} and any(c.dep_ == "agent" for c in tok.children))
    if not passive:
        return False
    for c in tok.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def according_to(tok: Token) -> Token | None:
    """For the "according" of "according to X", the head of X."""
    if tok.lower_ != "according":
        return None
    for c in tok.children:
        if c.lower_ == "to":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for p in nxt.children:
            if p.dep_ == "pobj":
                return p
        if nxt.i + 1 < len(tok.doc):
            return tok.doc[nxt.i + 1]
    return None
