"""Value objects the gazetteer returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# How exactly a Place is located: a published point, or only the unit it lies in.
PRECISIONS = ("point", "admin1", "country")


@dataclass(frozen=True, slots=True)
class Alternative:
    """A candidate the resolver ranked below the answer."""

    name: str
    lat: float | None
    lon: float | None
    country: str | None
    kind: str
    score: float
    id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "kind": self.kind,
            "score": round(self.score, 4),
            "id": self.id,
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: the answer to ``Gazetteer.resolve(query)``.

    ``lat``/``lon`` are a published point when ``precision == "point"``; otherwise they are the
    label point of the admin unit or country the place is only known to lie in (never invented).
    ``qualifier`` keeps a directional part of the query ("western" in "western Anbar").
    ``admin1_id`` joins to ``admin1_id`` in the shipped admin-1 boundaries.
    """

    query: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    kind: str
    id: str
    score: float
    precision: str = "point"
    alternatives: tuple[Alternative, ...] = ()
    admin1_id: str | None = None
    qualifier: str | None = None
    population: int = 0
    alt_names: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``contested resolve --json`` (design: Interfaces)."""
        return {
            "query": self.query,
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "admin1": self.admin1,
            "kind": self.kind,
            "id": self.id,
            "score": round(self.score, 4),
            "precision": self.precision,
            "alternatives": [alt.to_dict() for alt in self.alternatives],
            "admin1_id": self.admin1_id,
            "qualifier": self.qualifier,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        """Inverse of :meth:`to_dict` (unknown keys ignored)."""
        alternatives = tuple(
            Alternative(
                name=a["name"],
                lat=a.get("lat"),
                lon=a.get("lon"),
                country=a.get("country"),
                kind=a.get("kind", ""),
                score=float(a.get("score", 0.0)),
                id=a.get("id", ""),
            )
            for a in data.get("alternatives") or ()
        )
        return cls(
            query=data.get("query", data["name"]),
            name=data["name"],
            lat=data.get("lat"),
            lon=data.get("lon"),
            country=data.get("country"),
            admin1=data.get("admin1"),
            kind=data.get("kind", ""),
            id=data.get("id", ""),
            score=float(data.get("score", 0.0)),
            precision=data.get("precision", "point"),
            alternatives=alternatives,
            admin1_id=data.get("admin1_id"),
            qualifier=data.get("qualifier"),
        )
