"""Document context: the countries a paragraph or an article is about.

A claim whose sentence names no place of its own ("… about 107,575 sq. km., of the estimated
109,770 sq. km that ISIS originally held, according to CENTCOM.") still happens somewhere: its
places come from the document (the rule is stated in :mod:`contested.claims.extract.claims`). This
module
counts countries: every place mention counts for its country (a town for the country it lies
in), a border phrase ("the Iraqi-Syria border") for both countries; size-comparison references
("the size of New Jersey") do not count. A paragraph's (or the lead's) *dominant* countries are
those counted at least half as often as the most counted one, most counted first.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any

from contested.claims.extract.places import PlaceMention
from contested.core.exceptions import UnknownPlace
from contested.gazetteer.place import Place

__all__ = ["BORDER_NAMES", "BORDER_RE", "DocumentContext"]

BORDER_RE = re.compile(
    r"(?:the\s+)?(?P<a>Iraqi?|Syrian?|Turk(?:ish|ey)|Jordan(?:ian)?|Leban(?:on|ese)|Saudi)"
    r"\s*[-–/]\s*(?P<b>Iraqi?|Syrian?|Turk(?:ish|ey)|Jordan(?:ian)?|Leban(?:on|ese)|Saudi)"
    r"\s+border(?:\s+(?:region|area|zone))?",
    re.IGNORECASE,
)
BORDER_NAMES = {
    "iraq": "Iraq", "iraqi": "Iraq", "syria": "Syria", "syrian": "Syria", "turkey": "Turkey",
    "turkish": "Turkey", "jordan": "Jordan", "jordanian": "Jordan", "lebanon": "Lebanon",
    "lebanese": "Lebanon", "saudi": "Saudi Arabia",
}
_BORDER_ISO2 = {
    "Iraq": "IQ", "Syria": "SY", "Turkey": "TR", "Jordan": "JO", "Lebanon": "LB",
    "Saudi Arabia": "SA",
}

# Countries a demonym scope names (contested.claims.extract.classify.DEMONYMS values).
_COUNTRY_ISO2 = {
    **_BORDER_ISO2, "Libya": "LY", "Egypt": "EG", "Afghanistan": "AF", "Nigeria": "NG",
    "Yemen": "YE", "Somalia": "SO", "Mali": "ML", "Ukraine": "UA", "Iran": "IR",
    "Philippines": "PH", "Mozambique": "MZ",
}


class DocumentContext:
    """Country counts of one text's paragraphs, computed on first use.

    ``paragraphs``: the text's paragraph spans, in order; ``mentions``: its place mentions
    (sorted by start); ``references``: callable giving the comparison-reference spans of a
    paragraph (absolute offsets), whose mentions do not count.
    """

    def __init__(
        self, text: str, paragraphs: list[Any], mentions: list[PlaceMention], gazetteer: Any,
        references: Any,
    ) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.mentions = mentions
        self.gazetteer = gazetteer
        self.references = references
        self._starts = [mention.start for mention in mentions]
        self._counts: dict[int, Counter[str]] = {}
        self._country_places: dict[str, Place | None] = {}

    def country_place(self, iso2: str) -> Place | None:
        if iso2 not in self._country_places:
            try:
                self._country_places[iso2] = self.gazetteer.get(f"country:{iso2}")
            except UnknownPlace:  # a country the pack lacks: no place for it
                self._country_places[iso2] = None
        return self._country_places[iso2]

    def counts(self, index: int) -> Counter[str]:
        """Countries of paragraph ``index``, counted as the module doc says, in the order of
        their first appearance."""
        if index not in self._counts:
            paragraph = self.paragraphs[index]
            events: list[tuple[int, str]] = []
            borders = list(BORDER_RE.finditer(self.text, paragraph.start, paragraph.end))
            for border in borders:
                for group in ("a", "b"):
                    iso2 = _BORDER_ISO2.get(BORDER_NAMES[border[group].lower()])
                    if iso2:
                        events.append((border.start(group), iso2))
            excluded = [*self.references(paragraph), *(b.span() for b in borders)]
            first = bisect_left(self._starts, paragraph.start)
            for mention in self.mentions[first:]:
                if mention.start >= paragraph.end:
                    break
                if mention.place is None or not mention.place.country:
                    continue
                if any(s <= mention.start < e for s, e in excluded):
                    continue  # a comparison reference, or a border phrase counted above
                events.append((mention.start, mention.place.country))
            self._counts[index] = Counter(iso2 for _, iso2 in sorted(events))
        return self._counts[index]

    def dominant(self, index: int) -> tuple[Place, ...]:
        """The country places paragraph ``index`` is mostly about (none: empty)."""
        return self._dominant_of(self.counts(index))

    def _dominant_of(self, counts: Counter[str]) -> tuple[Place, ...]:
        """The countries counted at least half as often as the most counted, most first."""
        if not counts:
            return ()
        top = max(counts.values())
        # sorted() is stable: equals keep the order of first appearance.
        ranked = sorted(counts.items(), key=lambda item: -item[1])
        places = (self.country_place(iso2) for iso2, count in ranked if 2 * count >= top)
        return tuple(place for place in places if place is not None)

    def document_countries(self) -> tuple[Place, ...]:
        """The country places the text is about: those of its lead, then those the whole
        text is mostly about (counted as for a paragraph)."""
        places = {place.id: place for place in self.lead()}
        for place in self._text_countries():
            places.setdefault(place.id, place)
        return tuple(places.values())

    def _text_countries(self) -> tuple[Place, ...]:
        counts: Counter[str] = Counter()
        for index in range(len(self.paragraphs)):
            counts.update(self.counts(index))
        return self._dominant_of(counts)

    def lead(self) -> tuple[Place, ...]:
        """The dominant countries of the first paragraph that names a place: the article's
        frame (a headline or lead states where the story happens)."""
        for index in range(len(self.paragraphs)):
            places = self.dominant(index)
            if places:
                return places
        return ()

    def places_for(self, index: int) -> tuple[tuple[Place, ...], str | None]:
        """(places, "paragraph" | "lead") for a claim in paragraph ``index`` naming none."""
        places = self.dominant(index)
        if places:
            return places, "paragraph"
        places = self.lead()
        return (places, "lead") if places else ((), None)

    def country_named(self, name: str) -> tuple[Place, ...]:
        """The country place of a country name ("Iraq"), or nothing."""
        iso2 = _COUNTRY_ISO2.get(name)
        if iso2 is None:
            return ()
        place = self.country_place(iso2)
        return (place,) if place is not None else ()

    def border_places(self, scope: str) -> tuple[Place, ...]:
        """The two countries of a border scope ("Iraq-Syria border region")."""
        found = []
        for name, iso2 in _BORDER_ISO2.items():
            at = scope.find(name)
            if at != -1:
                found.append((at, iso2))
        places = (self.country_place(iso2) for _, iso2 in sorted(found))
        return tuple(place for place in places if place is not None)
