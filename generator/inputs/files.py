"""Read input articles: plain text, Markdown with front matter, HTML and JSON lines.

:func:`iter_articles` yields an :class:`~generator.model.Article` for each article it can
read and an :class:`~generator.errors.InputError` for each one it cannot, so one bad file
never stops the others. Nothing here touches spaCy; URLs are fetched by :mod:`generator.inputs.fetch`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.errors import InputError, Problem, SkippedInputError
from generator.inputs.fetch import Fetcher, is_url, url_id
from generator.inputs.ids import MAX_ID_LENGTH, slugify
from generator.model import Article, Source
from generator.sheets import yamlio

log = logging.getLogger(__name__)

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl",
            ".html": "html", ".htm": "html", ".urls": "urls"}
JSONL_FIELDS = ("id", "title", "text", "url", "published", "source", "author")
FRONT_MATTER_FIELDS = ("title", "url", "published", "source", "author", "id")


#: signatures of common binary files people pass by mistake
_MAGIC = ((b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
          (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
          (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Word/Excel document"),
          (b"\x7fELF", "a program"), (b"SQLite format 3", "an SQLite database"))
_BINARY_HINT = "give a .txt, .md, .html or .jsonl file"
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# a well-formed UTF-8 sequence of two or more bytes: its presence means the file was meant as UTF-8
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")


class MixedEncodingError(InputError):
    """A file that is UTF-8 except for some bytes in another encoding."""


def decode(data: bytes, path: str | Path, *, declared: str | None = None) -> str:
    """Text from bytes, newlines made LF. Raises InputError (naming the line) when it can't be done.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark; the encoding the
    file declares (``declared``: an HTML meta tag or an HTTP header); UTF-8; and, for a file with
    no valid UTF-8 in it at all, Windows-1252 (a superset of Latin-1 for text). Empty files,
    binary files and files that mix UTF-8 with another encoding are errors.
    """
    if not data.strip():
        raise InputError(path, "the file is empty", hint="add the article's text or remove the file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"this looks like a binary file ({what}), not text", hint=_BINARY_HINT)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _newlines(_strict(data, codec, path, f"the file starts with a {codec.upper()} byte-order mark but"))
    if b"\x00" in data[:8192]:
        codec = _utf16_without_bom(data)
        if codec is None:
            raise InputError(path, "this looks like a binary file, not text", hint=_BINARY_HINT)
        return _newlines(_strict(data, codec, path, f"the file looks like {codec.upper()} but"))
    if declared:
        text = _try_declared(data, declared)
        if text is not None:
            return _checked(_newlines(text), path)
    try:
        return _checked(_newlines(data.decode("utf-8")), path)
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIBYTE.search(data):
            line, col = _line_col(data, exc.start)
            raise MixedEncodingError(path, f"bad encoding: byte 0x{data[exc.start]:02X} at column {col} is not "
                                     "UTF-8, but the rest of the file is", line=line,
                                     hint="the file mixes two encodings; save it as UTF-8") from None
    return _checked(_newlines(data.decode("cp1252", errors="strict") if _cp1252_ok(data) else data.decode("latin-1")),
                    path)


def decode_lines(data: bytes, path: str | Path) -> list[str | InputError]:
    """The lines of a text (see :func:`decode`); in a UTF-8 file, a line that is not UTF-8 becomes an error."""
    try:
        return decode(data, path).split("\n")
    except MixedEncodingError:
        pass
    out: list[str | InputError] = []
    for n, raw in enumerate(data.split(b"\n"), start=1):
        try:
            out.append(_newlines(raw.decode("utf-8")).rstrip("\n"))
        except UnicodeDecodeError as exc:
            out.append(InputError(path, f"bad encoding: byte 0x{raw[exc.start]:02X} at column {exc.start + 1} is "
                                  "not UTF-8", line=n, hint="JSON lines must be UTF-8; fix or remove this line"))
    return out


def _strict(data: bytes, codec: str, path: str | Path, lead: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise InputError(path, f"bad encoding: {lead} byte {exc.start} (column {col}) is not valid {codec.upper()}",
                         line=line, hint="save it as UTF-8") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' for mostly-ASCII UTF-16 text (a zero in every other byte), else None."""
    sample = data[:4096]
    n = len(sample) // 2
    if n < 4:
        return None
    even = sum(1 for b in sample[0::2] if b == 0)
    odd = sum(1 for b in sample[1::2] if b == 0)
    if odd > 0.7 * n and even < 0.05 * n:
        return "utf-16-le"
    if even > 0.7 * n and odd < 0.05 * n:
        return "utf-16-be"
    return None


def _try_declared(data: bytes, declared: str) -> str | None:
    """The text in a declared encoding, or None when the name is unknown or the bytes don't fit it."""
    import codecs

    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        log.info("unknown declared encoding %r; detecting it instead", declared)
        return None
    if name in ("latin-1", "iso8859-1", "ascii", "us-ascii"):
        name = "cp1252"  # what browsers do: the C1 range of Latin-1 pages is Windows-1252 in practice
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        log.info("the text is not in its declared encoding %r; detecting it instead", declared)
        return None


def _cp1252_ok(data: bytes) -> bool:
    return not any(b in data for b in (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"))


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _checked(text: str, path: str | Path) -> str:
    if _looks_binary(text):
        raise InputError(path, "this looks like a binary file, not text", hint=_BINARY_HINT)
    return text


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return bad > max(8, len(sample) // 100)


def iso_date(value: object, path: str | Path, field: str, line: int | None = None) -> str | None:
    """A publication date as ISO text; YAML dates and date-times are accepted as written."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
            dt.date.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(path, f"{field}: {text!r} is not an ISO date", line=line,
                         hint="write it as YYYY-MM-DD") from None
    return text


def _title_and_text(raw: str) -> tuple[str, str]:
    lines = raw.split("\n")
    for line in lines:
        if line.strip():
            return line.strip(), raw
    return "", raw


def read_text(path: Path, label: str | None = None) -> Article:
    """A ``.txt`` article: the first non-empty line is the title; the whole file is analysed."""
    text = decode(path.read_bytes(), path)
    title, body = _title_and_text(text)
    return Article(id=slugify(path.stem), title=title, text=body.strip("\n") + "\n",
                   source=Source(file=label or str(path)))


_FRONT = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


def _syntax_error(text: str) -> yaml.YAMLError:
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as exc:
        return exc
    return yaml.YAMLError("not valid YAML")


def read_markdown(path: Path, label: str | None = None) -> Article:
    """A Markdown article with optional YAML front matter (title, url, published, source, author)."""
    raw = decode(path.read_bytes(), path)
    meta: dict = {}
    body = raw
    if raw.startswith("---"):
        m = _FRONT.match(raw)
        if not m:
            raise InputError(path, "front matter has no closing '---' line", line=1,
                             hint="end the front matter with a line holding only ---")
        try:
            loaded = yamlio.load_fast(m.group(1))  # aliases and nesting within limits, as every YAML we read
        except yamlio.LimitError as exc:
            raise InputError(path, f"front matter: {exc.problem}", line=exc.problem_mark.line + 2,
                             hint="fix the YAML between the --- lines") from None
        except yaml.YAMLError:
            exc = _syntax_error(m.group(1))  # libyaml's marks point past the line at fault; PyYAML's do not
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(exc, "problem", None) or "not valid YAML"
            raise InputError(path, f"front matter: {problem}", line=line,
                             hint="fix the YAML between the --- lines") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise InputError(path, "front matter must be a mapping of fields (title: ...)", line=2)
        meta = loaded or {}
        body = raw[m.end():]
        for key in ("title", "url", "source", "author"):
            if key in meta and meta[key] is not None and not isinstance(meta[key], (str, int, float)):
                raise InputError(path, f"front matter: {key} must be text", line=_front_line(m.group(1), key))
    text = markdown_to_text(body)
    if not text.strip():
        raise InputError(path, "the article has no text after its front matter", hint="add the article's text")
    title = str(meta.get("title") or "").strip() or _title_and_text(text)[0]
    published = iso_date(meta.get("published"), path, "front matter: published",
                         _front_line(m.group(1), "published") if meta else None)
    art_id = slugify(str(meta["id"])) if meta.get("id") else slugify(path.stem)
    return Article(id=art_id, title=title, text=text,
                   source=Source(name=_str(meta.get("source")), url=_str(meta.get("url")), published=published,
                                 author=_str(meta.get("author")), file=label or str(path)))


def _front_line(front: str, key: str) -> int | None:
    for i, line in enumerate(front.split("\n")):
        if line.startswith(f"{key}:"):
            return i + 2
    return None


def _str(value: object) -> str | None:
    return None if value is None else str(value).strip() or None


_MARKDOWN = MarkdownIt("commonmark")


def markdown_to_text(body: str) -> str:
    """Plain text from article Markdown (CommonMark, parsed by markdown-it-py): one paragraph per block.

    Headings, quotations, list items and paragraphs each become a paragraph of their words;
    emphasis, link targets and inline HTML are dropped, a link or image keeps its text, and
    escapes and entities are resolved (``\\*`` is ``*``, ``&amp;`` is ``&``). Line breaks inside
    a paragraph stay, so sentence splitting sees the article as its writer wrapped it.
    """
    blocks = []
    for token in _MARKDOWN.parse(body):
        if token.type == "inline":
            blocks.append("\n".join(line.rstrip() for line in _inline_text(token).split("\n")))
        elif token.type in ("code_block", "fence"):
            blocks.append(token.content.rstrip("\n"))
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _inline_text(token: Token) -> str:
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":  # its alt text, which markdown-it keeps as children
            out.append(_inline_text(child))
    return "".join(out)


def _numbered_lines(path: Path) -> Iterator[tuple[int, str | InputError]]:
    """(line number, line) of a text file read line by line; a file or line that can't be read as an error."""
    try:
        lines = decode_lines(path.read_bytes(), path)
    except InputError as err:
        yield 0, err
        return
    except OSError as exc:
        yield 0, InputError(path, f"cannot read: {exc.strerror or exc}")
        return
    yield from enumerate(lines, start=1)


def read_jsonl(path: Path, label: str | None = None) -> Iterator[Article | InputError]:
    """JSON lines: one article per line, ``{"id", "title", "text", "url"?, "published"?, "source"?, "author"?}``.

    Each line stands alone: a line that is not valid JSON, or not UTF-8 in an otherwise UTF-8
    file, is reported with its number and the other lines are still read.
    """
    name = label or str(path)
    for n, line in _numbered_lines(path):
        if isinstance(line, InputError):
            yield line
            continue
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(path, f"malformed JSON ({exc.msg} at column {exc.colno})", line=n,
                             hint="fix or remove this line; the other lines are still read")
            continue
        if not isinstance(rec, dict):
            yield InputError(path, "each line must be a JSON object", line=n)
            continue
        missing = [k for k in ("id", "text") if not rec.get(k) and rec.get(k) != 0]
        if missing:
            yield InputError(path, f"missing field {', '.join(repr(k) for k in missing)}", line=n,
                             hint='each line needs at least {"id": ..., "title": ..., "text": ...}')
            continue
        bad = [k for k in JSONL_FIELDS if k in rec and rec[k] is not None and not isinstance(rec[k], (str, int, float))]
        if bad:
            yield InputError(path, f"field {bad[0]!r} must be a string", line=n)
            continue
        text = _newlines(str(rec["text"]))
        if not text.strip():
            yield InputError(path, "field 'text' is empty", line=n)
            continue
        try:
            published = iso_date(rec.get("published"), path, "published", n)
        except InputError as err:
            yield err
            continue
        title = _str(rec.get("title")) or _title_and_text(text)[0]
        yield Article(id=slugify(str(rec["id"])), title=title, text=text,
                      source=Source(name=_str(rec.get("source")), url=_str(rec.get("url")), published=published,
                                    author=_str(rec.get("author")), file=f"{name}:{n}"))


def read_html(path: Path, label: str | None = None) -> Article:
    """A saved web page: main text and metadata by trafilatura."""
    from generator.inputs.html import article_from_html, sniff_charset

    data = path.read_bytes()
    raw = decode(data, path, declared=sniff_charset(data))
    return article_from_html(raw, path=path, default_id=slugify(path.stem), label=label or str(path))


def read_url(url: str, fetcher: Fetcher, *, label: str | None = None, article_id: str | None = None) -> Article:
    """The article at a URL: fetched (or read from the page cache), then read as a saved web page."""
    from generator.inputs.html import article_from_html, sniff_charset

    page = fetcher.get(url)
    art_id = article_id or url_id(url)
    if not page.is_html:  # text/plain: an article as a .txt file
        text = decode(page.body, url, declared=page.charset)
        title, body = _title_and_text(text)
        return Article(id=art_id, title=title, text=body.strip("\n") + "\n",
                       source=Source(url=page.final_url, file=label or url))
    raw = decode(page.body, url, declared=page.charset or sniff_charset(page.body))
    return article_from_html(raw, path=url, default_id=art_id, label=label or url, url=page.final_url)


def read_url_list(path: Path) -> Iterator[tuple[str, str] | InputError]:
    """(URL, label) for each line of a file of URLs (``#`` starts a comment); bad lines as errors."""
    for n, line in _numbered_lines(path):
        if isinstance(line, InputError):
            yield line
            continue
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        entry = words[0]
        if not is_url(entry) or (len(words) > 1 and not words[1].startswith("#")):
            yield InputError(path, f"not a URL: {line.strip()[:60]!r}", line=n,
                             hint="one http:// or https:// address per line; # starts a comment")
            continue
        yield entry, f"{path}:{n}"


def find_inputs(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Every article file under the given files and folders, in a stable order.

    A file or folder given by name is read even if it is a symbolic link: that is what was asked
    for. A symbolic link met while walking a folder is not followed (a link to ``/etc/passwd`` in
    a folder of articles must not become a sheet): it is skipped with a warning
    (:class:`~generator.errors.SkippedInputError`) that says how to read it anyway.
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found, links = _walk(path)
            for link in links:
                yield SkippedInputError(link, f"a symbolic link (to {_target(link)}) in a folder of articles: "
                                        "not followed", hint="give it as an INPUT of its own to read it")
            if not found and not links:
                yield InputError(path, "no articles in this folder",
                                 hint=f"expected files ending {', '.join(SUFFIXES)}")
            yield from found
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                yield InputError(path, f"unknown kind of file {path.suffix!r}",
                                 hint=f"give one of {', '.join(SUFFIXES)}")
            else:
                yield path
        else:
            yield InputError(path, "no such file or folder")


def _walk(folder: Path) -> tuple[list[Path], list[Path]]:
    """The article files under ``folder`` (sorted), and the symbolic links met on the way.

    Hidden files and folders (``.git``, ``.machine``) are left out, links to them too; so are
    links whose name is not that of an article (a link named ``notes.docx`` would not be read anyway).
    """
    found: list[Path] = []
    links: list[Path] = []
    for top, dirs, files in os.walk(folder):  # followlinks=False: a linked folder is not entered
        here = Path(top)
        for name in sorted(dirs):
            if not name.startswith(".") and (here / name).is_symlink():
                links.append(here / name)
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
        for name in files:
            q = here / name
            if name.startswith(".") or q.suffix.lower() not in SUFFIXES:
                continue
            if q.is_symlink():
                links.append(q)
            elif q.is_file():
                found.append(q)
    return sorted(found), sorted(links)


def _target(link: Path) -> str:
    try:
        return str(link.readlink())
    except OSError:
        return "?"


def read_file(path: Path, *, fetcher: Fetcher | None = None) -> Iterator[Article | InputError | Problem]:
    """The articles in one file (a JSON-lines file, or a file of URLs, holds many)."""
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "jsonl":
        yield from read_jsonl(path)
        return
    if kind == "urls":
        yield from _read_urls(read_url_list(path), fetcher)
        return
    reader = {"text": read_text, "markdown": read_markdown, "html": read_html}[kind]
    try:
        yield reader(path)
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")


def _read_urls(entries: Iterable[tuple[str, str] | InputError],
               fetcher: Fetcher | None) -> Iterator[Article | InputError | Problem]:
    """The article at each URL, or its error; and the fetcher's warnings (a cache it cannot write) as they arise."""
    for entry in entries:
        if isinstance(entry, InputError):
            yield entry
            continue
        url, label = entry
        if fetcher is None:
            fetcher = Fetcher()
        try:
            result: Article | InputError = read_url(url, fetcher, label=label)
        except InputError as err:
            # name the line of the list too
            result = err if label == url else InputError(label, f"{url}: {err.message}", hint=err.hint)
        yield from fetcher.take_warnings()
        yield result


def iter_articles(inputs: Iterable[str | Path], *, fetcher: Fetcher | None = None,
                  url_lists: Iterable[str | Path] = ()) -> Iterator[Article | InputError | Problem]:
    """Articles from files, folders, URLs and files of URLs, with an InputError in place of each
    one that can't be read, and the fetcher's warnings (a :class:`~generator.errors.Problem`: a page
    cache that cannot be written) as they arise.

    Two articles with the same id would overwrite each other's sheet: the second is reported,
    except that an article from a URL takes a longer id instead (with a hash of its URL).
    """
    seen: dict[str, str] = {}

    def items() -> Iterator[tuple[Article | InputError, bool]]:
        for item in inputs:
            if isinstance(item, str) and is_url(item):
                for art in _read_urls([(item, item)], fetcher):
                    yield art, True
                continue
            for path in find_inputs([item]):
                if isinstance(path, InputError):
                    yield path, False
                    continue
                from_url = SUFFIXES[path.suffix.lower()] == "urls"
                for art in read_file(path, fetcher=fetcher):
                    yield art, from_url
        for listing in url_lists:
            for art in _read_urls(read_url_list(Path(listing)), fetcher):
                yield art, True

    for art, from_url in items():
        if isinstance(art, Article):
            where = art.source.file or art.id
            if art.id in seen and from_url:
                digest = hashlib.sha256((art.source.url or where).encode("utf-8")).hexdigest()[:6]
                art = replace(art, id=f"{art.id[:MAX_ID_LENGTH - 7]}-{digest}")
            if art.id in seen:
                yield InputError(where, f"duplicate article id {art.id!r} (also {seen[art.id]})",
                                 hint="rename one of the files or change its id")
                continue
            seen[art.id] = where
        yield art
