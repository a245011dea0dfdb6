"""Learn given names' genders from the shared news corpora: ``given_names.json`` beside this module.

    python -m generator.extract.entities.train_names --shared ../shared [--out FILE]

The hand list in :mod:`generator.extract.entities.names` holds common English given names; news names
many people it misses ("Newt", "Ivanka", "Arturo"), and then "…," she said has no gender to go by. Here the
training corpora (cnn-train and polnear-train; never polnear-dev, where the pronoun model is judged) are
parsed once (cached as a DocBin) and each person named in full gets the gender the article itself shows:
Mr/Ms, a gendered role ("spokeswoman"), the pronouns that follow a lone mention. The learned list is off
while this runs, so a name's gender never comes from the list being made. A given name not in the hand
list is kept when at least :data:`MIN_PEOPLE` different people (article and person) bear it and at least
:data:`MIN_SHARE` of them show the same gender. Deterministic: the same corpora give the same file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from generator.extract.entities import names
from generator.extract.entities.roles import FEMALE_WORDS, HONORIFICS, MALE_WORDS, ROLE_NOUNS

DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
CORPORA = ("cnn-train", "polnear-train")
MIN_PEOPLE = 3
MIN_SHARE = 0.9


#: words in front of a name that are titles, not given names ("Pope Francis", "Gen. Mattis", "Cardinal Law")
TITLES = HONORIFICS | ROLE_NOUNS | MALE_WORDS | FEMALE_WORDS | {
    "gen", "lt", "col", "capt", "sgt", "adm", "sen", "rep", "gov", "pres", "cardinal", "monsignor", "pope", "rev",
    "father", "sister", "brother", "imam", "rabbi", "sheikh", "justice", "judge", "al", "el", "van", "von", "de", "du"}


def votes(docs) -> tuple[dict[str, Counter], Counter]:
    """For each given name (lower case), how many people of each gender the articles show bearing it; and how
    often each word ends a person's name (a surname: "Trump", "Holmes" are not given names)."""
    from generator.extract.entities.entities import extract_entities

    out: dict[str, Counter] = defaultdict(Counter)
    surnames: Counter = Counter()
    with names.learned_off():
        for doc in docs:
            index = extract_entities(doc)
            for k, ent in enumerate(index.entities):
                words = ent.name.split()
                if ent.type != "PERSON" or len(words) < 2:
                    continue
                surnames[words[-1].lower()] += 1
                g = index.genders.get(k)
                first = words[0].lower()
                if g is not None and first.isalpha() and len(first) > 1 and words[0][:1].isupper() \
                        and names.hand_gender(first) is None:
                    out[first][g] += 1
    return out, surnames


def choose(counts: dict[str, Counter], surnames: Counter | None = None) -> dict[str, str]:
    """The names whose bearers agree: at least MIN_PEOPLE people, MIN_SHARE of them one gender; never a title
    word, nor a word that ends people's names at least as often as it begins them."""
    surnames = surnames or Counter()
    out = {}
    for name, c in sorted(counts.items()):
        (g, n), *_ = c.most_common()
        total = sum(c.values())
        if total >= MIN_PEOPLE and n / total >= MIN_SHARE and name not in TITLES and surnames[name] < total \
                and name not in names.ACROSS_LANGUAGES:
            out[name] = g
    return out


def main(argv: list[str] | None = None) -> int:
    from generator.extract.quotes.train import DEFAULT_CACHE, parse_cached
    from generator.inputs.files import read_jsonl
    from generator.model import Article

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (corpus/ under it)")
    ap.add_argument("--out", type=Path, default=names.LEARNED, help="where to write the names (JSON)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the parse cache")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles of each corpus")
    args = ap.parse_args(argv)
    counts: dict[str, Counter] = defaultdict(Counter)
    surnames: Counter = Counter()
    articles = 0
    for corpus in CORPORA:
        path = args.shared / "corpus" / corpus / "articles.jsonl"
        if not path.is_file():
            print(f"train_names: no {path} (give --shared)", file=sys.stderr)
            return 2
        texts = [a.text for a in read_jsonl(path) if isinstance(a, Article)][:args.limit]
        articles += len(texts)
        found, ends = votes(parse_cached(texts, args.cache))
        for name, c in found.items():
            counts[name].update(c)
        surnames.update(ends)
    chosen = choose(counts, surnames)
    data = {"about": {"corpora": list(CORPORA), "articles": articles, "min_people": MIN_PEOPLE,
                      "min_share": MIN_SHARE},
            "m": sorted(n for n, g in chosen.items() if g == "m"),
            "f": sorted(n for n, g in chosen.items() if g == "f")}
    args.out.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['m'])} male and {len(data['f'])} female given names "
          f"from {articles} articles ({len(counts)} names seen outside the hand list)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
