"""Checks on the committed data pack (geo/data + gazetteer/data) built by scripts/build_pack.py."""

from __future__ import annotations

import hashlib
import json
import lzma
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import shapely

REPO = Path(__file__).resolve().parent.parent
GEO = REPO / "geo" / "data"
GAZ = REPO / "gazetteer" / "data"
PACK_FILES = [
    GEO / "admin1.parquet",
    GEO / "countries.parquet",
    GEO / "countries_pack.parquet",
    GEO / "us_states.parquet",
    GAZ / "official_areas.csv",
    GEO / "PROVENANCE.md",
    GAZ / "places.jsonl.xz",
    GAZ / "pack.json",
    GAZ / "PROVENANCE.md",
]


@pytest.fixture(scope="module")
def admin1():
    cols = ["admin1_id", "country", "geometry"]
    return pq.ParquetFile(GEO / "admin1.parquet").read(columns=cols).to_pydict()


@pytest.fixture(scope="module")
def places():
    with lzma.open(GAZ / "places.jsonl.xz", "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def test_files_exist():
    missing = [str(p.relative_to(REPO)) for p in PACK_FILES if not p.is_file()]
    assert not missing


def test_pack_version_matches_places_hash():
    pack = json.loads((GAZ / "pack.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((GAZ / "places.jsonl.xz").read_bytes()).hexdigest()
    assert pack["version"] == digest[:16]
    assert pack["built_with"] == "scripts/build_pack.py"
    assert {"IQ", "SY"} <= set(pack["countries"])
    assert all(s["sha256"] and s["version"] for s in pack["sources"])


def test_admin1_ids_unique_and_referenced(admin1, places):
    ids = admin1["admin1_id"]
    assert len(ids) == len(set(ids))
    known = set(ids)
    dangling = {p["admin1_id"] for p in places if p["admin1_id"]} - known
    assert not dangling
    place_ids = [p["id"] for p in places]
    assert place_ids == sorted(place_ids)
    assert len(place_ids) == len(set(place_ids))


def test_iraqi_governorates_valid(admin1):
    iq = [i for i, c in enumerate(admin1["country"]) if c == "IQ"]
    assert len(iq) == 18
    geoms = shapely.from_wkb([admin1["geometry"][i] for i in iq])
    assert shapely.is_valid(geoms).all()
    assert not shapely.is_empty(geoms).any()


def test_known_places(places):
    by_id = {p["id"]: p for p in places}
    assert by_id["geonames:94787"]["admin1"] == "At-Ta'mim"
    assert "الحويجة" in by_id["geonames:390188"]["alt_names"]
    assert by_id["supplement:akashat"]["admin1"] == "Al-Anbar"


def test_the_pack_covers_the_world(places):
    kinds = {}
    for place in places:
        kinds[place["id"].split(":")[0]] = kinds.get(place["id"].split(":")[0], 0) + 1
    assert kinds["geonames"] > 200_000  # GeoNames cities500 of every country
    assert kinds["admin1"] > 4_000 and kinds["country"] > 240
    countries = {place["country"] for place in places}
    assert {"UA", "RU", "YE", "AF", "SD", "MM", "LY"} <= countries


def test_districts_answer_at_their_seat(places):
    by_id = {p["id"]: p for p in places}
    hawija_district, hawija = by_id["geonames:6770659"], by_id["geonames:390188"]
    assert hawija_district["kind"] == "district"
    assert (hawija_district["lat"], hawija_district["lon"]) == (hawija["lat"], hawija["lon"])
    assert hawija_district["precision"] == "representative"


def test_every_curated_row_cites_its_source(places):
    import csv

    curated = [p for p in places if p["id"].startswith("supplement:")]
    assert len(curated) >= 30
    assert all(p["source"].strip() for p in curated)
    ours = REPO / "scripts" / "data"
    for name in ("supplement_places.csv", "alternate_names.csv"):
        with open(ours / name, encoding="utf-8", newline="") as handle:
            assert all("http" in row["source"] for row in csv.DictReader(handle))


def test_geonames_credited():
    text = (GAZ / "PROVENANCE.md").read_text(encoding="utf-8")
    assert "GeoNames" in text and "CC-BY 4.0" in text
