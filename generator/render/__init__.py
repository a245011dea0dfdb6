"""From a folder of fact sheets to Markdown pages for MkDocs: gather, then render.

:func:`gather` loads and validates every sheet and builds the cross-page indexes;
:func:`render_site` writes the pages from Jinja templates shipped as package data. A page
is rewritten only when its text changes (so ``mkdocs serve`` reloads just what changed),
and pages of sheets that no longer exist are removed. Every expression a template prints
goes through :func:`generator.render.escape.md_text` unless a filter marked it safe.
"""

from __future__ import annotations

import logging
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import yamlio
from generator.errors import SheetError
from generator.ids import is_safe_id, slugify
from generator.model import Entity, FactSheet
from generator.render.corpus import corpus_pages
from generator.render.escape import json_for_script, link, md_text, safe_url
from generator.validate import load_sheet, schema

log = logging.getLogger(__name__)

#: folders under docs/ that render owns entirely (everything else in docs/ is written by people)
GENERATED_DIRS = ("sheets", "people", "organisations", "places", "indexes", "data", "stories")
GENERATED_FILES = ("index.md",)
TYPE_GROUPS = {"PERSON": "people", "ORG": "organisations", "GPE": "places", "LOC": "places", "FAC": "places"}


@dataclass
class EntityPage:
    """One person, organisation or place across all sheets."""

    slug: str
    name: str
    group: str  # people / organisations / places
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    sheets: list[FactSheet] = field(default_factory=list)


@dataclass
class Site:
    """Everything the pages are made from, gathered before any page is written."""

    sheets: list[FactSheet]
    entities: dict[str, dict[str, EntityPage]]  # group -> slug -> page
    problems: list[str]

    def entity_slug(self, entity: Entity) -> tuple[str, str] | None:
        group = TYPE_GROUPS.get(entity.type)
        if group is None:
            return None
        slug = slugify(entity.name)
        return (group, slug) if slug in self.entities.get(group, {}) else None


def _sort_key(sheet: FactSheet) -> tuple:
    return (sheet.source.published or "", sheet.id)


def gather(facts_dir: Path) -> Site:
    """Load every sheet under ``facts_dir`` (bad ones are reported, not fatal) and index them."""
    sheets: list[FactSheet] = []
    problems: list[str] = []
    for path in sorted(facts_dir.glob("*.yaml")):
        try:
            sheets.append(load_sheet(path))
        except SheetError as err:
            problems.extend(err.problems)
    sheets.sort(key=_sort_key, reverse=True)
    entities: dict[str, dict[str, EntityPage]] = defaultdict(dict)
    for sheet in sheets:
        for ent in sheet.entities:
            group = TYPE_GROUPS.get(ent.type)
            if group is None:
                continue
            slug = slugify(ent.name)
            page = entities[group].setdefault(slug, EntityPage(slug=slug, name=ent.name, group=group))
            page.aliases.update(a for a in ent.aliases if a != page.name)
            page.roles.update(ent.roles)
            if sheet not in page.sheets:
                page.sheets.append(sheet)
    return Site(sheets=sheets, entities=dict(entities), problems=problems)


def environment() -> jinja2.Environment:
    """The Jinja environment: templates from package data; every printed value escaped for Markdown."""

    def finalize(value: object) -> object:
        if isinstance(value, Markup):
            return value
        if value is None:
            return ""
        return md_text(value)

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "render/templates"),
        autoescape=False,  # Markdown, not HTML: escaping is done by finalize and the filters below
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["link"] = lambda text, url: link(url, text)
    env.filters["safe_url"] = safe_url
    env.filters["json_script"] = json_for_script
    env.filters["slug"] = lambda text: Markup(slugify(text))
    env.filters["path"] = path_component
    env.filters["front_matter"] = lambda d: Markup(yamlio.dump(d))
    env.filters["value"] = format_value
    return env


def path_component(value: object) -> Markup:
    """An id used in a link target; ids are slugs by construction, so anything else is a bug."""
    text = str(value)
    if not is_safe_id(text):
        raise ValueError(f"not a safe path component: {text!r}")
    return Markup(text)


def format_value(value: object) -> str:
    """A figure's value for a reader: 14,000; 1.2; 252–287."""
    if value is None:
        return "\u2014"
    if isinstance(value, dict):
        return f"{format_value(value.get('low'))}\u2013{format_value(value.get('high'))}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e15 else str(value)
    return str(value)


def render_site(facts_dir: Path, docs_dir: Path) -> tuple[Site, int]:
    """Write every generated page under ``docs_dir``; return the gathered site and pages changed."""
    site = gather(facts_dir)
    env = environment()
    pages: dict[Path, str] = {}

    pages[docs_dir / "index.md"] = env.get_template("home.md.j2").render(site=site)
    pages[docs_dir / "sheets" / "index.md"] = env.get_template("sheets_index.md.j2").render(site=site)
    view, extra = corpus_pages(site.sheets, env, docs_dir, registry_file=facts_dir.parent / "entities.yaml")
    pages.update(extra)
    for sheet in site.sheets:
        pages[docs_dir / "sheets" / f"{sheet.id}.md"] = env.get_template("sheet.md.j2").render(
            site=site, sheet=sheet, conflicts=view.conflicts_for(sheet.id), titles=view.titles)
        pages[docs_dir / "data" / f"{sheet.id}.yaml"] = yamlio.dump(sheet.to_dict())
    for group, entries in site.entities.items():
        pages[docs_dir / group / "index.md"] = env.get_template("entity_index.md.j2").render(
            site=site, group=group, entries=sorted(entries.values(), key=lambda e: e.name.lower()))
    pages[docs_dir / "data" / "factsheet.schema.json"] = _schema_text()

    changed = 0
    for path, text in pages.items():
        changed += yamlio.atomic_write(path, text)
    _remove_stale(docs_dir, set(pages))
    return site, changed


def _schema_text() -> str:
    import json

    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


def _remove_stale(docs_dir: Path, keep: Iterable[Path]) -> None:
    keep = {p.resolve() for p in keep}
    for name in GENERATED_DIRS:
        folder = docs_dir / name
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*"), reverse=True):
            if path.is_file() and path.resolve() not in keep:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                shutil.rmtree(path)
