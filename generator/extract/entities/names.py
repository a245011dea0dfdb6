"""Given names with a clear grammatical gender, for pronoun resolution ("she said").

A fallback only: the article's own evidence (Mr/Mrs, spokeswoman, the pronouns that follow a
name) decides first; a name missing here just leaves the gender unknown. Two sources: the hand
list below (common English names) and ``given_names.json``, the names whose bearers in the shared
news corpora show one gender (learned by :mod:`generator.extract.entities.train_names`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from generator.errors import FactsheetError

MALE_NAMES = frozenset("""
aaron abdul adam adrian ahmed alan albert alberto alexander alexei alexey alfred ali andrew andrei andres
andy angelo anthony antonio antony arnold arthur barack barry ben benjamin bernard bernie bill billy bob
bobby boris brad bradley brandon brian bruce bryan carl carlos charles charlie chris christopher chuck
clarence colin craig dale dan daniel danny darren dave david dean dennis derek dick dimitri dmitri dmitry
dmytro don donald doug douglas duncan dwight ed eddie edward elijah emmanuel eric ernest eugene evan
francis francisco frank franklin fred frederick gary gavin geoffrey george gerald giuseppe glenn gordon
graham greg gregory guy hakeem hank harold harry harvey hassan henry herbert howard hugh hunter ian
igor isaac ivan jack jacob jake james jared jason jeb jeff jeffrey jeremy jerome jerry jesse jim
jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan julian justin karl keith ken
kenneth kevin larry lawrence leo leon leonard louis luis luke malcolm marco marcus
mario mark martin matt matthew maurice max michael miguel mike mikhail mitch mitt mohammed muhammad
nathan neil nicholas nick nigel noah norman oliver omar oscar owen patrick paul pedro pete peter phil
philip pierre rafael ralph randy raul ray raymond reince rex richard rick rob robert rodrigo roger roland
ron ronald ross roy rudy russell ryan sam samuel scott sean sergei sergey seth shawn simon stanley
stephen steve steven stuart ted terry thomas tim timothy todd tom tommy tony travis trevor tyler
vladimir walter wayne wesley william willie xi yuri zach zachary
""".split())  # noqa: SIM905 - a long word list reads best as plain text

FEMALE_NAMES = frozenset("""
abigail ada adriana alexandra alice alicia alison amanda amber amy ana angela angelina anita
ann anna anne annie april ashley barbara beatrice becky betsy betty beverly brenda bridget brittany
carly carmen carol caroline carolyn catherine cathy charlotte chelsea cheryl christina christine
cindy claire clara claudia colleen condoleezza courtney cynthia danielle deborah debbie debra
denise diana diane donna doris dorothy edith eileen elaine eleanor elena elisabeth elise elizabeth
ellen emily emma erica erin eva evelyn fiona frances gabrielle gail gina gloria grace hannah heather
heidi helen hillary hope irene isabel jackie jacqueline jane janet janice jeanne jennifer jessica
jill joan joanna joanne jodi josephine joy joyce judith judy julia julie karen kate katherine kathleen
kathryn kathy katie kayleigh kellyanne kelly kimberly kirsten kristen laura lauren leah linda lisa
liz lois loretta lori louise lucy lynn madeleine maria marie marilyn marion martha mary maxine megan
melania melanie melissa michele michelle mildred monica nancy naomi natalie nicole nikki nina
olivia pam pamela patricia patty paula peggy penny rachel rebecca regina rita roberta rosa
rose ruth sally samantha sandra sara sarah sharon shirley sophia sophie stacey stephanie sue susan
suzanne sylvia tamara tammy teresa theresa tiffany tina tracy ursula valerie vanessa victoria
virginia wanda wendy yvonne zoe
""".split())  # noqa: SIM905 - a long word list reads best as plain text


#: given names borne by men in one language and women in another (Andrea, Nicola in Italian; Jean in French): no
#: gender to go by, whatever the hand list or the corpora say
ACROSS_LANGUAGES = frozenset({"andrea", "jean", "nicola", "robin", "jamie"})

#: given names whose bearers in the shared news corpora show one gender (``make train-names`` writes it)
LEARNED = Path(__file__).with_name("given_names.json")
_LEARNING = False


def hand_gender(first: str) -> str | None:
    """"m", "f" or None for a given name of the hand list above."""
    w = first.lower().strip(".")
    if w in MALE_NAMES:
        return "m"
    if w in FEMALE_NAMES:
        return "f"
    return None


@lru_cache(maxsize=2)
def learned(path: Path = LEARNED) -> dict[str, str]:
    """The learned names, name -> "m" / "f"; a missing or unreadable file is an error naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {**dict.fromkeys(data["m"], "m"), **dict.fromkeys(data["f"], "f")}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise NamesError(f"{path}: can't read the learned given names ({exc}); "
                         "rebuild them with: make train-names") from None


def name_gender(first: str) -> str | None:
    """"m", "f" or None for a given name: the hand list first, then the names learned from the corpora."""
    if first.lower().strip(".") in ACROSS_LANGUAGES:
        return None
    g = hand_gender(first)
    if g is not None or _LEARNING:
        return g
    return learned().get(first.lower().strip("."))


@contextmanager
def learned_off() -> Iterator[None]:
    """While learning the names, genders come from the hand list and the articles only."""
    global _LEARNING
    prev, _LEARNING = _LEARNING, True
    try:
        yield
    finally:
        _LEARNING = prev


class NamesError(FactsheetError):
    """The learned given names file is missing or unreadable."""

    kind = "names"
