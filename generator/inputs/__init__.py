"""Inputs: from files, folders and URLs to :class:`~generator.model.Article` records.

- :mod:`.files`: find articles in files and folders; plain text, Markdown with front matter, JSON lines.
- :mod:`.html`: the main text and metadata of a saved web page (trafilatura).
- :mod:`.fetch`: fetching URLs a user gives, politely, safely and cached.
- :mod:`.ids`: identifiers that are safe as file names and URL path components.
"""
