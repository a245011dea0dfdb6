"""Render and the docs folder: it replaces and removes only files it wrote, and refuses a folder holding the project.

Real files and the real CLI throughout: a render pointed at the wrong folder must change
nothing at all, and a render into the right one must never lose a file a person made.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.model import Entity, FactSheet, Generated, Quote, Source
from generator.render import render_site
from generator.render.manifest import MANIFEST, RENDER_MARK
from generator.sheets import yamlio

GEN = Generated(tool="factsheet test", pipeline="test", content_hash="sha256:" + "1" * 64, at="2024-01-02T03:04:05Z")


def sheet(sid: str) -> FactSheet:
    return FactSheet(id=sid, title=f"Title of {sid}", summary=f"Summary of {sid}.",
                     source=Source(name="Gazette", url=f"https://news.example.com/{sid}", published="2024-03-01"),
                     generated=GEN, entities=(Entity(name="Ana Ruiz", type="PERSON", mentions=2),),
                     quotes=(Quote(text="We will", speaker="Ana Ruiz", kind="direct"),))


def write_sheets(facts: Path, *ids: str) -> Path:
    facts.mkdir(parents=True, exist_ok=True)
    for sid in ids:
        (facts / f"{sid}.yaml").write_text(yamlio.dump(sheet(sid).to_dict()), encoding="utf-8")
    return facts


def snapshot(root: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``root`` with its bytes: to prove that nothing changed."""
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}


def render(facts: Path, docs: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["render", "--facts", str(facts), "--docs", str(docs)])
    return result.exit_code, result.stderr.splitlines()


# --- a folder that is not a docs folder is refused, and nothing is written or removed -------------------

def project(root: Path) -> Path:
    """A project laid out as this repository is: data/facts (with snapshots), data/articles, the registry."""
    facts = write_sheets(root / "data" / "facts", "a", "b")
    (facts / ".machine").mkdir()
    (facts / ".machine" / "a.yaml").write_text("snapshot\n", encoding="utf-8")
    (root / "data" / "articles").mkdir()
    (root / "data" / "articles" / "a.txt").write_text("Title\n\nText.\n", encoding="utf-8")
    (root / "data" / "entities.yaml").write_text("schema_version: 1\nentities: []\n", encoding="utf-8")
    (root / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    return facts


# (the docs folder given, relative to the project; what the folder holds that it must not)
REFUSED = [
    (".", "overlap"),  # the project root itself: the facts folder is inside it
    ("data", "overlap"),
    ("data/facts", "overlap"),
    ("data/facts/.machine", "overlap"),
]


@pytest.mark.parametrize(("docs", "why"), REFUSED, ids=[r[0] for r in REFUSED])
def test_render_refuses_the_project_itself_and_changes_nothing(tmp_path, docs, why):
    facts = project(tmp_path)
    before = snapshot(tmp_path)
    code, err = render(facts, tmp_path / docs)
    assert code != 0
    assert len(err) == 1 and err[0].startswith("error: ") and why in err[0], err
    assert snapshot(tmp_path) == before


# what a docs folder (the facts folder elsewhere) holds that says it is a project or holds its data
FOREIGN = [
    "data/facts/a.yaml", "data/articles/a.txt", "data/entities.yaml", "data/facts/.machine/a.yaml",
    ".machine/a.yaml", "entities.yaml", "pyproject.toml", "mkdocs.yml", ".git/HEAD", "sheets/.git/HEAD",
]


@pytest.mark.parametrize("foreign", FOREIGN)
def test_render_refuses_a_docs_folder_holding_project_files(tmp_path, foreign):
    facts = write_sheets(tmp_path / "facts", "a")
    docs = tmp_path / "site-docs"
    (docs / foreign).parent.mkdir(parents=True)
    (docs / foreign).write_text("precious\n", encoding="utf-8")
    (docs / "how-to-read.md").write_text("mine\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, err = render(facts, docs)
    assert code != 0
    assert len(err) == 1 and "not a docs folder" in err[0], err
    assert snapshot(tmp_path) == before  # no page, no manifest, no registry written


def test_render_refuses_a_generated_folder_that_is_a_link_elsewhere(tmp_path):
    facts = write_sheets(tmp_path / "facts", "a")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.md").write_text("precious\n", encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "sheets").symlink_to(elsewhere)
    before = snapshot(tmp_path)
    code, err = render(facts, docs)
    assert code != 0 and "symbolic link" in err[0], err
    assert snapshot(tmp_path) == before


def test_a_docs_folder_with_hand_written_pages_is_rendered(tmp_path):
    """The repository's layout: hand-written pages and assets beside the generated folders."""
    facts = write_sheets(tmp_path / "data" / "facts", "a")
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "site.css").write_text("p {}\n", encoding="utf-8")
    (docs / "how-to-read.md").write_text("mine\n", encoding="utf-8")
    code, err = render(facts, docs)
    assert code == 0, err
    assert (docs / "sheets" / "a.md").is_file() and (docs / MANIFEST).is_file()
    assert (docs / "how-to-read.md").read_text(encoding="utf-8") == "mine\n"
    assert (docs / "assets" / "site.css").is_file()


# --- render again: only render's own, unedited, stale files go ------------------------------------------

def test_render_again_removes_its_stale_pages_and_keeps_peoples_files(tmp_path):
    facts = write_sheets(tmp_path / "facts", "a", "b", "c")
    docs = tmp_path / "docs"
    assert render(facts, docs)[0] == 0
    mine = docs / "sheets" / "notes.md"
    mine.write_text("a page a person made\n", encoding="utf-8")
    edited = docs / "sheets" / "c.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA note a person added.\n", encoding="utf-8")
    (facts / "b.yaml").unlink()
    (facts / "c.yaml").unlink()
    code, err = render(facts, docs)
    assert code == 0, err
    assert not (docs / "sheets" / "b.md").exists()  # render's own, unedited: removed
    assert not (docs / "data" / "b.json").exists() and not (docs / "data" / "c.json").exists()
    assert mine.read_text(encoding="utf-8") == "a page a person made\n"  # never render's: kept, silently
    assert "A note a person added." in edited.read_text(encoding="utf-8")  # render's but edited: kept
    warnings = [line for line in err if line.startswith("warning: ")]
    assert warnings == [f"warning: {edited}: its sheet is gone, but the page was edited since render wrote it; "
                        "kept (delete it if it is not wanted)"], err
    # once the person deletes it, it stays gone and nothing more is said
    edited.unlink()
    code, err = render(facts, docs)
    assert code == 0 and not [line for line in err if line.startswith("warning: ")], err
    assert mine.is_file()


def test_an_edited_page_is_not_written_over(tmp_path):
    facts = write_sheets(tmp_path / "facts", "a", "b")
    docs = tmp_path / "docs"
    render_site(facts, docs)
    page = docs / "sheets" / "a.md"
    page.write_text("edited by hand\n", encoding="utf-8")
    (facts / "b.yaml").unlink()  # the home page and the indexes change: they are rewritten
    home = (docs / "index.md").read_text(encoding="utf-8")
    site, changed = render_site(facts, docs)
    assert page.read_text(encoding="utf-8") == "edited by hand\n"
    assert any(w.startswith(f"{page}: edited since render wrote it; not rewritten") for w in site.warnings)
    assert changed > 0 and (docs / "index.md").read_text(encoding="utf-8") != home
    page.unlink()  # deleted: made again
    render_site(facts, docs)
    assert page.read_text(encoding="utf-8").startswith("---\n")


def test_a_hostile_manifest_cannot_make_render_remove_other_files(tmp_path):
    facts = write_sheets(tmp_path / "facts", "a")
    docs = tmp_path / "docs"
    render_site(facts, docs)
    victim = tmp_path / "precious.md"
    victim.write_text("x\n", encoding="utf-8")
    manifest = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
    import hashlib

    digest = hashlib.sha256(b"x\n").hexdigest()
    manifest["files"].update({"../precious.md": [digest], str(victim): [digest], "sheets/../../precious.md": [digest]})
    (docs / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    render_site(facts, docs)
    assert victim.read_text(encoding="utf-8") == "x\n"


def test_a_damaged_manifest_is_refused_before_anything_is_written(tmp_path):
    facts = write_sheets(tmp_path / "facts", "a")
    docs = tmp_path / "docs"
    render_site(facts, docs)
    (docs / MANIFEST).write_text("{not json", encoding="utf-8")
    (facts / "a.yaml").write_text(yamlio.dump(sheet("a").replace(title="New title").to_dict()), encoding="utf-8")
    before = snapshot(tmp_path)
    code, err = render(facts, docs)
    assert code != 0 and len(err) == 1 and f"{docs / MANIFEST}: not a manifest written by render" in err[0], err
    assert snapshot(tmp_path) == before


# --- a docs folder from before manifests ----------------------------------------------------------------

def test_upgrade_a_folder_rendered_without_a_manifest(tmp_path):
    """The old version's pages are rewritten; files it left that render no longer writes stay, with one warning."""
    facts = write_sheets(tmp_path / "facts", "a", "b")
    docs = tmp_path / "docs"
    render_site(facts, docs)
    (docs / MANIFEST).unlink()  # as the old version left the folder
    (docs / "sheets" / "a.md").write_text("an old version of the page\n", encoding="utf-8")
    (facts / "b.yaml").unlink()
    assert (docs / RENDER_MARK).is_file()
    site, _ = render_site(facts, docs)
    assert (docs / "sheets" / "a.md").read_text(encoding="utf-8").startswith("---\n")  # taken as render's
    assert (docs / "sheets" / "b.md").is_file()  # not known to be render's: never removed
    (warning,) = site.warnings
    assert "files in the folders render writes were not written by this render and are left in place" in warning
    assert (docs / MANIFEST).is_file()
    (docs / "sheets" / "b.md").unlink()
    assert render_site(facts, docs)[0].warnings == []


def test_a_new_folder_with_a_hand_written_home_page_keeps_it(tmp_path):
    """No manifest and no mark of an earlier render: an existing file is a person's, not written over."""
    facts = write_sheets(tmp_path / "facts", "a")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# My own home page\n", encoding="utf-8")
    site, _ = render_site(facts, docs)
    assert (docs / "index.md").read_text(encoding="utf-8") == "# My own home page\n"
    assert site.warnings == [f"{docs / 'index.md'}: render did not write this file; the generated page is not "
                             "written over it (move the file elsewhere and render again)"]
    assert (docs / "sheets" / "a.md").is_file()
