"""Escaping untrusted article text for pages: each hostile pattern comes out as the same text, inert.

Every row goes through the real Markdown converter with the extensions ``mkdocs.yml`` enables,
and the resulting HTML is parsed: it must hold no element other than the paragraph, and its text
must read exactly as the input did (whitespace collapsed to single spaces).
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator.render.escape import highlight, html_text, link, md_fragment, md_text, safe_url

ROOT = Path(__file__).resolve().parents[2]


def site_markdown() -> markdown.Markdown:
    """A converter configured like the site's: the extensions listed in mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, configs = [], {}
    for ext in config["markdown_extensions"]:
        if isinstance(ext, dict):
            (name, options), = ext.items()
            names.append(name)
            configs[name] = options or {}
        else:
            names.append(ext)
    return markdown.Markdown(extensions=names, extension_configs=configs)


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(html_text_: str) -> Elements:
    p = Elements()
    p.feed(html_text_)
    p.close()
    return p


HOSTILE = [
    pytest.param("<script>alert(1)</script>", id="script-tag"),
    pytest.param("</script><script>alert(1)</script>", id="script-close"),
    pytest.param('<img src=x onerror="alert(1)">', id="img-onerror"),
    pytest.param("<a href='javascript:alert(1)'>x</a>", id="html-js-link"),
    pytest.param("[click](javascript:alert(1))", id="md-js-link"),
    pytest.param("![x](javascript:alert(1))", id="md-image"),
    pytest.param("<https://example.com>", id="autolink"),
    pytest.param("[ref]: https://example.com", id="md-reference"),
    pytest.param("{{ config.site_name }}", id="jinja-expression"),
    pytest.param("{% include 'base.html' %}", id="jinja-statement"),
    pytest.param("{# comment #}", id="jinja-comment"),
    pytest.param("| a | b |\n| --- | --- |\n| c | d |", id="md-table"),
    pytest.param("a | b", id="table-pipe"),
    pytest.param("# Heading", id="atx-heading"),
    pytest.param("Heading\n=======", id="setext-heading"),
    pytest.param("- item\n- item", id="bullet-list"),
    pytest.param("1. first", id="ordered-list"),
    pytest.param("2021) second", id="ordered-list-paren"),
    pytest.param("+ plus item", id="plus-list"),
    pytest.param("* star item", id="star-list"),
    pytest.param("***", id="star-rule"),
    pytest.param("___", id="underscore-rule"),
    pytest.param("=====", id="setext-underline"),
    pytest.param("- - -", id="spaced-rule"),
    pytest.param("~~~\ncode\n~~~", id="tilde-fence"),
    pytest.param(": definition", id="definition"),
    pytest.param("*[HTML]: Hyper Text", id="abbreviation"),
    pytest.param("Title #", id="closing-hashes"),
    pytest.param("> quoted", id="blockquote"),
    pytest.param("    indented code", id="indented-code"),
    pytest.param("```\ncode\n```", id="fenced-code"),
    pytest.param("`code`", id="code-span"),
    pytest.param("**bold** _em_ *em*", id="emphasis"),
    pytest.param("---", id="horizontal-rule"),
    pytest.param('!!! danger "title"\n    body', id="admonition"),
    pytest.param('??? note "title"\n    body', id="details-block"),
    pytest.param("text { #id .cls onclick='x' }", id="attr-list"),
    pytest.param("text {: onclick=\"alert(1)\" }", id="attr-list-colon"),
    pytest.param('<div markdown="1">*x*</div>', id="md-in-html"),
    pytest.param("&lt;script&gt; &amp; &#60;", id="entities"),
    pytest.param("<!-- comment -->", id="html-comment"),
    pytest.param("back\\slash \\*", id="backslash"),
    pytest.param("line  \nbreak", id="hard-break"),
    pytest.param("$x$ ^sup^ ~~del~~ ==mark== :smile:", id="extension-syntax"),
    pytest.param("[^1] footnote", id="footnote"),
    pytest.param("a" * 500, id="long-word"),
    pytest.param("It’s “quoted” — dash… 14,000", id="typography"),
    pytest.param("tab\there\x00null\x1bescape", id="control-chars"),
]


def _normal(text: str) -> str:
    import re

    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_renders_as_the_same_inert_text(text):
    out = site_markdown().convert(str(md_text(text)))
    p = parsed(out)
    assert [t for t, _ in p.tags] == ["p"], out
    assert p.tags[0][1] == [], out
    assert "".join(p.text) == _normal(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_in_a_table_cell_stays_in_its_cell(text):
    source = f"| A | B |\n| --- | --- |\n| {md_text(text)} | after |\n"
    p = parsed(site_markdown().convert(source))
    assert [t for t, _ in p.tags] == ["table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td"]
    cells = [t for t in p.text if t.strip()]
    assert cells[2:] == [_normal(text), "after"]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_in_a_heading_keeps_the_heading(text):
    p = parsed(site_markdown().convert(f"## {md_text(text)} {{ #fixed }}\n"))
    assert next(t for t, _ in p.tags) == "h2"
    assert ("id", "fixed") in p.tags[0][1]
    assert "".join(p.text).replace("¶", "") == _normal(text)


@pytest.mark.parametrize("text", HOSTILE)
def test_html_text_is_plain_text_in_html(text):
    p = parsed(f"<title>{html_text(text)}</title>")
    assert [t for t, _ in p.tags] == ["title"]
    assert "".join(p.text) == _normal(text)


@pytest.mark.parametrize("before, part, after", [
    ("The ", "<b>14,000</b>", " dead."),
    ("", "*start*", " of the sentence"),
    ("end of the ", "[sentence](x)", ""),
])
def test_highlight_marks_the_part_and_escapes_the_rest(before, part, after):
    out = site_markdown().convert(str(highlight(before + part + after, part)))
    p = parsed(out)
    assert [t for t, _ in p.tags] == ["p", "mark"]
    assert "".join(p.text) == before + part + after


def test_highlight_without_the_part_is_plain_text():
    assert highlight("a <b> sentence", "missing") == md_text("a <b> sentence")


def test_md_fragment_keeps_edge_spaces():
    assert md_fragment(" a ") == " a "
    assert md_text(" a ") == "a"


@pytest.mark.parametrize("url, expected", [
    ("https://example.com/a?b=c#d", "https://example.com/a?b=c#d"),
    ("http://example.com", "http://example.com"),
    ("HTTPS://EXAMPLE.COM/", "HTTPS://EXAMPLE.COM/"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    (" javascript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("vbscript:msgbox(1)", None),
    ("//evil.example.com/x", None),
    ("/relative/path", None),
    ("../../etc/passwd", None),
    ("https://", None),
    ("https://exa mple.com", None),
    ("https://example.com/\nx", None),
    ("http://[::1", None),
    ("", None),
    (None, None),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


def test_link_with_a_safe_url_escapes_text_and_href():
    out = link('https://example.com/?a=1&b="2"', "<b>Title</b>")
    p = parsed(site_markdown().convert(str(out)))
    assert [t for t, _ in p.tags] == ["p", "a"]
    assert dict(p.tags[1][1])["href"] == 'https://example.com/?a=1&b="2"'
    assert "".join(p.text) == "<b>Title</b>"


def test_link_with_an_unsafe_url_is_text_only():
    out = link("javascript:alert(1)", "<b>Title</b>")
    assert "href" not in out
    assert [t for t, _ in parsed(site_markdown().convert(str(out))).tags] == ["p"]
