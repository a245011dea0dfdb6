"""Fetching the web pages of URLs a user gives: politely, with limits, and cached on disk.

Polite means: a user agent that says what we are, a timeout, a cap on the page size (checked
while reading, so a huge or endless page costs at most the cap), a pause between two requests
to the same host, gzip to save bandwidth, and a cache so that a page is downloaded once: later
runs read it from disk, and ``refresh`` asks the server only whether it changed (ETag /
Last-Modified). Only the URLs given are fetched; no link is followed, so robots.txt (which is
about crawlers) is not consulted.

Nothing else in the package touches the network.
"""

from __future__ import annotations

import datetime as dt
import email.message
import hashlib
import json
import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from generator import __version__
from generator.errors import InputError
from generator.sheets import yamlio

log = logging.getLogger(__name__)

DEFAULT_CACHE = Path(".factsheet-cache/pages")
DEFAULT_TIMEOUT = 20.0  # seconds, for connecting and for each read
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a news page is rarely over 1 MB of HTML
DEFAULT_DELAY = 1.0  # seconds between two requests to the same host
USER_AGENT = f"factsheet/{__version__} (fact sheets from news articles; fetches only the pages a user asks for)"

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Page:
    """A fetched page: its bytes and what the server said about them."""

    url: str  # as asked
    final_url: str  # after redirects
    content_type: str  # "text/html"
    charset: str | None  # from the Content-Type header
    body: bytes
    fetched_at: str  # UTC, ISO 8601
    etag: str | None = None
    last_modified: str | None = None
    from_cache: bool = False

    @property
    def is_html(self) -> bool:
        return self.content_type in HTML_TYPES


class FetchError(InputError):
    """A URL that could not be fetched (one line, naming the URL)."""


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


class _NoRedirectToOtherSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs, at most five."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-web URL {newurl!r}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """Fetch pages politely and cache them under ``cache_dir`` (None: no cache)."""

    def __init__(self, cache_dir: Path | None = DEFAULT_CACHE, *, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, delay: float = DEFAULT_DELAY, user_agent: str = USER_AGENT,
                 refresh: bool = False, offline: bool = False):
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.delay = delay
        self.user_agent = user_agent
        self.refresh = refresh
        self.offline = offline
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()
        self._opener = urllib.request.build_opener(_NoRedirectToOtherSchemes())
        self.requests = 0  # how many requests went out (for tests and the progress report)

    # -- the cache ------------------------------------------------------------------------
    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        folder = self.cache_dir / key[:2]
        return folder / f"{key}.json", folder / f"{key}.body"

    def cached(self, url: str) -> Page | None:
        """The cached page of a URL, or None."""
        paths = self._cache_paths(url)
        if paths is None:
            return None
        meta_path, body_path = paths
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if meta.get("url") != url or hashlib.sha256(body).hexdigest() != meta.get("sha256"):
            return None  # a hash collision of names, or a body from another write: refetch
        fields = {k: meta.get(k) for k in ("url", "final_url", "content_type", "charset", "fetched_at", "etag",
                                            "last_modified")}
        return Page(body=body, from_cache=True, **fields)

    def _store(self, page: Page) -> None:
        paths = self._cache_paths(page.url)
        if paths is None:
            return
        meta_path, body_path = paths
        meta = {k: v for k, v in asdict(page).items() if k not in ("body", "from_cache")}
        meta["sha256"] = hashlib.sha256(page.body).hexdigest()
        # body first, then the metadata that vouches for it: a crash between the two leaves a
        # metadata file whose hash does not match, which reads as "not cached"
        yamlio.atomic_write_bytes(body_path, page.body)
        yamlio.atomic_write(meta_path, json.dumps(meta, indent=1, sort_keys=True) + "\n")

    # -- fetching -------------------------------------------------------------------------
    def get(self, url: str) -> Page:
        """The page at ``url``: from the cache when there, else fetched. Raises FetchError."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "not a web address", hint="give an http:// or https:// URL")
        cached = self.cached(url)
        if cached is not None and not self.refresh:
            log.debug("cache hit %s", url)
            return cached
        if self.offline:
            if cached is not None:
                return cached
            raise FetchError(url, "not in the page cache and fetching is off", hint="run without --offline")
        page = self._download(url, revalidate=cached)
        if page is not cached:
            self._store(page)
        return page

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            wait = 0.0 if last is None else self.delay - (now - last)
            self._last_request[host] = now + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def _download(self, url: str, *, revalidate: Page | None) -> Page:
        host = urllib.parse.urlsplit(url).hostname or ""
        headers = {"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
                   "Accept-Encoding": "gzip"}
        if revalidate is not None:
            if revalidate.etag:
                headers["If-None-Match"] = revalidate.etag
            if revalidate.last_modified:
                headers["If-Modified-Since"] = revalidate.last_modified
        self._wait_turn(host)
        self.requests += 1
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as resp:
                return self._read(url, resp)
        except urllib.error.HTTPError as exc:
            if exc.code == 304 and revalidate is not None:
                log.debug("not modified %s", url)
                return revalidate
            raise FetchError(url, f"the server answered HTTP {exc.code} {exc.reason}",
                             hint="check the address" if exc.code in (404, 410) else None) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                raise FetchError(url, f"no answer within {self.timeout:g} s (timeout)",
                                 hint="try again later or raise --timeout") from None
            raise FetchError(url, f"cannot connect ({reason})") from None
        except TimeoutError:
            raise FetchError(url, f"no answer within {self.timeout:g} s (timeout)",
                             hint="try again later or raise --timeout") from None
        except OSError as exc:
            raise FetchError(url, f"the connection failed ({exc})") from None

    def _read(self, url: str, resp) -> Page:
        msg: email.message.Message = resp.headers
        ctype = (msg.get_content_type() or "").lower()
        if ctype not in HTML_TYPES + TEXT_TYPES:
            raise FetchError(url, f"not a web page but {ctype or 'an unknown kind of file'}",
                             hint="give the address of the article's own page")
        length = msg.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes and not msg.get("Content-Encoding"):
            raise FetchError(url, f"the page is {int(length):,} bytes, over the {self.max_bytes:,}-byte cap",
                             hint="raise --max-bytes if it really is one article")
        gzipped = (msg.get("Content-Encoding") or "").lower() in ("gzip", "x-gzip")
        # a server that drips bytes slowly gets 3 timeouts in all, not one per read
        body = _read_capped(resp, self.max_bytes, gzipped=gzipped, deadline=time.monotonic() + 3 * self.timeout)
        if body is False:
            raise FetchError(url, f"the page took over {3 * self.timeout:g} s to download",
                             hint="try again later or raise --timeout")
        if body is None:
            raise FetchError(url, f"the page is over the {self.max_bytes:,}-byte cap",
                             hint="raise --max-bytes if it really is one article")
        return Page(url=url, final_url=resp.geturl() or url, content_type=ctype, charset=msg.get_content_charset(),
                    body=body, fetched_at=_now(), etag=msg.get("ETag"), last_modified=msg.get("Last-Modified"))


def _read_capped(resp, cap: int, *, gzipped: bool, deadline: float) -> bytes | bool | None:
    """At most ``cap`` bytes of (decompressed) body; None when there is more, False when too slow."""
    out = bytearray()
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    while True:
        chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
        if not chunk:
            break
        if time.monotonic() > deadline:
            return False
        if inflate is not None:
            chunk = inflate.decompress(chunk, cap + 1 - len(out))
            if inflate.unconsumed_tail:
                return None
        out += chunk
        if len(out) > cap:
            return None
    if inflate is not None:
        out += inflate.flush()
        if len(out) > cap:
            return None
    return bytes(out)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


_PAGE_EXTENSIONS = {"html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cms", "ece"}
_GENERIC_SEGMENTS = {"index", "article", "articles", "story", "stories", "amp", "news", "default", "content", "print",
                     "view", "post", "posts", "page", "en"}


def url_id(url: str) -> str:
    """An article id from a URL: its last meaningful path segment, else its host.

    >>> url_id("https://news.example/world/2024/03/ferry-terminal-approved.html")
    'ferry-terminal-approved'
    """
    from generator.inputs.ids import slugify

    parts = urllib.parse.urlsplit(url)
    for segment in reversed([p for p in parts.path.split("/") if p]):
        stem = urllib.parse.unquote(segment).replace("\\", "/").rsplit("/", 1)[-1]
        base, dot, ext = stem.rpartition(".")
        if dot and ext.lower() in _PAGE_EXTENSIONS:
            stem = base
        if stem.lower() in _GENERIC_SEGMENTS or not any(c.isalnum() for c in stem):
            continue
        if stem.isdigit() and len(stem) <= 4:  # a year or a month in the path
            continue
        return slugify(stem)
    return slugify(parts.hostname or url)
