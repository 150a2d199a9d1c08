"""Read territorial claims out of news text.

    >>> from contested.claims.extract import extract_claims
    >>> text = "Iraqi forces have retaken more than 3,000 square kilometres since May."
    >>> claims = extract_claims(text, source="a.txt", date="2017-10-05", gazetteer=None)
    >>> claims[0].km2, claims[0].qualifier, claims[0].kind
    (3000.0, 'more than', 'liberated')

Pass the shipped gazetteer (``contested.gazetteer.default_gazetteer``) for the claims' places;
None finds none.

Modules: :mod:`~contested.claims.extract.claims` (the entry point and the document pass),
:mod:`~contested.claims.extract.document` (paragraphs, sentences, mentions, datelines),
:mod:`~contested.claims.extract.anchors` (what anchors each claim), :mod:`~.shares` and
:mod:`~.share_objects` (percents and fractions of territory), :mod:`~.comparisons` (size
comparisons), :mod:`~.segments` (a claim's clause and quote), :mod:`~.build` (one claim),
:mod:`~.kinds`, :mod:`~.scopes`, :mod:`~.demonyms`, :mod:`~.actors`, :mod:`~.dates`,
:mod:`~.speakers`, :mod:`~.populations`, :mod:`~.changes` (parts of a change, linked),
:mod:`~.places` (toponyms via a multi-pattern matcher over the gazetteer), :mod:`~.context`
(the countries a paragraph or text is about), :mod:`~.notices` (warnings),
:mod:`~.stream` (files of any size).
"""

from __future__ import annotations

from contested.claims.extract.claims import extract_claims, source_name
from contested.claims.extract.notices import ExtractionWarning
from contested.claims.extract.places import PlaceMention, find_places
from contested.claims.extract.sentences import split_sentences
from contested.claims.extract.speakers import SpeakerIndex
from contested.claims.extract.stream import extract_file

__all__ = [
    "ExtractionWarning",
    "PlaceMention",
    "SpeakerIndex",
    "extract_claims",
    "extract_file",
    "find_places",
    "source_name",
    "split_sentences",
]
