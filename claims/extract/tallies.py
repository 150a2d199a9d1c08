"""Counts of units stated with their breakdown, attached to the claim that states the total.

    "Rebels now hold 212 villages, or 38 percent of the province. They took 120 villages by
    force and entered the other 92 after local truces." → Tally(212, (120, 92), "villages")

A breakdown is a sentence that counts units ("120 villages") and then names the rest of them
with "the other N" or "the remaining N" (the noun repeated or left out). Its total is the
nearest larger count of the same units in the sentences just before it. The tally goes on
the claim whose quote holds that total; the ``arithmetic`` rule checks that the parts add up.

Not read: a total in the breakdown's own sentence ("212 villages: 120 … and the other 92"),
parts without "the other"/"the remaining" ("120 by force and 92 by truce"), and a total no
claim quotes (a count with no area or share beside it).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from contested.claims.extract.document import Document
from contested.claims.extract.sentences import Span
from contested.claims.model import Claim, Tally
from contested.core.lazy import LazyRegex

# Units a territory is counted in: administrative divisions and places.
_UNITS = (r"(?:sub-?)?districts?|townships?|villages?|towns?|cities|city|settlements?|"
          r"localities|locality|provinces?|governorates?|regions?|oblasts?|raions?|rayons?|"
          r"hromadas?|counties|county|municipalities|municipality|communities|community|"
          r"neighbou?rhoods?|states?|prefectures?|cantons?|wards?|zones?")
_COUNT = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_COUNTED_RE = LazyRegex(rf"(?<![\d,.])({_COUNT})[ ]+({_UNITS})\b", re.IGNORECASE)
_REST_RE = re.compile(rf"\bthe[ ]+(?:other|remaining)[ ]+({_COUNT})\b(?![.,]\d)"
                      rf"(?:[ ]+({_UNITS})\b)?", re.IGNORECASE)
_LOOK_BACK = 2  # sentences before the breakdown where its total may be


def attach_tallies(claims: Sequence[Claim], document: Document) -> list[Claim]:
    """``claims`` with the tally of each count breakdown on the claim quoting its total."""
    if not claims:
        return list(claims)
    tallies = _tallies(document)
    if not tallies:
        return list(claims)
    attached = []
    for claim in claims:
        inside = [t for at, t in tallies
                  if claim.start is not None and claim.end is not None
                  and claim.start <= at < claim.end]
        attached.append(claim.replace(tally=inside[0]) if inside else claim)
    return attached


def _tallies(document: Document) -> list[tuple[int, Tally]]:
    """(offset of the total, tally) for each breakdown of the document."""
    found = []
    for rest in _REST_RE.finditer(document.text):
        sentences = _sentences_before(document, rest.start())
        if not sentences:
            continue
        tally = _tally(document.text, sentences, rest)
        if tally is not None:
            found.append(tally)
    return found


def _sentences_before(document: Document, position: int) -> list[Span]:
    """The sentence holding ``position`` and the _LOOK_BACK sentences before it (crossing
    paragraphs: news puts a sentence to a paragraph), the last one holding ``position``."""
    starts = [paragraph.start for paragraph in document.paragraphs]
    index = bisect_right(starts, position) - 1
    if index < 0:
        return []
    spans: list[Span] = []
    for paragraph in document.paragraphs[max(0, index - _LOOK_BACK):index + 1]:
        spans.extend(document.sentences(paragraph))
    spans = [span for span in spans if span.start <= position]
    if not spans or spans[-1].end <= position:
        return []
    return spans[-1 - _LOOK_BACK:]


def _tally(text: str, sentences: list[Span], rest: re.Match[str]) -> tuple[int, Tally] | None:
    here = sentences[-1]
    counted = [m for m in _COUNTED_RE.finditer(text, here.start, rest.start())]
    if not counted:
        return None
    noun = _singular(counted[-1].group(2))
    if rest.group(2) and _singular(rest.group(2)) != noun:
        return None
    parts = [_number(m.group(1)) for m in counted if _singular(m.group(2)) == noun]
    parts.append(_number(rest.group(1)))
    for sentence in reversed(sentences[:-1]):
        totals = [m for m in _COUNTED_RE.finditer(text, sentence.start, sentence.end)
                  if _singular(m.group(2)) == noun and _number(m.group(1)) > max(parts)]
        if totals:
            total = totals[-1]
            return total.start(), Tally(_number(total.group(1)), tuple(parts),
                                        total.group(2).lower())
    return None


def _number(written: str) -> int:
    return int(written.replace(",", ""))


def _singular(noun: str) -> str:
    """What is counted, whatever its number: "townships" and "township" are one noun."""
    noun = noun.lower().replace("neighbour", "neighbor").replace("sub-", "sub")
    for plural, single in (("ies", "y"), ("s", "")):
        if noun.endswith(plural):
            return noun[: -len(plural)] + single
    return noun
