"""Download administrative boundaries from geoBoundaries (gbOpen, CC BY 4.0).

No package ships admin-2 polygons for Iraq or Syria; geoBoundaries does. Only when the user
asks (``contested boundaries fetch IRQ --level ADM2``): the API
``GET {base}/api/current/gbOpen/{ISO3}/{LEVEL}/`` answers JSON metadata whose
``gjDownloadURL`` (full resolution) or ``simplifiedGeometryGeoJSON`` points at the GeoJSON.
The GeoJSON is checked (a FeatureCollection of named polygons in lon/lat) and written
atomically under the cache dir (or where the user says); the user then passes the file as
``--boundaries FILE``. All HTTP goes through :mod:`contested.core.http`:
``GeoBoundaries(client).fetch("IRQ", "ADM2")``.

Base URL: ``$CONTESTED_GEOBOUNDARIES_URL`` (default https://www.geoboundaries.org).
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from contested.core.exceptions import InputError, NetworkError
from contested.core.files import check_writable_target, write_bytes_atomic
from contested.core.http import (
    DAY_S,
    Fetched,
    HttpStatusError,
    PoliteClient,
    SchemaError,
    parse_json,
)

DEFAULT_URL = "https://www.geoboundaries.org"
LEVELS = ("ADM0", "ADM1", "ADM2", "ADM3", "ADM4", "ADM5")
NAME_FIELD = "shapeName"
METADATA_MAX_BYTES = 1024 * 1024
METADATA_MAX_AGE_S = 7 * DAY_S
GEOJSON_MAX_AGE_S = 30 * DAY_S
_POLYGON_TYPES = ("Polygon", "MultiPolygon")
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class FetchedBoundaries:
    """Where the boundaries were written and what they are (for the user's citation)."""

    iso3: str
    level: str
    path: str
    features: int
    name_field: str
    url: str
    source: str | None
    license: str | None
    year: str | None
    from_cache: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_path(cache_dir: Path, iso3: str, level: str, simplified: bool = False) -> Path:
    suffix = "_simplified" if simplified else ""
    return Path(cache_dir) / "geoboundaries" / f"geoBoundaries-{iso3}-{level}{suffix}.geojson"


class GeoBoundaries:
    """The geoBoundaries gbOpen service at ``url``, asked through ``client`` (its cache, retries
    and size cap). Downloads land under the client's cache folder unless told otherwise."""

    def __init__(self, client: PoliteClient, url: str = DEFAULT_URL) -> None:
        self.client = client
        self.url = url.rstrip("/")

    def fetch(self, iso3: str, level: str = "ADM2", *, dest: Path | str | None = None,
              simplified: bool = False, refresh: bool = False) -> FetchedBoundaries:
        """Download the gbOpen boundaries of ``iso3`` at ``level`` and write them to ``dest``
        (default: ``geoboundaries/`` beside the HTTP cache). Raises InputError for a bad
        code, level or destination, NetworkError when the service fails or answers something
        that is not boundaries."""
        iso3 = normalise_iso3(iso3)
        level = normalise_level(level)
        downloads = self.client.cache.directory.parent
        target = Path(dest) if dest is not None else default_path(downloads, iso3, level,
                                                                  simplified)
        _check_writable(target, explicit=dest is not None)
        api_url = f"{self.url}/api/current/gbOpen/{iso3}/{level}/"
        record = self._metadata(api_url, iso3, level, refresh)
        key = "simplifiedGeometryGeoJSON" if simplified else "gjDownloadURL"
        geojson_url = record.get(key) or ""
        if not isinstance(geojson_url, str) or not geojson_url.startswith(
            ("http://", "https://")
        ):
            raise NetworkError(
                f"{api_url}: the metadata has no usable '{key}' ({geojson_url!r}); "
                + ("try without --simplified" if simplified else "try --simplified")
            )
        fetched, features = self._download(geojson_url, api_url, refresh)
        _write(target, fetched.body)
        return FetchedBoundaries(
            iso3=iso3, level=level, path=str(target), features=features, name_field=NAME_FIELD,
            url=geojson_url, source=_text(record.get("boundarySource")),
            license=_text(record.get("boundaryLicense")),
            year=_text(record.get("boundaryYearRepresented")), from_cache=fetched.from_cache,
        )

    def _metadata(self, api_url: str, iso3: str, level: str, refresh: bool) -> dict[str, Any]:
        try:
            metadata, _ = self.client.get_json(
                api_url, schema=check_metadata, max_bytes=METADATA_MAX_BYTES,
                max_age_s=0.0 if refresh else METADATA_MAX_AGE_S,
            )
        except HttpStatusError as error:
            if error.status == 404:
                raise InputError(
                    f"geoBoundaries has no gbOpen {level} set for {iso3} "
                    f"({api_url} answered 404)",
                    field="ISO3/--level",
                    hint="check the ISO 3166-1 alpha-3 code and try a lower --level",
                ) from None
            raise
        return _one_record(metadata)

    def _download(self, geojson_url: str, api_url: str, refresh: bool) -> tuple[Fetched, int]:
        """The checked GeoJSON and its number of features."""
        feature_counts: list[int] = []

        def validate(body: bytes) -> None:
            feature_counts.append(check_geojson_body(body))

        try:
            fetched = self.client.get(geojson_url, validate=validate,
                                      max_age_s=0.0 if refresh else GEOJSON_MAX_AGE_S)
        except NetworkError:
            # The metadata pointed at a file that could not be had: do not keep trusting it.
            self.client.cache.forget(self.client.prepared_url(api_url))
            raise
        return fetched, feature_counts[-1]


def _write(target: Path, body: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_bytes_atomic(target, body)
    except OSError as error:
        raise InputError(
            f"cannot write: {error.strerror or error}",
            source=str(target),
            hint="choose a writable path with -o",
        ) from None


def normalise_iso3(code: str) -> str:
    iso3 = (code or "").strip().upper()
    if not _ISO3.fullmatch(iso3):
        raise InputError(
            f"not an ISO 3166-1 alpha-3 country code: {code!r}",
            field="ISO3",
            hint="use three letters, e.g. IRQ, SYR, UKR",
        )
    return iso3


def normalise_level(level: str) -> str:
    normalised = (level or "").strip().upper()
    if normalised.isdigit():
        normalised = f"ADM{normalised}"
    if normalised not in LEVELS:
        raise InputError(
            f"unknown level {level!r}", field="--level", hint="use one of " + ", ".join(LEVELS)
        )
    return normalised


def check_metadata(data: Any) -> None:
    """Raise SchemaError unless ``data`` is geoBoundaries metadata with download URLs."""
    record = data[0] if isinstance(data, list) and len(data) == 1 else data
    if not isinstance(record, dict):
        raise SchemaError(f"expected one metadata object, got {type(data).__name__}")
    if not any(
        isinstance(record.get(k), str) for k in ("gjDownloadURL", "simplifiedGeometryGeoJSON")
    ):
        raise SchemaError("no 'gjDownloadURL' or 'simplifiedGeometryGeoJSON' in the metadata")


def check_geojson_body(body: bytes) -> int:
    """Raise SchemaError unless ``body`` is a GeoJSON FeatureCollection of named polygons in
    longitude/latitude (what ``--boundaries`` needs); return the number of features."""
    if body.startswith(b"version https://git-lfs"):
        raise SchemaError(
            "got a Git LFS pointer instead of the file (the mirror serves LFS pointers)"
        )
    return check_geojson(parse_json(body))


def check_geojson(data: Any) -> int:
    """Raise SchemaError unless ``data`` is a FeatureCollection of named lon/lat polygons;
    return the number of features."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise SchemaError("not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise SchemaError("the FeatureCollection has no features")
    for position, feature in enumerate(features, start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(geometry, dict) or geometry.get("type") not in _POLYGON_TYPES:
            raise SchemaError(f"feature {position} is not a Polygon or MultiPolygon")
        properties = feature.get("properties")
        if not isinstance(properties, dict) or not isinstance(properties.get(NAME_FIELD), str):
            raise SchemaError(f"feature {position} has no '{NAME_FIELD}' property")
        _check_rings(geometry.get("coordinates"), geometry["type"], position)
    return len(features)


def _check_rings(coordinates: Any, kind: str, position: int) -> None:
    """Every position of a (Multi)Polygon is [lon, lat] in range, every ring closed with four
    positions or more: what GEOS needs to read the file later (a NaN or a one-point ring
    stops it). Iterative, linear in the number of positions."""
    depth = 3 if kind == "Polygon" else 4  # polygon > ring > position (> number)
    stack: list[tuple[Any, int]] = [(coordinates, 1)]
    while stack:
        node, level = stack.pop()
        if not isinstance(node, list) or (level < depth - 1 and not node):
            raise SchemaError(f"feature {position} has malformed coordinates")
        if level < depth - 1:
            stack.extend((child, level + 1) for child in node)
            continue
        if len(node) < 4 or node[0] != node[-1]:
            raise SchemaError(f"feature {position} has a ring that is not closed with four "
                              "positions or more")
        for point in node:
            _check_position(point, position)


def _check_position(point: Any, position: int) -> None:
    if not (isinstance(point, list) and len(point) in (2, 3) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in point)):
        raise SchemaError(f"feature {position} has malformed coordinates")
    lon, lat = point[0], point[1]
    if not (abs(lon) <= 180 and abs(lat) <= 90):  # False for NaN too
        raise SchemaError(
            f"feature {position} has coordinates ({lon}, {lat}) outside lon/lat: "
            "projected data, not RFC 7946 GeoJSON"
        )


def _one_record(metadata: Any) -> dict[str, Any]:
    return metadata[0] if isinstance(metadata, list) else metadata


def _check_writable(target: Path, *, explicit: bool) -> None:
    # Before any request: a long name, a device, a missing folder fail at once.
    if explicit:
        check_writable_target(target)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)
