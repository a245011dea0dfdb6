"""Small corpora of our own words and the factsheet command in a subprocess: shared by the tests of runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

PLACES = ["Port Calloway", "Eastvale", "Riverton", "Northsea", "Westbrook", "Hillford", "Lakeside", "Stonebridge"]
PEOPLE = ["Tomas Vidal", "Ana Ruiz", "Grace Mbeki", "Lars Henriksen", "Priya Ramaswamy", "Daniel Ortiz"]


def story(i: int) -> dict:
    """A small article of our own words, different for each i."""
    place, person = PLACES[i % len(PLACES)], PEOPLE[i % len(PEOPLE)]
    text = (f"{place} council approves plan number {i}\n\n"
            f"The council in {place} voted on Tuesday to spend {10 + i} million euros on a new ferry terminal, "
            f"ending a dispute that lasted about {i % 5 + 2} years.\n\n"
            f'"We have waited long enough for this," said {person}, who chairs the transport committee. '
            f"{person.split()[0]} said work would begin in the autumn and employ more than {100 + 7 * i} people.\n\n"
            f"A petition against the plan gathered {1000 + i} signatures last week.\n")
    return {"id": f"story-{i:03d}", "title": text.split("\n")[0], "text": text, "published": "2024-03-05"}


def corpus(path: Path, n: int, start: int = 0) -> Path:
    path.write_text("".join(json.dumps(story(i)) + "\n" for i in range(start, start + n)), encoding="utf-8")
    return path


def without_time(folder: Path) -> dict[str, dict]:
    out = {}
    for p in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
        data["generated"].pop("at")
        out[p.name] = data
    return out


def factsheet(*args: str, **kw) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
