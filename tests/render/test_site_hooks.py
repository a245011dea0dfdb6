"""The site's MkDocs hooks (generator/render/site_hooks.py, loaded by hooks/factsheet.py): table cells
labelled for phones, and the Pagefind index of the built site."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from sitebuild import copy_project

from generator.render.site_hooks import PagefindError, TableLabelsExtension, bundle_sizes, index_site

ROOT = Path(__file__).resolve().parents[2]


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "attr_list", TableLabelsExtension()])


@pytest.mark.parametrize("table, labels", [
    pytest.param("| Figure | Value |\n| --- | ---: |\n| 4,000 residents | 4,000 |\n| 90 firefighters | 90 |\n",
                 ["Figure", "Value", "Figure", "Value"], id="plain"),
    pytest.param("| **Sheet** | [Source](x.md) |\n| --- | --- |\n| a | b |\n", ["Sheet", "Source"], id="markup"),
    pytest.param("| A | B | C |\n| --- | --- | --- |\n| 1 | | 3 |\n", ["A", "B", "C"], id="empty-cell"),
    pytest.param("| Who &amp; what | x |\n| --- | --- |\n| a | b |\n", ["Who & what", "x"], id="entity"),
])
def test_every_cell_gets_its_column_heading(table, labels):
    html = rendered(table)
    assert re.findall(r'<td data-label="([^"]*)"', html.replace("&amp;", "&")) == labels


def test_a_heading_cannot_break_out_of_the_attribute():
    html = rendered('| say "hi" <b> |\n| --- |\n| a |\n')
    assert 'data-label="say &quot;hi&quot;' in html


def test_the_hook_file_hands_over_the_hooks():
    spec = importlib.util.spec_from_file_location("factsheet_hooks", ROOT / "hooks" / "factsheet.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert callable(module.on_config) and callable(module.on_post_build)


def test_pagefind_indexes_a_folder_of_pages(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<html lang="en"><head><title>A</title></head><body><main data-pagefind-body '
        'data-pagefind-filter="kind:sheet"><h1>Harbour <a class="headerlink">¶</a></h1>'
        "<p>Quayside scheme</p></main></body></html>", encoding="utf-8")
    index_site(site)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert (site / "pagefind" / "pagefind-component-ui.js").is_file()
    total, largest, name = bundle_sizes(site)
    assert 0 < largest <= total and name.startswith("pagefind/")


def test_pagefind_failing_is_one_line_naming_the_folder(tmp_path):
    missing = tmp_path / "no-such-site"
    with pytest.raises(PagefindError) as err:
        index_site(missing)
    message = str(err.value)
    assert "\n" not in message and str(missing) in message


def test_factsheet_build_makes_the_search_index(tmp_path):
    """`factsheet build` (and so `make site`) leaves a site with its search: the hooks run in its build."""
    copy_project(tmp_path)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "quay.txt").write_text(
        "Harbour board backs Quayside scheme\n\nThe harbour board on Monday backed the Quayside scheme, "
        "said Olufemi Adeyemi, the board's chair.\n", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--articles", "articles", "--facts", "facts",
                             "--docs", "docs", "--site", "site"], cwd=tmp_path, env=env, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "pagefind" / "pagefind.js").is_file()
    assert (tmp_path / "site" / "pagefind" / "pagefind-component-ui.js").is_file()
    assert "Pagefind search index made" in result.stderr
