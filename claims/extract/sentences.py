"""Sentence and paragraph spans of news text, as character offsets into the input.

News text breaks naive splitters: "sq. km.", "U.S.", "Col. Dillon", "Nov. 5", curly quotes
glued to the next sentence ('achievement.”He said'), dashes, hard-wrapped lines. A period ends
a sentence unless the word before it is an abbreviation that normally continues (titles,
months before a day, initials), or a unit/"U.S." followed by a word that does not start
sentences. A single line break is a space in hard-wrapped text and a boundary otherwise.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from contested.core.lazy import LazyRegex

__all__ = ["Span", "is_hard_wrapped", "paragraphs", "split_sentences"]


class Span(NamedTuple):
    start: int
    end: int


# Never end a sentence: titles and words that always take something after them.
_TITLES = frozenset(
    """mr mrs ms dr prof col gen capt maj lt sgt adm brig cmdr cdr gov sen rep pres pvt cpl spc
    ft mt st no nos vs gens cols lieut supt insp sr jr rev hon messrs mme mlle sec amb dept
    fig approx est ca c e.g i.e cf al""".split()
)
_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
# End a sentence only when the next word is a typical sentence opener.
_MAYBE_END = frozenset(
    """km sq mi m ha u.s u.k u.n u.a.e a.m p.m etc inc ltd co corp d.c s.d.f i.s e.u""".split()
)
_OPENERS = frozenset(
    """the a an this that these those it its he she they we i you his her their our there here
    in on at by for from with but and or so yet if when while after before since although though
    as however meanwhile still now then later earlier officials according what who how why
    some many most all no not one two three isis is isil daesh""".split()
)

_CANDIDATE_RE = re.compile(
    r"(?P<punct>[.!?…]+|\.\.\.)(?P<close>[\"”’'»)\]]*)(?P<space>\s*)(?=(?P<next>\S?))"
)
_WORD_BEFORE_RE = re.compile(r"([\w.]+)$")
_LINE_BREAK_RE = re.compile(r"\n[ \t\u00a0]*")
_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0]*\n\s*")
_LIST_ITEM_RE = LazyRegex(r"[•·▪◦‣●*–-][ \t\u00a0]")


def _is_hard_wrapped(text: str) -> bool:
    """True when single line breaks are wrapping, not paragraph ends (wire copy at ~72 cols)."""
    lines = [line for line in text[:20000].split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    lengths = sorted(len(line) for line in lines)
    median = lengths[len(lengths) // 2]
    unended = sum(1 for line in lines if not re.search(r"[.!?:\"”’)]\s*$", line))
    return 50 <= median <= 100 and unended / len(lines) > 0.5


def _ends_here(text: str, match: re.Match[str]) -> bool:
    punct = match.group("punct")
    following = match.group("next")
    gap = match.group("space")
    close = match.group("close")
    if not following:
        return True
    if punct != "." and punct != "…" and not punct.endswith("..."):
        # ! and ? end a sentence unless the next word continues in lower case ("?” he asked").
        return not following.islower()
    if not gap and not close:
        return False  # "U.S.-led", "3.5", "e.g.x": a period glued to the next character
    if following.islower() or following in ",;:)]-–—.!?":
        return False
    if following.isdigit() and not gap.count("\n") and _after_abbreviation(text, match):
        # "Nov. 5", "No. 3": only numbers after abbreviations continue the sentence.
        return False
    if punct.startswith("…") or punct == "...":
        return following.isupper() or following in "\"“‘'"
    return _period_ends(text, match, bool(close))


def _after_abbreviation(text: str, match: re.Match[str]) -> bool:
    word = _WORD_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    return bool(word) and word.group(1).lower().rstrip(".") in _MONTHS | _TITLES


def _period_ends(text: str, match: re.Match[str], closed: bool) -> bool:
    """Whether a period followed by a capital or a digit ends a sentence, from the word
    before it."""
    word_match = _WORD_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    if word_match is None:
        return True
    word = word_match.group(1).lower().strip(".")
    if closed:
        return True  # 'achievement.”He' or '(177 sq. km.).': closing marks end the sentence
    if word in _TITLES or word in _MONTHS:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "George W. Bush"
    if word in _MAYBE_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        next_word = re.match(r"[\w']+", text[match.end():match.end() + 30])
        return bool(next_word) and next_word.group(0).lower() in _OPENERS
    return True


def _line_breaks(text: str, start: int, end: int, wrapped: bool) -> list[int]:
    """Offsets where a line break inside [start, end) ends a sentence."""
    cuts = []
    for match in _LINE_BREAK_RE.finditer(text, start, end):
        before = text[start:match.start()].rstrip()
        after = text[match.end():match.end() + 1]
        if not before or not after:
            continue
        if "\n" in text[match.start() + 1:match.end()] or _BLANK_LINE_RE.match(text, match.start()):
            cuts.append(match.start())
            continue
        if wrapped and not _LIST_ITEM_RE.match(text, match.end()):
            continue  # wrapping, unless the next line is an item of a list ("• FSA-led …")
        last_word = re.search(r"([\w.]+)$", before)
        title = last_word is not None and last_word.group(1).lower().rstrip(".") in _TITLES
        if after.islower() or before[-1] in ",-–—(" or after in ",;:)" or (
            title and before.endswith(".")
        ):
            continue  # a broken line inside a sentence
        cuts.append(match.start())
    return cuts


def is_hard_wrapped(text: str) -> bool:
    """True when single line breaks in ``text`` wrap lines rather than end paragraphs."""
    return _is_hard_wrapped(text)


def paragraphs(text: str, wrapped: bool | None = None) -> list[Span]:
    """Paragraph spans: blocks between blank lines (or lines, when text is not hard-wrapped)."""
    if wrapped is None:
        wrapped = _is_hard_wrapped(text)
    splitter = _BLANK_LINE_RE if wrapped else re.compile(r"\n\s*")
    spans = []
    position = 0
    for match in splitter.finditer(text):
        if text[position:match.start()].strip():
            spans.append(_strip(text, position, match.start()))
        position = match.end()
    if text[position:].strip():
        spans.append(_strip(text, position, len(text)))
    return spans


def _strip(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def split_sentences(
    text: str, start: int = 0, end: int | None = None, *, wrapped: bool | None = None
) -> list[Span]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), whitespace trimmed.

    ``wrapped``: whether single line breaks are wrapping (None: judge from the text; a caller
    splitting paragraph by paragraph judges the whole text once and passes it).
    """
    end = len(text) if end is None else end
    if wrapped is None:
        wrapped = "\n" in text[start:end] and _is_hard_wrapped(text[start:end])
    cuts = set(_line_breaks(text, start, end, wrapped))
    for match in _CANDIDATE_RE.finditer(text, start, end):
        if _ends_here(text, match):
            cuts.add(match.end("close"))
    spans = []
    position = start
    for cut in sorted(cuts):
        if cut <= position:
            continue
        span = _strip(text, position, cut)
        if span.end > span.start:
            spans.append(span)
        position = cut
    span = _strip(text, position, end)
    if span.end > span.start:
        spans.append(span)
    return _merge_stray_marks(text, spans)


def _merge_stray_marks(text: str, spans: list[Span]) -> list[Span]:
    # A "sentence" of closing marks alone (' ”' after a period) belongs to the one before it.
    merged: list[Span] = []
    for span in spans:
        if merged and not any(ch.isalnum() for ch in text[span.start:span.end]):
            merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return merged
