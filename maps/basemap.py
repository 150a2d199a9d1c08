"""What lies under the claims: web tiles online, a vector outline of countries offline."""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import xyzservices

from contested.core.exceptions import InputError
from contested.geo.area import geodesic_area_km2
from contested.maps.escape import text
from contested.maps.geojson import BOUNDARY_DECIMALS, feature_collection, simplify_coverage
from contested.maps.style import LAND_STYLE, OUTLINE_STYLE

# Light grey, no API key (CartoDB now asks for one).
DEFAULT_TILES = "Esri.WorldGrayCanvas"
# Where the country polygons come from (geo/data/PROVENANCE.md); the admin units, reference
# shapes and places credit their own sources on their layers.
ATTRIBUTION = "Countries: Natural Earth"
# Country outlines: ≈ 4 km, finer than a pixel at the zoom a two-country map opens at.
OUTLINE_TOLERANCE_DEG = 0.04
# How far around the data the outlines reach (degrees): enough to pan and see neighbours.
OUTLINE_MARGIN_DEG = 12.0


def tile_layer(provider_name: str = DEFAULT_TILES) -> folium.TileLayer:
    """A tile layer from ``xyzservices`` with the provider's own attribution."""
    try:
        provider = xyzservices.providers.query_name(provider_name)
    except ValueError as error:
        raise InputError(
            f"unknown tile provider {provider_name!r}", field="tiles",
            hint="use an xyzservices name such as Esri.WorldGrayCanvas or OpenStreetMap.Mapnik",
        ) from error
    if provider.requires_token():
        raise InputError(
            f"tile provider {provider_name!r} needs an API key", field="tiles",
            hint="choose one that does not (Esri.WorldGrayCanvas, OpenStreetMap.Mapnik)",
        )
    return folium.TileLayer(
        tiles=provider.build_url(),
        attr=provider.html_attribution,
        name=text(provider.name),
        max_zoom=provider.get("max_zoom", 18),
        subdomains=provider.get("subdomains", "abc"),
        overlay=False,
        control=False,
    )


def outline_frame(
    countries: gpd.GeoDataFrame, bounds: tuple[float, float, float, float]
) -> gpd.GeoDataFrame:
    """Countries clipped to ``bounds`` widened by the margin, coverage-simplified."""
    west, south, east, north = bounds
    window = shapely.box(
        max(west - OUTLINE_MARGIN_DEG, -180), max(south - OUTLINE_MARGIN_DEG, -85),
        min(east + OUTLINE_MARGIN_DEG, 180), min(north + OUTLINE_MARGIN_DEG, 85),
    )
    nearby = countries[countries.intersects(window)]
    simplified = simplify_coverage(nearby.geometry.values, OUTLINE_TOLERANCE_DEG)
    clipped = shapely.intersection(simplified, window)
    keep = ~shapely.is_empty(clipped)
    frame = nearby[keep].copy()
    frame["geometry"] = np.asarray(clipped, dtype=object)[keep]
    return frame.set_geometry("geometry")


def outline_layer(
    outlines: gpd.GeoDataFrame, filled: bool, labels: bool = False
) -> folium.FeatureGroup:
    """Countries as a GeoJSON layer: filled land (offline basemap) or outlines over tiles.

    ``labels``: country names on the map (offline, where no tiles name them), as plain
    Leaflet div icons at each country's largest part.
    """
    style = LAND_STYLE if filled else OUTLINE_STYLE
    names = outlines["name"] if "name" in outlines else [None] * len(outlines)
    properties = [{"name": text(name), "style": style} for name in names]
    data = feature_collection(outlines.geometry, properties, BOUNDARY_DECIMALS)
    group = folium.FeatureGroup(name="Countries", control=False)
    folium.GeoJson(
        data, name="Countries", interactive=False, smooth_factor=1.0, attribution=ATTRIBUTION
    ).add_to(group)
    if labels and len(outlines):
        parts = outlines.geometry.explode(index_parts=False)
        areas = pd.Series(geodesic_area_km2(parts.values), index=parts.index)
        biggest = parts[areas.groupby(level=0).transform("max").eq(areas)]
        biggest = biggest[~biggest.index.duplicated(keep="first")]
        anchors = shapely.point_on_surface(biggest.values)
        names = outlines.loc[biggest.index, "name"]
        for anchor, name in zip(anchors, names, strict=True):
            folium.Marker(
                [round(anchor.y, 3), round(anchor.x, 3)],
                icon=folium.DivIcon(html=f'<div class="ct-country">{text(name)}</div>',
                                    icon_size=(120, 16), icon_anchor=(60, 8)),
                interactive=False, keyboard=False,
            ).add_to(group)
    return group
