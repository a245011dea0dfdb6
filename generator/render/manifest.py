"""What ``factsheet render`` wrote into a docs folder, so that it only ever replaces or removes its own files.

A docs folder is shared: people write pages in it (``docs/how-to-read.md``), render writes the
rest (``docs/index.md``, ``docs/sheets/``, ``docs/data/``...). Render keeps a manifest,
``docs/.factsheet-manifest`` (JSON; MkDocs skips files whose name starts with a dot), listing
every file it wrote with a hash of what it wrote. With it:

* a page render makes again is written when the file is missing, is what render last wrote
  there, or already says the same; a file render did not write, or that a person edited since,
  is kept as it is, with a warning;
* a page render no longer makes (its sheet is gone) is removed only if the manifest lists it
  and it is unchanged since; an edited one is kept, with a warning; a folder is never removed
  unless render has just emptied it.

Before anything is written, :func:`check_docs_folder` refuses a folder that holds what is not a
docs folder's: the fact sheets or the registry, a project root (``.git``, ``pyproject.toml``,
``mkdocs.yml``), the snapshots (``.machine``), the project's ``data/facts`` or ``data/articles``.

Upgrading: a docs folder rendered by a version without manifests has none. When it has the
mark of a render (``data/factsheet.schema.json``, always written), files at the paths render
writes are taken as render's and rewritten, as that version did; files render does not write
now (pages of sheets that are gone) are left in place, never deleted, and a warning says how
many. Without that mark (a new folder, or one of a person's), nothing that exists is replaced.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator import paths
from generator.errors import ConfigError

MANIFEST = paths.MANIFEST
VERSION = 1
#: folders under the docs folder whose files render writes (it may still find people's files there)
GENERATED_DIRS = ("sheets", "people", "organisations", "places", "indexes", "data", "stories")
#: files at the top of the docs folder that render writes
GENERATED_FILES = ("index.md",)
#: a file every render writes: a docs folder holding it was rendered into before
RENDER_MARK = "data/factsheet.schema.json"
#: names that say a folder is a project (or holds its data), not a docs folder: refused at the
#: top of the docs folder and at the top of each generated folder
FOREIGN = (".git", ".hg", ".svn", paths.SNAPSHOTS, paths.PAGE_CACHE.parts[0], paths.REGISTRY.name, "pyproject.toml",
           "setup.py", "setup.cfg", paths.MKDOCS_CONFIG.name, "mkdocs.yaml")
#: the project's own data folders, refused under ``data/`` (where a project keeps them, and render writes)
FOREIGN_DATA = ("facts", "articles")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_docs_folder(docs_dir: Path, *, facts_dir: Path, registry_file: Path | None = None) -> None:
    """Raise ConfigError (one line) when ``docs_dir`` holds something render must not write over.

    Nothing is written before this passes, so a refused render changes nothing.
    """
    docs = docs_dir.resolve()
    for other, what in ((facts_dir, "the fact sheets"), (registry_file, "the registry")):
        if other is None:
            continue
        other_resolved = other.resolve()
        if _inside(other_resolved, docs) or _inside(docs, other_resolved):
            raise ConfigError(f"{docs_dir}: this docs folder and {what} ({other}) overlap; render writes and removes "
                              "pages in the docs folder, so give it a folder of its own (--docs docs)")
    if not docs_dir.is_dir():
        return
    for name in (".", *GENERATED_DIRS):
        folder = docs_dir / name
        if name != "." and folder.is_symlink():
            raise ConfigError(f"{folder}: a symbolic link where render writes its pages; replace it by a folder "
                              "(or choose another --docs folder)")
        found = [n for n in (*FOREIGN, *(FOREIGN_DATA if name == "data" else ())) if os.path.lexists(folder / n)]
        if found:
            raise ConfigError(f"{docs_dir}: not a docs folder: it holds {folder / found[0]}, which render must not "
                              "write beside or remove; give render a folder for the site's pages (--docs docs)")
    manifest = docs_dir / MANIFEST
    if os.path.lexists(manifest):
        read_manifest(docs_dir)  # a damaged manifest is refused here too, before anything is written


def is_generated(rel: str) -> bool:
    """Whether a path (POSIX, relative to the docs folder) is one render may write: under a generated folder."""
    parts = PurePosixPath(rel).parts
    if not parts or rel.startswith("/") or any(p in ("", ".", "..") for p in parts):
        return False
    return (len(parts) == 1 and parts[0] in GENERATED_FILES) or (len(parts) > 1 and parts[0] in GENERATED_DIRS)


@dataclass
class Manifest:
    """The files render wrote: path relative to the docs folder -> hashes of what it wrote there.

    More than one hash is listed only while a render is writing (the file holds the old or the
    new text, depending on how far it got), so that a render stopped half-way is recognised.
    """

    files: dict[str, list[str]] = field(default_factory=dict)
    found: bool = False  # False: no manifest (a new folder, or one rendered before manifests)

    def owns(self, rel: str, data: bytes) -> bool:
        return digest(data) in self.files.get(rel, ())


def read_manifest(docs_dir: Path) -> Manifest:
    """The manifest of a docs folder (empty, ``found`` False, when there is none); ConfigError if damaged."""
    path = docs_dir / MANIFEST
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Manifest()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        data = json.loads(raw)
        files = data["files"] if isinstance(data, dict) and data.get("version") == VERSION else None
    except (ValueError, KeyError):
        files = None
    valid = isinstance(files, dict) and all(
        isinstance(k, str) and isinstance(v, list) and all(isinstance(h, str) for h in v) for k, v in files.items())
    if not valid or path.is_symlink():
        raise ConfigError(f"{path}: not a manifest written by render (it lists the pages render may replace and "
                          "remove); delete it and render again: pages are then rewritten, nothing is removed")
    # entries outside the generated folders are ignored: render never touches such paths
    return Manifest(files={k: list(v) for k, v in files.items() if is_generated(k)}, found=True)


def write_manifest(docs_dir: Path, files: Mapping[str, Iterable[str]]) -> None:
    """Write the manifest atomically (a reader, or the next render after a crash, sees old or new)."""
    entries = ",\n".join(f"{json.dumps(k)}: {json.dumps(sorted(set(v)))}" for k, v in sorted(files.items()))
    text = f'{{"version": {VERSION}, "tool": "factsheet render", "files": {{\n{entries}\n}}}}'  # a line a file
    docs_dir.mkdir(parents=True, exist_ok=True)
    path = docs_dir / MANIFEST
    fd, tmp = tempfile.mkstemp(prefix=f"{MANIFEST}.", dir=docs_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
