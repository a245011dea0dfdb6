"""The JSON Schema of each file kind, generated from its model and checked in beside this file.

The fact sheet's model is :mod:`generator.model`; the registry's (``data/entities.yaml``) is
:mod:`generator.corpus.registry.records`.

    python -m generator.sheets.schema          # write the schema files again from the model
    python -m generator.sheets.schema --check  # exit 1 naming each file that is out of date

The schemas are for other tools (and the site's ``data/factsheet.schema.json``); the project
itself validates through the model. A test fails when a checked-in file is not what the model
generates, so a change to the model comes with its schema in the same commit.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from generator.corpus.registry.records import RegistryFile
from generator.model import FactSheet, adapter

HERE = Path(__file__).resolve().parent
DRAFT = "https://json-schema.org/draft/2020-12/schema"


class _Generator(GenerateJsonSchema):
    """pydantic's generator without a ``title`` on every field (the field's name already says it)."""

    def field_title_should_be_set(self, schema: Any) -> bool:  # noqa: ARG002 - the signature is pydantic's
        return False


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@dataclass(frozen=True)
class SchemaFile:
    """One file kind's schema: the model type it is generated from, and where it is checked in."""

    kind: Any  # the record class of a whole file: FactSheet
    name: str  # file name beside this module
    id: str
    title: str
    names: dict[str, str] = field(default_factory=dict)  # $defs names other than snake_case of the class name
    folder: Path = HERE

    @property
    def path(self) -> Path:
        return self.folder / self.name

    def generate(self) -> dict[str, Any]:
        """The schema: pydantic's, with ``$schema``, ``$id`` and ``title`` first and readable ``$defs`` names."""
        raw = adapter(self.kind).json_schema(schema_generator=_Generator)
        names = {old: self.names.get(old, _snake(old)) for old in raw.get("$defs", {})}

        def rename(node: Any) -> Any:
            if isinstance(node, dict):
                return {k: (f"#/$defs/{names[v.rsplit('/', 1)[1]]}" if k == "$ref" else rename(v))
                        for k, v in node.items()}
            if isinstance(node, list):
                return [rename(v) for v in node]
            return node

        body = rename(raw)
        body.pop("title", None)
        defs = {names[k]: v for k, v in sorted(body.pop("$defs", {}).items(), key=lambda kv: names[kv[0]])}
        return {"$schema": DRAFT, "$id": self.id, "title": self.title, **body, "$defs": defs}

    def text(self) -> str:
        """The file's text, as checked in (and as render copies it to the site)."""
        return json.dumps(self.generate(), indent=2, ensure_ascii=False) + "\n"


SHEET = SchemaFile(kind=FactSheet, name="factsheet.schema.json",
                   id="https://factsheet.example/schema/factsheet-1.schema.json", title="Factsheet fact sheet",
                   names={"DateMention": "date"})

REGISTRY = SchemaFile(kind=RegistryFile, name="registry.schema.json",
                      id="https://factsheet.example/schema/registry-1.schema.json", title="Factsheet entity registry",
                      names={"Entry": "entry", "Role": "role", "SheetRef": "sheet_ref"})

#: every checked-in schema (a new file kind adds its own here)
FILES = (SHEET, REGISTRY)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    check = "--check" in args
    stale = []
    for schema in FILES:
        text = schema.text()
        current = schema.path.read_text(encoding="utf-8") if schema.path.exists() else None
        if text == current:
            continue
        if check:
            stale.append(f"{schema.path}: out of date with its model (run: python -m generator.sheets.schema)")
        else:
            schema.path.write_text(text, encoding="utf-8")
            print(f"wrote {schema.path}")
    for line in stale:
        print(line, file=sys.stderr)
    return 1 if stale else 0
