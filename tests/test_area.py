"""Geodesic areas: vectorised, equal to GeographicLib, holes and multipolygons right."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import MultiPolygon, Point, Polygon, box

from contested.claims import units
from contested.geo.area import EARTH_SURFACE_KM2, geodesic_area_km2
from contested.geo.shapes import equal_area_disk

GEOD = Geod(ellps="WGS84")


def geographiclib_km2(geometry) -> float:
    # pyproj adds interior rings with their sign: orient them the standard way first.
    return abs(GEOD.geometry_area_perimeter(shapely.orient_polygons(geometry))[0]) / 1e6


def test_pack_governorates_equal_geographiclib():
    from contested.geo.boundaries import admin1

    units = admin1(["IQ", "SY"])
    ours = geodesic_area_km2(units.geometry)
    reference = np.array([geographiclib_km2(g) for g in units.geometry])
    np.testing.assert_allclose(ours, reference, rtol=1e-6)


def test_multipolygon_with_holes_subtracts_holes_and_adds_parts():
    outer = box(40, 30, 45, 35)
    hole = box(41, 31, 42, 32)
    # Hole given in the same orientation as the exterior: still subtracted.
    with_hole = Polygon(outer.exterior.coords, [hole.exterior.coords])
    island = box(10, -20, 12, -18)
    multi = MultiPolygon([with_hole, island])
    area = geodesic_area_km2(multi)[0]
    expected = geographiclib_km2(outer) - geographiclib_km2(hole) + geographiclib_km2(island)
    assert area == pytest.approx(expected, rel=1e-6)
    assert area == pytest.approx(geographiclib_km2(multi), rel=1e-6)


def test_tiny_polygon_of_ten_metres_square():
    tiny = box(44.0, 33.0, 44.0001, 33.0001)  # about 9 m × 11 m
    assert geodesic_area_km2(tiny)[0] == pytest.approx(geographiclib_km2(tiny), rel=1e-6)


def test_ten_million_square_km_disk():
    disk = equal_area_disk(44.0, 33.0, 1e7)
    assert geodesic_area_km2(disk)[0] == pytest.approx(geographiclib_km2(disk), rel=1e-6)


def test_long_edges_follow_the_geodesic():
    triangle = Polygon([(0, 0), (60, 0), (30, 50)])
    assert geodesic_area_km2(triangle)[0] == pytest.approx(geographiclib_km2(triangle), rel=1e-6)


def test_orientation_does_not_matter():
    polygon = box(40, 30, 41, 31)
    reversed_polygon = Polygon(polygon.exterior.coords[::-1])
    a, b = geodesic_area_km2([polygon, reversed_polygon])
    assert a == pytest.approx(b, rel=1e-12)


def test_antimeridian_crossing_equals_same_box_elsewhere():
    across = Polygon([(179, 10), (-179, 10), (-179, 12), (179, 12)])
    elsewhere = box(9, 10, 11, 12)
    a, b = geodesic_area_km2([across, elsewhere])
    assert a == pytest.approx(b, rel=1e-9)


def test_ring_round_the_pole_is_the_polar_cap():
    lons = np.linspace(-180, 180, 721)
    cap = Polygon(np.column_stack([lons, np.full_like(lons, 80.0)]))
    disk = equal_area_disk(0.0, 90.0, 1.0e6)
    assert geodesic_area_km2(disk)[0] == pytest.approx(1.0e6, rel=1e-4)
    assert 0 < geodesic_area_km2(cap)[0] < EARTH_SURFACE_KM2 / 2


def test_missing_empty_and_non_polygonal_geometries():
    areas = geodesic_area_km2([None, Polygon(), Point(1, 1), box(0, 0, 1, 1)])
    assert np.isnan(areas[0])
    assert areas[1] == 0 and areas[2] == 0
    assert areas[3] > 12000


def test_accepts_geoseries_and_single_geometry():
    series = gpd.GeoSeries([box(0, 0, 1, 1), box(0, 0, 2, 2)], crs="EPSG:4326")
    areas = geodesic_area_km2(series)
    assert areas.shape == (2,)
    assert geodesic_area_km2(box(0, 0, 1, 1))[0] == areas[0]


def test_earth_surface_constant():
    assert EARTH_SURFACE_KM2 == pytest.approx(510_065_621.7, rel=1e-9)
    assert EARTH_SURFACE_KM2 == pytest.approx(units.EARTH_SURFACE_KM2, rel=1e-12)
