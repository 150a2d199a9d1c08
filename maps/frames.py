"""The tables a map is drawn from, one GeoDataFrame per layer (EPSG:4326).

:func:`frames_from_claims` builds them from resolved claims with the geometry layer
(``contested.geo``); tests and notebook users can build a :class:`MapFrames` themselves.
Columns each layer reads:

- ``claims``: one row per claim, the columns of ``geo.layer`` (id, kind, qualifier,
  claimed_km2, place_name, precision, admin1_id, admin1_name, admin1_km2, share_of_admin1,
  country, date, source, speaker, quote, …), point geometry.
- ``disks``: ``id`` (claim) and the disk of its claimed area.
- ``places``: ``place_id``, ``name``, ``name_ar``, ``kind``, ``precision``, ``claims`` (ids,
  comma-separated; "" for a place only named in a document), optionally ``documents`` and
  ``mentions`` (where and how often the documents name it), point.
- ``parts``: ``name`` ("western Al-Anbar"), ``place_id``, ``direction``, ``name_ar``,
  ``area_km2``, ``claims``: the side of a unit or country a place's qualifier names.
- ``references``: ``id`` (claim), ``reference``, ``official_km2``, ``factor``, moved shape.
- ``admin``: ``name``, ``name_ar``, ``country``, ``area_km2``, and ``admin1_id`` when the
  units are the shipped admin-1 (claims join on it; other units join by location).
- ``outlines``: ``name`` and country polygons (offline basemap / context).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import geopandas as gpd
import numpy as np
import pandas as pd

from contested.claims.resolved import ResolvedClaims

if TYPE_CHECKING:
    from contested.geo.attach import Attachment
    from contested.geo.user_units import UserUnits

CRS = "EPSG:4326"


def empty_frame(*columns: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({c: [] for c in columns}, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)


# The smallest view the map opens on (degrees): a one-claim map of a small disk still shows
# the towns around it.
MIN_VIEW_DEG = 0.6
# Context around the claims, as a share of their extent on each side.
MARGIN = 0.2
# How far beyond the claims reference shapes may widen the view, in claims' extents: Sweden
# moved onto Iraq is framed whole; a reference the size of Russia runs off the edge (its
# label stays on screen, see maps.reference_layer.label_anchor).
REFERENCE_REACH = 0.75


@dataclass
class MapFrames:
    claims: gpd.GeoDataFrame
    disks: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("id"))
    places: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("place_id", "name"))
    references: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("id", "reference"))
    admin: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("name", "area_km2"))
    outlines: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("name"))
    parts: gpd.GeoDataFrame = field(
        default_factory=lambda: empty_frame("name", "place_id", "direction")
    )
    # Claims at places with no published coordinates: ``id``, ``unit_name`` and the unit
    # they lie in as geometry (drawn hatched instead of a disk at a made-up point).
    unplaced: gpd.GeoDataFrame = field(default_factory=lambda: empty_frame("id", "unit_name"))
    admin_attribution: str = "Admin units: Natural Earth"

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) the map opens on: the claimed areas, the claims'
        places and the named sides of units, widened by the reference shapes shown up to
        :data:`REFERENCE_REACH` times their extent, and at least :data:`MIN_VIEW_DEG` wide.
        Admin units frame the map only when there are no claims to frame (a one-claim map
        opens on its disk, not on the whole country)."""
        core = _union_bounds([self.disks, self.unplaced, self.claims, self.parts])
        if core is None:
            core = _union_bounds([self.admin])
        if core is None:
            return (-180.0, -60.0, 180.0, 75.0)
        west, south, east, north = core
        # A margin of context around the claims (the towns and borders beside a disk).
        width = max((east - west) * (1 + 2 * MARGIN), MIN_VIEW_DEG)
        height = max((north - south) * (1 + 2 * MARGIN), MIN_VIEW_DEG)
        centre_x, centre_y = (west + east) / 2, (south + north) / 2
        west, east = centre_x - width / 2, centre_x + width / 2
        south, north = centre_y - height / 2, centre_y + height / 2
        wide = _union_bounds([self.references])
        if wide is not None:
            reach = REFERENCE_REACH * max(width, height)
            west, south = max(min(west, wide[0]), west - reach), max(min(south, wide[1]),
                                                                     south - reach)
            east, north = min(max(east, wide[2]), east + reach), min(max(north, wide[3]),
                                                                     north + reach)
        return (float(west), float(max(south, -85.0)), float(east), float(min(north, 85.0)))


def _union_bounds(frames: Sequence[gpd.GeoDataFrame]) -> tuple[float, ...] | None:
    boxes = [f.total_bounds for f in frames if len(f) and f.geometry.notna().any()]
    boxes = [b for b in boxes if np.isfinite(b).all()]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


# Written wholly in Arabic script; the core Arabic letters only (no Persian or Kurdish ones).
_ARABIC_SCRIPT = re.compile(r"^[\u0600-\u06FF\u0750-\u077F\s'’-]+$")
_ARABIC_LETTERS = re.compile(r"^[\u0621-\u064A\u064B-\u0652\s'’-]+$")


def _arabic_name(place: Any) -> str | None:
    """The place's Arabic name among its alternate names (Arabic letters preferred over
    other languages written in Arabic script, such as Kurdish or Persian)."""
    names = [n for n in getattr(place, "alt_names", ()) if _ARABIC_SCRIPT.match(n)]
    return next((n for n in names if _ARABIC_LETTERS.match(n)), names[0] if names else None)


# Places drawn as polygons (admin layer, basemap) or far away (comparison references) are
# not dots on the map.
_AREA_PLACE_PREFIXES = ("country:", "usstate:", "admin1:")
_AREA_KINDS = frozenset({"country", "state", "federal district", "governorate", "province"})
# "west" → "western Al-Anbar"
_SIDE_ADJECTIVES = {
    "north": "northern", "south": "southern", "east": "eastern", "west": "western",
    "northeast": "north-eastern", "northwest": "north-western",
    "southeast": "south-eastern", "southwest": "south-western", "central": "central",
}


def _direction(qualifier: Any) -> str | None:
    from contested.core.exceptions import ContestedError
    from contested.geo.shapes import normalise_direction

    if not isinstance(qualifier, str) or not qualifier:
        return None
    try:
        return normalise_direction(qualifier)
    except ContestedError:
        return None


def side_parts(
    places: Iterable[tuple[Any, str]],
    admin1_all: gpd.GeoDataFrame,
    countries: gpd.GeoDataFrame,
    arabic: dict[str, str],
) -> gpd.GeoDataFrame:
    """The sides of units and countries named with a direction ("western Anbar"), one row per
    (place, direction), with the ids of the claims (or names of documents) that name them."""
    from contested.geo.area import geodesic_area_km2
    from contested.geo.shapes import side_of

    regions = {
        **{"admin1:" + key: geom for key, geom in zip(admin1_all["admin1_id"],
                                                   admin1_all.geometry.values, strict=True)},
        **{"country:" + str(key): geom for key, geom in zip(countries["iso2"],
                                                         countries.geometry.values, strict=True)},
    }
    named_by: dict[tuple[str, str], list[str]] = {}
    names: dict[str, str] = {}
    for place, who in places:
        direction = _direction(place.qualifier)
        if direction is None or place.id not in regions:
            continue
        named_by.setdefault((place.id, direction), []).append(who)
        names[place.id] = place.name
    if not named_by:
        return empty_frame("name", "place_id", "direction")
    keys = list(named_by)
    # One shape per named side: a handful, each a cut of one polygon.
    shapes = [side_of(regions[place_id], direction) for place_id, direction in keys]
    return gpd.GeoDataFrame(
        {
            "name": [f"{_SIDE_ADJECTIVES[d]} {names[p]}" for p, d in keys],
            "place_id": [p for p, _ in keys],
            "direction": [d for _, d in keys],
            "name_ar": [arabic.get(p) for p, _ in keys],
            "area_km2": geodesic_area_km2(shapes),
            "claims": [", ".join(dict.fromkeys(named_by[k])) for k in keys],
        },
        geometry=gpd.GeoSeries(shapes, crs=CRS),
        crs=CRS,
    )


def map_places(
    places: gpd.GeoDataFrame,
    mentioned: Sequence[tuple[Any, str]],
    region_countries: set[str],
    arabic: dict[str, str],
) -> gpd.GeoDataFrame:
    """The places worth a dot: points (not countries, units or far-away references) in the
    countries the map is about, those the claims are about first, then the others the
    documents name (``mentions``: how often, ``documents``: where)."""
    mention_rows = pd.DataFrame(
        [{"place_id": p.id, "document": doc} for p, doc in mentioned],
        columns=["place_id", "document"],
    )
    counts = mention_rows.groupby("place_id")["document"].agg(
        mentions="size", documents=lambda d: ", ".join(dict.fromkeys(d))
    )
    first_of = {p.id: p for p, _ in mentioned}
    extra_ids = [key for key in counts.index if key not in set(places["place_id"])]
    extra = gpd.GeoDataFrame(
        {
            "place_id": extra_ids,
            "name": [first_of[k].name for k in extra_ids],
            "kind": [first_of[k].kind for k in extra_ids],
            "country": [first_of[k].country for k in extra_ids],
            "admin1_id": [first_of[k].admin1_id for k in extra_ids],
            "precision": [first_of[k].precision for k in extra_ids],
            "claims": [""] * len(extra_ids),
        },
        geometry=gpd.GeoSeries(
            gpd.points_from_xy([first_of[k].lon for k in extra_ids],
                               [first_of[k].lat for k in extra_ids]), crs=CRS),
        crs=CRS,
    )
    combined = pd.concat([places.assign(claims=places["claims"].fillna("")), extra],
                         ignore_index=True)
    combined = gpd.GeoDataFrame(combined, geometry="geometry", crs=CRS)
    combined["mentions"] = combined["place_id"].map(counts["mentions"]).fillna(0).astype(int)
    combined["documents"] = combined["place_id"].map(counts["documents"])
    combined["name_ar"] = combined["place_id"].map(arabic)
    ids = combined["place_id"].fillna("").astype(str)
    keep = (
        combined.geometry.notna()
        & ~ids.str.startswith(_AREA_PLACE_PREFIXES)
        & ~combined["kind"].isin(_AREA_KINDS)
        & combined["precision"].fillna("point").eq("point")
    )
    if region_countries:
        keep &= combined["country"].isin(region_countries)
    return combined[keep].reset_index(drop=True)


def unplaced_claims(
    claims_frame: gpd.GeoDataFrame, admin1_all: gpd.GeoDataFrame, countries: gpd.GeoDataFrame
) -> gpd.GeoDataFrame:
    """Claims whose place has no published coordinates (a town known only to lie in a
    governorate: precision "admin1", not a point), with the unit it lies in as geometry."""
    place_id = claims_frame["place_id"].fillna("").astype(str)
    precision = claims_frame["precision"].fillna("point").astype(str)
    chosen = claims_frame[(precision != "point") & ~place_id.str.startswith(_AREA_PLACE_PREFIXES)]
    if chosen.empty:
        return empty_frame("id", "unit_name")
    unit_of = dict(zip(admin1_all["admin1_id"], admin1_all.geometry.values, strict=True))
    country_of = dict(zip(countries["iso2"], countries.geometry.values, strict=True))
    names = dict(zip(admin1_all["admin1_id"], admin1_all["name"], strict=True))
    country_names = dict(zip(countries["iso2"], countries["name"], strict=True))
    shapes, unit_names = [], []
    for admin1_id, country, level in zip(chosen["admin1_id"], chosen["country"],
                                         chosen["precision"], strict=True):
        in_unit = level == "admin1" and admin1_id in unit_of
        shapes.append(unit_of[admin1_id] if in_unit else country_of.get(country))
        unit_names.append(names[admin1_id] if in_unit else country_names.get(country))
    frame = gpd.GeoDataFrame({"id": chosen["id"].to_numpy(), "unit_name": unit_names},
                             geometry=gpd.GeoSeries(shapes, crs=CRS), crs=CRS)
    return frame[frame.geometry.notna()].reset_index(drop=True)


def frames_from_claims(
    resolved: ResolvedClaims,
    *,
    boundaries: UserUnits | str | os.PathLike | None = None,
    attachment: Attachment | None = None,
) -> MapFrames:
    """Every table the map draws, from resolved claims (their geometry attached once).

    Admin units: every shipped admin-1 unit of the countries the claims are placed in, or the
    units of a user's ``boundaries`` file (a path, or UserUnits already read), credited by
    its name. Places: those the claims are about and the others the documents name
    (``resolved.mentions``) in the same countries. Outlines: world countries (the map clips
    and simplifies them to the area it shows).
    """
    from contested.geo import boundaries as geo_boundaries
    from contested.geo.user_units import UserUnits, read_user_units

    units = boundaries
    if units is not None and not isinstance(units, UserUnits):
        units = read_user_units(units)
    if attachment is None:
        attachment = _attached(resolved, units)
    claims = resolved.claims
    mentioned = [(mention.place, mention.document) for mention in resolved.mentions]
    claims_frame = attachment.claims_layer().copy()
    places = attachment.places_layer().copy()
    countries = geo_boundaries.countries("world")
    admin1_all = geo_boundaries.admin1()
    claim_places = [
        (place, claim.id)
        for claim, place_tuple in zip(claims, attachment.all_places, strict=True)
        for place in place_tuple
    ]
    arabic = _arabic_names([*claim_places, *mentioned], admin1_all, countries)
    _name_columns(claims_frame, arabic, admin1_all, countries)
    # The countries the map is about: where the claims and the places they name lie.
    about = set(claims_frame["country"].dropna()) | set(places["country"].dropna())
    about -= {""}
    claim_countries = set(claims_frame["country"].dropna()) - {""}
    admin = _admin_units(units, admin1_all, claim_countries)
    places = map_places(places, mentioned, claim_countries or about, arabic)
    places["admin1_name"] = places["admin1_id"].map(
        dict(zip(admin1_all["admin1_id"], admin1_all["name"], strict=True)))
    unplaced = unplaced_claims(claims_frame, admin1_all, countries)
    disks = attachment.disks_layer()
    return MapFrames(
        claims=claims_frame,
        disks=disks[~disks["id"].isin(set(unplaced["id"]))].reset_index(drop=True),
        places=places,
        references=attachment.references_layer(),
        admin=admin.reset_index(drop=True),
        outlines=countries,
        parts=side_parts([*claim_places, *mentioned], admin1_all, countries, arabic),
        unplaced=unplaced,
        admin_attribution=units.attribution if units is not None else
        "Admin units: Natural Earth",
    )


def _attached(resolved: ResolvedClaims, units: UserUnits | None) -> Attachment:
    """The claims' geometry as the map needs it. Above the threshold the map draws one circle
    per place, not the disks: coarse disks (exact area) are enough to size them, and a
    quarter of the memory."""
    from contested.geo.attach import attach
    from contested.maps.disk_layer import AGGREGATE_ABOVE

    return attach(resolved, units, segments=64 if len(resolved) <= AGGREGATE_ABOVE else 16)


def _name_columns(claims_frame: gpd.GeoDataFrame, arabic: dict[str, str],
                  admin1_all: gpd.GeoDataFrame, countries: gpd.GeoDataFrame) -> None:
    """The Arabic names of each claim's place and unit, and its country's name, for popups."""
    claims_frame["place_name_ar"] = claims_frame["place_id"].map(arabic)
    unit_ar = dict(zip(admin1_all["admin1_id"], admin1_all["name_ar"], strict=True))
    claims_frame["admin1_name_ar"] = claims_frame["admin1_id"].map(unit_ar)
    country_names = dict(zip(countries["iso2"], countries["name"], strict=True))
    claims_frame["country_name"] = claims_frame["country"].map(country_names)


def _admin_units(units: UserUnits | None, admin1_all: gpd.GeoDataFrame,
                 claim_countries: set[str]) -> gpd.GeoDataFrame:
    """The units the map shades: the user's, else the shipped admin-1 units of the countries
    the claims are placed in."""
    if units is not None:
        return units.frame.drop(columns=["admin1_id"])
    codes = sorted(c for c in claim_countries if c in set(admin1_all["country"]))
    return admin1_all[admin1_all["country"].isin(codes)] if codes else admin1_all.iloc[:0]


def _arabic_names(
    places: Sequence[tuple[Any, str]], admin1_all: gpd.GeoDataFrame, countries: gpd.GeoDataFrame
) -> dict[str, str]:
    """Place id → Arabic name: the gazetteer's alternate names; for units and countries,
    the polygons'."""
    arabic: dict[str, str] = {}
    for place, _ in places:
        name_ar = _arabic_name(place)
        if name_ar:
            arabic.setdefault(place.id, name_ar)
    by_unit = dict(zip("admin1:" + admin1_all["admin1_id"], admin1_all["name_ar"], strict=True))
    by_country = dict(zip("country:" + countries["iso2"].fillna(""), countries["name_ar"],
                          strict=True))
    for key, value in (*by_unit.items(), *by_country.items()):
        if isinstance(value, str) and value:
            arabic.setdefault(key, value)
    return arabic
