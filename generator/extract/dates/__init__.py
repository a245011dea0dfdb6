"""Dates: calendar arithmetic (:mod:`.calendar`), the grammar of time expressions (:mod:`.grammar`), and
the extractor that finds and resolves them against the publication date (:mod:`.dates`)."""
