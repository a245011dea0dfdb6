"""Saved web pages: the article's main text and metadata, by trafilatura.

Navigation, comments and boilerplate stay out. Dates come only from the page itself
(its metadata or visible date): htmldate's extensive search, which falls back to guesses,
is off, so a page with no date gets none rather than today's.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

from generator.errors import InputError
from generator.inputs.ids import slugify
from generator.model import Article, Source

# trafilatura and htmldate log every guess at INFO/WARNING; keep them out of our output
for _name in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def article_from_html(html: str, *, path: str | Path, default_id: str, label: str,
                      url: str | None = None) -> Article:
    """An Article from the HTML of a page; raises InputError when no article text is found."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (doc.text if doc is not None else "") or ""
    if len(text.strip()) < 20:
        raise InputError(path, "no article text found in this page",
                         hint="save the article's own page, not an index or a login page")
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    title = (doc.title or "").strip() or paragraphs[0][:200]
    if paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    body = "\n\n".join(paragraphs) + "\n"
    published = _page_date(doc.date)
    page_url = url or doc.url
    return Article(
        id=default_id or slugify(title),
        title=title,
        text=body,
        source=Source(name=doc.sitename or doc.hostname or None, url=page_url, published=published,
                      author=doc.author or None, file=label),
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def sniff_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in a ``<meta>`` tag near its start, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _page_date(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"\d{4}-\d\d-\d\d", value)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(0)).isoformat()
    except ValueError:
        return None
