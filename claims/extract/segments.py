"""A claim's own words in its sentence: the clause it reads its kind, scope and dates from,
and the quote it shows.

A sentence may hold several claims ("4mn people in 41,000sq km … across Iraq and 2.3mn people
in 44,000sq km across Syria"): it is cut into one segment per claim at the last clause
boundary (";", " and ", ", ", " while ", " but ") between neighbouring figures. A segment then
starts after a reporting verb before the figure ("he said that …") and ends at a clause end
after it; the quote is the segment with reporting frames ("He said", "according to CENTCOM")
trimmed off its ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from contested.core.lazy import LazyRegex

__all__ = ["clause_end", "claim_segment", "segments", "tidy", "trim"]

_BOUNDARY_RE = LazyRegex(
    r";|,\s+and\s+|\s+and\s+|,\s+|\s+while\s+|\s+but\s+|\s+whereas\s+|\s+[—–]\s+"
)
_LEAD_FRAME_RE = re.compile(
    r"^(?:[\"“‘']\s*)?(?:(?:that|and|but|so|also)\s+)?(?:(?:[A-Z][\w.’'-]*\s+){1,5}|(?:he|she|they|it|"
    r"officials?|the\s+\w+)\s+)(?:also\s+)?(?:said|says|noted|added|stated|told\s+\w+(?:\s+\w+)?|"
    r"explained|pointed\s+out|stressed|observed|estimated?|reported|announced|confirmed|"
    r"insisted)(?:\s+(?:on\s+\w+|in\s+a\s+\w+(?:\s+\w+)?))?(?:\s+that)?[\s,:]*[\"“]?\s*",
    re.IGNORECASE,
)
_LEAD_SIMPLE_RE = re.compile(
    r"^(?:[\"“‘”'\s]+|(?:and|but|while|whereas|so|that\s+means|this\s+means|according\s+to\s+"
    r"[^,]{1,60},)\s+)",
    re.IGNORECASE,
)
_TRAIL_FRAME_RE = re.compile(
    r"(?:,?\s*(?:according\s+to\s+[^,.;]{1,60}|(?:[A-Z][\w.]*\s*){1,4}(?:said|added|noted|"
    r"stressed)|(?:he|she|they|officials?|the\s+\w+)\s+(?:said|added|noted|stressed))[.,]?"
    r"|[\s,.;:\"”’]+)$",
)


_SPEECH_RE = re.compile(
    r"\b(?:said|says|noted|added|stated|told\s+(?:reporters|\w+)|explained|stressed|insisted|"
    r"estimated?|announced|confirmed)\s+(?:on\s+\w+\s+)?that\s+|[\"“]\s*(?=[A-Z])",
    re.IGNORECASE,
)
_CLAUSE_END_RE = re.compile(
    r",\s+and\s+(?!this\b|that\b|it\b)|;|,\s+(?:noting|adding|saying|citing|stressing|"
    r"according)\b|\s+But\s+|,\s+(?:[A-Z][\w.]*\s+){1,4}\(?[A-Z]*\)?\s*(?:tells|told|said)\b",
)




class _Spanned(Protocol):
    start: int
    end: int
    owned_end: int
    of_total_of: object


def segments(sentence: str, anchors: Sequence[_Spanned]) -> list[tuple[int, int]]:
    """One (start, end) per anchor: cut at the last clause boundary between neighbours."""
    cuts = [0]
    for previous, current in zip(anchors, anchors[1:], strict=False):
        if current.of_total_of is previous or previous.of_total_of is current:
            cuts.append(cuts[-1])  # the total shares its claim's segment
            continue
        gap_start = max(previous.owned_end, previous.end)
        cut = None
        for match in _BOUNDARY_RE.finditer(sentence, gap_start, max(gap_start, current.start)):
            cut = match
        cuts.append(cut.start() if cut else max(gap_start, current.start))
    # Each segment ends where the next greater cut starts (cuts never decrease).
    ends = [len(sentence)] * len(cuts)
    for index in range(len(cuts) - 2, -1, -1):
        ends[index] = cuts[index + 1] if cuts[index + 1] > cuts[index] else ends[index + 1]
    return list(zip(cuts, ends, strict=True))


def claim_segment(sentence: str, segment: tuple[int, int], anchor_start: int,
                  owned_end: int, is_total: bool) -> tuple[int, int]:
    """The claim's own clause inside its segment: after a reporting verb before the figure
    ("he said that"), up to a clause end after what the figure owns."""
    start, end = segment
    speeches = list(_SPEECH_RE.finditer(sentence, start, anchor_start))
    if speeches:
        start = speeches[-1].end()
    tail = _CLAUSE_END_RE.search(sentence, owned_end, end)
    if tail is not None and not is_total:
        end = tail.start()
    return start, end


def trim(sentence: str, start: int, end: int, keep_start: int, keep_end: int) -> tuple[int, int]:
    """Trim reporting frames ("He said", "according to CENTCOM") off a segment's ends."""
    for _ in range(3):
        piece = sentence[start:end]
        match = _LEAD_FRAME_RE.match(piece) or _LEAD_SIMPLE_RE.match(piece)
        if not match or not match.end() or start + match.end() > keep_start:
            break
        start += match.end()
    for _ in range(3):
        piece = sentence[start:end]
        match = _TRAIL_FRAME_RE.search(piece)
        if not match or match.start() == len(piece) or start + match.start() < keep_end:
            break
        end = start + match.start()
    return start, end


def clause_end(sentence: str, start: int, limit: int) -> int:
    """Where the clause starting at ``start`` ends (a comma, colon, dash, "according to")."""
    match = _CLAUSE_MARK_RE.search(sentence, start, limit)
    return match.start() if match else limit


_CLAUSE_MARK_RE = LazyRegex(r"[,;:—–]|\s+according\s+to\b")


def tidy(sentence: str, start: int, end: int) -> tuple[int, int]:
    """No dangling spaces or unbalanced opening quotes at the edges of a quote."""
    while start < end and sentence[start] in " \t\n,;:“\"‘”":
        start += 1
    while end > start and sentence[end - 1] in " \t\n,;:“\"‘”":
        end -= 1
    return start, end
