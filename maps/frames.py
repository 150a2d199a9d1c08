"""The tables a map is drawn from, one GeoDataFrame per layer (EPSG:4326).

:func:`frames_from_claims` builds them from claims with the geometry layer (``geo``); tests
and notebook users can build a :class:`MapFrames` themselves. Columns each layer reads:

- ``claims``: one row per claim, the columns of ``geo.layer`` (id, kind, qualifier,
  claimed_km2, place_name, precision, admin1_id, admin1_name, admin1_km2, share_of_admin1,
  country, date, source, speaker, quote, …), point geometry.
- ``disks``: ``id`` (claim) and the disk of its claimed area.
- ``places``: ``place_id``, ``name``, ``name_ar``, ``kind``, ``precision``, ``claims``, point.
- ``references``: ``id`` (claim), ``reference``, ``official_km2``, ``factor``, moved shape.
- ``admin``: ``name``, ``name_ar``, ``country``, ``area_km2``, and ``admin1_id`` when the
  units are the shipped admin-1 (claims join on it; other units join by location).
- ``outlines``: ``name`` and country polygons (offline basemap / context).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from geo.claim import Claim

CRS = "EPSG:4326"


def empty_frame(*columns: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


@dataclass
class MapFrames:
    claims: gpd.GeoDataFrame
    disks: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("id"))
    places: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("place_id", "name"))
    references: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("id", "reference"))
    admin: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("name", "area_km2"))
    outlines: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("name"))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of the admin units drawn, the claimed areas and the
        places the claims are centred on.

        Other named places and reference shapes are left out: "the size of Sweden" names
        Sweden, and Sweden moved onto Iraq should spill over the edge of the view, not pull
        the view to Scandinavia.
        """
        frames = [self.disks, self.claims, self.admin]
        boxes = [f.total_bounds for f in frames if len(f) and f.geometry.notna().any()]
        if not boxes:
            return (-180.0, -60.0, 180.0, 75.0)
        west = min(b[0] for b in boxes)
        south = min(b[1] for b in boxes)
        east = max(b[2] for b in boxes)
        north = max(b[3] for b in boxes)
        return (float(west), float(south), float(east), float(north))


# Written wholly in Arabic script; the core Arabic letters only (no Persian or Kurdish ones).
_ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\s'’-]+$")
_ARABIC_LETTERS = re.compile(r"^[\u0621-\u064A\u064B-\u0652\s'’-]+$")


def _arabic_name(place: Any) -> str | None:
    """The place's Arabic name among its alternate names (Arabic letters preferred over
    other languages written in Arabic script, such as Kurdish or Persian)."""
    names = [n for n in getattr(place, "alt_names", ()) if _ARABIC_SCRIPT.match(n)]
    return next((n for n in names if _ARABIC_LETTERS.match(n)), names[0] if names else None)


def frames_from_claims(
    claims: Sequence[Claim],
    *,
    boundaries: str | os.PathLike | None = None,
    gazetteer: Any = None,
) -> MapFrames:
    """Resolve the claims' places and build every table the map draws.

    Admin units: the shipped admin-1 of the countries the claims are placed in, or the
    units of a user's ``boundaries`` file (shaded by location). Outlines: world countries
    (the map clips and simplifies them to the area it shows).
    """
    from geo import boundaries as geo_boundaries
    from geo.attach import attach

    attachment = attach(list(claims), gazetteer)
    claims_frame = attachment.claims_layer().copy()
    places = attachment.places_layer().copy()
    countries = geo_boundaries.countries("world")

    # Arabic names: the gazetteer's alternate names; for units and countries, the polygons'.
    arabic: dict[str, str] = {}
    for place_tuple in attachment.all_places:
        for place in place_tuple:
            name_ar = _arabic_name(place)
            if name_ar:
                arabic.setdefault(place.id, name_ar)
    admin1_all = geo_boundaries.admin1()
    arabic_by_unit = dict(zip("admin1:" + admin1_all["admin1_id"], admin1_all["name_ar"],
                              strict=True))
    arabic_by_country = dict(zip("country:" + countries["iso2"].fillna(""), countries["name_ar"],
                                 strict=True))
    for key, value in (*arabic_by_unit.items(), *arabic_by_country.items()):
        if isinstance(value, str) and value:
            arabic.setdefault(key, value)
    places["name_ar"] = places["place_id"].map(arabic)
    claims_frame["place_name_ar"] = claims_frame["place_id"].map(arabic)
    unit_ar = dict(zip(admin1_all["admin1_id"], admin1_all["name_ar"], strict=True))
    claims_frame["admin1_name_ar"] = claims_frame["admin1_id"].map(unit_ar)
    country_names = dict(zip(countries["iso2"], countries["name"], strict=True))
    claims_frame["country_name"] = claims_frame["country"].map(country_names)
    admin1_names = dict(zip(admin1_all["admin1_id"], admin1_all["name"], strict=True))
    places["admin1_name"] = places["admin1_id"].map(admin1_names)

    if boundaries is not None:
        admin = geo_boundaries.read_boundaries(boundaries)
        admin = admin.drop(columns=[c for c in ("admin1_id",) if c in admin])
    else:
        packed = set(admin1_all["country"])
        codes = sorted({c for c in claims_frame["country"].dropna() if c in packed})
        admin = admin1_all[admin1_all["country"].isin(codes)] if codes else admin1_all.iloc[:0]
    return MapFrames(
        claims=claims_frame,
        disks=attachment.disks_layer(),
        places=places[places.geometry.notna()],
        references=attachment.references_layer(),
        admin=admin.reset_index(drop=True),
        outlines=countries,
    )
