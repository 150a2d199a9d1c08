"""The geometry layer of contested: geodesic areas, boundaries, equal-area shapes, the
geometry of resolved claims, and GIS export.

    >>> from contested import geo
    >>> from contested.claims.claim_files import load_claims
    >>> from contested.resolution import resolve_claims
    >>> resolved = resolve_claims(load_claims("contested/data/example_claims.yaml"),
    ...                           gazetteer=None)
    >>> frame = geo.layer(resolved)          # GeoDataFrame, one row per claim, EPSG:4326
    >>> len(frame) == len(resolved)
    True

``geo.export(resolved, "claims.gpkg")`` writes the layers claims, disks, places, admin_units
and references. Names are imported on first use, so ``import contested.geo.area`` does not
pull in the rest.
"""

from __future__ import annotations

from contested.core.lazy import lazy_exports

# public name -> "module:attribute"
_EXPORTS = {
    "geodesic_area_km2": "contested.geo.area:geodesic_area_km2",
    "attach": "contested.geo.attach:attach",
    "layer": "contested.geo.attach:layer",
    "export": "contested.geo.gis_export:export",
    "equal_area_disk": "contested.geo.shapes:equal_area_disk",
    "move_shape": "contested.geo.shapes:move_shape",
    "side_of": "contested.geo.shapes:side_of",
    "admin1": "contested.geo.boundaries:admin1",
    "countries": "contested.geo.boundaries:countries",
    "us_states": "contested.geo.boundaries:us_states",
    "read_boundaries": "contested.geo.boundaries:read_boundaries",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
