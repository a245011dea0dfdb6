"""Fact-sheet files: reading and writing YAML, validation through the model, hand edits, provenance.

- :mod:`.yamlio`: safe YAML dumping, atomic writes, line numbers for errors.
- :mod:`.store`: the one way a sheet file is read (safe YAML, validated, every problem with its line).
- :mod:`.validate`: validation through the model (:mod:`generator.model`), problems as ``file:line: field: ...``.
- ``schema/``: the JSON Schema generated from the model (``python -m generator.sheets.schema``).
- :mod:`.curation`: people's edits kept across regenerations (a three-way merge).
- :mod:`.provenance`: what a sheet was made from and by, known without loading spaCy.
"""
