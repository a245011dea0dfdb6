"""Identifiers that are safe as file-name and URL path components."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_ID_LENGTH = 80
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def slugify(text: str, *, fallback_seed: str | None = None) -> str:
    """A lower-case ASCII id of letters, digits, ``-`` and ``_``, never empty and never a path.

    >>> slugify("Kremlin: troops / border")
    'kremlin-troops-border'
    >>> slugify("../../etc/passwd")
    'etc-passwd'

    A trailing ``-`` is kept (ids cut short at a word boundary end with one) so that an id
    given in JSON lines stays the same id.
    """
    folded = unicodedata.normalize("NFKD", str(text))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    slug = re.sub(r"-{2,}", "-", _UNSAFE.sub("-", folded)).lstrip("-_")[:MAX_ID_LENGTH]
    if not slug.strip("-_"):
        slug = ""
    if not slug:
        seed = fallback_seed if fallback_seed is not None else str(text)
        slug = "item-" + hashlib.sha256(seed.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return slug


def is_safe_id(value: str) -> bool:
    """True when ``value`` is already a slug: usable as one path component with no escaping."""
    return bool(value) and len(value) <= MAX_ID_LENGTH and _UNSAFE.search(value) is None \
        and value[0] not in "-_" and value.strip("-_") != ""
