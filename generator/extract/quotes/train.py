"""Train the speaker linker (:mod:`generator.extract.quotes.linker`) on an attribution-annotated corpus.

    python -m generator.extract.quotes.train --corpus ../shared/corpus/polnear-train [--out WEIGHTS]

The corpus is a folder with ``articles.jsonl`` and ``gold/ID.yaml`` whose quotes carry ``said_by`` (the
source as the article words it, as PolNeAR annotates). Each article is parsed once with the project's
pipeline and the parses are kept as a spaCy DocBin under ``--cache`` (``/tmp`` by default), so a second
run parses nothing. The rules then run over every article; for each quotation with a cue the linker's
candidates are collected with their features, and a candidate is right when its words match the gold
``said_by`` the way the team's scorer checks a ``speaker_mention`` (``--scorer``, the shared ``score.py``;
its matching is not reimplemented here). The model is a conditional logit (a softmax over each quote's
candidates) fitted by full-batch gradient descent with an L2 penalty: deterministic, so the same corpus
gives the same weights. Articles are split 80/20 by a hash of their id: the report shows how often the
linker and the rules pick a right candidate on both parts; the shipped weights are fitted on all of them.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import numpy as np
import yaml

from generator.extract.quotes import linker

DEFAULT_CACHE = Path("/tmp/factsheet-parses")
DEFAULT_SCORER = Path(__file__).resolve().parents[3].parent / "shared" / "tools" / "score.py"
L2 = 0.001
STEPS = 2000
RATE = 0.5


def read_corpus(folder: Path, limit: int | None = None) -> list[tuple[str, str, dict]]:
    """(id, text, gold) of each article of a corpus folder that has a gold file, in file order; the text
    as the command line reads it (line ends normalised), so the parses are the ones extraction sees."""
    from generator.inputs.files import read_jsonl
    from generator.model import Article

    path = folder / "articles.jsonl"
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = [a for a in read_jsonl(path) if isinstance(a, Article)]
    out = []
    for art_id, art in zip(ids, arts, strict=True):
        gold = folder / "gold" / f"{art_id}.yaml"
        if gold.is_file():
            out.append((art_id, art.text, yaml.safe_load(gold.read_text(encoding="utf-8")) or {}))
        if limit is not None and len(out) >= limit:
            break
    return out


def parse_cached(texts: list[str], cache: Path, nlp=None) -> list:
    """The parsed docs of ``texts``, read from a DocBin in ``cache`` when these texts were parsed before."""
    from spacy.tokens import DocBin

    from generator.pipeline.nlp import load, pipeline_name

    nlp = nlp or load()
    key = hashlib.sha1(("\0".join(texts) + pipeline_name(nlp)).encode("utf-8")).hexdigest()[:16]
    path = cache / f"{key}.spacy"
    if path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def load_scorer(path: Path) -> ModuleType:
    """The team's scorer as a module: its ``mention_right`` decides which candidate is the gold source."""
    if not path.is_file():
        raise SystemExit(f"train: no scorer at {path} (give --scorer)")
    spec = importlib.util.spec_from_file_location("factsheet_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def is_tuning(art_id: str) -> bool:
    """The 20% of articles held out of tuning, chosen by a hash of the id (stable across runs and machines)."""
    return int(hashlib.md5(art_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def collect(docs: Iterable, golds: list[dict], scorer: ModuleType) -> list[dict]:
    """One record per quotation matched to a gold quote: its candidates' features and which are right."""
    from generator.extract.entities.entities import extract_entities
    from generator.extract.quotes.quotes import extract_quotes

    out = []
    for doc, gold in zip(docs, golds, strict=True):
        seen: list[tuple[object, linker.Choice]] = []
        with linker.recording(seen):
            quotes = extract_quotes(doc, extract_entities(doc))
        golds_q = gold.get("quotes") or []
        preds = [{"text": q.text, "clause": q.clause} for q in quotes]
        pairs = scorer.greedy_match(preds, golds_q, scorer.quote_sim)
        by_span = {quotes[i].span: golds_q[j] for i, j in pairs}
        for span, choice in seen:
            g = by_span.get(span)
            if g is None or not g.get("said_by") or not choice.candidates:
                continue
            right = [scorer.mention_right({"speaker_mention": c.mention or "", "speaker": c.name or ""}, g["said_by"])
                     for c in choice.candidates]
            out.append({"x": np.array([c.features for c in choice.candidates], dtype=float),
                        "y": np.array(right, dtype=bool), "rule": choice.rule, "id": doc.user_data.get("id"),
                        "said_by": g["said_by"], "mentions": [c.mention for c in choice.candidates],
                        "text": g["text"][:80]})
    return out


def fit(records: list[dict], *, l2: float = L2, steps: int = STEPS, rate: float = RATE,
        n_features: int | None = None) -> np.ndarray:
    """Weights that put a right candidate on top of each record's list (records with none right are skipped).

    The objective is the likelihood that the softmax over a quote's candidates lands on *some* right one
    (several mentions of the source are all right): its gradient pulls the model's own best right candidate
    up, not all of them at once. Full-batch gradient descent from zero: the same records give the same weights.
    """
    usable = [r for r in records if r["y"].any()]
    w = np.zeros(n_features if n_features is not None else len(linker.FEATURES))
    if not usable:
        return w
    x = np.concatenate([r["x"] for r in usable])
    y = np.concatenate([r["y"] for r in usable]).astype(float)
    groups = np.concatenate([[n] * len(r["y"]) for n, r in enumerate(usable)])
    n = len(usable)
    for _ in range(steps):
        s = x @ w
        m = np.full(n, -np.inf)
        np.maximum.at(m, groups, s)
        e = np.exp(s - m[groups])
        z = np.zeros(n)
        np.add.at(z, groups, e)
        p = e / z[groups]
        zr = np.zeros(n)
        np.add.at(zr, groups, p * y)
        target = p * y / zr[groups]
        w -= rate * (x.T @ (p - target) / n + l2 * w)
    return w


def accuracy(records: list[dict], w: np.ndarray | None) -> tuple[int, int]:
    """(quotes whose pick is right, quotes) for the model ``w``, or for the rules when ``w`` is None."""
    right = 0
    for r in records:
        pick = r["rule"] if w is None else int(np.argmax(r["x"] @ w))
        right += bool(pick is not None and r["y"][pick])
    return right, len(records)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, required=True, help="folder with articles.jsonl and gold/")
    ap.add_argument("--out", type=Path, default=linker.WEIGHTS, help="where to write the weights (JSON)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder for the parse cache")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="the shared score.py")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    arts = read_corpus(args.corpus, args.limit)
    if not arts:
        print(f"train: no articles with gold under {args.corpus}", file=sys.stderr)
        return 2
    docs = parse_cached([t for _, t, _ in arts], args.cache)
    for doc, (art_id, _, _) in zip(docs, arts, strict=True):
        doc.user_data["id"] = art_id
    records = collect(docs, [g for _, _, g in arts], scorer)
    tune = [r for r in records if not is_tuning(r["id"])]
    held = [r for r in records if is_tuning(r["id"])]
    w_tune = fit(tune)
    for name, part in (("fit 80%", tune), ("held 20%", held)):
        rules, n = accuracy(part, None)
        model, _ = accuracy(part, w_tune)
        print(f"{name:<9} quotes {n:5d}  rules right {rules / max(n, 1):.4f}  linker right {model / max(n, 1):.4f}")
    w = fit(records)
    linker.save_weights(w, args.out, corpus=args.corpus.name, quotes=len(records))
    print(f"wrote {args.out} ({len(records)} quotes from {len(arts)} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
