"""Read input articles: plain text, Markdown with front matter, HTML and JSON lines.

:func:`iter_articles` yields an :class:`~generator.model.Article` for each article it can
read and an :class:`~generator.errors.InputError` for each one it cannot, so one bad file
never stops the others. Nothing here touches the network or spaCy.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from generator.errors import InputError
from generator.ids import slugify
from generator.model import Article, Source

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl",
            ".html": "html", ".htm": "html"}
JSONL_FIELDS = ("id", "title", "text", "url", "published", "source", "author")
FRONT_MATTER_FIELDS = ("title", "url", "published", "source", "author", "id")


def decode(data: bytes, path: str | Path) -> str:
    """Text from bytes: UTF-8 (with or without a BOM), else Windows-1252/Latin-1; newlines made LF.

    Raises InputError for empty or binary input.
    """
    if not data.strip():
        raise InputError(path, "the file is empty", hint="add the article's text or remove the file")
    if b"\x00" in data[:8192]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                text = data.decode("utf-16")
            except UnicodeDecodeError as exc:
                raise InputError(path, f"bad UTF-16 text ({exc.reason})", hint="save it as UTF-8") from None
            return _newlines(text)
        raise InputError(path, "this looks like a binary file, not text", hint="give a .txt, .md, .html or .jsonl file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if _looks_binary(text):
        raise InputError(path, "this looks like a binary file, not text", hint="give a .txt, .md, .html or .jsonl file")
    return _newlines(text)


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
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError as exc:
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


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def markdown_to_text(body: str) -> str:
    """Plain text from article Markdown: headings, emphasis, links and list marks dropped, paragraphs kept."""
    out = []
    for line in body.split("\n"):
        line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", "", line)
        line = _MD_LINK.sub(r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
        line = re.sub(r"<[^>\n]+>", "", line)
        out.append(line.rstrip())
    return "\n".join(out).strip("\n") + "\n"


def read_jsonl(path: Path, label: str | None = None) -> Iterator[Article | InputError]:
    """JSON lines: one article per line, ``{"id", "title", "text", "url"?, "published"?, "source"?, "author"?}``."""
    try:
        raw = decode(path.read_bytes(), path)
    except InputError as err:
        yield err
        return
    name = label or str(path)
    for n, line in enumerate(raw.split("\n"), start=1):
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
    from generator.html import article_from_html

    raw = decode(path.read_bytes(), path)
    return article_from_html(raw, path=path, default_id=slugify(path.stem), label=label or str(path))


def find_inputs(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Every article file under the given files and folders, in a stable order."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = sorted(q for q in path.rglob("*") if q.is_file() and q.suffix.lower() in SUFFIXES
                           and not any(part.startswith(".") for part in q.relative_to(path).parts))
            if not found:
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


def read_file(path: Path) -> Iterator[Article | InputError]:
    """The articles in one file (a JSON-lines file holds many)."""
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "jsonl":
        yield from read_jsonl(path)
        return
    reader = {"text": read_text, "markdown": read_markdown, "html": read_html}[kind]
    try:
        yield reader(path)
    except InputError as err:
        yield err
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")


def iter_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Articles from files and folders, with an InputError in place of each one that can't be read.

    Two articles with the same id would overwrite each other's sheet: the second is reported.
    """
    seen: dict[str, str] = {}
    for item in find_inputs(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for art in read_file(item):
            if isinstance(art, Article):
                if art.id in seen:
                    yield InputError(art.source.file or item, f"duplicate article id {art.id!r} (also {seen[art.id]})",
                                     hint="rename one of the files or change its id")
                    continue
                seen[art.id] = art.source.file or str(item)
            yield art
