"""Reading input articles: every kind of file, every encoding, and one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import InputError
from generator.inputs.files import decode, iter_articles, markdown_to_text
from generator.model import Article

STORY = ("Harbour council approves ferry terminal\n\nThe harbour council voted on Tuesday to build a ferry terminal "
         "on the east quay.\n\n\u201cWe have waited long enough,\u201d said councillor Tom\u00e1s Vidal.\n")

SAVED_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Harbour council approves ferry terminal | The Calloway Courier</title>
<meta property="og:title" content="Harbour council approves ferry terminal">
<meta property="og:site_name" content="The Calloway Courier">
<meta property="og:url" content="https://courier.example/news/ferry-terminal">
<meta name="author" content="Priya Ramaswamy">
<meta property="article:published_time" content="2024-03-05T09:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport pages</a></li></ul></nav>
<header><div class="promo">Subscribe now for unlimited access</div></header>
<main><article>
<h1>Harbour council approves ferry terminal</h1>
<p class="byline">By Priya Ramaswamy</p>
<p>The harbour council voted on Tuesday to build a ferry terminal on the east quay, ending a dispute that has
lasted almost four years.</p>
<p>\u201cWe have waited long enough for this,\u201d said councillor Tom\u00e1s Vidal, who chairs the
transport committee.</p>
<p>The terminal will cost about 42 million euros and handle up to 1.3 million passengers a year.</p>
</article></main>
<section id="comments" class="comments"><h2>Comments</h2>
<div class="comment"><p>What a waste of money, typical of this council, I have lived here forty years.</p></div>
</section>
<footer><p>Copyright 2024 The Calloway Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def read_all(*paths) -> tuple[list[Article], list[str]]:
    out = list(iter_articles([str(p) for p in paths]))
    return [a for a in out if isinstance(a, Article)], [str(e) for e in out if isinstance(e, InputError)]


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- encodings ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "data"), [
    ("utf-8", STORY.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + STORY.encode("utf-8")),
    ("utf-16 with BOM", STORY.encode("utf-16")),
    ("utf-16-le without BOM", STORY.encode("utf-16-le")),
    ("windows-1252", STORY.encode("cp1252")),
    ("CRLF line ends", STORY.replace("\n", "\r\n").encode("utf-8")),
    ("CR line ends", STORY.replace("\n", "\r").encode("utf-8")),
    ("latin-1 without curly quotes", STORY.replace("\u201c", '"').replace("\u201d", '"').encode("latin-1")),
])
def test_encodings_are_detected(tmp_path, name, data):
    [art], errors = read_all(write(tmp_path / "story.txt", data))
    assert errors == []
    assert art.title == "Harbour council approves ferry terminal"
    assert "Tom\u00e1s Vidal" in art.text
    assert "\r" not in art.text and "\ufeff" not in art.text
    expected = STORY if "latin-1" not in name else STORY.replace("\u201c", '"').replace("\u201d", '"')
    assert art.text == expected


def test_a_declared_html_charset_wins_over_guessing():
    page = SAVED_PAGE.format(charset="koi8-r").replace("east quay", "\u041f\u0440\u0438\u0441\u0442\u0430\u043d\u044c")
    data = page.replace("\u201c", '"').replace("\u201d", '"').replace("\u00e1", "a").encode("koi8-r")
    assert "\u041f\u0440\u0438\u0441\u0442\u0430\u043d\u044c" in decode(data, "page.html", declared="koi8-r")


# -- bad input: one line naming the file (and line), the other articles still read --------------

@pytest.mark.parametrize(("name", "data", "message"), [
    ("empty.txt", b"", "empty.txt: the file is empty"),
    ("blank.txt", b"  \n\n \t\n", "blank.txt: the file is empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary.txt: this looks like a binary file"),
    ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
     "scan.txt: this looks like a binary file (a PDF document), not text"),
    ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00", "photo.md: this looks like a binary file (a PNG image)"),
    ("mixed.txt", "Caf\u00e9 society\n\nA second line\nand caf".encode() + b"\xe9 again\n",
     "mixed.txt:4: bad encoding: byte 0xE9 at column 8 is not UTF-8, but the rest of the file is"),
    ("badbom.txt", b"\xef\xbb\xbfTitle\n\nbad \xff byte\n", "badbom.txt:3: bad encoding: the file starts with a"),
    ("nofront.md", b"---\ntitle: Unclosed\n\nText of the story.\n", "nofront.md:1: front matter has no closing"),
    ("badyaml.md", b"---\ntitle: A title\nauthor: [unclosed\n---\nText.\n", "badyaml.md:3: front matter:"),
    ("list.md", b"---\n- a\n- b\n---\nText.\n", "list.md:2: front matter must be a mapping"),
    ("baddate.md", b"---\ntitle: T\npublished: last Tuesday\n---\nText.\n",
     "baddate.md:3: front matter: published: 'last Tuesday' is not an ISO date"),
    ("badtype.md", b"---\ntitle: T\nauthor: {name: x}\n---\nText.\n",
     "badtype.md:3: front matter: author must be text"),
    ("notext.md", b"---\ntitle: Only a title\n---\n\n", "notext.md: the article has no text after its front matter"),
    ("bomb.md", b"---\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
     b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
     b"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\nText.\n",
     "bomb.md:6: front matter: aliases"),
    ("deep.md", b"---\ntitle: " + b"[" * 5000 + b"\n---\nText.\n",
     "deep.md:2: front matter: lists and mappings nested"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "nav.html: no article text found"),
    ("notes.docx", b"PK\x03\x04", "notes.docx: unknown kind of file '.docx'"),
])
def test_bad_input_is_one_line_naming_the_file_and_the_rest_is_read(tmp_path, name, data, message):
    good = write(tmp_path / "good.txt", STORY)
    bad = write(tmp_path / name, data)
    arts, errors = read_all(good, bad)
    assert [a.id for a in arts] == ["good"]
    assert len(errors) == 1
    assert errors[0].startswith(f"{tmp_path}/{message}"), errors[0]
    assert "\n" not in errors[0]


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "a", "title": "T", "text": "Some text"', "malformed JSON (Expecting ',' delimiter at column"),
    ("[1, 2, 3]", "each line must be a JSON object"),
    ('{"title": "T", "text": "Some text"}', "missing field 'id'"),
    ('{"id": "a", "title": "T", "text": ""}', "missing field 'text'"),
    ('{"id": "a", "title": "T", "text": "Text", "author": ["x"]}', "field 'author' must be a string"),
    ('{"id": "a", "title": "T", "text": "Text", "published": "soon"}', "published: 'soon' is not an ISO date"),
])
def test_a_bad_json_line_is_reported_with_its_number(tmp_path, line, message):
    good = [json.dumps({"id": f"ok-{i}", "title": "T", "text": STORY}) for i in range(2)]
    path = write(tmp_path / "batch.jsonl", "\n".join([good[0], line, good[1]]) + "\n")
    arts, errors = read_all(path)
    assert [a.id for a in arts] == ["ok-0", "ok-1"]
    assert [a.source.file for a in arts] == [f"{path}:1", f"{path}:3"]
    assert len(errors) == 1 and errors[0].startswith(f"{path}:2: {message}"), errors


def test_a_json_line_in_another_encoding_is_reported_and_the_others_read(tmp_path):
    lines = [json.dumps({"id": "a", "title": "Caf\u00e9", "text": STORY}, ensure_ascii=False).encode(),
             b'{"id": "b", "title": "Caf\xe9", "text": "Text"}',
             json.dumps({"id": "c", "title": "T", "text": STORY}).encode()]
    path = write(tmp_path / "batch.jsonl", b"\r\n".join(lines) + b"\r\n")
    arts, errors = read_all(path)
    assert [a.id for a in arts] == ["a", "c"]
    assert arts[0].title == "Caf\u00e9"
    assert errors == [f"{path}:2: bad encoding: byte 0xE9 at column 26 is not UTF-8 "
                      "(JSON lines must be UTF-8; fix or remove this line)"]


def test_duplicate_ids_are_reported_not_overwritten(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a" / "story.txt", STORY)
    write(tmp_path / "b" / "story.txt", STORY)
    arts, errors = read_all(tmp_path)
    assert len(arts) == 1
    assert errors == [f"{tmp_path}/b/story.txt: duplicate article id 'story' (also {tmp_path}/a/story.txt) "
                      "(rename one of the files or change its id)"]


def test_missing_inputs_and_empty_folders_are_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    _, errors = read_all(tmp_path / "nowhere.txt", tmp_path / "empty")
    assert errors[0] == f"{tmp_path}/nowhere.txt: no such file or folder"
    assert errors[1].startswith(f"{tmp_path}/empty: no articles in this folder")


# -- the kinds of input ----------------------------------------------------------------------

def test_a_saved_web_page_gives_main_text_and_metadata(tmp_path):
    [art], errors = read_all(write(tmp_path / "Ferry Terminal.html", SAVED_PAGE.format(charset="utf-8")))
    assert errors == []
    assert art.id == "ferry-terminal"
    assert art.title == "Harbour council approves ferry terminal"
    assert art.source.name == "The Calloway Courier"
    assert art.source.author == "Priya Ramaswamy"
    assert art.source.published == "2024-03-05"
    assert art.source.url == "https://courier.example/news/ferry-terminal"
    assert "waited long enough for this" in art.text and "1.3 million passengers" in art.text
    for boilerplate in ("Sport pages", "Subscribe now", "waste of money", "All rights reserved", "Privacy policy"):
        assert boilerplate not in art.text, boilerplate
    # paragraphs stay apart (sentences never span two), and the title opens the text
    assert art.text.startswith("Harbour council approves ferry terminal\n\n")
    assert "\n\n\u201cWe have waited" in art.text


def test_a_saved_page_in_windows_1252_is_read_by_its_meta_charset(tmp_path):
    page = SAVED_PAGE.format(charset="windows-1252").encode("cp1252")
    [art], errors = read_all(write(tmp_path / "page.htm", page))
    assert errors == []
    assert "\u201cWe have waited long enough for this,\u201d said councillor Tom\u00e1s Vidal" in art.text


def test_a_page_without_a_date_gets_none_not_today(tmp_path):
    page = SAVED_PAGE.format(charset="utf-8").replace(
        '<meta property="article:published_time" content="2024-03-05T09:30:00Z">', "")
    [art], _ = read_all(write(tmp_path / "page.html", page))
    assert art.source.published is None


def test_markdown_front_matter_and_body(tmp_path):
    md = ("---\ntitle: \"Ferry: approved\"\npublished: 2024-03-05\nsource: Calloway Courier\nauthor: P. Ramaswamy\n"
          "url: https://courier.example/f\nid: Ferry Story\n---\n# Heading\n\nThe council **voted** on "
          "[Tuesday](https://x.example).\n")
    [art], errors = read_all(write(tmp_path / "x.md", md))
    assert errors == []
    assert (art.id, art.title, art.source.published, art.source.name) == ("ferry-story", "Ferry: approved",
                                                                         "2024-03-05", "Calloway Courier")
    assert art.text == "Heading\n\nThe council voted on Tuesday.\n"


def test_folders_are_read_in_a_stable_order_and_hidden_files_skipped(tmp_path):
    for name in ("b.txt", "a.md", "c.jsonl", ".hidden.txt", "notes.pdf"):
        if name.endswith(".jsonl"):
            write(tmp_path / name, json.dumps({"id": "c-1", "title": "T", "text": STORY}) + "\n")
        else:
            write(tmp_path / name, STORY)
    (tmp_path / ".machine").mkdir()
    write(tmp_path / ".machine" / "z.txt", STORY)
    arts, errors = read_all(tmp_path)
    assert [a.id for a in arts] == ["a", "b", "c-1"]
    assert errors == []


def test_symbolic_links_in_a_folder_are_not_followed_but_one_given_by_name_is(tmp_path):
    """A link to /etc/passwd (here a file outside the folder) must not become a sheet; a link to a
    folder is not entered; a link inside the folder is skipped too (its target is read anyway).
    Each is a warning (SkippedInputError), not a failure. A link named as an INPUT is followed."""
    from generator.errors import SkippedInputError

    outside = tmp_path / "outside"
    (outside / "more").mkdir(parents=True)
    write(outside / "secret.txt", STORY)
    write(outside / "more" / "other.txt", STORY)
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    write(src / "good.txt", STORY)
    (src / "passwd.txt").symlink_to(outside / "secret.txt")
    (src / "sub" / "more").symlink_to(outside / "more", target_is_directory=True)
    (src / "again.txt").symlink_to(src / "good.txt")
    (src / "notes.pdf").symlink_to(outside / "secret.txt")  # not an article's name: ignored as any such file
    items = list(iter_articles([src]))
    assert [a.id for a in items if isinstance(a, Article)] == ["good"]
    skipped = [str(e) for e in items if isinstance(e, SkippedInputError)]
    assert skipped == [f"{src}/{name}: a symbolic link (to {target}) in a folder of articles: not followed "
                       "(give it as an INPUT of its own to read it)"
                       for name, target in (("again.txt", src / "good.txt"), ("passwd.txt", outside / "secret.txt"),
                                            ("sub/more", outside / "more"))]
    assert len(items) == 4
    # given by name, a link is read: that is what was asked for (a folder's link too)
    arts, errors = read_all(src / "passwd.txt")
    assert [a.id for a in arts] == ["passwd"] and errors == []
    arts, errors = read_all(src / "sub" / "more")
    assert [a.id for a in arts] == ["other"] and errors == []


# -- the command: bad inputs are reported, the rest get their sheets, the exit code says it -----------

def test_extract_reports_bad_inputs_writes_the_rest_and_exits_non_zero(tmp_path, nlp):
    from click.testing import CliRunner

    from generator.cli import cli

    src = tmp_path / "in"
    src.mkdir()
    write(src / "good.txt", STORY)
    write(src / "empty.txt", b"")
    write(src / "binary.md", bytes(range(256)) * 8)
    write(src / "batch.jsonl", json.dumps({"id": "from-jsonl", "title": "T", "text": STORY}) + "\n{oops\n")
    out = tmp_path / "facts"
    result = CliRunner().invoke(cli, ["extract", str(src), "--out", str(out), "-q"])
    assert result.exit_code == 1
    assert sorted(p.name for p in out.glob("*.yaml")) == ["from-jsonl.yaml", "good.yaml"]
    errors = result.stderr.strip().splitlines()
    assert errors == [f"error: {src}/batch.jsonl:2: malformed JSON (Expecting property name enclosed in double "
                      "quotes at column 2) (fix or remove this line; the other lines are still read)",
                      f"error: {src}/binary.md: this looks like a binary file, not text "
                      "(give a .txt, .md, .html or .jsonl file)",
                      f"error: {src}/empty.txt: the file is empty (add the article's text or remove the file)"]


@pytest.mark.parametrize(("markdown", "text"), [
    ("# Ferry returns\n\nThe ferry *will* sail.\n", "Ferry returns\n\nThe ferry will sail.\n"),
    ("A [council vote](https://example.org/vote) passed.\n", "A council vote passed.\n"),
    ("Rates rose by 5 \\*per cent\\* &amp; more.\n", "Rates rose by 5 *per cent* & more.\n"),
    ("Said <em>twice</em>, **loudly**.\n", "Said twice, loudly.\n"),
    ("> \u201cWe kept it,\u201d she said.\n", "\u201cWe kept it,\u201d she said.\n"),
    ("- first point\n- second point\n", "first point\n\nsecond point\n"),
    ("One line\nwrapped here.   \n\n\n\nNext paragraph.\n", "One line\nwrapped here.\n\nNext paragraph.\n"),
    ("![The east quay at dawn](quay.jpg)\n", "The east quay at dawn\n"),
])
def test_markdown_becomes_the_words_a_reader_sees(markdown, text):
    assert markdown_to_text(markdown) == text
