"""Read area claims out of news text.

    >>> from contested.claims.extract import extract_claims
    >>> text = "Iraqi forces have retaken more than 3,000 square kilometres since May."
    >>> claims = extract_claims(text, source="a.txt", date="2017-10-05", gazetteer=None)
    >>> claims[0].km2, claims[0].qualifier
    (3000.0, 'more than')

Modules: :mod:`~contested.claims.extract.sentences` (sentence spans),
:mod:`~contested.claims.extract.classify` (kind,
comparison, percent, population), :mod:`~contested.claims.extract.places` (toponyms via a
multi-pattern
matcher over the gazetteer), :mod:`~contested.claims.extract.context` (the countries a paragraph or
article
is about), :mod:`~contested.claims.extract.speakers` (who says it),
:mod:`~contested.claims.extract.dates`,
:mod:`~contested.claims.extract.claims` (assembly), :mod:`~contested.claims.extract.stream` (files
of any size).
"""

from __future__ import annotations

from contested.claims.extract.claims import extract_claims, source_name
from contested.claims.extract.places import PlaceMention, find_places
from contested.claims.extract.sentences import split_sentences
from contested.claims.extract.speakers import SpeakerIndex
from contested.claims.extract.stream import extract_file

__all__ = [
    "PlaceMention",
    "SpeakerIndex",
    "extract_claims",
    "extract_file",
    "find_places",
    "source_name",
    "split_sentences",
]
