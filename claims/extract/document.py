"""One text and what its claims share: paragraphs, sentences, place mentions, the spans whose
names are not where a claim is, country context, speakers.

Names that never give a claim's scope or places, whatever the gazetteer makes of them:

* datelines ("ERBIL, Kurdistan Region—", "MOSUL, Iraq (Reuters) -", "WASHINGTON —",
  "Baghdad (", "Tunis, 5 February 2017:"): where the reporter filed from;
* bylines ("By Jane Doe") and photo captions ("Photo: …", "(AFP Photo / …)", "File photo");
* speakers and news agencies ("said Col. Steve Warren", "state news agency SANA quoted", an
  all-capitals agency name next to a reporting word), and actors ("the Taliban controlled");
* size-comparison references ("the size of New Jersey").

Long "sentences" (text without punctuation, tables, lists) are read in windows of at most
:data:`MAX_SENTENCE_CHARS`, cut at a clause mark or a space, so the work per sentence is
bounded and extraction stays linear in the size of the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from contested.claims.extract.actors import is_actor_name
from contested.claims.extract.comparisons import find_comparisons, has_comparison_hint
from contested.claims.extract.context import DocumentContext
from contested.claims.extract.dates import dateline_span
from contested.claims.extract.places import PlaceMention
from contested.claims.extract.scopes import SentenceScopes, heuristic_places
from contested.claims.extract.sentences import Span, split_sentences
from contested.claims.extract.speakers import SpeakerIndex
from contested.core.lazy import LazyRegex

__all__ = ["MAX_SENTENCE_CHARS", "Document"]

MAX_SENTENCE_CHARS = 1500

_DATELINE_RE = re.compile(
    r"(?:[A-Z][A-Z'’.-]+(?:[ ][A-Z][A-Z'’.-]+){0,3}"  # ERBIL, MOSUL, WASHINGTON, NEW YORK
    r"(?:,[ ]+[A-Z][\w'’.-]+(?:[ ][A-Z][\w'’.-]+){0,2})?"  # , Kurdistan Region
    r"(?:[ ]*\([^()\n]{1,40}\))?[ ]*[-—–:]"  # (Reuters) -
    r"|[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+){0,2}(?:,[ ]+[A-Z][\w'’.-]+)?[ ]*\((?:[ ]|[^()\n]{1,40}"
    r"\)[ ]*[-—–:]?)"  # Baghdad (  /  Mosul, Iraq (AFP) -
    r"|[A-Z][\w'’-]+(?:[ ][A-Z][\w'’-]+)?,[ ]+\d{1,2}[ ]+[A-Z][a-z]+[ ]+\d{4}[ ]*:)"  # Tunis, 5 …:
)
_BYLINE_RE = re.compile(
    r"(?m)^[ \t]*(?:[Bb]y|BY|[Ww]ritten by|[Rr]eporting by)[ \t]+[A-Z][\w.'’-]+(?:[ \t]+"
    r"(?:[A-Z][\w.'’-]*|and|&|,)){0,8}[ \t]*$"
)
_CAPTION_RE = LazyRegex(
    r"(?m)^[ \t]*(?i:photo|image|picture|file photo|caption|credit|photograph)\b[^\n]*$"
    r"|\((?:[A-Z]+[ ]+)?(?i:photo|image|picture)\b[^)\n]{0,120}\)"
    r"|\b(?:AFP|AP|REUTERS|Reuters|Getty Images?)[ ]*(?:PHOTO|Photo|/)[^\n]{0,80}",
)
_AGENCY_WORDS_RE = LazyRegex(
    r"\b(?:agency|news|tv|television|reported|quoted|quoting|said|told|according|cited|"
    r"citing)\b",
    re.IGNORECASE,
)
_CLAUSE_CUT_RE = re.compile(r"[;:,]\s|\s")


class Document:
    """One text, its place mentions (resolved by the caller's gazetteer, or none) and, built
    on first use, its sentences, scope candidates, country context and speakers."""

    def __init__(self, text: str, gazetteer: Any, mentions: list[PlaceMention],
                 paragraph_spans: list[Span], wrapped: bool) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.paragraphs = paragraph_spans
        self.wrapped = wrapped
        self.speakers = SpeakerIndex(text)
        self._unplaces = _unplace_spans(text, paragraph_spans)
        self.mentions = [m for m in mentions if not self._in_unplaces(m.start)
                         and not is_actor_name(text, m.start, m.end)
                         and not _is_share_word(text, m)
                         and not _TAKER_RE.match(text, m.end)]
        self._mention_starts = [m.start for m in self.mentions]
        self._sentences: dict[Span, list[Span]] = {}
        self._mentions_in: dict[Span, list[PlaceMention]] = {}
        self._scopes: dict[Span, SentenceScopes] = {}
        self._fallbacks: dict[tuple[Span, int], tuple[str, PlaceMention | None] | None] = {}
        self._context: DocumentContext | None = None

    def _in_unplaces(self, position: int) -> bool:
        index = bisect_left(self._unplaces, (position + 1,)) - 1
        return index >= 0 and self._unplaces[index][1] > position

    def sentences(self, paragraph: Span) -> list[Span]:
        """The paragraph's sentences, a long one cut into windows (see the module doc)."""
        if paragraph not in self._sentences:
            spans = split_sentences(self.text, paragraph.start, paragraph.end,
                                    wrapped=self.wrapped)
            self._sentences[paragraph] = [w for s in spans for w in self._windows(s)]
        return self._sentences[paragraph]

    def _windows(self, span: Span) -> list[Span]:
        windows = []
        start = span.start
        while span.end - start > MAX_SENTENCE_CHARS:
            limit = start + MAX_SENTENCE_CHARS
            cut = None
            for match in _CLAUSE_CUT_RE.finditer(self.text, limit - 200, limit):
                cut = match.end()
            cut = cut or limit
            windows.append(Span(start, cut))
            start = cut
        windows.append(Span(start, span.end))
        return windows

    def mentions_in(self, span: Span) -> list[PlaceMention]:
        """Mentions inside sentence ``span`` that may say where a claim is: the gazetteer's,
        and capitalised names after "in", "across", … that it does not know (cached)."""
        if span not in self._mentions_in:
            first = bisect_left(self._mention_starts, span.start)
            last = bisect_left(self._mention_starts, span.end, first)
            known = [m for m in self.mentions[first:last] if m.end <= span.end]
            if known:
                speakers = [a for a in self.speakers.attributions(span.start, span.end)
                            if a.speaker]
                known = [m for m in known if not _speaker_or_agency(self.text, m, speakers)]
            taken = [(m.start, m.end) for m in known]
            guessed = [m for m in heuristic_places(self.text, span.start, span.end, taken)
                       if not self._in_unplaces(m.start)]
            self._mentions_in[span] = sorted(known + guessed, key=lambda m: m.start)
        return self._mentions_in[span]

    def scopes(self, span: Span) -> SentenceScopes:
        """The scope candidates of one sentence, read once."""
        if span not in self._scopes:
            mentions = [m for m in self.mentions_in(span)
                        if not self._in_references(m, span)]
            self._scopes[span] = SentenceScopes(self.text[span.start:span.end], span.start,
                                                mentions)
        return self._scopes[span]

    def _in_references(self, mention: PlaceMention, span: Span) -> bool:
        return any(span.start + c.start <= mention.start < span.start + c.end
                   for c in self._comparisons(span))

    def _comparisons(self, span: Span) -> list[Any]:
        return find_comparisons(self.text[span.start:span.end])

    def earlier_scope(self, paragraph: Span, index: int) -> tuple[str, PlaceMention | None] | None:
        """The scope of the nearest sentence before sentence ``index`` of the paragraph that
        states one (each sentence is read once however many claims ask)."""
        key = (paragraph, index)
        if key not in self._fallbacks:
            if index == 0:
                found = None
            else:
                previous = self.sentences(paragraph)[index - 1]
                found = self.scopes(previous).best() or self.earlier_scope(paragraph, index - 1)
            self._fallbacks[key] = found
        return self._fallbacks[key]

    def reference_spans(self, paragraph: Span) -> list[tuple[int, int]]:
        """Spans of size-comparison references in a paragraph (absolute offsets)."""
        spans: list[tuple[int, int]] = []
        if not has_comparison_hint(self.text[paragraph.start:paragraph.end]):
            return spans
        for sentence in self.sentences(paragraph):
            for comparison in self._comparisons(sentence):
                spans.append((sentence.start + comparison.start, sentence.start + comparison.end))
        return spans

    @property
    def context(self) -> DocumentContext | None:
        if self._context is None and self.gazetteer is not None:
            self._context = DocumentContext(self.text, self.paragraphs, self.mentions,
                                            self.gazetteer, self.reference_spans)
        return self._context


def _speaker_or_agency(text: str, mention: PlaceMention, speakers: list[Any]) -> bool:
    """A name that is who speaks ("said Col. Steve Warren", "SANA quoted the army")."""
    if mention.text.isupper() and len(mention.text) <= 5:
        around = text[max(0, mention.start - 30):mention.end + 30]
        if _AGENCY_WORDS_RE.search(around):
            return True  # "state news agency SANA", "INA reported"
    return any(a.start <= mention.start < a.end and mention.text in a.speaker for a in speakers)


# A fraction word before "of" is a share, whatever its capitals ("Lost Almost a Quarter of
# Its Territory": a headline), not a place of that name (The Quarter, Anguilla).
_SHARE_WORD_RE = re.compile(r"(?i:(?P<word>half|(?:third|quarter|fourth|fifth|sixth|eighth|"
                            r"tenth)s?)[ ]+of\b)")


# A name that takes or holds ground is who acts, not where ("Russia has captured 1,168 sq
# km": in Ukraine). Not one that retakes or loses it: "Ukraine has liberated …" is in Ukraine.
_TAKER_RE = re.compile(
    r"(?:['’]s[ ]+(?:forces|troops|army|military))?[ ]+(?:(?:now|still|already|also|has|"
    r"have|had|reportedly)[ ]+)*(?:captured|seized|took|taken|occup(?:ies|y|ied)|controls?|"
    r"controlled|holds?|held|gained|overran|conquered|annexed)\b")


def _is_share_word(text: str, mention: PlaceMention) -> bool:
    match = _SHARE_WORD_RE.match(text, mention.start)
    return match is not None and match.end("word") == mention.end


def _unplace_spans(text: str, paragraph_spans: list[Span]) -> list[tuple[int, int]]:
    """Datelines, bylines and captions (see the module doc), sorted, as (start, end)."""
    spans: list[tuple[int, int]] = []
    if (filed := dateline_span(text)) is not None:
        spans.append(filed)  # "BAGHDAD, Dec. 9 (Reuters) -"
    for paragraph in paragraph_spans:
        dateline = _DATELINE_RE.match(text, paragraph.start, paragraph.end)
        if dateline is not None:
            spans.append((dateline.start(), dateline.end()))
    lowered = text.lower()
    if "by " in lowered:
        spans.extend(m.span() for m in _BYLINE_RE.finditer(text))
    if any(word in lowered for word in _CAPTION_HINTS):
        spans.extend(m.span() for m in _CAPTION_RE.finditer(text))
    return sorted(spans)


_CAPTION_HINTS = ("photo", "image", "picture", "caption", "credit", "getty")
