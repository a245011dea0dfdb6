"""Train the pronoun model (:mod:`generator.extract.quotes.pronouns`) on referents a reader marked.

    python -m generator.extract.quotes.train_pronouns --shared ../shared [--labels FILE] [--out WEIGHTS]

The labels (``quality/labels/pronouns.jsonl``, one JSON object a line) name, for a speaking pronoun of a
shared corpus article, who it stands for: ``{"corpus", "id", "span", "pronoun", "referent"}``, where ``span``
is the quotation's character range in the article as the command line reads it, and ``referent`` the
referent's name as the article gives it, or null when the article never names it ("they" of the officers).
The articles are read from ``SHARED/corpus/CORPUS/articles.jsonl`` and parsed once (cached as a DocBin, as
:mod:`~generator.extract.quotes.train` does); extraction runs with the rules deciding, and every pronoun they
resolve is recorded with its candidates. A label is paired with the recorded pronoun of the same word in the
quotation's sentences (or the one before) nearest the quotation; a candidate is right when its canonical name
and the referent share every word of the shorter of the two (titles aside), the choice of nobody when the
referent is null.

The model is fitted on the labels of the training corpora (``cnn-train``, ``polnear-train``) only; those of
``polnear-dev`` are held out and the report compares the rules and the model there. Fitting is deterministic
(full-batch gradient descent from zero, the same as the speaker linker's).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np

from generator.extract.quotes import pronouns
from generator.extract.quotes.train import DEFAULT_CACHE, fit, parse_cached

LABELS = Path(__file__).resolve().parents[3] / "quality" / "labels" / "pronouns.jsonl"
DEFAULT_SHARED = Path(__file__).resolve().parents[3].parent / "shared"
HELD_OUT = {"polnear-dev"}
_TITLES = {"the", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "of", "and"}


def read_labels(path: Path) -> list[dict]:
    """The labels, each checked for its fields (a bad line stops training with its number)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
        except ValueError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})") from None
        missing = [f for f in ("corpus", "id", "span", "pronoun", "referent") if f not in d]
        if missing:
            raise SystemExit(f"{path}:{n}: missing field(s) {', '.join(missing)}")
        out.append(d)
    return out


def read_articles(shared: Path, corpus: str, ids: set[str]) -> dict[str, str]:
    """Article texts by id, as the command line reads them (so character spans agree with the sheets')."""
    from generator.inputs.files import read_jsonl
    from generator.model import Article

    path = shared / "corpus" / corpus / "articles.jsonl"
    if not path.is_file():
        raise SystemExit(f"train_pronouns: no {path} (give --shared)")
    all_ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = [a for a in read_jsonl(path) if isinstance(a, Article)]
    return {i: a.text for i, a in zip(all_ids, arts, strict=True) if i in ids}


def name_words(name: str | None) -> set[str]:
    text = re.sub(r"['’]s\b", "", name or "").lower()
    return set(re.findall(r"[a-z0-9]+", text)) - _TITLES


def is_right(name: str | None, referent: str | None) -> bool:
    """A candidate's canonical name (None: nobody) against the reader's referent (None: nobody named)."""
    if referent is None or name is None:
        return referent is None and name is None
    a, b = name_words(name), name_words(referent)
    return bool(a and b) and (a <= b or b <= a)


def pair(label: dict, recorded: list) -> tuple | None:
    """The recorded pronoun a label speaks of: same word, in the quotation's sentences or the one before,
    nearest the quotation."""
    s, e = label["span"]
    best, best_d = None, None
    for rec in recorded:
        pron = rec[0]
        if pron.lower_ != label["pronoun"]:
            continue
        lo, hi = pron.sent.start_char, pron.sent.end_char
        overlaps = lo <= e and hi >= s - 3  # the pronoun's sentence holds (part of) the quotation
        just_before = hi <= s and s - hi < 400  # or ends shortly before it ('He said: … "…"')
        if not (overlaps or just_before):
            continue
        d = 0 if s <= pron.idx < e else min(abs(pron.idx - s), abs(pron.idx - e))
        if best_d is None or d < best_d:
            best, best_d = rec, d
    return best


def collect(shared: Path, labels: list[dict], cache: Path) -> list[dict]:
    """One record per label: the candidates' features, which are right, and the rules' pick."""
    from generator.extract.entities.entities import extract_entities
    from generator.extract.quotes.quotes import extract_quotes

    out = []
    for corpus in sorted({d["corpus"] for d in labels}):
        mine = [d for d in labels if d["corpus"] == corpus]
        texts = read_articles(shared, corpus, {d["id"] for d in mine})
        ids = sorted(texts)
        docs = parse_cached([texts[i] for i in ids], cache)
        for art_id, doc in zip(ids, docs, strict=True):
            recorded: list = []
            with pronouns.recording(recorded):
                ents = extract_entities(doc)
                extract_quotes(doc, ents)
            index_names = None
            for label in (d for d in mine if d["id"] == art_id):
                rec = pair(label, recorded)
                if rec is None:
                    continue
                _, ctx, cands, _ = rec
                if index_names is None:
                    index_names = [ent.name for ent in ents.entities]
                names = [None if c.entity is None else index_names[c.entity] for c in cands]
                out.append({"x": np.array([pronouns.features(c, ctx) for c in cands], dtype=float),
                            "y": np.array([is_right(n, label["referent"]) for n in names], dtype=bool),
                            "rule": next((i for i, c in enumerate(cands) if c.rule), len(cands) - 1),
                            "corpus": corpus, "id": art_id, "referent": label["referent"], "names": names})
    return out


def quote_at(quotes: list[dict], span: list[int]) -> dict | None:
    """The sheet quote (as loaded from YAML) overlapping a labelled character span most, or None."""
    s, e = span
    best, best_overlap = None, 0
    for q in quotes:
        a, b = q.get("span") or (0, 0)
        if min(b, e) - max(a, s) > best_overlap:
            best, best_overlap = q, min(b, e) - max(a, s)
    return best


def read_sheets(sheets: Path, ids: set[str]) -> dict[str, dict]:
    """The fact sheets ``ID.yaml`` in ``sheets`` for ``ids``, each read once (a missing one is empty)."""
    import yaml

    out = {}
    for art_id in ids:
        path = sheets / f"{art_id}.yaml"
        out[art_id] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.is_file() else {}
    return out


def sheet_accuracy(labels: list[dict], corpus: str, sheets: Path) -> tuple[int, int]:
    """(labelled pronouns whose quotation the sheets give the right speaker, labelled pronouns) for the labels of
    ``corpus``, read from the fact sheets in ``sheets`` (``ID.yaml``): end to end, as a reader sees it. The
    quotation is the sheet's quote overlapping the label's span most; a quotation the sheet lost counts wrong."""
    mine = [d for d in labels if d["corpus"] == corpus]
    read = read_sheets(sheets, {d["id"] for d in mine})
    right = 0
    for label in mine:
        q = quote_at(read[label["id"]].get("quotes") or [], label["span"])
        right += q is not None and is_right(q.get("speaker"), label["referent"])
    return right, len(mine)


def accuracy(records: list[dict], w: np.ndarray | None) -> tuple[int, int]:
    right = 0
    for r in records:
        pick = r["rule"] if w is None else int(np.argmax(r["x"] @ w))
        right += bool(r["y"][pick])
    return right, len(records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder (corpus/ under it)")
    ap.add_argument("--labels", type=Path, default=LABELS, help="the referents, JSON lines")
    ap.add_argument("--out", type=Path, default=pronouns.WEIGHTS, help="where to write the weights (JSON)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the parse cache")
    args = ap.parse_args(argv)
    labels = read_labels(args.labels)
    records = collect(args.shared, labels, args.cache)
    train = [r for r in records if r["corpus"] not in HELD_OUT]
    held = [r for r in records if r["corpus"] in HELD_OUT]
    print(f"labels {len(labels)}, paired with a resolved pronoun {len(records)}")
    w = fit(train, n_features=len(pronouns.FEATURES))
    # the training corpora scored in five folds (each fitted on the other four): the model on text it did not see
    folds = [[r for n, r in enumerate(train) if n % 5 == f] for f in range(5)]
    cv = sum(accuracy(folds[f], fit([r for g in range(5) if g != f for r in folds[g]],
                                    n_features=len(pronouns.FEATURES)))[0] for f in range(5))
    rules, n = accuracy(train, None)
    print(f"train    pronouns {n:4d}  rules right {rules / max(n, 1):.4f}  model right (5-fold) {cv / max(n, 1):.4f}")
    rules, n = accuracy(held, None)
    model, _ = accuracy(held, w)
    print(f"held out pronouns {n:4d}  rules right {rules / max(n, 1):.4f}  model right {model / max(n, 1):.4f}")
    pronouns.save_weights(w, args.out, labels=args.labels.name, pronouns=len(train),
                          corpora=sorted({r["corpus"] for r in train}))
    print(f"wrote {args.out} (fitted on {len(train)} pronouns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
