"""Rule ``cross-source``: the same quantity stated by different documents agrees.

Same quantity = same kind family (liberated/lost, held/remaining, peak_held), same period or
"since" date (not asked of peak_held: "at its peak in 2014" is the same peak), overlapping
scope, and dates within ``cross_source_days`` (peak_held: any date;
a claim without a date is only compared for peak_held).

- same scope ("Iraq" and "Iraq"): the figures agree within the cross-source tolerance. Each
  figure's qualifier makes it a range ("more than 41,000" = [41,000, ∞)); two ranges agree
  when they overlap or their gap is at most the tolerance of the larger figure.
- nested scopes ("Iraq" inside "Iraq and Syria", "Raqqa" inside Syria): the part must not
  exceed the whole (a different quantity, so no agreement is asked for); for ground taken,
  only when both give the same dates (a part's later tally may outgrow the whole's).

A claim with no date (other than peak_held), or with no scope facing a scoped claim, may
or may not be the same quantity: it is paired with the nearest claims of other documents,
and agreement is reported as consistent, disagreement as loose (to look into, not proven).

Not every pair is compared: claims are bucketed by (kind family, country of the scope,
period), sorted by date, and each claim is compared with the nearest earlier claims of at
most ``MAX_OTHER_DOCUMENTS`` other documents inside the window (looking back at most
``MAX_LOOKBACK`` claims): O(n log n) overall.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence

from contested.checks.ledger.estimates import Estimate
from contested.checks.model import (
    NOT_ONE_TALLY,
    Finding,
    Tolerances,
    days_apart,
    one_tally,
    percent_apart,
    relative_gap,
)
from contested.claims.scope import relation

RULE = "cross-source"
MAX_OTHER_DOCUMENTS = 3
MAX_LOOKBACK = 200  # earlier claims looked at per claim (bounds one-document floods)
_LONGEST_DATE_RANGE = 366  # a date given as a year spans up to this many days


def describe(entry: Estimate) -> str:
    claim = entry.claim
    where = f" in {claim.scope}" if claim is not None and claim.scope else ""
    when = f", {claim.as_of}" if claim is not None and claim.as_of else ""
    return f"{entry.how}{where} ({entry.source}{when})"


def check_cross_source(estimates: Sequence[Estimate], tolerances: Tolerances) -> list[Finding]:
    """Pairs of claims' estimates from different documents (see the module docstring)."""
    groups: dict[tuple, list[Estimate]] = defaultdict(list)
    for entry in (e for e in estimates if e.claim is not None):
        # A peak is one quantity whatever the words date it with ("at its peak in 2014").
        period = (None, None) if entry.quantity == "peak" else entry.period
        groups[(entry.quantity, entry.actor, *period)].append(entry)

    findings: list[Finding] = []
    seen: set[tuple[int, int]] = set()
    for (quantity, *_), entries in groups.items():
        window = None if quantity == "peak" else tolerances.cross_source_days
        findings.extend(_strong_pairs(entries, window, tolerances, seen))
        findings.extend(_weak_pairs(entries, window, tolerances, seen))
    return findings


def _different_tallies(a: Estimate, b: Estimate, link: str) -> bool:
    """Ground taken in a part (a province) and in the whole (the country) are parts of one
    tally only on the same dates: two weeks apart, the part's tally may have grown past the
    whole's earlier one."""
    return (link != "same" and a.quantity == "change"
            and (a.as_of is None or b.as_of is None or days_apart(a.as_of, b.as_of) > 0))


def _is_strong(entry: Estimate, window: int | None) -> bool:
    return entry.as_of is not None or window is None


def _strong_pairs(entries: list[Estimate], window: int | None, tolerances: Tolerances,
                  seen: set[tuple[int, int]]) -> list[Finding]:
    """Dated claims (any claim for peak_held), bucketed by the countries of their scope."""
    buckets: dict[str, list[Estimate]] = defaultdict(list)
    for entry in entries:
        if _is_strong(entry, window):
            for key in entry.scope.bucket_keys if entry.scope is not None else ("",):
                buckets[key].append(entry)
    findings: list[Finding] = []
    for bucket in buckets.values():
        bucket.sort(key=lambda e: (e.as_of[0] if e.as_of else 0, e.index))
        for position, entry in enumerate(bucket):
            earlier = bucket[max(0, position - MAX_LOOKBACK):position][::-1]
            findings.extend(_pairs_with_earlier(entry, earlier, window, tolerances, seen))
    return findings


def _pairs_with_earlier(entry: Estimate, earlier_entries: list[Estimate], window: int | None,
                        tolerances: Tolerances, seen: set[tuple[int, int]]) -> list[Finding]:
    """`entry` against the claims before it in its bucket, newest first, one finding per
    other document up to MAX_OTHER_DOCUMENTS."""
    findings: list[Finding] = []
    documents: set[str] = set()
    for earlier in earlier_entries:
        if window is not None and entry.as_of[0] - earlier.as_of[0] > (
            window + _LONGEST_DATE_RANGE
        ):
            break  # sorted by date: everything further back is further apart
        if earlier.document == entry.document or earlier.document in documents:
            continue
        if window is not None and days_apart(earlier.as_of, entry.as_of) > window:
            continue
        link = relation(earlier.scope, entry.scope)
        pair = (min(earlier.index, entry.index), max(earlier.index, entry.index))
        if link is None or pair in seen or _different_tallies(earlier, entry, link):
            continue
        seen.add(pair)
        documents.add(earlier.document)
        findings.append(_finding(earlier, entry, link, tolerances))
        if len(documents) >= MAX_OTHER_DOCUMENTS:
            break
    return findings


def _weak_pairs(entries: list[Estimate], window: int | None, tolerances: Tolerances,
                seen: set[tuple[int, int]]) -> list[Finding]:
    """Pairs with one weakness, no date or no scope facing a scoped claim (not both): they
    may be the same quantity. Agreement is reported as consistent; a disagreement only as
    unverifiable, since they may be figures of different times or places."""
    weak = [e for e in entries
            if not _is_strong(e, window) or e.scope is None]
    if not weak:
        return []
    dated = sorted((e for e in entries if e.as_of is not None), key=lambda e: e.as_of[0])
    starts = [e.as_of[0] for e in dated]
    undated = [e for e in entries if e.as_of is None]
    findings: list[Finding] = []
    for entry in weak:
        documents: set[str] = set()
        for other in _nearest(entry, dated, starts, undated):
            if other.document == entry.document or other.document in documents:
                continue
            if window is not None and entry.as_of and other.as_of and days_apart(
                entry.as_of, other.as_of
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
            earlier, later = sorted((entry, other), key=lambda e: (e.as_of or (0, 0), e.index))
            missing = "date" if lacks_date else "scope"
            findings.append(_finding(earlier, later, "same", tolerances, missing=missing))
            if len(documents) >= MAX_OTHER_DOCUMENTS:
                break
    return findings


def _nearest(entry: Estimate, dated: list[Estimate], starts: list[int], undated: list[Estimate]):
    """Other claims nearest in date first (then undated ones), at most MAX_LOOKBACK."""
    if entry.as_of is None:
        yield from (dated + undated)[:MAX_LOOKBACK]
        return
    right = bisect.bisect_left(starts, entry.as_of[0])
    left = right - 1
    for _ in range(MAX_LOOKBACK):
        if left < 0 and right >= len(dated):
            break
        go_left = right >= len(dated) or (
            left >= 0 and entry.as_of[0] - starts[left] <= starts[right] - entry.as_of[0]
        )
        if go_left:
            yield dated[left]
            left -= 1
        else:
            yield dated[right]
            right += 1
    yield from undated[:MAX_LOOKBACK]


def _finding(earlier: Estimate, later: Estimate, link: str, tolerances: Tolerances,
             missing: str | None = None) -> Finding:
    ids = (earlier.claim.id, later.claim.id)  # type: ignore[union-attr]
    ratio = later.value / earlier.value if earlier.value else None
    tolerance = tolerances.cross_source
    if link == "same" or earlier.quantity == "lost_share":
        gap = relative_gap((earlier.low, earlier.high), (later.low, later.high))
        ok = gap <= tolerance
        how = "the stated ranges overlap" if gap == 0 else f"{gap * 100:.1f}% gap between them"
        message = (
            f"{describe(earlier)} vs {describe(later)}: "
            f"{percent_apart(earlier.value, later.value):.2f}% apart, {how} "
            f"(tolerance {tolerance * 100:g}%)"
        )
        verdict = "consistent" if ok else "inconsistent"
        if link != "same" and not ok:
            # "lost 14% of its territory" (the caliphate) vs "lost 57% of it in Iraq": a
            # part's share lost may differ from the whole's.
            verdict = "loose"
            message += "; the scopes differ (one lies within the other), and a part's share " \
                "lost may differ from the whole's: to look into"
        elif not ok and earlier.quantity == "change" and not one_tally(earlier.claim,
                                                                        later.claim):
            # "the army liberated some 1,200 sq km" and "coalition forces have taken 500
            # sq km" in one province: two operations' gains need not agree.
            verdict = "loose"
            message += f"; {NOT_ONE_TALLY}"
        if missing:  # a weak pair: see _weak_pairs
            if ok:
                message += f"; one of them has no {missing}, so this is agreement only"
            else:
                verdict = "loose"
                message += (f"; one of them has no {missing}, so they may not be the same "
                            "quantity: a disagreement to look into, not a proven one")
        return Finding(RULE, verdict, ids, earlier.value, later.value, ratio, message)
    part, whole = (earlier, later) if link == "a_in_b" else (later, earlier)
    ok = part.low <= whole.high * (1 + tolerance)
    message = (
        f"{describe(part)} lies within the scope of {describe(whole)}: the part must not "
        f"exceed the whole, and it is {part.value / whole.value * 100:.1f}% of it"
    )
    return Finding(RULE, "consistent" if ok else "inconsistent", ids, earlier.value,
                   later.value, ratio, message)
