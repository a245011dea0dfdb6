"""Across articles: the registry of people, organisations and places, and stories with their disagreements.

- :mod:`.registry`: one entry per real-world referent across all sheets (``data/entities.yaml``).
- :mod:`.stories`: which articles tell the same story, and where they disagree.
"""
