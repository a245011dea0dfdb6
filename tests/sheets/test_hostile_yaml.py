"""Hostile YAML in a sheet or in the registry: every way the project reads YAML refuses it in the same words.

A sheet is read by ``validate``, by ``render`` and by ``extract`` (when it merges a person's
edits); the registry by ``render`` and ``extract``. Each must give the one-line
``file:line: problem`` that ``validate`` gives, and none may take the machine down.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import one_line
from generator.corpus.registry import RegistryError, load_registry
from generator.errors import SheetError
from generator.model import FactSheet, Figure, Generated, Quote, Source
from generator.pipeline.run import SNAPSHOT_DIR, RunReport, SheetStore
from generator.sheets import yamlio
from generator.sheets.store import load_sheets
from generator.sheets.validate import validate_paths

ROOT = Path(__file__).resolve().parents[2]
GEN = Generated(tool="factsheet test", pipeline="test", content_hash="sha256:" + "1" * 64, at="2024-01-02T03:04:05Z")


def bomb(levels: int = 4, width: int = 10, key: str = "lol") -> str:
    """Aliases of aliases: small as written (a few hundred bytes), width**levels strings once expanded."""
    lines = [f"{key}0: &{key}0 [" + ", ".join(["laughing out loud"] * width) + "]"]
    lines += [f"{key}{i}: &{key}{i} [" + ", ".join([f"*{key}{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def sheet_text(sid: str) -> str:
    sheet = FactSheet(id=sid, title="Town hall to close", summary="It closes.", source=Source(name="Gazette"),
                      generated=GEN, quotes=(Quote(text="We will reopen", speaker="Jo Park", kind="direct"),),
                      figures=(Figure(text="six weeks", value=6, unit="week"),))
    return yamlio.dump(sheet.to_dict())


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


# (case, how the sheet's text is broken, text on the line the message must name, what it must say)
SHEET_CASES = [
    ("alias-bomb", lambda t: t + bomb(), "*lol2", "YAML: aliases (*lol2 and others) repeat more than"),
    ("alias-bomb-in-a-field", lambda t: t.replace("tags: []", "tags: &t [a, b, c, d, e, f, g, h, i, j]\n"
                                                  + bomb().replace("lol0: &lol0 [", "lol0: &lol0 [*t, ")),
     "*lol2", "YAML: aliases (*lol2 and others)"),
    ("alias-inside-itself", lambda t: t + "loop: &loop [*loop]\n", "loop:", "*loop is inside its own anchor"),
    # nested past what libyaml's composer survives (it recursed in C until the interpreter crashed)
    ("deep-brackets", lambda t: t + "deep: " + "[" * 100_000 + "]" * 100_000 + "\n", "deep:",
     "YAML: lists and mappings nested more than 100 deep"),
    ("deep-dashes", lambda t: t + "deep:\n" + "- " * 50_000 + "x\n", "- - -", "nested more than 100 deep"),
    ("deep-indentation", lambda t: t + "deep:\n" + "".join(" " * i + "x:\n" for i in range(1, 300)),
     " " * 100 + "x:", "nested more than 100 deep"),
    ("python-tag", lambda t: t.replace("title: Town hall to close",
                                       "title: !!python/object/apply:os.system ['echo hi']"),
     "title:", "YAML: the tag !!python/object/apply:os.system is not allowed"),
    ("value-its-tag-cannot-read", lambda t: t.replace("value: 6", "value: !!int six"), "value:",
     "'six' cannot be read as !!int"),
    ("nan", lambda t: t.replace("value: 6", "value: .nan"), "value:", "figures[0].value: not a finite number"),
    ("inf", lambda t: t.replace("value: 6", "value: -.inf"), "value:", "figures[0].value: not a finite number"),
    ("duplicate-key", lambda t: t.replace("title: Town hall to close", "title: One\ntitle: Two"), "title: Two",
     "title: given twice; YAML keeps only the last one"),
]


def read_by_validate(path: Path) -> list[str]:
    return validate_paths([path])[1]


def read_by_render(path: Path) -> list[str]:
    sheets, _, problems = load_sheets(path.parent)
    assert not sheets
    return problems


def read_by_extract_merge(path: Path) -> list[str]:
    report = RunReport()
    assert SheetStore(path.parent)._person(path, report) is False  # broken: not overwritten
    return [one_line(e) for e in report.errors]


READERS = [read_by_validate, read_by_render, read_by_extract_merge]


@pytest.mark.parametrize("read", READERS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("case", "mutate", "on_line", "message"), SHEET_CASES, ids=[c[0] for c in SHEET_CASES])
def test_every_reader_of_a_sheet_refuses_it_naming_file_and_line(tmp_path, read, case, mutate, on_line, message):
    good = sheet_text("t")
    assert "tags: []" in good and "value: 6" in good
    text = mutate(good)
    assert text != good
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    problems = read(path)
    assert problems, case
    first = problems[0]
    assert first.startswith(f"{path}:{line_of(text, on_line)}: "), (first, line_of(text, on_line))
    assert message in first, first
    assert "\n" not in first


def test_a_sheet_that_uses_a_few_aliases_is_still_read(tmp_path):
    """Anchors are YAML: a person reusing a name is not refused, only a file that grows past the budget."""
    text = sheet_text("t").replace("summary: It closes.", "summary: &jo Jo Park").replace("speaker: Jo Park",
                                                                                         "speaker: *jo")
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    sheets, _, problems = load_sheets(tmp_path)
    assert problems == [] and sheets[0].quotes[0].speaker == "Jo Park"


@pytest.mark.parametrize(("levels", "width", "refused"), [(2, 10, False), (3, 5, False), (3, 10, True),
                                                          (20, 2, True)])
def test_alias_budget_counts_the_expanded_size(levels, width, refused):
    text = bomb(levels, width)
    if refused:
        with pytest.raises(yamlio.AliasError):
            yamlio.load_fast(text)
    else:
        assert len(yamlio.load_fast(text)[f"lol{levels}"]) == width


def test_the_quick_look_lets_ordinary_files_skip_the_careful_parse():
    """Anchors and deep nesting are checked on a second parse only when a quick look cannot rule them out."""
    ordinary = [sheet_text("t"), *(p.read_text(encoding="utf-8") for p in (ROOT / "data" / "facts").glob("*.yaml")),
                (ROOT / "data" / "entities.yaml").read_text(encoding="utf-8")]
    assert not any(yamlio._may_exceed_limits(text) for text in ordinary)
    for case, mutate, *_ in SHEET_CASES:
        if case.startswith(("alias", "deep")):
            assert yamlio._may_exceed_limits(mutate(sheet_text("t"))), case


def test_extract_does_not_expand_a_bomb_left_in_a_sheet_and_its_snapshot(tmp_path):
    """The quick "nobody edited it" test reads the sheet when it equals its snapshot: aliases checked there too."""
    text = sheet_text("t") + bomb(levels=9)  # 10**9 strings once expanded
    path = tmp_path / "t.yaml"
    snap = tmp_path / SNAPSHOT_DIR / "t.yaml"
    snap.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    snap.write_text(text, encoding="utf-8")
    from generator.pipeline.run import _loaded

    assert SheetStore._untouched_text(path, snap) == text  # untouched: both files are the same
    assert _loaded(text) is None


REGISTRY_CASES = [
    ("alias-bomb", "schema_version: 1\n" + bomb(), "*lol2", "YAML: aliases (*lol2 and others)"),
    ("python-tag", "entities:\n- id: x\n  name: !!python/name:os.system ''\n  type: people\n", "name:",
     "YAML: the tag !!python/name:os.system is not allowed"),
    ("duplicate-key", "entities:\n- id: x\n  name: X\n  name: Y\n  type: people\n", "name: Y",
     "entities[0].name: given twice"),
]


@pytest.mark.parametrize(("case", "text", "on_line", "message"), REGISTRY_CASES, ids=[c[0] for c in REGISTRY_CASES])
def test_the_registry_is_read_with_the_same_checks(tmp_path, case, text, on_line, message):
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    first = err.value.problems[0]
    assert first.startswith(f"{path}:{line_of(text, on_line)}: "), first
    assert message in first, first


def test_render_reports_a_bomb_in_the_registry_in_one_line(tmp_path):
    from click.testing import CliRunner

    from generator.cli import cli

    facts = tmp_path / "data" / "facts"
    facts.mkdir(parents=True)
    (facts / "t.yaml").write_text(sheet_text("t"), encoding="utf-8")
    registry = tmp_path / "data" / "entities.yaml"
    registry.write_text("schema_version: 1\n" + bomb(levels=9), encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", "--facts", str(facts), "--docs", str(tmp_path / "docs"), "-q"])
    assert result.exit_code == 1, result.output
    assert f"error: {registry}:5: YAML: aliases" in result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr


def test_load_document_names_the_line_of_a_construction_error(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\nb: !!timestamp 2024-13-45\n", encoding="utf-8")
    with pytest.raises(SheetError) as err:
        yamlio.load_document(path)
    assert err.value.problems == [f"{path}:2: YAML: '2024-13-45' cannot be read as !!timestamp (month must be in "
                                  "1..12); remove the tag or fix the value"]


def test_yaml_errors_are_yaml_errors():
    """Callers that treat any unreadable text as "no data" catch yaml.YAMLError: nothing else escapes."""
    for text in (bomb(), "a: !!int x\n", "a: !!bool maybe\n", "a: &a [*a]\n"):
        with pytest.raises(yaml.YAMLError):
            yamlio.load_fast(text)
