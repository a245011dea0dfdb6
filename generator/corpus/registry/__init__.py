"""People, organisations and places across articles: one registry entry per real-world referent.

Each fact sheet lists the entities of one article (already merged within it: "Dmitry Peskov",
"Peskov" and "Mr Peskov" are one entity there). :func:`build_registry` merges them across
sheets into :class:`Entry` records: the same person named "Antony Blinken" in one article and
"Secretary Blinken" or "Blinken" in another is one entry; people who share a surname but not a
first name are kept apart; a bare surname that could be more than one known person is kept
apart too, with a note that says so. Each entry records the roles it was given and when
(the article's date), and for each sheet the names used there and the quotes and figures that
concern it, which is what person, organisation and place pages are built from.

The registry lives in ``data/entities.yaml``, which people may edit; ``factsheet registry``
updates it (:func:`update_registry`) and ``factsheet render`` only reads it.

- :mod:`.records`: the model of the file (its records, read and written through it) and :class:`Registry`;
- :mod:`.file`: reading, writing and updating the file;
- :mod:`.build`: building entries from the sheets; :mod:`.steering`: what a person's edits (and
  the previous run) decide; :mod:`.cluster`: the merging rules; :mod:`.members`: each sheet's entities.
"""

from generator.corpus.registry.build import build_registry
from generator.corpus.registry.file import (
    DEFAULT_PATH,
    HEADER,
    FileState,
    dump_registry,
    load_registry,
    registry_in_memory,
    registry_path,
    update_registry,
    write_registry,
)
from generator.corpus.registry.records import (
    AUTO_NOTE,
    GROUPS,
    REGISTRY_VERSION,
    TYPE_GROUPS,
    Entry,
    Registry,
    RegistryError,
    RegistryFile,
    Role,
    SheetRef,
)

__all__ = ["AUTO_NOTE", "DEFAULT_PATH", "GROUPS", "HEADER", "REGISTRY_VERSION", "TYPE_GROUPS", "Entry", "FileState",
           "Registry", "RegistryError", "RegistryFile", "Role", "SheetRef", "build_registry", "dump_registry",
           "load_registry", "registry_in_memory", "registry_path", "update_registry", "write_registry"]
