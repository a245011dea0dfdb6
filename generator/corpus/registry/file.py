"""The registry's file, ``data/entities.yaml``: read, written, and compared with the sheets.

People may edit the file. :func:`load_registry` validates it through the model (every problem as
``file:line: field: message``); :func:`update_registry` (``factsheet registry``) rebuilds it from
the sheets keeping every edit, and is the only thing that writes it. Rendering only reads it:
:func:`registry_in_memory` gives what an update would write, and whether the file already says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path

from generator import paths
from generator.corpus.registry.build import build_registry
from generator.corpus.registry.records import Registry, RegistryError, RegistryFile, unique_ids
from generator.model import FactSheet
from generator.sheets import store, yamlio

log = logging.getLogger(__name__)

DEFAULT_PATH = paths.REGISTRY
FILE_NAME = DEFAULT_PATH.name
HEADER = ("# People, organisations and places across all fact sheets (see docs: the registry).\n"
          "# You may edit name, aliases, roles, note, exclude and reviewed; a rebuild keeps your edits.\n"
          "# reviewed: true freezes an entry (only its sheet references are refreshed).\n")


class FileState(StrEnum):
    """How the registry file stands against the sheets."""

    MISSING = "missing"  # no file: the registry is made from the sheets alone
    CURRENT = "current"  # the file holds exactly what `factsheet registry` would write
    STALE = "stale"  # the sheets (or a person's edit) changed since: `factsheet registry` would rewrite it


def registry_path(facts_dir: Path, given: Path | None = None) -> Path:
    """The registry file: ``given``, else ``entities.yaml`` beside the facts folder (``data/entities.yaml``)."""
    return given if given is not None else facts_dir.parent / FILE_NAME


def load_registry(path: Path) -> Registry:
    """The registry in ``path`` (an empty one if the file does not exist), validated.

    Raises :class:`RegistryError` with every problem, each ``file:line: field: message``.
    """
    if not path.exists():
        return Registry()
    file, _ = store.load_model(path, RegistryFile, checks=unique_ids, error=RegistryError, if_empty=RegistryFile)
    return Registry(entries=file.entities)


def dump_registry(registry: Registry) -> str:
    return HEADER + yamlio.dump(RegistryFile(entities=registry.entries).to_dict())


def write_registry(registry: Registry, path: Path) -> bool:
    """Write the registry atomically; False when the file already said exactly this."""
    return yamlio.atomic_write(path, dump_registry(registry))


def update_registry(sheets: Iterable[FactSheet], path: Path = DEFAULT_PATH) -> Registry:
    """Load the registry file (keeping every edit in it), merge in the sheets, write it back."""
    registry = build_registry(sheets, existing=load_registry(path))
    write_registry(registry, path)
    for w in registry.warnings:
        log.info("registry: %s", w)
    return registry


def registry_in_memory(sheets: Iterable[FactSheet], path: Path) -> tuple[Registry, FileState]:
    """What :func:`update_registry` would write for these sheets, and how the file stands; nothing is written.

    The registry is built exactly as an update builds it (from the file when there is one), so
    pages made from it are the pages an update followed by a render makes.
    """
    if not path.exists():
        return build_registry(sheets), FileState.MISSING
    registry = build_registry(sheets, existing=load_registry(path))
    try:
        same = path.read_bytes() == dump_registry(registry).encode("utf-8")
    except OSError:
        same = False
    return registry, FileState.CURRENT if same else FileState.STALE
