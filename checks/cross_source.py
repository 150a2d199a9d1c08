"""Rule ``cross-source``: the same quantity stated by different documents agrees.

Same quantity = same kind family (liberated/lost, held/remaining, peak_held), same period or
"since" date (not asked of peak_held: "at its peak in 2014" is the same peak), overlapping
scope, and dates within ``cross_source_days`` (peak_held: any date;
a claim without a date is only compared for peak_held).

- same scope ("Iraq" and "Iraq"): the figures agree within the cross-source tolerance. Each
  figure's qualifier makes it a range ("more than 41,000" = [41,000, ∞)); two ranges agree
  when they overlap or their gap is at most the tolerance of the larger figure.
- nested scopes ("Iraq" inside "Iraq and Syria", "Raqqa" inside Syria): the part must not
  exceed the whole (a different quantity, so no agreement is asked for).

A claim with no date (other than peak_held), or with no scope facing a scoped claim, may
or may not be the same quantity: it is paired with the nearest claims of other documents,
and agreement is reported as consistent, disagreement only as unverifiable.

Not every pair is compared: claims are bucketed by (kind family, country of the scope,
period), sorted by date, and each claim is compared with the nearest earlier claims of at
most ``MAX_OTHER_DOCUMENTS`` other documents inside the window (looking back at most
``MAX_LOOKBACK`` claims): O(n log n) overall.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Sequence

from contested.checks.model import (
    LOWER_BOUND_QUALIFIERS,
    UPPER_BOUND_QUALIFIERS,
    Finding,
    Tolerances,
    date_range,
    days_apart,
    document_of,
    family,
    fmt_figure,
    percent_apart,
)
from contested.claims.model import Claim
from contested.claims.scope import Scope, ScopeLookup, relation

RULE = "cross-source"
MAX_OTHER_DOCUMENTS = 3
MAX_LOOKBACK = 200  # earlier claims looked at per claim (bounds one-document floods)
_LONGEST_DATE_RANGE = 366  # a date given as a year spans up to this many days


def stated_range(value: float, qualifier: str | None) -> tuple[float, float]:
    """The values a qualified figure allows, before any tolerance."""
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return value, math.inf
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return 0.0, value
    return value, value


def relative_gap(a: tuple[float, float], b: tuple[float, float]) -> float:
    """0 when two ranges overlap, else the gap relative to the larger near end."""
    if a[0] <= b[1] and b[0] <= a[1]:
        return 0.0
    low_end, high_start = (a[1], b[0]) if a[1] < b[0] else (b[1], a[0])
    return (high_start - low_end) / high_start if high_start > 0 else 0.0


class _Entry:
    __slots__ = ("claim", "km2", "scope", "dates", "document", "index")

    def __init__(self, claim: Claim, km2: float, scope: Scope | None,
                 dates: tuple[int, int] | None, index: int) -> None:
        self.claim = claim
        self.km2 = km2
        self.scope = scope
        self.dates = dates
        self.document = document_of(claim)
        self.index = index


def describe(entry: _Entry) -> str:
    claim = entry.claim
    figure = fmt_figure(claim)
    where = f" in {claim.scope}" if claim.scope else ""
    when = f", {claim.date}" if claim.date else ""
    return f"{figure}{where} ({claim.id}{when})"


def check_cross_source(
    claims: Sequence[Claim], tolerances: Tolerances, scopes: ScopeLookup
) -> list[Finding]:
    resolve = scopes
    groups: dict[tuple, list[_Entry]] = defaultdict(list)
    for index, claim in enumerate(claims):
        kind_family = family(claim)
        km2 = claim.stated[0].km2 if claim.stated else None
        if kind_family is None or km2 is None:
            continue
        entry = _Entry(claim, km2, resolve(claim.scope), date_range(claim.date), index)
        # A peak is one quantity whatever the words date it with ("at its peak in 2014").
        period = (None, None) if kind_family == "peak_held" else (claim.period, claim.since)
        groups[(kind_family, *period)].append(entry)

    findings: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for (kind_family, *_), entries in groups.items():
        window = None if kind_family == "peak_held" else tolerances.cross_source_days
        findings.extend(_strong_pairs(entries, window, tolerances, seen))
        findings.extend(_weak_pairs(entries, window, tolerances, seen))
    return findings


def _is_strong(entry: _Entry, window: int | None) -> bool:
    return entry.dates is not None or window is None


def _strong_pairs(entries: list[_Entry], window: int | None, tolerances: Tolerances,
                  seen: set[tuple[int, int]]) -> list[Finding]:
    """Dated claims (any claim for peak_held), bucketed by the countries of their scope."""
    buckets: dict[str, list[_Entry]] = defaultdict(list)
    for entry in entries:
        if _is_strong(entry, window):
            for key in entry.scope.bucket_keys if entry.scope is not None else ("",):
                buckets[key].append(entry)
    findings: list[Finding] = []
    for bucket in buckets.values():
        bucket.sort(key=lambda e: (e.dates[0] if e.dates else 0, e.index))
        for position, entry in enumerate(bucket):
            documents: set[str] = set()
            for earlier in bucket[max(0, position - MAX_LOOKBACK):position][::-1]:
                if window is not None and entry.dates[0] - earlier.dates[0] > (
                    window + _LONGEST_DATE_RANGE
                ):
                    break
                if earlier.document == entry.document or earlier.document in documents:
                    continue
                if window is not None and days_apart(earlier.dates, entry.dates) > window:
                    continue
                link = relation(earlier.scope, entry.scope)
                pair = (min(earlier.index, entry.index), max(earlier.index, entry.index))
                if link is None or pair in seen:
                    continue
                seen.add(pair)
                documents.add(earlier.document)
                findings.append(_finding(earlier, entry, link, tolerances))
                if len(documents) >= MAX_OTHER_DOCUMENTS:
                    break
    return findings


def _weak_pairs(entries: list[_Entry], window: int | None, tolerances: Tolerances,
                seen: set[tuple[int, int]]) -> list[Finding]:
    """Pairs with one weakness, no date or no scope facing a scoped claim (not both): they
    may be the same quantity. Agreement is reported as consistent; a disagreement only as
    unverifiable, since they may be figures of different times or places."""
    weak = [e for e in entries
            if not _is_strong(e, window) or e.scope is None]
    if not weak:
        return []
    dated = sorted((e for e in entries if e.dates is not None), key=lambda e: e.dates[0])
    starts = [e.dates[0] for e in dated]
    undated = [e for e in entries if e.dates is None]
    findings: list[Finding] = []
    for entry in weak:
        documents: set[str] = set()
        for other in _nearest(entry, dated, starts, undated):
            if other.document == entry.document or other.document in documents:
                continue
            if window is not None and entry.dates and other.dates and days_apart(
                entry.dates, other.dates
            ) > window:
                continue
            lacks_date = not (_is_strong(entry, window) and _is_strong(other, window))
            one_unscoped = (entry.scope is None) != (other.scope is None)
            if lacks_date == one_unscoped:
                continue  # strong (decided by _strong_pairs), or too weak to say anything
            if entry.scope is not None and other.scope is not None and relation(
                entry.scope, other.scope
            ) != "same":
                continue
            pair = (min(entry.index, other.index), max(entry.index, other.index))
            if pair in seen:
                continue
            seen.add(pair)
            documents.add(other.document)
            earlier, later = sorted((entry, other), key=lambda e: (e.dates or (0, 0), e.index))
            missing = "date" if lacks_date else "scope"
            findings.append(_finding(earlier, later, "same", tolerances, missing=missing))
            if len(documents) >= MAX_OTHER_DOCUMENTS:
                break
    return findings


def _nearest(entry: _Entry, dated: list[_Entry], starts: list[int], undated: list[_Entry]):
    """Other claims nearest in date first (then undated ones), at most MAX_LOOKBACK."""
    if entry.dates is None:
        yield from (dated + undated)[:MAX_LOOKBACK]
        return
    right = bisect.bisect_left(starts, entry.dates[0])
    left = right - 1
    for _ in range(MAX_LOOKBACK):
        if left < 0 and right >= len(dated):
            break
        go_left = right >= len(dated) or (
            left >= 0 and entry.dates[0] - starts[left] <= starts[right] - entry.dates[0]
        )
        if go_left:
            yield dated[left]
            left -= 1
        else:
            yield dated[right]
            right += 1
    yield from undated[:MAX_LOOKBACK]


def _finding(earlier: _Entry, later: _Entry, link: str, tolerances: Tolerances,
             missing: str | None = None) -> Finding:
    ids = (earlier.claim.id, later.claim.id)
    ratio = later.km2 / earlier.km2 if earlier.km2 else None
    tolerance = tolerances.cross_source
    if link == "same":
        gap = relative_gap(
            stated_range(earlier.km2, earlier.claim.qualifier),
            stated_range(later.km2, later.claim.qualifier),
        )
        ok = gap <= tolerance
        how = "the stated ranges overlap" if gap == 0 else f"{gap * 100:.1f}% gap between them"
        message = (
            f"{describe(earlier)} vs {describe(later)}: "
            f"{percent_apart(earlier.km2, later.km2):.2f}% apart, {how} "
            f"(tolerance {tolerance * 100:g}%)"
        )
        verdict = "consistent" if ok else "inconsistent"
        if missing:  # a weak pair: see _weak_pairs
            if ok:
                message += f"; one of them has no {missing}, so this is agreement only"
            else:
                verdict = "unverifiable"
                message += (f"; one of them has no {missing}, so they may not be "
                            "the same quantity")
        return Finding(RULE, verdict, ids, earlier.km2, later.km2, ratio, message)
    part, whole = (earlier, later) if link == "a_in_b" else (later, earlier)
    part_low = stated_range(part.km2, part.claim.qualifier)[0]
    whole_high = stated_range(whole.km2, whole.claim.qualifier)[1]
    ok = part_low <= whole_high * (1 + tolerance)
    message = (
        f"{describe(part)} lies within the scope of {describe(whole)}: the part must not "
        f"exceed the whole, and it is {part.km2 / whole.km2 * 100:.1f}% of it"
    )
    return Finding(RULE, "consistent" if ok else "inconsistent", ids, earlier.km2, later.km2,
                   ratio, message)
