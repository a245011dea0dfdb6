"""Where things live by default: the project's folders and files, and the names the tool gives its own.

Every command's default and every name the tool writes beside a person's files is here, once,
so that the layout a README describes is the layout the code uses.
"""

from __future__ import annotations

from pathlib import Path

#: the input articles (``factsheet build`` reads them)
ARTICLES = Path("data/articles")
#: one YAML fact sheet per article
FACTS = Path("data/facts")
#: the registry of people, organisations and places, beside the facts folder
REGISTRY = Path("data/entities.yaml")
#: the Markdown pages for MkDocs: hand-written ones and the generated ones beside them
DOCS = Path("docs")
#: the MkDocs configuration and the built site
MKDOCS_CONFIG = Path("mkdocs.yml")
SITE = Path("site")
#: pages fetched for URLs, kept so that a second run does not fetch them again
PAGE_CACHE = Path(".factsheet-cache/pages")

#: inside the facts folder: the machine's last output of each sheet (keeps hand edits across runs)
SNAPSHOTS = ".machine"
#: inside the facts folder: held by the run writing it
LOCK = ".factsheet.lock"
#: inside the docs folder: the files render wrote (it removes no other)
MANIFEST = ".factsheet-manifest"
