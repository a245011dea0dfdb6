"""Escaping untrusted article text for Markdown pages: done here, once, for every template.

Text from articles goes into pages that Python-Markdown (with Material's extensions) turns
into HTML. Any character that Markdown, its extensions or HTML could read as syntax is
written as an HTML character reference, which Markdown passes through untouched and the
browser shows as the character itself: the text reads the same and cannot open a tag, a
link, a table cell, a heading, an admonition or a template expression.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from markupsafe import Markup

# Characters that Markdown, the extensions the site enables (tables, attr_list, md_in_html,
# admonition, details, toc) or HTML read as syntax anywhere in a line; and, rarer ones kept for
# extensions a site might add (pymdownx caret/mark/tilde/arithmatex). Escaping only these keeps
# pages small and fast to convert: punctuation such as . - ' " : / ( ) reads as itself mid-line.
_INLINE = "\\`*_{}[]<>&|~^$#="
# Characters that open a block (heading, list, quote, rule, admonition, details, table, code)
# when they start a line: escaped when they start the value, since a value may start a line.
_LINE_START = "#>+-=*_~`|:!?"
_TABLE = str.maketrans({c: f"&#{ord(c)};" for c in _INLINE})
_ORDERED = re.compile(r"^(\d+)([.)])")
_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape(text: str, *, line_start: bool) -> str:
    out = text.translate(_TABLE)
    if line_start and out:
        if out[0] in _LINE_START:
            out = f"&#{ord(out[0])};{out[1:]}"
        else:
            out = _ORDERED.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", out, count=1)
    return out


def md_text(value: object) -> Markup:
    """Untrusted text as inert Markdown on one line: whitespace collapsed, syntax characters escaped."""
    text = _WS.sub(" ", _CONTROL.sub("", str(value))).strip()
    return Markup(_escape(text, line_start=True))


def md_fragment(value: object) -> Markup:
    """Like :func:`md_text` for a piece inside a line: whitespace collapsed but not stripped at the ends."""
    text = _WS.sub(" ", _CONTROL.sub("", str(value)))
    return Markup(_escape(text, line_start=False))


def html_text(value: object) -> Markup:
    """Untrusted text for a place the theme prints as HTML (page titles, tag names): one line, escaped."""
    text = _CONTROL.sub("", _WS.sub(" ", str(value)).strip())
    return Markup(html.escape(text, quote=True))


def highlight(sentence: object, part: object) -> Markup:
    """``sentence`` escaped, with the first occurrence of ``part`` in it marked (``<mark>``)."""
    sentence, part = str(sentence or ""), str(part or "")
    before, found, after = sentence.partition(part) if part else (sentence, "", "")
    if not found:
        return md_text(sentence)
    head = md_text(before) + (" " if before[-1:].isspace() else "") if before.strip() else Markup("")
    return Markup(f"{head}<mark>{md_fragment(found)}</mark>{md_fragment(after.rstrip())}")


def safe_url(value: object) -> str | None:
    """The URL when it is an absolute http(s) URL, else None (javascript:, data:, relative paths...)."""
    url = str(value or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _WS.search(url):
        return None
    return url


def link(url: object, text: object) -> Markup:
    """An external link as an HTML anchor, or the bare text when the URL is not a safe http(s) URL."""
    href = safe_url(url)
    if href is None:
        return md_text(text)
    return Markup(f'<a href="{html.escape(href, quote=True)}" rel="nofollow noopener">{md_text(text)}</a>')
