"""MkDocs hooks of the site (loaded through ``hooks/factsheet.py``, named in ``mkdocs.yml``).

- :class:`TableLabels`: every cell of a Markdown table gets its column's heading as
  ``data-label``, so that on a phone the stylesheet can show each row as a card of
  "label: value" lines instead of a table cut off at the right;
- :func:`on_post_build`: the built site is indexed by Pagefind (``pagefind[bin]`` from PyPI
  ships the binary), so every way of building (``factsheet build``, ``make site``, ``mkdocs
  build``, ``mkdocs serve``, ProperDocs) gets the same search, served from the site itself.

Hooks are plain MkDocs 1.x (and ProperDocs) machinery: no plugin to register, nothing fetched.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

log = logging.getLogger("mkdocs.hooks.factsheet")

#: parts of a page Pagefind leaves out: the "¶" permalinks of headings
PAGEFIND_EXCLUDE = ".headerlink"
#: Pagefind's whole run, on a 10,000-sheet site a few minutes at most
PAGEFIND_TIMEOUT = 3600


def _text(cell: Element) -> str:
    return " ".join("".join(cell.itertext()).split())


def label_cells(table: Element) -> int:
    """Give every ``<td>`` of ``table`` its column's heading as ``data-label``; returns the cells labelled."""
    heads: list[str] = []
    for row in table.iter("tr"):
        cells = [c for c in row if c.tag in ("th", "td")]
        if cells and all(c.tag == "th" for c in cells) and not heads:
            heads = [_text(c) for c in cells]
    done = 0
    for row in table.iter("tr"):
        for n, cell in enumerate(c for c in row if c.tag == "td"):
            if n < len(heads) and heads[n]:
                cell.set("data-label", heads[n])
                done += 1
    return done


class TableLabels(Treeprocessor):
    """Runs after the inline patterns, so the headings are final text."""

    def run(self, root: Element) -> None:
        for table in root.iter("table"):
            label_cells(table)


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(TableLabels(md), "factsheet_table_labels", 5)


def on_config(config):
    """Add the table labels to the Markdown extensions of the build."""
    config.markdown_extensions.append(TableLabelsExtension())
    return config


class PagefindError(Exception):
    """Pagefind is missing or failed; the message is one line saying what to do."""


def pagefind_command(site_dir: Path) -> list[str]:
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--exclude-selectors", PAGEFIND_EXCLUDE,
            "--silent"]


def index_site(site_dir: Path) -> None:
    """Index ``site_dir`` with Pagefind: the search bundle goes to ``site_dir/pagefind/``."""
    try:
        import pagefind  # noqa: F401 - only to tell a missing package from a failing run
    except ImportError as err:
        raise PagefindError("Pagefind is not installed: pip install -c requirements.lock 'pagefind[bin]'") from err
    try:
        result = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, check=False,
                                timeout=PAGEFIND_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PagefindError(f"Pagefind could not index {site_dir}: {err}") from err
    if result.returncode or not (site_dir / "pagefind" / "pagefind.js").is_file():
        lines = [ln for ln in (result.stderr + result.stdout).splitlines() if ln.strip()]
        raise PagefindError(f"Pagefind could not index {site_dir}: {lines[-1] if lines else 'no search bundle made'}")


def bundle_sizes(site_dir: Path) -> tuple[int, int, str]:
    """The search bundle's total bytes, its largest file's bytes and that file's path (relative)."""
    files = [(p.stat().st_size, p) for p in (site_dir / "pagefind").rglob("*") if p.is_file()]
    if not files:
        return 0, 0, ""
    size, largest = max(files)
    return sum(s for s, _ in files), size, largest.relative_to(site_dir).as_posix()


def on_post_build(config) -> None:
    """Index the site just built (for ``mkdocs serve`` too: it builds into a folder of its own)."""
    from mkdocs.exceptions import PluginError

    site_dir = Path(config.site_dir)
    start = time.perf_counter()
    try:
        index_site(site_dir)
    except PagefindError as err:
        raise PluginError(str(err)) from err
    total, size, largest = bundle_sizes(site_dir)
    log.info("Pagefind search index made in %.1f s: %.1f MB, largest file %s (%.0f KB)",
             time.perf_counter() - start, total / 1e6, largest, size / 1e3)
