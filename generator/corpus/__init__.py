"""Across articles: the registry of people, organisations and places, and stories with their disagreements.

- :mod:`.names`: names compared across articles (folding, a person's first name and surname).
- :mod:`.registry`: one entry per real-world referent across all sheets (``data/entities.yaml``,
  updated by ``factsheet registry``; render only reads it).
- :mod:`.stories`: which articles tell the same story, and where they disagree.
- :mod:`.unionfind`: the grouping both use.
"""
