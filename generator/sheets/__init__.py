"""Fact-sheet files: reading and writing YAML, validation against the schema, hand edits, provenance.

- :mod:`.yamlio`: safe YAML dumping, atomic writes, line numbers for errors.
- :mod:`.validate` and ``schema/``: the contract of a sheet, checked at every load.
- :mod:`.curation`: people's edits kept across regenerations (a three-way merge).
- :mod:`.provenance`: what a sheet was made from and by, known without loading spaCy.
"""
