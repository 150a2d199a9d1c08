"""Read area claims out of news text.

    >>> from geo.extract import extract_claims
    >>> claims = extract_claims(article_text, source="article.txt", date="2017-02-15")
    >>> claims[0].km2, claims[0].kind, claims[0].scope

Modules: :mod:`~geo.extract.sentences` (sentence spans), :mod:`~geo.extract.classify` (kind,
comparison, percent, population), :mod:`~geo.extract.places` (toponyms via a multi-pattern
matcher over the gazetteer), :mod:`~geo.extract.context` (the countries a paragraph or article
is about), :mod:`~geo.extract.speakers` (who says it), :mod:`~geo.extract.dates`,
:mod:`~geo.extract.claims` (assembly), :mod:`~geo.extract.stream` (files of any size).
"""

from __future__ import annotations

from geo.extract.claims import extract_claims, source_name
from geo.extract.places import PlaceMention, find_places
from geo.extract.sentences import split_sentences
from geo.extract.speakers import SpeakerIndex
from geo.extract.stream import extract_file

__all__ = [
    "PlaceMention",
    "SpeakerIndex",
    "extract_claims",
    "extract_file",
    "find_places",
    "source_name",
    "split_sentences",
]
