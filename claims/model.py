"""The claim model: one area statement, as extracted from text or read from a claims file.

Field names follow the JSON object of ``contested extract`` (DESIGN.md, Interfaces); absent
values are ``None``. ``value``/``unit``/``km2`` always mirror ``stated[0]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from contested.gazetteer.place import Place

# What a figure is about. "lost" is ground the group lost (= liberated by the other side);
# "remaining" is what it still holds at the end of a campaign (= held).
KINDS = ("liberated", "held", "peak_held", "lost", "remaining")

QUALIFIERS = (
    "more than", "at least", "about", "close to", "nearly", "up to", "less than", "at most",
    "exactly",
)


# Text fields added with the claim-reading work (ISO dates for ref_date).
_NEW_TEXT_FIELDS = ("ref_date", "actor", "of_total", "unit_note", "scope_note", "document")


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure exactly as written: ``68,300 sq km`` → Stated(68300, "km2", 68300)."""

    value: float
    unit: str
    km2: float
    value_max: float | None = None  # upper end of a range ("between 3,000 and 4,000 sq km")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"value": self.value, "unit": self.unit, "km2": self.km2}
        if self.value_max is not None:
            out["value_max"] = self.value_max
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stated:
        return cls(
            value=float(data["value"]),
            unit=str(data["unit"]),
            km2=float(data["km2"]),
            value_max=None if data.get("value_max") is None else float(data["value_max"]),
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """"the size of X", "N times the size of X", "1% of Egypt's territory" (factor 0.01).

    ``reference`` is one name or several ("Sweden or Virginia"); ``stated_reference_km2`` is a
    reference area the text itself gives ("the U.S. capital (177 sq. km.)").
    """

    reference: tuple[str, ...]
    factor: float | None = None
    qualifier: str | None = None
    stated_reference_km2: float | None = None

    def to_dict(self) -> dict[str, Any]:
        reference: str | list[str] = (
            self.reference[0] if len(self.reference) == 1 else list(self.reference)
        )
        return {
            "reference": reference,
            "factor": self.factor,
            "qualifier": self.qualifier,
            "stated_reference_km2": self.stated_reference_km2,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Comparison:
        reference = data["reference"]
        names = (reference,) if isinstance(reference, str) else tuple(str(r) for r in reference)
        factor = data.get("factor")
        stated = data.get("stated_reference_km2")
        return cls(
            reference=names,
            factor=None if factor is None else float(factor),
            qualifier=data.get("qualifier"),
            stated_reference_km2=None if stated is None else float(stated),
        )


@dataclass(frozen=True, slots=True)
class Tally:
    """A count of units stated with its breakdown: "rebels hold 212 villages … took 120
    villages by force and entered the other 92" → Tally(212, (120, 92), "villages")."""

    total: int
    parts: tuple[int, ...]
    noun: str

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "parts": list(self.parts), "noun": self.noun}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Tally:
        return cls(total=int(data["total"]), parts=tuple(int(p) for p in data["parts"]),
                   noun=str(data["noun"]))


@dataclass(frozen=True, slots=True)
class Claim:
    """One area claim. ``id`` is stable (``FILENAME:N`` when the source file had none)."""

    id: str
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    stated: tuple[Stated, ...] = ()
    qualifier: str | None = None
    kind: str | None = None
    scope: str | None = None
    places: tuple[Place, ...] = ()
    percent: float | None = None
    of_total_km2: float | None = None
    population: int | None = None
    comparison: Comparison | None = None
    date: str | None = None  # publication date, ISO 8601 as precise as known: "2017-09"
    source: str | None = None  # document or outlet the claim comes from
    speaker: str | None = None
    since: str | None = None  # start of the period the figure covers ("since Nov. 5")
    period: str | None = None  # the period it covers when not "up to date" ("in 2016")
    ref_date: str | None = None  # the date the figure refers to ("in January 2015"), ISO
    actor: str | None = None  # who holds or lost the ground ("ISIS", "Russia"), when said
    of_total: str | None = None  # what a percent is of, as written ("Iraq", "its peak")
    percent_max: float | None = None  # upper end of a percent range ("20-25%")
    unit_note: str | None = None  # how an irregular unit was read ("'km' read as km²")
    scope_note: str | None = None  # where the scope came from when the sentence has none
    linked: tuple[str, ...] = ()  # ids of claims stated with this one (parts of one change)
    document: str | None = None  # id of the document (article, file) the claim was read from
    tally: Tally | None = None  # a count of units and its parts stated with the claim
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def value(self) -> float | None:
        return self.stated[0].value if self.stated else None

    @property
    def unit(self) -> str | None:
        return self.stated[0].unit if self.stated else None

    @property
    def km2(self) -> float | None:
        return self.stated[0].km2 if self.stated else None

    @property
    def as_of(self) -> str | None:
        """The date the figure holds at: ``ref_date`` when the text gives one, else ``date``."""
        return self.ref_date or self.date

    def replace(self, **changes: Any) -> Claim:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``contested extract`` (plus speaker/since/period/extra keys)."""
        out: dict[str, Any] = {
            "id": self.id,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "unit": self.unit,
            "km2": self.km2,
            "stated": [s.to_dict() for s in self.stated],
            "qualifier": self.qualifier,
            "kind": self.kind,
            "scope": self.scope,
            "places": [p.to_dict() for p in self.places],
            "percent": self.percent,
            "of_total_km2": self.of_total_km2,
            "population": self.population,
            "comparison": None if self.comparison is None else self.comparison.to_dict(),
            "date": self.date,
            "source": self.source,
            "speaker": self.speaker,
            "since": self.since,
            "period": self.period,
            "ref_date": self.ref_date,
            "actor": self.actor,
            "of_total": self.of_total,
            "percent_max": self.percent_max,
            "unit_note": self.unit_note,
            "scope_note": self.scope_note,
            "linked": list(self.linked),
            "document": self.document,
            "tally": None if self.tally is None else self.tally.to_dict(),
        }
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        """Inverse of :meth:`to_dict` for already-validated data (loaders validate first)."""
        known = {
            "id", "quote", "start", "end", "value", "unit", "km2", "stated", "qualifier", "kind",
            "scope", "places", "percent", "of_total_km2", "population", "comparison", "date",
            "source", "speaker", "since", "period", *_NEW_TEXT_FIELDS, "percent_max", "linked",
            "tally",
        }
        stated = tuple(Stated.from_dict(s) for s in data.get("stated") or ())
        if not stated and data.get("km2") is not None:
            stated = (
                Stated(
                    value=float(data.get("value", data["km2"])),
                    unit=str(data.get("unit") or "km2"),
                    km2=float(data["km2"]),
                ),
            )
        comparison, tally = data.get("comparison"), data.get("tally")
        return cls(
            id=str(data["id"]),
            quote=data.get("quote"),
            start=data.get("start"),
            end=data.get("end"),
            stated=stated,
            qualifier=data.get("qualifier"),
            kind=data.get("kind"),
            scope=data.get("scope"),
            places=tuple(
                p if isinstance(p, Place) else Place.from_dict(p) for p in data.get("places") or ()
            ),
            percent=data.get("percent"),
            of_total_km2=data.get("of_total_km2"),
            population=data.get("population"),
            comparison=None if comparison is None else Comparison.from_dict(comparison),
            date=None if data.get("date") is None else str(data["date"]),
            source=data.get("source"),
            speaker=data.get("speaker"),
            since=None if data.get("since") is None else str(data["since"]),
            period=None if data.get("period") is None else str(data["period"]),
            **{name: None if data.get(name) is None else str(data[name])
               for name in _NEW_TEXT_FIELDS},
            percent_max=data.get("percent_max"),
            linked=tuple(str(i) for i in data.get("linked") or ()),
            tally=None if tally is None else Tally.from_dict(tally),
            extra={k: v for k, v in data.items() if k not in known},
        )
