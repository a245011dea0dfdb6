"""Factsheet: turn news articles into published fact sheets.

The library is layered: :mod:`generator.inputs.files` turns input files into
:class:`~generator.model.Article` records, :mod:`generator.extract` turns a parsed spaCy
``Doc`` into a :class:`~generator.model.FactSheet`, :mod:`generator.sheets.yamlio` reads and
writes sheets, and :mod:`generator.render` turns a folder of sheets into Markdown pages.
:mod:`generator.cli` is a thin shell over these.
"""

__version__ = "0.1.0"
