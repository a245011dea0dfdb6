"""The maintained path: the site builds unchanged with ProperDocs, the MkDocs 1.x fork (docs/deployment.md).

MkDocs 1.6 is the last 1.x release and MkDocs 2 drops plugins and themes; ProperDocs continues 1.x
and reads the same mkdocs.yml, theme, hooks and pages. This builds the session's site with it
(``properdocs build --strict``, the hooks making the Pagefind index too) and compares every page
with the MkDocs build: they may differ only in the generator named in the page head.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from sitebuild import built_site

GENERATOR = re.compile(r'\s*<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_site(tmp_path_factory)


def test_the_site_builds_the_same_with_properdocs(site, tmp_path):
    out = tmp_path / "site"
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "-d", str(out)], cwd=site.root, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert (out / "pagefind" / "pagefind.js").is_file()  # the hooks ran
    pages = sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.html"))
    assert pages == sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len(pages) > 30
    for rel in pages:
        mine = GENERATOR.sub("", (site.site / rel).read_text(encoding="utf-8"))
        theirs = GENERATOR.sub("", (out / rel).read_text(encoding="utf-8"))
        assert mine == theirs, rel
