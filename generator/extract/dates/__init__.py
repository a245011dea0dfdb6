"""Dates: calendar arithmetic (:mod:`.calendar`), the grammar of time expressions (:mod:`.rules`), and
the extractor that finds and resolves them against the publication date (:mod:`.dates`)."""
