"""Ask Nominatim (OpenStreetMap) for a place the shipped gazetteer does not know.

Used only when the user asks (``contested resolve --online`` or ``online = true`` in the
config). Nominatim's usage policy: at most 1 request per second, a real User-Agent, cache
the results. Requests go through :mod:`contested.core.http` (timeouts, retries, size cap, cache)
with a rate limiter whose last-request time is kept in a lock file under the cache dir, so
parallel ``contested`` processes stay under the limit together.

Base URL: ``$CONTESTED_NOMINATIM_URL`` (default https://nominatim.openstreetmap.org), so an
organisation can point at its own instance. Data © OpenStreetMap contributors, ODbL.
"""

from __future__ import annotations

import math
import threading
from pathlib import Path
from typing import Any

from contested.core.exceptions import UnknownPlace
from contested.core.http import (
    DAY_S,
    PoliteClient,
    RateLimiter,
    SchemaError,
)
from contested.gazetteer.place import Alternative, Place

DEFAULT_URL = "https://nominatim.openstreetmap.org"
ATTRIBUTION = "Data © OpenStreetMap contributors, ODbL 1.0 (via Nominatim)"
MIN_INTERVAL_S = 1.0
MAX_RESPONSE_BYTES = 2 * 1024 * 1024
CACHE_MAX_AGE_S = 30 * DAY_S

# (OSM class, OSM type) or OSM type alone -> the gazetteer's kind vocabulary.
_KIND_BY_CLASS_TYPE: dict[tuple[str, str], str] = {
    ("place", "city"): "city",
    ("place", "town"): "town",
    ("place", "village"): "village",
    ("place", "hamlet"): "village",
    ("place", "suburb"): "town",
    ("place", "quarter"): "town",
    ("place", "neighbourhood"): "town",
    ("place", "locality"): "village",
    ("place", "isolated_dwelling"): "village",
    ("place", "region"): "region",
    ("place", "state"): "governorate",
    ("place", "province"): "province",
    ("place", "country"): "country",
    ("natural", "peak"): "mountain",
    ("natural", "mountain_range"): "range",
    ("natural", "ridge"): "range",
    ("natural", "valley"): "valley",
    ("waterway", "river"): "river",
    ("natural", "water"): "river",
    ("landuse", "military"): "facility",
    ("military", "base"): "facility",
    ("military", "airfield"): "facility",
    ("aeroway", "aerodrome"): "facility",
    ("man_made", "works"): "facility",
    ("industrial", "oil"): "facility",
}
# boundary=administrative: the kind follows Nominatim's address type.
_KIND_BY_ADDRESSTYPE: dict[str, str] = {
    "country": "country",
    "state": "governorate",
    "province": "province",
    "region": "region",
    "county": "district",
    "state_district": "district",
    "district": "district",
    "city": "city",
    "town": "town",
    "village": "village",
    "municipality": "district",
}
_ADMIN1_KEYS = ("state", "province", "region", "governorate")

_limiters: dict[Path, RateLimiter] = {}
_limiter_lock = threading.Lock()


def rate_limiter(cache_dir: Path) -> RateLimiter:
    """The 1 request/s limiter of a cache dir, shared with other processes through a stamp
    file in it (one per process and folder)."""
    stamp = Path(cache_dir) / "nominatim.last"
    with _limiter_lock:
        if stamp not in _limiters:
            _limiters[stamp] = RateLimiter(MIN_INTERVAL_S, stamp)
        return _limiters[stamp]


def search(
    query: str,
    *,
    client: PoliteClient,
    url: str = DEFAULT_URL,
    country: str | None = None,
    limit: int = 5,
    limiter: RateLimiter | None = None,
) -> Place:
    """The best Nominatim match for ``query`` as a :class:`Place` (precision ``point``, id
    ``osm:<type>:<id>``), the other matches as alternatives. Raises
    :class:`~contested.core.exceptions.UnknownPlace` when Nominatim has nothing and
    :class:`~contested.core.exceptions.NetworkError` when it cannot be reached or answers
    nonsense."""
    params: dict[str, Any] = {
        "q": query,
        "format": "jsonv2",
        "addressdetails": 1,
        "limit": max(1, min(limit, 40)),
        "accept-language": "en",
    }
    if country:
        params["countrycodes"] = country.lower()
    results, _ = client.get_json(
        f"{url.rstrip('/')}/search",
        params=params,
        schema=check_search_results,
        max_bytes=MAX_RESPONSE_BYTES,
        max_age_s=CACHE_MAX_AGE_S,
        rate_limiter=limiter or rate_limiter(client.cache.directory),
    )
    if not results:
        raise UnknownPlace(query)
    places = [_to_place(query, result) for result in results]
    best, *others = places
    alternatives = tuple(
        Alternative(
            name=other.name,
            lat=other.lat,
            lon=other.lon,
            country=other.country,
            kind=other.kind,
            score=other.score,
            id=other.id,
        )
        for other in others
    )
    return _replace_alternatives(best, alternatives)


def check_search_results(data: Any) -> None:
    """Raise :class:`SchemaError` unless ``data`` is Nominatim's list of search results."""
    if not isinstance(data, list):
        raise SchemaError(f"expected a list of results, got {type(data).__name__}")
    for position, result in enumerate(data, start=1):
        if not isinstance(result, dict):
            raise SchemaError(f"result {position} is not an object")
        for key in ("lat", "lon", "osm_type", "osm_id"):
            if key not in result:
                raise SchemaError(f"result {position} has no '{key}'")
        try:
            lat, lon = float(result["lat"]), float(result["lon"])
        except (TypeError, ValueError):
            raise SchemaError(f"result {position} has a non-numeric lat/lon") from None
        if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
            raise SchemaError(f"result {position} has lat/lon out of range: {lat}, {lon}")


def kind_of(result: dict[str, Any]) -> str:
    """The gazetteer kind of a Nominatim result, from its OSM class/type (and address type)."""
    osm_class = str(result.get("category") or result.get("class") or "")
    osm_type = str(result.get("type") or "")
    if osm_class == "boundary" and osm_type == "administrative":
        return _KIND_BY_ADDRESSTYPE.get(str(result.get("addresstype") or ""), "region")
    return _KIND_BY_CLASS_TYPE.get((osm_class, osm_type)) or osm_type or osm_class or "place"


def _to_place(query: str, result: dict[str, Any]) -> Place:
    address = result.get("address") if isinstance(result.get("address"), dict) else {}
    display = str(result.get("display_name") or "")
    name = str(result.get("name") or display.split(",", 1)[0].strip() or query)
    country_code = address.get("country_code")
    admin1 = next((str(address[key]) for key in _ADMIN1_KEYS if address.get(key)), None)
    try:
        importance = float(result.get("importance") or 0.0)
    except (TypeError, ValueError):
        importance = 0.0
    osm_type = str(result["osm_type"]).lower()
    return Place(
        query=query,
        name=name,
        lat=float(result["lat"]),
        lon=float(result["lon"]),
        country=str(country_code).upper() if country_code else None,
        admin1=admin1,
        kind=kind_of(result),
        id=f"osm:{osm_type}:{result['osm_id']}",
        score=max(0.0, min(1.0, importance)),
        precision="point",
    )


def _replace_alternatives(place: Place, alternatives: tuple[Alternative, ...]) -> Place:
    from dataclasses import replace

    return replace(place, alternatives=alternatives)


def resolve_unknown(
    unknown: UnknownPlace,
    *,
    client: PoliteClient,
    url: str = DEFAULT_URL,
    country: str | None = None,
) -> Place | UnknownPlace:
    """The online fallback of ``contested resolve --online``: Nominatim's answer for a name
    the offline gazetteer did not know, or the original :class:`UnknownPlace` (with its
    offline suggestions) when Nominatim has nothing either."""
    try:
        return search(unknown.query, country=country, client=client, url=url)
    except UnknownPlace:
        return unknown
