"""Fetching the web pages of URLs a user gives: politely, with limits, safely, and cached on disk.

Polite means: a user agent that says what we are, a timeout, a cap on the page size (checked
while reading, so a huge or endless page costs at most the cap), a pause between two requests
to the same host, gzip to save bandwidth, and a cache so that a page is downloaded once: later
runs read it from disk, and ``refresh`` asks the server only whether it changed (ETag /
Last-Modified). Only the URLs given are fetched; no link is followed, so robots.txt (which is
about crawlers) is not consulted.

Safe means: a URL (or a redirect) that leads to a loopback, private, link-local, multicast or
otherwise non-public address is refused before any connection is made, unless its host is
allowed by name (``allow_hosts``; ``--allow-host`` on the command line). A name is resolved
once per request, every address it resolves to is checked, and the connection goes to a checked
address (the name still goes in the Host header and TLS's SNI), so a DNS answer that changes
between the check and the connection cannot smuggle a private address in. For the same reason
proxies from the environment (``http_proxy``) are not used: a proxy would resolve the name itself.
The timeout is one deadline for the whole answer, redirects, headers and body together, so a
server that drips bytes cannot hold a run for longer.

Nothing else in the package touches the network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import io
import ipaddress
import json
import logging
import re
import socket
import ssl
import threading
import time
import urllib.parse
import zlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from generator import __version__, paths
from generator.errors import CACHE_NOT_WRITABLE, InputError, Problem
from generator.sheets import yamlio

log = logging.getLogger(__name__)

DEFAULT_CACHE = paths.PAGE_CACHE
DEFAULT_TIMEOUT = 20.0  # seconds for the whole answer: connecting, redirects, headers and body
DEFAULT_MAX_BYTES = 5 * 1024 * 1024  # a news page is rarely over 1 MB of HTML
DEFAULT_DELAY = 1.0  # seconds between two requests to the same host
MAX_REDIRECTS = 5
USER_AGENT = f"factsheet/{__version__} (fact sheets from news articles; fetches only the pages a user asks for)"

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)


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


# -- which addresses may be fetched ------------------------------------------------------------
_ADDRESS_KINDS = (  # the first that applies names the refusal; loopback is also "private", say loopback
    ("a loopback address", "is_loopback"),
    ("an unspecified address", "is_unspecified"),
    ("a link-local address", "is_link_local"),
    ("a multicast address", "is_multicast"),
    ("a reserved address", "is_reserved"),
    ("a private address", "is_private"),
)


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why a fetch must not go to ``ip`` ("a private address"), or None for a public address.

    An IPv6 address that carries an IPv4 one (``::ffff:10.0.0.1``, 6to4 ``2002:0a00:0001::``)
    is judged by the IPv4 address too: that is where the packets end up.
    """
    candidates = [ip]
    if isinstance(ip, ipaddress.IPv6Address):
        candidates += [v4 for v4 in (ip.ipv4_mapped, ip.sixtofour) if v4 is not None]
    for candidate in reversed(candidates):  # the embedded IPv4 address names the problem best
        for label, attribute in _ADDRESS_KINDS:
            if getattr(candidate, attribute):
                return label
        if not candidate.is_global:  # 100.64.0.0/10 (carrier NAT) and the like
            return "not a public address"
    return None


def _allow_entry(name: str) -> str:
    """An ``allow_hosts`` entry as it is compared: lower case, no brackets, IP addresses in short form."""
    name = name.strip().strip("[]").lower()
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class _Target:
    """One request's destination, split and checked: where to connect and what to call it."""

    url: str
    https: bool
    host: str  # ASCII (IDNA) host name or IP address, no brackets: the Host header and SNI
    port: int
    path: str  # the request target: path and query, percent-encoded


def _target(url: str, *, asked: str) -> _Target:
    """``url`` split for a request; FetchError (naming ``asked``, the URL the user gave) when it can't be."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(asked, f"not a valid URL ({exc})", hint="check the address") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(asked, "not a web address", hint="give an http:// or https:// URL")
    try:
        host = parts.hostname.encode("idna").decode("ascii") if not parts.hostname.isascii() else parts.hostname
    except UnicodeError:
        raise FetchError(asked, f"not a valid host name {parts.hostname!r}", hint="check the address") from None
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    # spaces, control characters and non-ASCII letters are percent-encoded; what is already encoded stays
    path = urllib.parse.quote(path, safe="!#$%&'()*+,/:;=?@[]~")
    return _Target(url=url, https=scheme == "https", host=host, port=port or (443 if scheme == "https" else 80),
                   path=path)


class _Deadline:
    """One point in time by which a whole answer must be in."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def left(self) -> float:
        """Seconds left; TimeoutError when none are."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        return left


class _DeadlineSocket:
    """A connected socket whose every send and receive must end by the deadline.

    A socket's own timeout is per call: a server that sends a byte a second never trips it.
    Here each call gets only the time left, so the headers and the body together get one deadline.
    http.client uses only ``sendall``, ``makefile`` and ``close`` of its socket.
    """

    def __init__(self, sock: socket.socket, deadline: _Deadline):
        self._sock = sock
        self._deadline = deadline
        self._readers = 0  # as a socket's makefile(): closed for real once its readers are closed too
        self._closed = False

    def _arm(self) -> socket.socket:
        self._sock.settimeout(self._deadline.left())
        return self._sock

    def sendall(self, data: bytes) -> None:
        self._arm().sendall(data)

    def makefile(self, mode: str = "rb", *_args, **_kwargs) -> io.BufferedReader:
        if mode != "rb":
            raise ValueError(f"only 'rb', not {mode!r}")
        self._readers += 1
        return io.BufferedReader(_DeadlineReader(self))

    def close(self) -> None:
        self._closed = True
        if self._readers == 0:
            self._sock.close()

    def _reader_closed(self) -> None:
        self._readers -= 1
        if self._closed and self._readers == 0:
            self._sock.close()

    def __getattr__(self, name: str):
        return getattr(self._sock, name)


class _DeadlineReader(io.RawIOBase):
    def __init__(self, owner: _DeadlineSocket):
        super().__init__()
        self._owner = owner

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        return self._owner._arm().recv_into(buffer)

    def close(self) -> None:
        if not self.closed:
            self._owner._reader_closed()
        super().close()


class Fetcher:
    """Fetch pages politely and cache them under ``cache_dir`` (None: no cache).

    ``allow_hosts``: hosts that may be fetched although they are not public (an intranet server,
    a test server on 127.0.0.1), as written in the URL: allowing ``127.0.0.1`` does not allow
    ``localhost`` or ``2130706433``, which are other names for it. ``tls``: the certificates to
    trust (default: the system's).
    """

    def __init__(self, cache_dir: Path | None = DEFAULT_CACHE, *, timeout: float = DEFAULT_TIMEOUT,
                 max_bytes: int = DEFAULT_MAX_BYTES, delay: float = DEFAULT_DELAY, user_agent: str = USER_AGENT,
                 refresh: bool = False, offline: bool = False, allow_hosts: Iterable[str] = (),
                 tls: ssl.SSLContext | None = None):
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.delay = delay
        self.user_agent = user_agent
        self.refresh = refresh
        self.offline = offline
        self.allow_hosts = frozenset(_allow_entry(h) for h in allow_hosts)
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()
        self._tls = tls or ssl.create_default_context()
        self.cache_error: str | None = None  # why the cache could not be written, once it couldn't
        self.warnings: list[Problem] = []  # not yet given out by take_warnings()
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
        _target(url, asked=url)  # a malformed URL is an error even when offline
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
            try:
                self._store(page)
            except OSError as exc:  # a read-only folder, a full disk: the page is still good for this run
                self._cache_failed(exc)
        return page

    def _cache_failed(self, exc: OSError) -> None:
        """Once per run, a warning (a record in :attr:`warnings`, which :func:`~generator.inputs.files.iter_articles`
        passes on with the articles): a run goes on without its cache."""
        if self.cache_error is None:
            self.cache_error = f"{exc.filename or self.cache_dir}: {exc.strerror or exc}"
            self.warnings.append(Problem(f"cannot write the page cache ({self.cache_error}); pages are fetched but "
                                         "not kept (give --cache a writable folder)", kind=CACHE_NOT_WRITABLE,
                                         severity="warning"))
            log.debug("%s", self.warnings[-1].message)

    def take_warnings(self) -> list[Problem]:
        """The warnings met since the last call (see :meth:`_cache_failed`), each given out once."""
        taken, self.warnings = self.warnings, []
        return taken

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            wait = 0.0 if last is None else self.delay - (now - last)
            self._last_request[host] = now + max(wait, 0.0)
        if wait > 0:
            time.sleep(wait)

    def _addresses(self, asked: str, target: _Target, *, redirected: bool) -> list[tuple[int, tuple]]:
        """The addresses ``target``'s host resolves to, each checked; FetchError before any connection."""
        try:
            infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise FetchError(asked, f"cannot find the server {target.host} ({getattr(exc, 'strerror', None) or exc})",
                             hint="check the address") from None
        addresses = [(family, sockaddr) for family, _, _, _, sockaddr in infos]
        if _allow_entry(target.host) in self.allow_hosts:
            return addresses
        for _, sockaddr in addresses:
            ip = ipaddress.ip_address(sockaddr[0])
            problem = address_problem(ip)
            if problem is None:
                continue
            what = f"is {problem}" if _is_ip(target.host) else f"resolves to {ip}, {problem}"
            where = f"refused the redirect to {target.url}: " if redirected else "refused: "
            raise FetchError(asked, f"{where}{target.host} {what}",
                             hint=f"pass --allow-host {target.host} to fetch it anyway")
        return addresses

    def _connect(self, target: _Target, addresses: list[tuple[int, tuple]],
                 deadline: _Deadline) -> http.client.HTTPConnection:
        """A connection to the first of the checked ``addresses`` that answers, named ``target.host``."""

        def connect_checked(_address, _timeout=None, _source=None) -> socket.socket:
            error: OSError = ConnectionError("no address")
            for family, sockaddr in addresses:
                sock = socket.socket(family, socket.SOCK_STREAM)
                try:
                    sock.settimeout(deadline.left())
                    sock.connect(sockaddr)
                    return sock
                except OSError as exc:
                    sock.close()
                    error = exc
                    if isinstance(exc, TimeoutError):
                        break
            raise error

        if target.https:
            conn = http.client.HTTPSConnection(target.host, target.port, timeout=deadline.left(), context=self._tls)
        else:
            conn = http.client.HTTPConnection(target.host, target.port, timeout=deadline.left())
        # http.client would resolve the name again: it connects to the addresses checked instead
        conn._create_connection = connect_checked
        conn.connect()  # TLS (with the host name for SNI and the certificate) happens here too
        conn.sock = _DeadlineSocket(conn.sock, deadline)
        return conn

    def _download(self, url: str, *, revalidate: Page | None) -> Page:
        headers = {"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5",
                   "Accept-Encoding": "gzip", "Connection": "close"}
        if revalidate is not None:
            if revalidate.etag:
                headers["If-None-Match"] = revalidate.etag
            if revalidate.last_modified:
                headers["If-Modified-Since"] = revalidate.last_modified
        target = _target(url, asked=url)
        self._wait_turn(target.host)
        deadline = _Deadline(self.timeout)
        seen = {url}
        answered = False  # whether headers came: a timeout after them is a slow page, not no answer
        try:
            for hop in range(MAX_REDIRECTS + 1):
                addresses = self._addresses(url, target, redirected=hop > 0)
                self.requests += 1
                try:
                    conn = self._connect(target, addresses, deadline)
                except (TimeoutError, ssl.SSLError):
                    raise
                except OSError as exc:
                    raise FetchError(url, f"cannot connect ({exc.strerror or exc})") from None
                resp = None
                try:
                    conn.request("GET", target.path, headers=headers)
                    resp = conn.getresponse()
                    answered = True
                    if resp.status in _REDIRECTS and resp.getheader("Location"):
                        target = self._redirect(url, target, resp.getheader("Location", ""), seen, hop)
                        answered = False
                        continue
                    if resp.status == 304 and revalidate is not None:
                        log.debug("not modified %s", url)
                        return revalidate
                    if not 200 <= resp.status < 300:
                        raise FetchError(url, f"the server answered HTTP {resp.status} {resp.reason}".strip(),
                                         hint="check the address" if resp.status in (404, 410) else None)
                    return self._read(url, target.url, resp)
                finally:
                    if resp is not None:
                        resp.close()
                    conn.close()
            raise AssertionError("unreachable: _redirect stops after MAX_REDIRECTS")
        except TimeoutError:
            if answered:
                raise FetchError(url, f"the page took over {self.timeout:g} s to download",
                                 hint="try again later or raise --timeout") from None
            raise FetchError(url, f"no answer within {self.timeout:g} s (timeout)",
                             hint="try again later or raise --timeout") from None
        except ssl.SSLError as exc:
            detail = getattr(exc, "verify_message", None) or exc.reason or exc  # "Hostname mismatch, ..."
            raise FetchError(url, f"the secure connection failed ({detail})") from None
        except http.client.RemoteDisconnected:
            raise FetchError(url, "the server closed the connection without answering") from None
        except http.client.IncompleteRead:
            raise FetchError(url, "the connection broke before the whole page came",
                             hint="try again later") from None
        except http.client.HTTPException as exc:
            raise FetchError(url, f"the server's answer is not valid HTTP ({type(exc).__name__})") from None
        except OSError as exc:
            raise FetchError(url, f"the connection failed ({exc.strerror or exc})") from None

    @staticmethod
    def _redirect(url: str, current: _Target, location: str, seen: set[str], hop: int) -> _Target:
        """Where a redirect leads, checked: a web URL, not seen before, not one too many."""
        try:
            new_url = urllib.parse.urljoin(current.url, location.strip()).split("#", 1)[0]
        except ValueError as exc:
            raise FetchError(url, f"redirected to a malformed address {location.strip()[:100]!r} ({exc})") from None
        if hop >= MAX_REDIRECTS:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects (the last to {new_url})",
                             hint="open the address in a browser and give the page it ends at")
        if new_url in seen:
            raise FetchError(url, f"the redirects go round in a loop (back to {new_url})",
                             hint="open the address in a browser and give the page it ends at")
        seen.add(new_url)
        if urllib.parse.urlsplit(new_url).scheme.lower() not in ("http", "https"):
            raise FetchError(url, f"redirected to a non-web address {new_url!r}")
        return _target(new_url, asked=url)

    def _read(self, url: str, final_url: str, resp: http.client.HTTPResponse) -> Page:
        msg = resp.msg
        declared = msg.get("Content-Type") is not None
        ctype = (msg.get_content_type() or "").lower() if declared else ""
        if declared and ctype not in HTML_TYPES + TEXT_TYPES:
            raise FetchError(url, f"not a web page but {ctype or 'an unknown kind of file'}",
                             hint="give the address of the article's own page")
        length = msg.get("Content-Length")
        if length and length.isdigit() and int(length) > self.max_bytes and not msg.get("Content-Encoding"):
            raise FetchError(url, f"the page is {int(length):,} bytes, over the {self.max_bytes:,}-byte cap",
                             hint="raise --max-bytes if it really is one article")
        gzipped = (msg.get("Content-Encoding") or "").lower() in ("gzip", "x-gzip")
        body = _read_capped(resp, self.max_bytes, gzipped=gzipped)
        if body is None:
            raise FetchError(url, f"the page is over the {self.max_bytes:,}-byte cap",
                             hint="raise --max-bytes if it really is one article")
        if not declared:  # no Content-Type: judge by the bytes, as a browser does
            ctype = sniff_type(body)
            if ctype is None:
                raise FetchError(url, "not a web page but a binary file (the server did not say what it is)",
                                 hint="give the address of the article's own page")
        return Page(url=url, final_url=final_url, content_type=ctype, charset=msg.get_content_charset(),
                    body=body, fetched_at=_now(), etag=msg.get("ETag"), last_modified=msg.get("Last-Modified"))


def _read_capped(resp: http.client.HTTPResponse, cap: int, *, gzipped: bool) -> bytes | None:
    """At most ``cap`` bytes of (decompressed) body; None when there is more.

    Too slow a server raises TimeoutError from the socket (see :class:`_DeadlineSocket`).
    """
    out = bytearray()
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    while True:
        chunk = resp.read1(_CHUNK)
        if not chunk:
            break
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


_HTML_START = re.compile(rb"\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<!--|<\?xml|<p[\s>]|<div|<article)",
                         re.I)
_HTML_TAG = re.compile(rb"<(?:html|body|head)[\s>]|<!doctype\s+html", re.I)
# the WHATWG MIME-sniffing standard's "binary data bytes": no text file has them
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")


def sniff_type(body: bytes) -> str | None:
    """What a page sent without a Content-Type is: "text/html", "text/plain", or None for a binary file.

    >>> sniff_type(b"<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    'text/html'
    >>> sniff_type(b"%PDF-1.7 \\x00\\x01")
    """
    head = body[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text: look at it as UTF-8
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.removeprefix(b"\xef\xbb\xbf")
    if _BINARY_BYTES.search(head):
        return None
    if _HTML_START.match(head) or _HTML_TAG.search(head):
        return "text/html"
    return "text/plain"


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
