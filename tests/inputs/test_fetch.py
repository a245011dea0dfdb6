"""Fetching URLs: against a local HTTP server in a thread, never the internet."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.inputs.fetch import USER_AGENT, Fetcher, FetchError, url_id
from generator.inputs.files import iter_articles
from generator.model import Article

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}">
<title>Ferry terminal approved | Calloway Courier</title>
<meta property="og:title" content="Ferry terminal approved">
<meta property="og:site_name" content="Calloway Courier">
<meta name="author" content="Priya Ramaswamy">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Ferry terminal approved</h1>
<p>The harbour council voted on Tuesday to build a ferry terminal on the east quay, ending a long dispute.</p>
<p>"We have waited long enough for this," said councillor Tomas Vidal, who chairs the transport committee.</p>
<p>The terminal will cost about 42 million euros and open in {year}, the council said in a statement.</p>
</article><footer>Copyright Calloway Courier. All rights reserved.</footer></body></html>
"""


class Site:
    """What the local server serves: path -> (status, headers, body, seconds to wait first)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, dict[str, str], bytes, float]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []

    def add(self, path: str, body: bytes | str, *, status: int = 200, ctype: str = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, delay: float = 0.0) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {"Content-Type": ctype, **(headers or {})}, data, delay)


@pytest.fixture()
def server():
    site = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            site.requests.append((self.path, dict(self.headers)))
            status, headers, body, delay = site.routes.get(self.path, (404, {"Content-Type": "text/plain"},
                                                                         b"not found", 0.0))
            if delay:
                time.sleep(delay)
            if status == 200 and "etag" in {k.lower() for k in headers} \
                    and self.headers.get("If-None-Match") == headers.get("ETag"):
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            if "Content-Length" not in headers:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if headers.get("X-Drip"):  # a server that sends a few bytes at a time, slowly
                    for i in range(0, len(body), 64):
                        self.wfile.write(body[i:i + 64])
                        self.wfile.flush()
                        time.sleep(float(headers["X-Drip"]))
                else:
                    self.wfile.write(body)

        def log_message(self, *args):  # keep test output clean
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield site
    httpd.shutdown()
    httpd.server_close()


def fetcher(tmp_path: Path, **kw) -> Fetcher:
    kw.setdefault("delay", 0.0)
    kw.setdefault("timeout", 5.0)
    return Fetcher(tmp_path / "cache", **kw)


def test_a_page_is_fetched_and_read_as_html(server, tmp_path):
    server.add("/news/2024/03/ferry-terminal.html", PAGE.format(charset="utf-8", year=2026))
    url = server.base + "/news/2024/03/ferry-terminal.html"
    [art] = list(iter_articles([url], fetcher=fetcher(tmp_path)))
    assert isinstance(art, Article), art
    assert art.id == "ferry-terminal"
    assert art.title == "Ferry terminal approved"
    assert "waited long enough" in art.text
    assert "Sport" not in art.text and "All rights reserved" not in art.text
    assert art.source.url == url
    assert art.source.name == "Calloway Courier"
    assert art.source.author == "Priya Ramaswamy"
    assert art.source.published == "2024-03-05"


def test_the_request_is_polite(server, tmp_path):
    server.add("/a", PAGE.format(charset="utf-8", year=2026))
    fetcher(tmp_path).get(server.base + "/a")
    _, headers = server.requests[0]
    assert headers["User-Agent"] == USER_AGENT
    assert "gzip" in headers["Accept-Encoding"]


def test_a_page_is_fetched_once_then_read_from_the_cache(server, tmp_path):
    server.add("/a", PAGE.format(charset="utf-8", year=2026))
    first = fetcher(tmp_path).get(server.base + "/a")
    again = fetcher(tmp_path)  # a later run: a new fetcher over the same cache
    second = again.get(server.base + "/a")
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.body == first.body
    assert len(server.requests) == 1 and again.requests == 0


def test_refresh_revalidates_and_keeps_the_cached_page_when_unchanged(server, tmp_path):
    server.add("/a", PAGE.format(charset="utf-8", year=2026), headers={"ETag": '"v1"'})
    fetcher(tmp_path).get(server.base + "/a")
    page = fetcher(tmp_path, refresh=True).get(server.base + "/a")
    assert server.requests[1][1].get("If-None-Match") == '"v1"'
    assert page.from_cache and b"2026" in page.body
    server.add("/a", PAGE.format(charset="utf-8", year=2030), headers={"ETag": '"v2"'})
    page = fetcher(tmp_path, refresh=True).get(server.base + "/a")
    assert not page.from_cache and b"2030" in page.body
    assert b"2030" in fetcher(tmp_path).get(server.base + "/a").body


def test_offline_uses_only_the_cache(server, tmp_path):
    with pytest.raises(FetchError, match="not in the page cache"):
        fetcher(tmp_path, offline=True).get(server.base + "/a")
    assert server.requests == []


def test_a_slow_server_times_out_with_a_clear_error(server, tmp_path):
    server.add("/slow", PAGE.format(charset="utf-8", year=2026), delay=2.0)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0.5 s \(timeout\)"):
        fetcher(tmp_path, timeout=0.5).get(server.base + "/slow")
    assert time.monotonic() - start < 1.9


def test_a_server_that_drips_the_page_is_cut_off(server, tmp_path):
    server.add("/drip", PAGE.format(charset="utf-8", year=2026), headers={"X-Drip": "0.15"})
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"the page took over 1.2 s to download"):
        fetcher(tmp_path, timeout=0.4).get(server.base + "/drip")
    assert time.monotonic() - start < 3


@pytest.mark.parametrize("declared_length", [True, False], ids=["content-length", "no-content-length"])
def test_a_page_over_the_size_cap_is_refused(server, tmp_path, declared_length):
    body = b"<html><body>" + b"<p>words words words</p>" * 2000 + b"</body></html>"
    headers = {} if declared_length else {"Content-Length": ""}
    server.add("/big", body, headers=headers)
    if not declared_length:  # a server that doesn't say how big: the cap applies while reading
        server.routes["/big"][1].pop("Content-Length")
    with pytest.raises(FetchError, match="over the 10,000-byte cap"):
        fetcher(tmp_path, max_bytes=10_000).get(server.base + "/big")


def test_a_gzip_bomb_is_stopped_at_the_cap(server, tmp_path):
    server.add("/bomb", gzip.compress(b"<p>" + b"a" * 5_000_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="cap"):
        fetcher(tmp_path, max_bytes=100_000).get(server.base + "/bomb")


def test_a_gzipped_page_is_decompressed(server, tmp_path):
    page = gzip.compress(PAGE.format(charset="utf-8", year=2026).encode())
    server.add("/z", page, headers={"Content-Encoding": "gzip"})
    assert b"Ferry terminal approved" in fetcher(tmp_path).get(server.base + "/z").body


@pytest.mark.parametrize(("path", "status", "ctype", "message"), [
    ("/missing", 404, "text/html", "HTTP 404"),
    ("/error", 500, "text/html", "HTTP 500"),
    ("/doc.pdf", 200, "application/pdf", "not a web page but application/pdf"),
    ("/photo", 200, "image/jpeg", "not a web page but image/jpeg"),
])
def test_fetch_errors_name_the_url(server, tmp_path, path, status, ctype, message):
    if path != "/missing":
        server.add(path, b"%PDF-1.4" if "pdf" in ctype else b"...", status=status, ctype=ctype)
    with pytest.raises(FetchError, match=message) as info:
        fetcher(tmp_path).get(server.base + path)
    assert str(info.value).startswith(server.base + path + ": ")


def test_a_refused_connection_is_an_error_not_a_crash(tmp_path):
    with pytest.raises(FetchError, match="cannot connect"):
        fetcher(tmp_path).get("http://127.0.0.1:9/nothing-listens-here")


def test_errors_are_not_cached(server, tmp_path):
    with pytest.raises(FetchError):
        fetcher(tmp_path).get(server.base + "/later")
    server.add("/later", PAGE.format(charset="utf-8", year=2026))
    assert fetcher(tmp_path).get(server.base + "/later").body


def test_the_same_host_is_not_hammered(server, tmp_path):
    for p in ("/a", "/b", "/c"):
        server.add(p, PAGE.format(charset="utf-8", year=2026))
    f = fetcher(tmp_path, delay=0.3)
    start = time.monotonic()
    for p in ("/a", "/b", "/c"):
        f.get(server.base + p)
    assert time.monotonic() - start >= 0.55


def test_the_page_declared_encoding_is_used(server, tmp_path):
    html = PAGE.format(charset="windows-1252", year=2026).replace("east quay", "quai d\u2019\u00e9t\u00e9")
    server.add("/latin", html.encode("cp1252"), ctype="text/html")  # charset only in the <meta> tag
    [art] = list(iter_articles([server.base + "/latin"], fetcher=fetcher(tmp_path)))
    assert "quai d\u2019\u00e9t\u00e9" in art.text


def test_a_file_of_urls_reads_each_and_reports_bad_lines(server, tmp_path):
    server.add("/one/ferry-terminal", PAGE.format(charset="utf-8", year=2026))
    server.add("/two/ferry-terminal", PAGE.format(charset="utf-8", year=2027))
    listing = tmp_path / "reading.urls"
    listing.write_text(f"# my reading list\n{server.base}/one/ferry-terminal\n\nnot a url\n"
                       f"{server.base}/missing  # gone\n{server.base}/two/ferry-terminal\n", encoding="utf-8")
    out = list(iter_articles([listing], fetcher=fetcher(tmp_path)))
    arts = [a for a in out if isinstance(a, Article)]
    errors = [str(e) for e in out if isinstance(e, InputError)]
    assert [a.source.file for a in arts] == [f"{listing}:2", f"{listing}:6"]
    # same last segment on two pages: the second takes a longer, still stable, id
    assert arts[0].id == "ferry-terminal" and arts[1].id.startswith("ferry-terminal-") and len(arts[1].id) == 21
    assert errors[0].startswith(f"{listing}:4: not a URL")
    assert errors[1].startswith(f"{listing}:5: {server.base}/missing: the server answered HTTP 404")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/world/2024/03/ferry-terminal-approved.html", "ferry-terminal-approved"),
    ("https://news.example/story/ferry-terminal/index.html", "ferry-terminal"),
    ("https://news.example/news/world-europe-59213837", "world-europe-59213837"),
    ("https://news.example/", "news-example"),
    ("https://news.example/a/..%2F..%2Fetc%2Fpasswd", "passwd"),
    ("https://news.example/a/..%2F..", "a"),
])
def test_url_ids_are_safe_and_readable(url, expected):
    assert url_id(url) == expected


def test_the_extract_command_takes_urls(server, tmp_path, nlp):
    from click.testing import CliRunner

    from generator.cli import cli

    server.add("/news/ferry-terminal.html", PAGE.format(charset="utf-8", year=2026))
    out = tmp_path / "facts"
    args = ["extract", server.base + "/news/ferry-terminal.html", server.base + "/gone", "--out", str(out),
            "--cache", str(tmp_path / "cache"), "--delay", "0", "-q"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1  # one of the two failed
    assert result.stderr.strip() == (f"error: {server.base}/gone: the server answered HTTP 404 Not Found "
                                     "(check the address)")
    sheet = (out / "ferry-terminal.yaml").read_text(encoding="utf-8")
    assert f"url: {server.base}/news/ferry-terminal.html" in sheet
    assert "Tomas Vidal" in sheet
    # the page is cached: offline, the next run needs no server
    server.routes.clear()
    result = CliRunner().invoke(cli, ["extract", server.base + "/news/ferry-terminal.html", "--out", str(out),
                                      "--cache", str(tmp_path / "cache"), "--offline", "--force", "-q"])
    assert result.exit_code == 0, result.stderr
