"""From a folder of fact sheets to Markdown pages for MkDocs: gather, then render.

:func:`~generator.render.site.gather` loads and validates every sheet and builds the
cross-page indexes; :func:`render_site` writes the pages from Jinja templates shipped as
package data. A page is rewritten only when its text changes (so ``mkdocs serve`` reloads
just what changed), and pages of sheets that no longer exist are removed; render replaces and
removes only files it wrote itself, as listed in the docs folder's manifest (see
:mod:`generator.render.manifest`), and refuses a docs folder holding the project's data. Every expression a
template prints goes through :func:`generator.render.escape.md_text` unless a filter marked it
safe; values printed by the theme as HTML (titles, tags) go through ``html_text`` instead.
"""

from __future__ import annotations

import json
import logging
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.corpus.registry import FileState, Registry, registry_in_memory, registry_path
from generator.inputs.ids import is_safe_id
from generator.model import FactSheet, Quote
from generator.render import exports, pictures
from generator.render.corpus import corpus_pages
from generator.render.escape import highlight, html_text, link, md_text, safe_url
from generator.render.manifest import (
    GENERATED_DIRS,
    GENERATED_FILES,
    RENDER_MARK,
    check_docs_folder,
    digest,
    read_manifest,
    write_manifest,
)
from generator.render.site import (
    GROUPS,
    TYPE_GROUPS,
    EntityPage,
    EntityPageIndex,
    Grouping,
    Site,
    gather,
    gather_sheets,
    group_entities,
    load_sheets,
    published_date,
    registry_grouping,
)
from generator.sheets.validate import schema

__all__ = ["GENERATED_DIRS", "GENERATED_FILES", "TYPE_GROUPS", "EntityPage", "EntityPageIndex", "Grouping", "Site",
           "environment", "gather", "gather_sheets", "group_entities", "registry_grouping", "render_pages",
           "render_site"]

log = logging.getLogger(__name__)

#: how many sheets the home page shows as cards
HOME_CARDS = 12
GROUP_TITLES = {"people": "People", "organisations": "Organisations", "places": "Places"}
KIND_LABELS = {"direct": "direct quote", "partial": "partial quote", "reported": "reported speech"}


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
    env.filters["html"] = html_text
    env.filters["link"] = lambda text, url: link(url, text)
    env.filters["safe_url"] = safe_url
    env.filters["path"] = path_component
    env.filters["front_matter"] = front_matter
    env.filters["value"] = format_value
    env.filters["highlight"] = highlight
    env.filters["utterances"] = utterances
    env.filters["date"] = published_date
    env.globals["group_titles"] = GROUP_TITLES
    env.globals["sheet_timeline"] = pictures.sheet_timeline  # the strip above a sheet's list of dates
    return env


def _plain(value: object) -> object:
    if isinstance(value, str):
        return str(value)  # Markup -> str, which the safe YAML dumper knows
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# characters a YAML reader refuses, or reads as a line break, even inside a quoted string
_YAML_UNSAFE = re.compile("[^\x09\x0a\x0d\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


def front_matter(data: dict) -> Markup:
    """A page's front matter, as one line of JSON (which is YAML): fast to write, safe to read.

    Values the theme prints as HTML (title, description, tags) must be html-escaped first.
    """
    text = json.dumps(_plain(data), ensure_ascii=False, separators=(", ", ": "))
    return Markup(_YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def path_component(value: object) -> Markup:
    """An id used in a link target; ids are slugs by construction, so anything else is a bug."""
    text = str(value)
    if not is_safe_id(text):
        raise ValueError(f"not a safe path component: {text!r}")
    return Markup(text)


def format_value(value: object) -> str:
    """A figure's value for a reader: 14,000; 1.2; 252–287; 2,415 → 2,315 (a move)."""
    if value is None:
        return "\u2014"
    if isinstance(value, dict):
        return f"{format_value(value.get('low'))}\u2013{format_value(value.get('high'))}"
    if isinstance(value, tuple | list) and len(value) == 2:  # a move [from, to]: "2,415 → 2,315"
        return f"{format_value(value[0])} \u2192 {format_value(value[1])}"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.6g}" if abs(value) < 1e15 else str(value)
    return str(value)


def utterances(quotes: Sequence[Quote]) -> list[tuple[int, Quote, list[tuple[int, Quote]]]]:
    """The quotes as readers see them: the pieces of one utterance together, each kept verbatim.

    Each entry is (number of the first piece, the first piece, [(number, piece), ...] of the later
    pieces with the same ``utterance``); pages print the pieces with an ellipsis between them, never
    glued into one sentence the article doesn't have. Numbers count every quote, from 1, so each
    piece keeps its anchor (``q-N``).
    """
    out: list[tuple[int, Quote, list[tuple[int, Quote]]]] = []
    first: dict[int, list[tuple[int, Quote]]] = {}
    for number, quote in enumerate(quotes, start=1):
        if quote.utterance is not None and quote.utterance in first:
            first[quote.utterance].append((number, quote))
            continue
        rest: list[tuple[int, Quote]] = []
        if quote.utterance is not None:
            first[quote.utterance] = rest
        out.append((number, quote, rest))
    return out


def quote_groups(site: Site, sheet: FactSheet) -> list[dict]:
    """A sheet's quotes grouped by speaker, in order of first appearance; unresolved speakers last.

    The pieces of one utterance stay together (see :func:`utterances`), under the first piece's speaker.
    """
    groups: dict[str, dict] = {}
    for number, quote, rest in utterances(sheet.quotes):
        speaker = (quote.speaker or "").strip()
        group = groups.setdefault(speaker.casefold(), {
            "speaker": speaker or None, "page": site.speaker_page(sheet, quote) if speaker else None,
            "roles": [], "quotes": []})
        if quote.speaker_role and quote.speaker_role not in group["roles"]:
            group["roles"].append(quote.speaker_role)
        group["quotes"].append((number, quote, rest))
    for group in groups.values():
        page = group["page"]
        if not group["roles"] and page is not None:
            ent = next((e for e in sheet.entities if site.entity_page(sheet, e) is page), None)
            group["roles"] = list(ent.roles) if ent else []
    ordered = [g for g in groups.values() if g["speaker"]]
    return ordered + [g for g in groups.values() if not g["speaker"]]


def sheet_entities(site: Site, sheet: FactSheet) -> dict[str, list[tuple]]:
    """The sheet's people, organisations and places, each with its page (most mentioned first)."""
    out: dict[str, list[tuple]] = {g: [] for g in GROUPS}
    for ent in sorted(sheet.entities, key=lambda e: (-e.mentions, e.name)):
        group = TYPE_GROUPS.get(ent.type)
        if group is not None:
            out[group].append((ent, site.entity_page(sheet, ent)))
    return out


def sheet_front_matter(site: Site, sheet: FactSheet) -> dict:
    return {
        "title": str(html_text(sheet.title)),
        "description": str(html_text(sheet.summary or sheet.title)),
        "tags": [str(html_text(t)) for t in site.tags_of(sheet)],
        "schema_org": exports.json_ld(sheet),
        "kind": "sheet",  # the search filter (overrides/main.html)
    }


def page_helpers(site: Site) -> dict[str, object]:
    """Functions the templates call to print links and dates: each returns escaped Markdown."""

    def sheet_link(sheet: FactSheet, prefix: str = "../sheets/", anchor: str = "") -> Markup:
        target = f"{prefix}{path_component(site.page_name(sheet))}.md"
        if anchor:
            target += f"#{path_component(anchor)}"
        return Markup(f"[{md_text(sheet.title)}]({target})")

    def entity_link(entry: EntityPage, prefix: str = "../") -> Markup:
        return Markup(f"[{md_text(entry.name)}]({prefix}{path_component(entry.group)}/{path_component(entry.slug)}.md)")

    def sheet_date(sheet: FactSheet) -> Markup:
        return md_text(published_date(sheet) or "date unknown")

    def lead_fact(sheet: FactSheet) -> Markup:
        if sheet.facts:
            return md_text(sheet.facts[0].text)
        if sheet.summary:
            return md_text(sheet.summary)
        return Markup("*No key fact found.*")

    def quote_meta(quote: Quote) -> Markup:
        parts = [md_text(quote.cue)] if quote.cue else []
        parts.append(md_text(KIND_LABELS.get(quote.kind, quote.kind)))
        if quote.speaker_mention and quote.speaker_mention != quote.speaker:
            parts.append(Markup(f"named as “{md_text(quote.speaker_mention)}”"))
        if not quote.speaker:
            parts.append(Markup('<strong class="fs-unresolved">speaker not identified</strong>'))
        return Markup(" · ").join(parts)

    return {"quote_meta": quote_meta, "sheet_link": sheet_link, "entity_link": entity_link,
            "sheet_date": sheet_date, "lead_fact": lead_fact}


def render_pages(site: Site, docs_dir: Path, *, registry: Registry | None = None) -> dict[Path, str]:
    """Every generated page and data file, by path; nothing is written."""
    env = environment()
    env.globals.update(page_helpers(site))
    pages: dict[Path, str] = {}
    # stories and disagreements across sheets (render/corpus.py), and each sheet's share of them
    view, corpus = corpus_pages(site.sheets, env, docs_dir, registry=registry)
    pages.update(corpus)
    by_id = {s.id: s for s in site.sheets}

    def other_speakers(sheet: FactSheet, number: int) -> list[tuple[object, list[tuple[object, FactSheet]]]]:
        """The person pages' flag: where other articles give this quote's words to someone else."""
        return [(c, [(cl, by_id[cl.sheet]) for cl in others if cl.sheet in by_id])
                for c, others in view.other_speakers(sheet.id, number)]

    env.globals["other_speakers"] = other_speakers

    def page(path: str, template: str, **context: object) -> None:
        pages[docs_dir / path] = env.get_template(template).render(site=site, **context)

    page("index.md", "home.md.j2", latest=site.sheets[:HOME_CARDS], counts=site.counts())
    page("sheets/index.md", "sheets_index.md.j2")
    sheet_template = env.get_template("sheet.md.j2")
    for sheet in site.sheets:
        name = site.page_name(sheet)
        pages[docs_dir / "sheets" / f"{name}.md"] = sheet_template.render(
            site=site, sheet=sheet, name=name, front=sheet_front_matter(site, sheet),
            quote_groups=quote_groups(site, sheet), entities=sheet_entities(site, sheet),
            resolved_dates=sorted((d for d in sheet.dates if d.value), key=lambda d: (d.value, d.text)),
            unresolved_dates=[d for d in sheet.dates if not d.value], cite=exports.citation(sheet),
            conflicts=view.conflicts_for(sheet.id), titles=view.titles)
        source = site.files.get(sheet.id)  # the file as people edit it, byte for byte
        pages[docs_dir / "data" / f"{sheet.id}.yaml"] = (source.read_text(encoding="utf-8") if source
                                                         else exports.as_yaml(sheet))
        pages[docs_dir / "data" / f"{sheet.id}.json"] = exports.as_json(sheet)
        pages[docs_dir / "data" / f"{sheet.id}.csv"] = exports.as_csv(sheet)
    entity_template = env.get_template("entity.md.j2")
    for group in GROUPS:
        entries = sorted(site.entities.pages.get(group, {}).values(), key=lambda e: (e.name.casefold(), e.slug))
        page(f"{group}/index.md", "entity_index.md.j2", group=group, entries=entries)
        for entry in entries:
            pages[docs_dir / group / f"{entry.slug}.md"] = entity_template.render(site=site, group=group, entry=entry)
    page("indexes/index.md", "indexes.md.j2", counts=site.counts())
    page("indexes/quotes.md", "quotes_index.md.j2", speakers=sorted(
        {q.speaker.strip() for s in site.sheets for q in s.quotes if q.speaker and q.speaker.strip()},
        key=lambda s: (s.casefold(), s)))
    page("indexes/figures.md", "figures_index.md.j2")
    page("indexes/dates.md", "dates_index.md.j2", months=_by_month(site.sheets))
    page("indexes/sources.md", "sources_index.md.j2", sources=_by_source(site.sheets))
    page("indexes/tags.md", "tags_index.md.j2")
    pages[docs_dir / "data" / "factsheet.schema.json"] = json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
    return pages


def _by_month(sheets: Iterable[FactSheet]) -> list[tuple[str | None, list[FactSheet]]]:
    months: dict[str | None, list[FactSheet]] = {}
    for sheet in sheets:  # already newest first
        date = published_date(sheet)
        months.setdefault(date[:7] if date else None, []).append(sheet)
    return sorted(months.items(), key=lambda kv: kv[0] or "", reverse=True)


def _by_source(sheets: Iterable[FactSheet]) -> list[tuple[str | None, list[FactSheet]]]:
    sources: dict[str | None, list[FactSheet]] = {}
    for sheet in sheets:
        name = (sheet.source.name or "").strip() or None
        sources.setdefault(name, []).append(sheet)
    return sorted(sources.items(), key=lambda kv: (kv[0] is None, (kv[0] or "").casefold()))


def render_site(facts_dir: Path, docs_dir: Path, *, grouping: Grouping | None = None,
                registry_file: Path | None = None) -> tuple[Site, int]:
    """Write every generated page under ``docs_dir``; return the gathered site and pages changed.

    People, organisations and places are grouped across sheets by the registry, unless another
    ``grouping`` is given. The registry file (``registry_file``, by default ``entities.yaml`` beside
    the facts folder) is only read, never written: the pages are made from what
    ``factsheet registry`` would write (so they are the same whether or not it ran first), and a
    note in ``site.notes`` says when the file is missing or out of date with the sheets.

    Raises ConfigError, before anything is written, for a docs folder that holds the project's
    data (:func:`generator.render.manifest.check_docs_folder`), and RegistryError for a registry
    file that is not valid. Pages people edited, and files render did not write, are kept; each
    is a warning in ``site.warnings``.
    """
    registry_file = registry_path(facts_dir, registry_file)
    check_docs_folder(docs_dir, facts_dir=facts_dir, registry_file=registry_file)
    sheets, files, problems = load_sheets(facts_dir)
    registry, state = registry_in_memory(sheets, registry_file)
    site = gather_sheets(sheets, problems=problems, grouping=grouping or registry_grouping(registry))
    site.files = files
    site.notes.extend(registry_notes(registry_file, state, partial=bool(problems)))
    pages = render_pages(site, docs_dir, registry=registry)
    changed, warnings = publish(docs_dir, pages)
    site.warnings.extend(warnings)
    return site, changed


def registry_notes(path: Path, state: FileState, *, partial: bool) -> list[str]:
    """One line when the registry file is not what ``factsheet registry`` would write for these sheets.

    ``partial``: some sheets could not be read, so a registry built without them is no reason to
    suggest an update (which would refuse, for that reason).
    """
    if state is FileState.MISSING:
        return [f"{path}: no registry yet; people, organisations and places are grouped from the sheets alone "
                "(`factsheet registry` writes it, for you to correct)"]
    if state is FileState.STALE and not partial:
        return [f"{path}: out of date with the fact sheets; the pages use the update "
                "(`factsheet registry` saves it)"]
    return []


def write_page(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds it; a reader sees the old file or the new one.

    Unlike the sheets' own writes there is no fsync: pages are made again from the sheets at will,
    and syncing thousands of pages would dominate the time a render takes.
    """
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _current(path: Path) -> bytes | bool | None:
    """What a file holds now: its bytes, None when there is none, False when it is not a regular file."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):  # a link, a folder...: not render's to write through
            return False
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return False


def _remove_empty_parents(path: Path, docs_dir: Path) -> None:
    """Remove the folders above a removed page that it left empty, up to (not including) its generated folder."""
    top = docs_dir / path.relative_to(docs_dir).parts[0]
    parent = path.parent
    while parent != top and top in parent.parents:
        try:
            parent.rmdir()  # only an empty folder: never anything in it
        except OSError:
            return
        parent = parent.parent


def publish(docs_dir: Path, pages: Mapping[Path, str]) -> tuple[int, list[str]]:
    """Write ``pages`` and remove render's stale ones, by the manifest's rules; (pages written, warnings).

    The rules (see :mod:`generator.render.manifest`): write where there is no file, where the file
    is what render last wrote, or (a folder rendered before manifests) where render writes anyway;
    keep, with a warning, a file a person wrote or edited. Remove a page render no longer makes
    only if it is unchanged since render wrote it. The manifest is written before the pages (with
    both the old and the new hash of each) and after them, so a render stopped half-way is
    recognised by the next.
    """
    old = read_manifest(docs_dir)
    adopt = not old.found and (docs_dir / RENDER_MARK).is_file()
    warnings: list[str] = []
    record: dict[str, list[str]] = {}  # the manifest after this render
    pending: dict[str, list[str]] = {}  # what a file may hold while pages are written
    to_write: list[tuple[Path, str]] = []
    for path, text in pages.items():
        rel = path.relative_to(docs_dir).as_posix()
        data = text.encode("utf-8")
        new = digest(data)
        current = _current(path)
        if current is False:
            warnings.append(f"{path}: not a regular file; the generated page is not written there")
        elif current == data:
            record[rel] = [new]
        elif current is None or adopt or old.owns(rel, current):
            record[rel] = [new]
            pending[rel] = [new] if current is None else [digest(current), new]
            to_write.append((path, text))
        elif rel in old.files:
            record[rel] = old.files[rel]
            warnings.append(f"{path}: edited since render wrote it; not rewritten (edit the fact sheet instead, "
                            "and delete this file to have it made again)")
        else:
            warnings.append(f"{path}: render did not write this file; the generated page is not written over it "
                            "(move the file elsewhere and render again)")
    stale = [rel for rel in old.files if rel not in record and docs_dir / rel not in pages]
    if to_write:
        write_manifest(docs_dir, {**old.files, **pending})
    changed = sum(write_page(path, text) for path, text in to_write)
    for rel in stale:
        path = docs_dir / rel
        current = _current(path)
        if current is None or current is False:
            continue  # gone, or no longer a file render wrote
        if old.owns(rel, current):
            path.unlink()
            _remove_empty_parents(path, docs_dir)
        else:
            record[rel] = old.files[rel]
            warnings.append(f"{path}: its sheet is gone, but the page was edited since render wrote it; kept "
                            "(delete it if it is not wanted)")
    if record != old.files or not old.found:
        write_manifest(docs_dir, record)
    if not old.found:
        warnings.extend(_leftovers(docs_dir, record))
    return changed, warnings


def _leftovers(docs_dir: Path, record: Mapping[str, object]) -> list[str]:
    """A warning for the files in the generated folders render did not write (found on a folder's first render)."""
    left = sorted(p for name in GENERATED_DIRS if (docs_dir / name).is_dir()
                  for p in (docs_dir / name).rglob("*")
                  if p.is_file() and p.relative_to(docs_dir).as_posix() not in record)
    if not left:
        return []
    return [f"{docs_dir}: {len(left)} files in the folders render writes were not written by this render and are "
            f"left in place (e.g. {left[0]}); delete them if they are pages of sheets that are gone"]
