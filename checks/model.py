"""What every rule shares: the Finding record, the tolerances, and the bound arithmetic.

A claim's qualifier turns its figure into a range of true values the claim allows:

    more than / at least / over        [x·(1−t), ∞)
    up to / less than / at most        [0, x·(1+t)]
    about / nearly / close to / none   [x·(1−t), x·(1+t)]

"nearly" and "close to" promise closeness as well as an upper bound, so they are read like
"about" (a stricter reading than an upper bound alone: "nearly 110,000" for 50,000 is wrong).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from contested.claims.model import Claim
from contested.core.exceptions import InputError

VERDICTS = ("consistent", "loose", "inconsistent", "unverifiable")
# How grave a verdict is, least first (the worst of a run, a report's order).
SEVERITY = {"consistent": 0, "unverifiable": 1, "loose": 2, "inconsistent": 3}
RULES = ("units", "arithmetic", "comparison", "containment", "cross-source", "timeline",
         "estimate-band", "implicit-size", "percent-peak", "change-holdings",
         "unit-plausibility")

LOWER_BOUND_QUALIFIERS = frozenset({"more than", "at least", "over", "above", "exceeding"})
UPPER_BOUND_QUALIFIERS = frozenset(
    {"up to", "less than", "at most", "under", "below", "fewer than"}
)

# Kind families: the same quantity under two names.
KIND_FAMILY = {
    "liberated": "liberated",
    "lost": "liberated",
    "held": "held",
    "remaining": "held",
    "peak_held": "peak_held",
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One check result; ``to_dict()`` is the JSON object of ``contested check --json``.

    ``expected`` is the figure the claim implies, ``observed`` the one it is tested against
    (a conversion, a reference area, another source), ``ratio`` = observed / expected.
    ``reference`` names what the claim was compared with when that is not another claim
    (a country, a unit, a published estimate) and ``reference_id`` is its key
    ("country:SE", "admin1:IRQ-3471"); ``sources`` cite the figures used. Code reads these
    fields, never the message.
    """

    rule: str
    verdict: str
    claims: tuple[str, ...]
    expected: float | None
    observed: float | None
    ratio: float | None
    message: str
    reference: str | None = None
    reference_id: str | None = None
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "verdict": self.verdict,
            "claims": list(self.claims),
            "expected": _round(self.expected),
            "observed": _round(self.observed),
            "ratio": _round(self.ratio, 6),
            "message": self.message,
            "reference": self.reference,
            "reference_id": self.reference_id,
            "sources": list(self.sources),
        }


def _round(value: float | None, digits: int = 3) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


@dataclass(frozen=True, slots=True)
class Tolerances:
    """Relative tolerances per rule (0.02 = 2%) and the cross-source date window.

    ``units``/``arithmetic``: rounding in the source. ``comparison``: "the size of X" is an
    everyday approximation; ``loose`` is up to twice it. ``reference``: a stated area of a
    reference place ("DC (177 sq. km.)") against the official one; sources differ on water.
    ``cross_source``/``timeline``: different sources estimate differently. ``containment``:
    polygon areas undershoot official ones (Natural Earth: Deir ez-Zor 19% under).
    """

    units: float = 0.02
    arithmetic: float = 0.02
    comparison: float = 0.15
    reference: float = 0.05
    cross_source: float = 0.10
    timeline: float = 0.10
    containment: float = 0.10
    cross_source_days: int = 45
    # A claim against the band of published estimates: consistent within ``band`` of it,
    # loose within a factor ``band_factor`` (published estimates differ among themselves),
    # inconsistent beyond (off by more than a factor of two from every one of them).
    band: float = 0.10
    band_factor: float = 2.0
    # Rounding of a figure as written ("40,000") may widen units/arithmetic up to this much.
    max_rounding: float = 0.05

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def override(self, values: dict[str, Any], *, source: str = "--tolerance") -> Tolerances:
        """A copy with ``values`` set; keys may use dashes ("cross-source")."""
        changes: dict[str, Any] = {}
        for raw_key, raw_value in values.items():
            key = str(raw_key).strip().replace("-", "_")
            if key not in self.names():
                raise InputError(
                    f"unknown tolerance {raw_key!r}",
                    source=source,
                    hint="use one of: " + ", ".join(n.replace("_", "-") for n in self.names()),
                )
            try:
                number = float(raw_value)
            except (TypeError, ValueError) as error:
                raise InputError(
                    f"tolerance {raw_key}={raw_value!r} is not a number", source=source
                ) from error
            if number < 0 or not math.isfinite(number):
                raise InputError(f"tolerance {raw_key}={raw_value!r} must be ≥ 0", source=source)
            changes[key] = int(number) if key == "cross_source_days" else number
        return replace(self, **changes)

    @classmethod
    def parse(cls, text: str, base: Tolerances | None = None) -> Tolerances:
        """``"units=0.02,comparison=0.15"`` on top of ``base`` (defaults)."""
        values: dict[str, str] = {}
        for part in filter(None, (p.strip() for p in text.split(","))):
            key, sep, value = part.partition("=")
            if not sep:
                raise InputError(
                    f"tolerance {part!r} has no value", source="--tolerance",
                    hint="write RULE=FRACTION, e.g. units=0.02,comparison=0.15",
                )
            values[key] = value
        return (base or cls()).override(values)


# ----------------------------------------------------------------------------- bounds


def bounds(value: float, qualifier: str | None, tolerance: float) -> tuple[float, float]:
    """The range of true values a qualified figure allows (see module docstring)."""
    low, high = value * (1 - tolerance), value * (1 + tolerance)
    if qualifier in LOWER_BOUND_QUALIFIERS:
        return low, math.inf
    if qualifier in UPPER_BOUND_QUALIFIERS:
        return 0.0, high
    return low, high


def within(observed: float, value: float, qualifier: str | None, tolerance: float) -> bool:
    low, high = bounds(value, qualifier, tolerance)
    return low <= observed <= high


def overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def rounding_allowance(value: float) -> float:
    """Relative half-step of the last significant digit as written: 40,000 → 12.5%, 15,800 → 0.3%.

    Figures are written rounded; "40,000 sq km (15,000 sq mi)" should not fail on 3.6%.
    """
    if value <= 0 or not math.isfinite(value):
        return 0.0
    if not float(value).is_integer():
        text = repr(float(value)).rstrip("0")
        decimals = len(text.split(".")[1]) if "." in text else 0
        return 0.5 * 10 ** (-decimals) / value
    integer = int(value)
    step = 1
    while integer % (step * 10) == 0:
        step *= 10
    return 0.5 * step / value


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


def percent_apart(a: float, b: float) -> float:
    """|a − b| relative to the larger, in percent."""
    top = max(abs(a), abs(b))
    return 0.0 if top == 0 else abs(a - b) / top * 100


# ----------------------------------------------------------------------------- formatting


def fmt_number(value: float) -> str:
    """Thousands separators, a decimal only where it says something: 40,921.8; 177; 12.4."""
    if value is None or not math.isfinite(value):
        return "?"
    if abs(value - round(value)) < 1e-9 and abs(value) >= 1:
        return f"{round(value):,}"
    if abs(value) >= 100:
        return f"{value:,.1f}"
    if abs(value) >= 1:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{value:.3g}"


def fmt_km2(value: float) -> str:
    return f"{fmt_number(value)} km²"


def fmt_percent(fraction: float) -> str:
    pct = fraction * 100
    return f"{pct:.2f}%" if pct < 1 else f"{pct:.1f}%"


def qualified(value_text: str, qualifier: str | None) -> str:
    return f"{qualifier} {value_text}" if qualifier and qualifier != "exactly" else value_text


# ----------------------------------------------------------------------------- claims


def family(claim: Claim) -> str | None:
    return KIND_FAMILY.get(claim.kind or "")


def document_of(claim: Claim) -> str:
    """The document a claim comes from: its ``document``, else its source, else the FILENAME
    of a FILENAME:N id."""
    if claim.document:
        return str(claim.document)
    if claim.source:
        return str(claim.source)
    head, sep, tail = claim.id.rpartition(":")
    return head if sep and tail.isdigit() else claim.id


_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def date_range(text: str | None) -> tuple[int, int] | None:
    """ISO date as precise as known → (first day, last day) as ordinals; None if absent."""
    if not text:
        return None
    match = _DATE.match(str(text))
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        if month is None:
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        if day is None:
            first = date(year, month, 1)
            last = date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1
            return first.toordinal(), last
        single = date(year, month, day).toordinal()
    except ValueError:
        return None
    return single, single


def days_apart(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Days between two date ranges (0 when they overlap)."""
    return max(0, b[0] - a[1], a[0] - b[1])


def claim_km2(claim: Claim) -> float | None:
    """The claim's area: its first stated figure, else percent × total when both are given."""
    if claim.stated:
        return claim.stated[0].km2
    if claim.percent is not None and claim.of_total_km2 is not None:
        return claim.percent / 100 * claim.of_total_km2
    return None


def fmt_figure(claim: Claim) -> str:
    """A claim's figure as written, with km² when written otherwise:
    "close to 15,800 sq mi (40,921.8 km²)"; "more than 41,000 km²"."""
    if claim.stated:
        first = claim.stated[0]
        if first.unit == "km2":
            text = fmt_km2(first.km2)
        else:
            text = f"{fmt_number(first.value)} {first.unit} ({fmt_km2(first.km2)})"
    else:
        km2 = claim_km2(claim)
        text = fmt_km2(km2) if km2 is not None else "no figure"
    return qualified(text, claim.qualifier)


# A running tally, not one operation's gain: "have liberated", "so far", "up from".
_TALLY_RE = re.compile(
    r"\bha(?:s|ve|d)\s+(?:now\s+|so\s+far\s+|already\s+|since\s+)?(?:been\s+)?"
    r"(?:liberat|recaptur|retak|retook|regain|freed|clear|taken|seized|captured|lost|ceded)\w*"
    r"|\b(?:in\s+total|so\s+far|to\s+date|altogether|all\s+told|up\s+from|since)\b",
    re.IGNORECASE)


# What a disagreement of two gains that are not one tally is said to be (timeline, cross-source).
NOT_ONE_TALLY = ("they do not both read as tallies from one start, so they may be gains of "
                 "different operations: to look into")


def one_tally(first: Claim | None, second: Claim | None) -> bool:
    """Both figures are tallies from one start: the same stated "since", or both written as
    running totals ("have liberated", "so far"), or given without a quote (a claims file's
    series); not two operations' gains ("the army liberated 1,200 sq km", "845 Square
    Kilometers Liberated")."""
    if first is None or second is None:
        return False
    if first.since or second.since:
        return first.since == second.since
    # A claim with no quote comes from a claims file, whose author lists one series.
    return all(_TALLY_RE.search(claim.quote) if claim.quote else True
               for claim in (first, second))


# "half of the country", "17% of the country's territory": the claim's own scope.
_SELF_REFERENCES = frozenset({
    "country", "the country", "the territory", "territory", "its territory", "the nation",
    "nation", "the state", "its area", "it", "the country territory", "the nation territory",
    "the whole country", "the entire country",
})


def names_the_scope(text: str) -> bool:
    """Whether a share's object is the claim's own scope, not a place it names."""
    folded = re.sub(r"['’]s?\b", "", text.lower())
    return re.sub(r"\s+", " ", folded).strip() in _SELF_REFERENCES
