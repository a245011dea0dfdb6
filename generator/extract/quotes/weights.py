"""Weights files of the small learned models (the speaker linker, the pronoun model): read, checked, written.

A weights file names the features its numbers are for; a file for other features than the reading module's
is refused, not misread. Each model keeps its own error class and retraining hint, so the one-line message
says which model and what to run.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator.errors import FactsheetError


@dataclass(frozen=True, slots=True)
class Model:
    weights: np.ndarray
    enabled: bool


def rules_only(n_features: int) -> Model:
    """A model that is off: the rules decide."""
    return Model(np.zeros(n_features), enabled=False)


def load(path: Path, names: tuple[str, ...], error: type[FactsheetError], what: str, retrain: str) -> Model:
    """The weights at ``path`` for the features ``names``; a bad file raises ``error`` naming ``what`` it is."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise error(f"{path}: can't read the {what}'s weights ({exc})") from None
    found = tuple(data.get("features") or ()) if isinstance(data, dict) else ()
    if found != names:
        missing = sorted(set(names) ^ set(found)) or ["(order)"]
        raise error(f"{path}: weights are for other features than this version's: {', '.join(missing)}; "
                    f"retrain with: {retrain}")
    w = data.get("weights")
    if not isinstance(w, list) or len(w) != len(names) or not all(isinstance(x, (int, float)) for x in w):
        raise error(f"{path}: field 'weights' must be a list of {len(names)} numbers")
    return Model(np.array(w, dtype=float), bool(data.get("enabled", True)))


def save(w: np.ndarray, path: Path, names: tuple[str, ...], **about: object) -> None:
    data = {"features": list(names), "weights": [round(float(x), 6) for x in w], "enabled": True,
            "trained_on": about}
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


class Recorder:
    """What a model's choices are recorded into while training watches (None: not recording)."""

    def __init__(self) -> None:
        self.into: list | None = None

    @contextmanager
    def recording(self, into: list) -> Iterator[None]:
        """While active, the model appends its choices to ``into`` and lets the rules decide."""
        prev, self.into = self.into, into
        try:
            yield
        finally:
            self.into = prev
