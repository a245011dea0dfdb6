"""Which spans are reported speech (issue 13, detection): one row per rule, through the real pipeline.

Every sentence here is made up for the test. A row gives the article text and the words the reported
clause must hold; each clause must be a verbatim slice of the text.
"""

from __future__ import annotations

import pytest

# (rule, article text, words of the reported clause)
REPORTED = [
    ("a share of a group reports: 61 percent said",
     "The poll was taken in May. Asked about the bridge, 61 percent said they would pay a higher toll.",
     "they would pay a higher toll"),
    ("a share of a group reports: six in 10 said",
     "Most residents drive to work, but six in 10 said the ferry should run at night.",
     "the ferry should run at night"),
    ("a group named by a plural noun reports",
     "Local shopkeepers say the roadworks have cut their trade by half.",
     "the roadworks have cut their trade by half"),
    ("a quantifier for people reports",
     "The council met the farmers on Friday, and many said the new rules came too late.",
     "the new rules came too late"),
]


@pytest.mark.parametrize(("rule", "text", "words"), REPORTED, ids=[r[0] for r in REPORTED])
def test_reported_clause_found(sheet_of, rule, text, words):
    sheet = sheet_of(text)
    hits = [q for q in sheet.quotes if q.kind == "reported" and words in q.text]
    assert hits, f"{rule}: {[(q.kind, q.text) for q in sheet.quotes]}"
    assert all(text[q.span[0]:q.span[1]] == q.text for q in hits)
