"""Names compared across articles: one way to fold a name, one way to find a person's name in it.

Two articles rarely write a name the same way: "U.S." and "US", "Secretary Blinken" and
"Antony J. Blinken", "Peskov's" and "Peskov". :func:`fold` makes the first kind equal;
:func:`person_parts` strips titles and suffixes so that a person's first name and surname can be
compared. The registry merges entries with them and the stories tell speakers apart with them.
:func:`name_key` is the stricter key a page looks a name up by within one sheet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: words in front of a name that are not part of it, across articles: honorifics, offices, and words that
#: qualify an office ("former", "vice", "prime"). Broader than the extractor's HONORIFICS
#: (generator.extract.entities.roles), which only strips "Mr", "Dr"... within one article, where an office is
#: a role to record; "mme", "mlle" and "messrs", which that list has, are not here: adding them would change
#: which registry entries merge (e.g. "Messrs. Drabinsky" would become a bare surname).
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "president",
    "vice", "secretary", "senator", "sen", "rep", "representative", "congressman", "congresswoman", "gov",
    "governor", "mayor", "minister", "prime", "chancellor", "general", "gen", "col", "colonel", "judge",
    "justice", "pope", "king", "queen", "prince", "princess", "rev", "reverend", "former", "state", "chief",
    "ambassador", "commissioner", "director", "speaker", "leader", "candidate", "nominee", "the", "sheriff",
    "attorney", "officer", "captain", "capt", "lt", "sgt", "deputy", "defence", "defense", "foreign",
})
#: words after a name that are not part of it
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@lru_cache(maxsize=65536)  # the same few thousand names are compared again and again across sheets
def fold(text: str) -> str:
    """A name folded for comparison: no accents, case, dots, possessive, "the", or punctuation."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text).replace(".", "").replace("&", " and ")
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def person_parts(name: str) -> list[str]:
    """A person's name without titles and suffixes: "Secretary of State Antony J. Blinken" -> [antony, j, blinken]."""
    name = re.sub(r"^(?:[a-z][\w'’-]*\s+)+(?=[A-Z])", "", name.strip())  # "a Mitt Romney", "pro-Clinton"
    words = fold(name).split()
    while words and (words[0] in TITLES or words[0] == "of"):
        words = words[1:]
    while words and words[-1] in SUFFIXES:
        words = words[:-1]
    return words


def first_names_agree(a: str, b: str) -> bool:
    """"Antony" and "Antony", or an initial and the name it starts ("A" and "Antony")."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def same_person(a: list[str], b: list[str]) -> bool:
    """Two full names (as :func:`person_parts`) of one person: the same surname and agreeing first names."""
    return len(a) >= 2 and len(b) >= 2 and a[-1] == b[-1] and first_names_agree(a[0], b[0])


def name_key(name: str) -> str:
    """How a page looks up a name used in one sheet: as written, but for case and surrounding spaces.

    Stricter than :func:`fold` on purpose: within a sheet the names are the extractor's own, so
    "U.S." and "US" there are two names the sheet lists (or one it lists as the other's alias).
    """
    return name.strip().casefold()
