"""Places: dark dots for the places claims are about, small grey ones for those the
documents only name; each labelled (the minor ones only when zoomed in). A place a claim is
about comes and goes with the date slider, from its earliest claim on."""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np

from contested.maps import popups
from contested.maps.admin_layer import _first_dates
from contested.maps.escape import text
from contested.maps.features import LAYER_NAMES, geojson, group, label_collection, records
from contested.maps.geojson import POINT_DECIMALS, feature_collection
from contested.maps.style import NAMED_PLACE_STYLE, PLACE_STYLE

# Where the place points come from (geo/data/PROVENANCE.md).
PLACES_ATTRIBUTION = "Places: GeoNames (CC BY 4.0)"


def about_claims(places: gpd.GeoDataFrame) -> np.ndarray:
    """Whether a claim is about each place (else the documents only name it)."""
    if "claims" not in places:
        return np.ones(len(places), dtype=bool)
    return places["claims"].fillna("").astype(str).str.len().gt(0).to_numpy()


def place_label_ranks(places: gpd.GeoDataFrame) -> np.ndarray:
    """1 for the main places (a claim is about them, or the documents name them three times
    or more): labelled from the zoom a region opens at; 2 for the others: labelled close in."""
    mentions = places["mentions"].fillna(0).to_numpy(float) if "mentions" in places else 0
    return np.where(about_claims(places) | (np.asarray(mentions) >= 3), 1, 2)


def place_label_priorities(places: gpd.GeoDataFrame, ranks: np.ndarray) -> np.ndarray:
    """Which place label wins where two overlap: main places first, then the places more
    claims are about, then those the documents name more often."""
    claims = places["claims"].fillna("").astype(str) if "claims" in places else None
    n_claims = (claims.str.count(",") + claims.str.len().gt(0)).to_numpy(float) \
        if claims is not None else np.zeros(len(places))
    mentions = places["mentions"].fillna(0).to_numpy(float) if "mentions" in places else 0
    return np.where(ranks == 1, 500.0, 100.0) + 10 * n_claims + np.minimum(mentions, 9)


def has_named_places(places: gpd.GeoDataFrame) -> bool:
    """Whether the map shows places no claim is about (the legend then has a row for them)."""
    return bool(len(places)) and not about_claims(places).all()


def place_layer(places: gpd.GeoDataFrame,
                claims: gpd.GeoDataFrame | None = None) -> folium.FeatureGroup:
    """Places as circle markers (no icon fonts: the page must work offline), each labelled;
    dated by their earliest claim (``claims``), so the slider shows them with it."""
    ranks = place_label_ranks(places)
    about = about_claims(places)
    rows = records(places)
    dates = _first_dates(places, claims)
    properties = [
        {"tooltip": popups.place_tooltip(row), "popup": popups.place_popup(row),
         "style": PLACE_STYLE if is_about else NAMED_PLACE_STYLE,
         **({"date": date} if date else {})}
        for row, is_about, date in zip(rows, about, dates, strict=True)
    ]
    data = feature_collection(places.geometry, properties, POINT_DECIMALS)
    names = np.array([text(row.get("name")) for row in rows], dtype=object)
    points = places.geometry.values
    priorities = place_label_priorities(places, ranks)
    date_array = np.array(dates, dtype=object)
    for rank in (2, 1):  # main labels drawn last, on top
        chosen = ranks == rank
        data["features"] += label_collection(points[chosen], list(names[chosen]),
                                             f"ct-label ct-rank-{rank}", list(date_array[chosen]),
                                             priorities[chosen])
    return group("places", geojson(data, LAYER_NAMES["places"],
                                   attribution=text(PLACES_ATTRIBUTION)))
