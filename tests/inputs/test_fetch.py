"""Fetching URLs: against a local HTTP server in a thread, never the internet."""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.cli import one_line
from generator.errors import CACHE_NOT_WRITABLE, InputError, Problem
from generator.inputs.fetch import USER_AGENT, Fetcher, FetchError, address_problem, sniff_type, url_id
from generator.inputs.files import iter_articles
from generator.model import Article

# A tripwire for the whole module: every name lookup and connection this process makes is
# recorded, and a connection to anything but the loopback addresses of the test servers is
# stopped before it leaves (an audit hook that raises aborts the call). So a test of refusing
# 10.0.0.1 cannot send a packet there even when the code under test is wrong; and "no
# connection was attempted" is checked on what the socket layer saw, not on our own counters.
_SEEN: dict[str, list] = {"connect": [], "getaddrinfo": []}
_GUARD = {"on": False}


def _tripwire(event: str, args: tuple) -> None:
    if not _GUARD["on"]:
        return
    if event == "socket.getaddrinfo":
        _SEEN["getaddrinfo"].append(args[0])
    elif event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else address
        _SEEN["connect"].append(host)
        if host not in ("127.0.0.1", "::1"):
            raise RuntimeError(f"a test tried to connect to {host}: stopped")


sys.addaudithook(_tripwire)  # hooks cannot be removed: it is idle outside this module's tests


@pytest.fixture(autouse=True)
def seen():
    """What the socket layer saw during the test: {"connect": [addresses], "getaddrinfo": [hosts]}."""
    for found in _SEEN.values():
        found.clear()
    _GUARD["on"] = True
    yield _SEEN
    _GUARD["on"] = False


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

    def add(self, path: str, body: bytes | str, *, status: int = 200, ctype: str | None = "text/html; charset=utf-8",
            headers: dict[str, str] | None = None, delay: float = 0.0) -> None:
        """``ctype=None``: no Content-Type header at all."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, {**({"Content-Type": ctype} if ctype else {}), **(headers or {})}, data, delay)

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        self.add(path, b"", status=status, headers={"Location": location})


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
            if headers.get("X-Drip-Headers"):  # the status line and headers a few bytes at a time, slowly
                raw = (f"HTTP/1.1 {status} OK\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
                       + f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    for i in range(0, len(raw), 4):
                        self.wfile.write(raw[i:i + 4])
                        self.wfile.flush()
                        time.sleep(float(headers["X-Drip-Headers"]))
                    self.wfile.write(body)
                return
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
    kw.setdefault("allow_hosts", ["127.0.0.1"])  # the test server's address: loopback, refused unless allowed
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
    with pytest.raises(FetchError, match=r"the page took over 0.4 s to download"):
        fetcher(tmp_path, timeout=0.4).get(server.base + "/drip")
    assert time.monotonic() - start < 2.0  # --timeout is one deadline for the whole page (the drip takes 2.4 s)


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
            "--cache", str(tmp_path / "cache"), "--delay", "0", "--allow-host", "127.0.0.1", "-q"]
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


# -- where a fetch may go ------------------------------------------------------------------------
@pytest.mark.parametrize(("address", "problem"), [
    ("127.0.0.1", "a loopback address"),
    ("::1", "a loopback address"),
    ("10.0.0.1", "a private address"),
    ("192.168.1.20", "a private address"),
    ("fd00::1", "a private address"),
    ("169.254.169.254", "a link-local address"),
    ("fe80::1", "a link-local address"),
    ("0.0.0.0", "an unspecified address"),
    ("::", "an unspecified address"),
    ("224.0.0.1", "a multicast address"),
    ("ff02::1", "a multicast address"),
    ("240.0.0.1", "a reserved address"),
    ("100.64.0.1", "not a public address"),  # carrier-grade NAT: neither "private" nor public
    ("::ffff:10.0.0.1", "a private address"),  # IPv4-mapped IPv6
    ("::ffff:127.0.0.1", "a loopback address"),
    ("2002:a00:1::", "a private address"),  # 6to4 of 10.0.0.1
    ("93.184.215.14", None),
    ("2606:4700::1", None),
])
def test_only_public_addresses_may_be_fetched(address, problem):
    import ipaddress

    assert address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize(("url", "message"), [
    ("http://10.0.0.1/x", "refused: 10.0.0.1 is a private address (pass --allow-host 10.0.0.1 to fetch it anyway)"),
    ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local address"),
    ("http://[fd00::1]/x", "refused: fd00::1 is a private address (pass --allow-host fd00::1 to fetch it anyway)"),
    ("http://[::ffff:10.0.0.1]/x", "refused: ::ffff:10.0.0.1 is a private address"),
    ("http://224.0.0.1/x", "refused: 224.0.0.1 is a multicast address"),
    ("http://240.0.0.1/x", "refused: 240.0.0.1 is a reserved address"),
    ("http://100.64.0.1/x", "refused: 100.64.0.1 is not a public address"),
    ("https://10.1.2.3:8443/x", "refused: 10.1.2.3 is a private address"),
])
def test_a_private_address_is_refused_before_connecting(tmp_path, seen, url, message):
    with pytest.raises(FetchError) as info:
        fetcher(tmp_path, allow_hosts=[]).get(url)
    assert str(info.value).startswith(f"{url}: {message}")
    assert "\n" not in str(info.value)
    assert seen["connect"] == []


@pytest.mark.parametrize(("host", "message"), [
    ("127.0.0.1", "refused: 127.0.0.1 is a loopback address (pass --allow-host 127.0.0.1 to fetch it anyway)"),
    ("[::1]", "refused: ::1 is a loopback address"),
    ("0.0.0.0", "refused: 0.0.0.0 is an unspecified address"),  # Linux connects that to the local machine
    ("2130706433", "refused: 2130706433 resolves to 127.0.0.1, a loopback address "
                   "(pass --allow-host 2130706433 to fetch it anyway)"),
    ("0x7f.1", "refused: 0x7f.1 resolves to 127.0.0.1, a loopback address"),
    ("localhost", "refused: localhost resolves to "),
])
def test_a_loopback_server_is_refused_unless_allowed(server, tmp_path, seen, host, message):
    """A real server listens on 127.0.0.1: refusing means it never hears of the request."""
    server.add("/a", PAGE.format(charset="utf-8", year=2026))
    url = f"http://{host}:{server.base.rsplit(':', 1)[1]}/a"
    with pytest.raises(FetchError) as info:
        fetcher(tmp_path, allow_hosts=[]).get(url)
    assert str(info.value).startswith(f"{url}: {message}")
    assert seen["connect"] == [] and server.requests == []


@pytest.mark.parametrize(("location", "message"), [
    ("http://10.0.0.1/admin", "refused the redirect to http://10.0.0.1/admin: 10.0.0.1 is a private address"),
    ("http://169.254.169.254/latest/meta-data/", "refused the redirect to http://169.254.169.254/latest/meta-data/: "
                                                 "169.254.169.254 is a link-local address"),
    ("http://[::ffff:192.168.0.1]/", "refused the redirect to http://[::ffff:192.168.0.1]/: ::ffff:192.168.0.1 is "
                                     "a private address (pass --allow-host ::ffff:192.168.0.1 to fetch it anyway)"),
    ("http://[::1]:{port}/a", "refused the redirect to http://[::1]:{port}/a: ::1 is a loopback address"),
    # allowing 127.0.0.1 allows that host as written, not other names for it
    ("http://2130706433:{port}/a", "refused the redirect to http://2130706433:{port}/a: 2130706433 resolves to "
                                   "127.0.0.1, a loopback address"),
    ("http://localhost:{port}/a", "refused the redirect to http://localhost:{port}/a: localhost resolves to "),
])
def test_a_redirect_to_a_private_address_is_refused(server, tmp_path, seen, location, message):
    """127.0.0.1 is allowed (the test server), the redirect's address is checked on its own."""
    port = server.base.rsplit(":", 1)[1]
    server.add("/a", PAGE.format(charset="utf-8", year=2026))
    server.redirect("/r", location.format(port=port))
    with pytest.raises(FetchError) as info:
        fetcher(tmp_path).get(server.base + "/r")
    assert str(info.value).startswith(f"{server.base}/r: {message.format(port=port)}")
    assert seen["connect"] == ["127.0.0.1"]  # the first hop only
    assert [path for path, _ in server.requests] == ["/r"]


def test_an_allowed_name_is_resolved_once_and_connected_to_by_address(server, tmp_path, seen):
    """The address checked is the address connected to: one lookup per request, none by http.client."""
    port = server.base.rsplit(":", 1)[1]
    server.add("/a", PAGE.format(charset="utf-8", year=2026))
    page = fetcher(tmp_path, allow_hosts=["LOCALHOST"]).get(f"http://localhost:{port}/a")
    assert b"Ferry terminal approved" in page.body
    assert seen["getaddrinfo"] == ["localhost"]
    assert seen["connect"][-1] == "127.0.0.1"  # after ::1, when localhost names both and only IPv4 listens
    assert server.requests[0][1]["Host"] == f"localhost:{port}"


def test_a_redirect_is_followed_and_checked_at_every_hop(server, tmp_path, seen):
    server.add("/new", PAGE.format(charset="utf-8", year=2026))
    server.redirect("/old", "/middle", status=301)
    server.redirect("/middle", server.base + "/new")
    page = fetcher(tmp_path).get(server.base + "/old")
    assert page.final_url == server.base + "/new" and b"Ferry" in page.body
    assert seen["getaddrinfo"] == ["127.0.0.1"] * 3


@pytest.mark.parametrize(("routes", "message"), [
    ({"/loop": "/loop2", "/loop2": "/loop"}, "the redirects go round in a loop (back to {base}/loop)"),
    ({f"/c{i}": f"/c{i + 1}" for i in range(6)}, "more than 5 redirects (the last to {base}/c6)"),
])
def test_redirect_errors_are_one_line(server, tmp_path, routes, message):
    for path, location in routes.items():
        server.redirect(path, location)
    first = next(iter(routes))
    with pytest.raises(FetchError) as info:
        fetcher(tmp_path).get(server.base + first)
    assert str(info.value) == (f"{server.base}{first}: {message.format(base=server.base)} "
                               "(open the address in a browser and give the page it ends at)")


@pytest.mark.parametrize("location", ["http://[::1", "http://example.org:99999/", "mailto:news@example.org"])
def test_a_bad_redirect_is_a_one_line_error(server, tmp_path, seen, location):
    server.redirect("/r", location)
    with pytest.raises(FetchError) as info:
        fetcher(tmp_path).get(server.base + "/r")
    assert str(info.value).startswith(f"{server.base}/r: ")
    assert seen["connect"] == ["127.0.0.1"]


def test_the_allow_host_option_reaches_the_fetcher(server, tmp_path):
    from click.testing import CliRunner

    from generator.cli import cli

    server.add("/a", PAGE.format(charset="utf-8", year=2026))
    result = CliRunner().invoke(cli, ["extract", server.base + "/a", "--out", str(tmp_path / "facts"),
                                      "--cache", str(tmp_path / "cache"), "--delay", "0", "-q"])
    assert result.exit_code == 1
    assert result.stderr == (f"error: {server.base}/a: refused: 127.0.0.1 is a loopback address "
                             "(pass --allow-host 127.0.0.1 to fetch it anyway)\n")
    assert server.requests == []


# -- hostile servers and bad input -------------------------------------------------------------
def test_a_server_that_drips_its_headers_is_cut_off_at_the_timeout(server, tmp_path):
    """A per-read timeout never fires on a server that sends a few bytes every 0.1 s: the deadline does."""
    server.add("/drip", PAGE.format(charset="utf-8", year=2026), headers={"X-Drip-Headers": "0.1"})
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0.5 s \(timeout\)"):
        fetcher(tmp_path, timeout=0.5).get(server.base + "/drip")
    assert time.monotonic() - start < 2.0  # the headers alone take about 2.5 s to drip


@pytest.mark.parametrize(("body", "kind"), [
    (PAGE.format(charset="utf-8", year=2026).encode(), "text/html"),
    (b"\n\n  <html><body><p>Hi</p></body></html>", "text/html"),
    (b"\xef\xbb\xbf<!doctype html><title>t</title>", "text/html"),
    ("\ufeff<html><body>x</body></html>".encode("utf-16"), "text/html"),
    (b"<meta charset=utf-8><p>Short page", "text/html"),
    (b"Ferry terminal approved\n\nThe council voted on Tuesday.\n", "text/plain"),
    (b"Prices < 5 euros and > 2 euros", "text/plain"),
    (b"", "text/plain"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00", None),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None),
    (b"PK\x03\x04\x14\x00\x06\x00", None),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", None),
])
def test_a_page_without_a_content_type_is_judged_by_its_bytes(body, kind):
    assert sniff_type(body) == kind


def test_html_without_a_content_type_is_read_as_html(server, tmp_path):
    server.add("/news/ferry-terminal", PAGE.format(charset="utf-8", year=2026), ctype=None)
    [art] = list(iter_articles([server.base + "/news/ferry-terminal"], fetcher=fetcher(tmp_path)))
    assert isinstance(art, Article), art
    assert art.title == "Ferry terminal approved"
    assert "<" not in art.text and "Sport" not in art.text


def test_a_binary_file_without_a_content_type_is_refused(server, tmp_path):
    server.add("/report", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00<< /Type /Catalog >>", ctype=None)
    with pytest.raises(FetchError) as info:
        fetcher(tmp_path).get(server.base + "/report")
    assert str(info.value) == (f"{server.base}/report: not a web page but a binary file (the server did not say "
                               "what it is) (give the address of the article's own page)")


@pytest.mark.parametrize(("url", "message"), [
    ("http://[::1", "not a valid URL (Invalid IPv6 URL)"),
    ("http://[::1/news", "not a valid URL (Invalid IPv6 URL)"),
    ("http://example.org:99999/a", "not a valid URL (Port out of range 0-65535)"),
    ("http://example.org:http/a", "not a valid URL (Port could not be cast to integer value as 'http')"),
])
def test_a_malformed_url_is_a_one_line_error(tmp_path, seen, url, message):
    [err] = list(iter_articles([url], fetcher=fetcher(tmp_path)))
    assert isinstance(err, FetchError)
    assert str(err) == f"{url}: {message} (check the address)"
    assert seen["getaddrinfo"] == [] and seen["connect"] == []


def test_an_unwritable_cache_costs_the_cache_not_the_page(server, tmp_path):
    """A cache folder that cannot be made or written (read-only, disk full, a file in the way):
    the pages are still read, and one warning (a record among the articles) says why they are not kept."""
    for p in ("/a/ferry-terminal", "/b/ferry-terminal"):
        server.add(p, PAGE.format(charset="utf-8", year=2026))
    (tmp_path / "in-the-way").write_text("a file where the cache folder should be\n", encoding="utf-8")
    f = Fetcher(tmp_path / "in-the-way" / "pages", delay=0.0, timeout=5.0, allow_hosts=["127.0.0.1"])
    arts = list(iter_articles([server.base + "/a/ferry-terminal", server.base + "/b/ferry-terminal"], fetcher=f))
    assert [type(a) for a in arts] == [Problem, Article, Article]
    record = arts[0]
    assert (record.kind, record.severity) == (CACHE_NOT_WRITABLE, "warning")
    warning = one_line(record)
    assert warning.startswith(f"cannot write the page cache ({tmp_path / 'in-the-way'}")
    assert warning.endswith("pages are fetched but not kept (give --cache a writable folder)")
    assert "\n" not in warning
    assert (tmp_path / "in-the-way").read_text(encoding="utf-8").startswith("a file where")


@pytest.fixture()
def tls_server(tmp_path):
    """An HTTPS server on 127.0.0.1 with a certificate for "localhost" (made by openssl) and what it saw."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost"],
                   check=True, capture_output=True)
    seen: dict[str, str | None] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"] = self.headers["Host"]
            body = PAGE.format(charset="utf-8", year=2026).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: seen.update(sni=name)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], ssl.create_default_context(cafile=str(cert)), seen
    httpd.shutdown()
    httpd.server_close()


def test_https_names_the_host_though_it_connects_to_the_address_checked(tmp_path, tls_server, seen):
    port, trust, server_saw = tls_server
    f = fetcher(tmp_path, allow_hosts=["localhost", "127.0.0.1"], tls=trust)
    page = f.get(f"https://localhost:{port}/a")
    assert b"Ferry terminal approved" in page.body
    assert server_saw == {"sni": "localhost", "host": f"localhost:{port}"}
    assert seen["getaddrinfo"] == ["localhost"]
    # the certificate is checked against the name asked for, not the address connected to
    with pytest.raises(FetchError, match=r"the secure connection failed \(IP address mismatch.*'127\.0\.0\.1'"):
        f.get(f"https://127.0.0.1:{port}/b")
    with pytest.raises(FetchError, match=r"the secure connection failed \(self.signed certificate\)"):
        fetcher(tmp_path, allow_hosts=["localhost"]).get(f"https://localhost:{port}/c")  # not trusted unless told


def test_the_extract_command_says_in_one_line_that_the_cache_cannot_be_written(server, tmp_path):
    """As a user runs it (a process of its own, with its own logging): the sheet is written, one
    warning line says the cache is not, and there is no traceback."""
    import os
    import subprocess

    root = Path(__file__).resolve().parents[2]
    server.add("/news/ferry-terminal.html", PAGE.format(charset="utf-8", year=2026))
    (tmp_path / "in-the-way").write_text("not a folder\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root)}
    run = subprocess.run([sys.executable, "-m", "generator", "extract", server.base + "/news/ferry-terminal.html",
                          "--out", str(tmp_path / "facts"), "--cache", str(tmp_path / "in-the-way" / "pages"),
                          "--delay", "0", "--allow-host", "127.0.0.1", "-q"],
                         capture_output=True, text=True, check=False, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    [line] = run.stderr.splitlines()
    assert line.startswith(f"warning: cannot write the page cache ({tmp_path / 'in-the-way'}")
    assert "Tomas Vidal" in (tmp_path / "facts" / "ferry-terminal.yaml").read_text(encoding="utf-8")
    # the same run again with --strict: the sheet is current, but the cache warning fails the run
    run = subprocess.run([*run.args, "--strict"], capture_output=True, text=True, check=False, env=env, timeout=300)
    assert run.returncode == 1, run.stderr
    assert run.stderr.splitlines() == [line,
                                       "error: --strict: 1 warnings (1 page cache not writable) count as failures"]
