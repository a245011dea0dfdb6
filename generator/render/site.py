"""Gather: every sheet loaded and validated, and every cross-page index built, before a page is written.

The one place that decides which mentions of a person, organisation or place across articles are
the same referent is :func:`group_entities`. :func:`gather` takes it as a parameter, so a
cross-article registry (aliases merged across articles, people told apart by role) can replace
the grouping without touching the pages: it only has to return an :class:`EntityPageIndex`.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.corpus.names import name_key
from generator.corpus.registry import GROUPS, TYPE_GROUPS, Registry
from generator.inputs.ids import slugify
from generator.model import Entity, FactSheet, Figure, Quote
from generator.sheets.store import load_sheets

log = logging.getLogger(__name__)

#: page names that MkDocs gives a meaning of its own: never used for a sheet or an entity
RESERVED_NAMES = frozenset({"index"})
#: an entity name longer than this is not made a tag (it would not read as one)
MAX_TAG_LENGTH = 40


def published_date(sheet: FactSheet) -> str | None:
    """The sheet's publication date as ``YYYY-MM-DD`` (or the shorter ISO form given), or None."""
    published = (sheet.source.published or "").strip()
    return published[:10] or None


def sheet_order(sheet: FactSheet) -> tuple[str, str]:
    """Sort key, newest first when reversed: dated sheets by date, undated ones after them."""
    return (published_date(sheet) or "", sheet.id)


@dataclass
class EntityPage:
    """One person, organisation or place across all sheets: what its page is made from."""

    slug: str
    name: str
    group: str  # one of GROUPS
    aliases: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    mentions: list[tuple[FactSheet, Entity | None]] = field(default_factory=list)  # None: named only as a speaker
    quotes: list[tuple[FactSheet, int, Quote]] = field(default_factory=list)  # (sheet, quote number, quote)
    figures: list[tuple[FactSheet, int, Figure]] = field(default_factory=list)
    _counts: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    _counted: int = field(default=0, init=False, repr=False, compare=False)

    @property
    def sheets(self) -> list[FactSheet]:
        """The sheets that mention it, newest first, each once."""
        seen: dict[str, FactSheet] = {}
        for sheet, _ in self.mentions:
            seen.setdefault(sheet.id, sheet)
        for sheet, _, _ in self.quotes:
            seen.setdefault(sheet.id, sheet)
        return sorted(seen.values(), key=sheet_order, reverse=True)

    def mentions_in(self, sheet: FactSheet) -> int:
        """How often ``sheet`` names it (at least 1 when it is only a speaker there).

        The counts by sheet are made once (again only if mentions were added since): the page asks for
        each of its sheets, and counting all mentions each time made a page of a name in thousands of
        sheets quadratic."""
        if self._counts is None or self._counted != len(self.mentions):
            counts: dict[str, int] = {}
            for s, e in self.mentions:
                counts[s.id] = counts.get(s.id, 0) + (e.mentions if e is not None else 0)
            self._counts, self._counted = counts, len(self.mentions)
        counts = self._counts
        found = sheet.id in counts
        return max(counts.get(sheet.id, 0), 1 if found else 0)

    @property
    def surname(self) -> str:
        return self.name.split()[-1] if self.name.split() else self.name


@dataclass
class EntityPageIndex:
    """Entity pages, and which page each name in each sheet refers to.

    (Not the extractor's :class:`generator.extract.entities.entities.EntityIndex`, which maps the
    tokens of one article to its entities: this one maps the names of every sheet to site pages.)
    """

    pages: dict[str, dict[str, EntityPage]] = field(default_factory=lambda: {g: {} for g in GROUPS})
    #: (sheet id, the name as written there, by :func:`~generator.corpus.names.name_key`) -> its page
    names: dict[tuple[str, str], EntityPage] = field(default_factory=dict)

    def find(self, sheet: FactSheet, name: str | None) -> EntityPage | None:
        """The page a name used in ``sheet`` refers to (a canonical name or an alias), or None."""
        if not name:
            return None
        return self.names.get((sheet.id, name_key(name)))

    def page_for(self, sheet: FactSheet, entity: Entity) -> EntityPage | None:
        return self.find(sheet, entity.name)

    def all_pages(self) -> Iterable[EntityPage]:
        for group in GROUPS:
            yield from self.pages.get(group, {}).values()


def _claim(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... : the first that is neither taken nor reserved."""
    candidate, n = name, 1
    while candidate in taken or candidate in RESERVED_NAMES:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


def group_entities(sheets: Sequence[FactSheet]) -> EntityPageIndex:
    """Group entities across sheets by their canonical name (one page per slug of the name).

    Speakers of quotes that the sheet does not list as an entity still get a person page, so
    every resolved speaker can be followed across articles. This is the seam a cross-article
    registry replaces: any function from sheets to an :class:`EntityPageIndex` will do.
    """
    index = EntityPageIndex()
    by_key: dict[tuple[str, str], EntityPage] = {}
    taken: dict[str, set[str]] = defaultdict(set)

    def page_of(group: str, name: str) -> EntityPage:
        key = (group, slugify(name))
        page = by_key.get(key)
        if page is None:
            slug = _claim(key[1], taken[group])
            page = by_key[key] = index.pages[group][slug] = EntityPage(slug=slug, name=name, group=group)
        return page

    for sheet in sheets:
        for ent in sheet.entities:
            group = TYPE_GROUPS.get(ent.type)
            if group is None or not ent.name.strip():
                continue
            page = page_of(group, ent.name)
            page.aliases.update(a for a in ent.aliases if a.strip() and a != page.name)
            page.roles.update(r for r in ent.roles if r.strip())
            page.mentions.append((sheet, ent))
            for name in (ent.name, *ent.aliases):
                index.names.setdefault((sheet.id, name_key(name)), page)
        for quote in sheet.quotes:
            if not _person_without_page(index, sheet, quote):
                continue
            page = page_of("people", quote.speaker)
            if quote.speaker_role:
                page.roles.add(quote.speaker_role)
            page.mentions.append((sheet, None))
            index.names[(sheet.id, name_key(quote.speaker))] = page
    return index


def registry_grouping(registry: Registry) -> Grouping:
    """Grouping by the cross-article registry: one page per registry entry, named by its id.

    The registry merges "Antony Blinken", "Secretary Blinken" and "Blinken" across articles and
    keeps apart people who only share a surname. A speaker the sheet does not list as an entity
    (so the registry does not know) still gets a person page, as in :func:`group_entities`.
    """

    def grouping(sheets: Sequence[FactSheet]) -> EntityPageIndex:
        by_id = {s.id: s for s in sheets}
        index = EntityPageIndex()
        taken: dict[str, set[str]] = defaultdict(set)
        for entry in registry.entries:
            if entry.group not in GROUPS:
                continue
            page = EntityPage(slug=_claim(entry.id, taken[entry.group]), name=entry.name, group=entry.group,
                              roles={r.title for r in entry.roles if r.title.strip()})
            # the registry's aliases and the names the articles used ("Blinken", "Secretary Blinken"), each once
            shown = [a.strip() for a in (*entry.aliases, *(n for ref in entry.refs for n in ref.names))]
            page.aliases = set({a.casefold(): a for a in sorted(shown, reverse=True)
                                if a and a.casefold() != entry.name.casefold()}.values())
            for ref in entry.refs:
                sheet = by_id.get(ref.sheet)
                if sheet is None:
                    continue
                names = {name_key(n) for n in ref.names}
                page.mentions.append((sheet, next((e for e in sheet.entities if name_key(e.name) in names
                                                   and TYPE_GROUPS.get(e.type) == entry.group), None)))
                for name in names:
                    index.names.setdefault((sheet.id, name), page)
            if page.mentions:
                index.pages[entry.group][page.slug] = page
        _add_speakers(index, sheets, taken["people"])
        return index

    return grouping


def _add_speakers(index: EntityPageIndex, sheets: Sequence[FactSheet], taken: set[str]) -> None:
    """A person page for every speaker no entity of their sheet names."""
    by_slug: dict[str, EntityPage] = {}
    for sheet in sheets:
        for quote in sheet.quotes:
            if not _person_without_page(index, sheet, quote):
                continue
            key = slugify(quote.speaker)
            page = by_slug.get(key) or index.pages["people"].get(key)
            if page is None:
                page = by_slug[key] = EntityPage(slug=_claim(key, taken), name=quote.speaker.strip(), group="people")
                index.pages["people"][page.slug] = page
            if quote.speaker_role:
                page.roles.add(quote.speaker_role)
            page.mentions.append((sheet, None))
            index.names[(sheet.id, name_key(quote.speaker))] = page


def _person_without_page(index: EntityPageIndex, sheet: FactSheet, quote: Quote) -> bool:
    """A speaker who is a person no entity of the sheet names: they get a person page of their own.
    An organisation the article does not name ("police", "the county council") is shown by its words,
    never made a person."""
    if not quote.speaker or not quote.speaker.strip() or quote.speaker_type not in (None, "PERSON"):
        return False
    return index.find(sheet, quote.speaker) is None


def _mentions_any(sentence: str, names: Iterable[str]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(n)}(?!\w)", sentence) for n in names if n.strip())


def attach_items(site_index: EntityPageIndex, sheets: Sequence[FactSheet]) -> None:
    """Hang every resolved quote on its speaker's page and every figure on the places its sentence names."""
    for sheet in sheets:
        for number, quote in enumerate(sheet.quotes, start=1):
            page = site_index.find(sheet, quote.speaker)
            if page is not None:
                page.quotes.append((sheet, number, quote))
        places = [(page, (e.name, *e.aliases)) for e in sheet.entities
                  if TYPE_GROUPS.get(e.type) == "places" and (page := site_index.page_for(sheet, e)) is not None]
        for number, figure in enumerate(sheet.figures, start=1):
            for page, names in places:
                if _mentions_any(figure.sentence or figure.text, names) and \
                        not any(s is sheet and n == number for s, n, _ in page.figures):
                    page.figures.append((sheet, number, figure))
    for page in site_index.all_pages():
        page.quotes.sort(key=lambda item: (published_date(item[0]) or "9999", item[0].id, item[1]))
        page.figures.sort(key=lambda item: (published_date(item[0]) or "9999", item[0].id, item[1]))


@dataclass
class Site:
    """Everything the pages are made from, gathered before any page is written."""

    sheets: list[FactSheet]  # newest first
    entities: EntityPageIndex
    problems: list[str]
    page_names: dict[str, str] = field(default_factory=dict)  # sheet id -> its page name under sheets/
    files: dict[str, Path] = field(default_factory=dict)  # sheet id -> the YAML file it was read from
    warnings: list[str] = field(default_factory=list)  # things a person should know, not errors
    notes: list[str] = field(default_factory=list)  # how the pages were made, when a person may want to know

    def page_name(self, sheet: FactSheet) -> str:
        return self.page_names[sheet.id]

    def entity_page(self, sheet: FactSheet, entity: Entity) -> EntityPage | None:
        return self.entities.page_for(sheet, entity)

    def speaker_page(self, sheet: FactSheet, quote: Quote) -> EntityPage | None:
        return self.entities.find(sheet, quote.speaker)

    def counts(self) -> dict[str, int]:
        return {
            "sheets": len(self.sheets),
            "sources": len({s.source.name for s in self.sheets if s.source.name}),
            "quotes": sum(len(s.quotes) for s in self.sheets),
            "figures": sum(len(s.figures) for s in self.sheets),
            **{group: len(self.entities.pages.get(group, {})) for group in GROUPS},
        }

    def tags_of(self, sheet: FactSheet, *, limit: int = 3) -> list[str]:
        """The sheet's own tags, then its most-mentioned organisations and places (named at least twice)."""
        tags = [t.strip() for t in sheet.tags if t.strip()]
        ranked = sorted((e for e in sheet.entities if TYPE_GROUPS.get(e.type) in ("organisations", "places")
                         and e.mentions >= 2 and len(e.name) <= MAX_TAG_LENGTH), key=lambda e: (-e.mentions, e.name))
        for ent in ranked[:limit]:
            if ent.name.strip() and ent.name not in tags:
                tags.append(ent.name.strip())
        return tags


Grouping = Callable[[Sequence[FactSheet]], EntityPageIndex]


def gather(facts_dir: Path, *, grouping: Grouping = group_entities) -> Site:
    """Load every sheet under ``facts_dir`` (bad ones are reported, not fatal) and index them."""
    sheets, files, problems = load_sheets(facts_dir)
    site = gather_sheets(sheets, problems=problems, grouping=grouping)
    site.files = files
    return site


def worth_a_page(page: EntityPage) -> bool:
    """An entity gets a page when the page says more than the one sheet naming it does.

    A speaker (every quote of a person is on their page), a place with figures, or anything
    named in two sheets or more. The rest are listed on their sheet without a link: a page per
    name mentioned once would multiply the pages (and the build time) for nothing.
    """
    return bool(page.quotes or page.figures) or len({s.id for s, _ in page.mentions}) >= 2


def prune(index: EntityPageIndex, keep: Callable[[EntityPage], bool] = worth_a_page) -> EntityPageIndex:
    """Drop the pages ``keep`` refuses, and every name that pointed to them."""
    for group, pages in index.pages.items():
        index.pages[group] = {slug: page for slug, page in pages.items() if keep(page)}
    kept = {id(p) for p in index.all_pages()}
    index.names = {key: page for key, page in index.names.items() if id(page) in kept}
    return index


def gather_sheets(sheets: Sequence[FactSheet], *, problems: Sequence[str] = (),
                  grouping: Grouping = group_entities,
                  keep: Callable[[EntityPage], bool] = worth_a_page) -> Site:
    """A :class:`Site` from sheets already loaded."""
    ordered = sorted(sheets, key=sheet_order, reverse=True)
    taken: set[str] = set()
    page_names = {s.id: _claim(s.id, taken) for s in sorted(ordered, key=lambda s: s.id == "index")}
    index = grouping(ordered)
    attach_items(index, ordered)
    prune(index, keep)
    return Site(sheets=ordered, entities=index, problems=list(problems), page_names=page_names)
