"""The geometry layer of contested: claims, geodesic areas, boundaries, GIS export.

    >>> import contested.geo
    >>> claims = geo.load_claims("contested/data/example_claims.yaml")
    >>> frame = geo.layer(claims)          # GeoDataFrame, one row per claim, EPSG:4326
    >>> geo.export(claims, "claims.gpkg")  # layers claims, disks, places, admin_units, ...

Names are imported on first use, so ``import contested.claims.units`` stays light (no geopandas).
"""

from __future__ import annotations

from contested.core.lazy import lazy_exports

# public name -> "module:attribute"
_EXPORTS = {
    "Claim": "contested.claims.model:Claim",
    "load_claims": "contested.claims.claim_files:load_claims",
    "save_claims": "contested.claims.claim_files:save_claims",
    "geodesic_area_km2": "contested.geo.area:geodesic_area_km2",
    "layer": "contested.geo.attach:layer",
    "export": "contested.geo.export:export",
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
