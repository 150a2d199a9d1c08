"""The geometry layer of contested: claims, geodesic areas, boundaries, GIS export.

    >>> import geo
    >>> claims = geo.load_claims("geo/data/example_claims.yaml")
    >>> frame = geo.layer(claims)          # GeoDataFrame, one row per claim, EPSG:4326
    >>> geo.export(claims, "claims.gpkg")  # layers claims, disks, places, admin_units, ...

Names are imported on first use, so ``import geo.units`` stays light (no geopandas).
"""

from __future__ import annotations

from geo.lazy import lazy_exports

# public name -> "module:attribute"
_EXPORTS = {
    "Claim": "geo.claim:Claim",
    "load_claims": "geo.claims_io:load_claims",
    "save_claims": "geo.claims_io:save_claims",
    "geodesic_area_km2": "geo.area:geodesic_area_km2",
    "layer": "geo.attach:layer",
    "export": "geo.export:export",
    "equal_area_disk": "geo.shapes:equal_area_disk",
    "move_shape": "geo.shapes:move_shape",
    "side_of": "geo.shapes:side_of",
    "admin1": "geo.boundaries:admin1",
    "countries": "geo.boundaries:countries",
    "us_states": "geo.boundaries:us_states",
    "read_boundaries": "geo.boundaries:read_boundaries",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
