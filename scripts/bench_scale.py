"""How map, export, check and resolve_many grow with the number of claims.

    python scripts/bench_scale.py [--sizes 10,100,1000,10000,100000] [--out DIR]
                                  [--stages map,export,check,resolve_many] [--budget 600]

Each (stage, size) runs in a fresh process (so peak memory is its own) on synthetic claims
drawn as an archive's are: places from the shipped gazetteer in Iraq and Syria (a few
hundred, weighted so a few dominate), figures rounded as reporters round them, a scope on
half, a size comparison on one in ten, dates over 2014–2020, quotes of ~120 characters.
Printed per row: CPU seconds (user + system), wall seconds, peak RSS, output size; then the
growth exponent of CPU time (log-log slope over the three largest sizes measured). Then the
browser figures: first frame of the offline map in headless Chromium (10k ≤ 4 s; 100k opens
at all), and for the export, memory per claim (≤ 3 kB), GeoPackage size (100k ≤ 100 MB) and
the largest geodesic area error of the exported disks (≤ 0.1%).

A stage whose projected time at the next size exceeds ``--budget`` seconds is not run there
(the row says so). Record ``uptime`` with the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STAGES = ("map", "export", "check", "resolve_many")
SCOPES = ("Iraq", "Syria", "Anbar", "Nineveh", "Dayr Az Zawr province", "Raqqa", "Kirkuk")
REFERENCES = ("New Jersey", "Sweden", "Lebanon", "Washington, DC", "Belgium", "Virginia")
KINDS = ("liberated", "liberated", "held", "lost", "peak_held")
QUALIFIERS = (None, None, "more than", "about", "up to", "nearly")
OUTLETS = tuple(f"Outlet {n}" for n in range(60))


# --------------------------------------------------------------------- synthetic claims

def region_places(count: int = 400) -> list:
    """Places of the shipped gazetteer in Iraq and Syria with coordinates (largest first)."""
    from contested.gazetteer import default_gazetteer
    from contested.gazetteer.build import read_places
    from contested.gazetteer.index import PLACES_FILE

    rows = []
    for row in read_places(PLACES_FILE):
        if row.get("country") in ("IQ", "SY") and row.get("lat") is not None \
                and row.get("kind") in ("city", "town", "village"):
            rows.append((row.get("population") or 0, row["id"]))
    rows.sort(reverse=True)
    gazetteer = default_gazetteer()
    return [gazetteer.get(place_id) for _, place_id in rows[:count]]


def synthetic_claims(n: int, seed: int = 7) -> list:
    """``n`` claims as an archive of news would give them (see the module doc)."""
    from contested.claims.model import Claim, Comparison, Stated

    rng = random.Random(seed)
    places = region_places()
    weights = [1 / (rank + 1) for rank in range(len(places))]  # a few places dominate
    chosen = rng.choices(places, weights=weights, k=n)
    claims = []
    for index, place in enumerate(chosen):
        km2 = float(f"{10 ** rng.uniform(1.5, 5.0):.2g}")
        year, month, day = rng.randint(2014, 2020), rng.randint(1, 12), rng.randint(1, 28)
        comparison = (Comparison((rng.choice(REFERENCES),), factor=rng.choice((None, 2.0, 0.5)))
                      if rng.random() < 0.1 else None)
        claims.append(Claim(
            id=f"doc{index // 3}:{index % 3 + 1}",
            stated=(Stated(km2, "km2", km2),),
            qualifier=rng.choice(QUALIFIERS),
            kind=rng.choice(KINDS),
            scope=rng.choice(SCOPES) if rng.random() < 0.5 else None,
            places=(place,),
            comparison=comparison,
            date=f"{year}-{month:02d}-{day:02d}",
            source=rng.choice(OUTLETS),
            quote=f"forces have liberated {km2:,.0f} square kilometres around {place.name}, "
                  "the spokesman said on Tuesday, adding that operations continue",
        ))
    return claims


# --------------------------------------------------------------------- one measurement

def _rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def measure_one(stage: str, n: int, out_dir: Path) -> dict:
    """Run ``stage`` on ``n`` claims in this process; CPU, wall, peak RSS, output size."""
    from contested.gazetteer import default_gazetteer
    from contested.resolution import resolve_claims

    claims = synthetic_claims(n)
    names = [claim.places[0].name for claim in claims]
    gazetteer = default_gazetteer()
    resolved = resolve_claims(claims, gazetteer=gazetteer) if stage != "resolve_many" else None
    # Warm up on ten claims (imports, shipped boundaries, caches), so that what is measured
    # is what the claims cost.
    if stage == "resolve_many":
        gazetteer.resolve_many(["Amman", "Beirut"])  # the index loaded, none of these names
    else:
        warm = resolve_claims(claims[:10], gazetteer=gazetteer)
        STAGE_RUNNERS[stage](warm, names[:10], out_dir / "warm", 10)
    baseline_mb = _rss_mb()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    extra = STAGE_RUNNERS[stage](resolved, names, out_dir, n)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"stage": stage, "n": n, "cpu_s": cpu, "wall_s": wall, "peak_rss_mb": peak_mb,
            "baseline_rss_mb": baseline_mb, **extra}


def _run_map(resolved, names, out_dir: Path, n: int) -> dict:
    from contested import maps
    from contested.checks import run_checks

    findings = run_checks(resolved, rules=("units", "comparison", "containment"))
    path = maps.save(maps.render(resolved, findings, title=f"{n:,} claims"),
                     out_dir / f"map_{n}.html")
    return {"bytes": path.stat().st_size, "path": str(path)}


def _run_export(resolved, names, out_dir: Path, n: int) -> dict:
    from contested.geo.gis_export import export

    path = export(resolved, out_dir / f"claims_{n}.gpkg")
    return {"bytes": path.stat().st_size, "path": str(path)}


def _run_check(resolved, names, out_dir: Path, n: int) -> dict:
    from contested.checks import run_checks

    return {"findings": len(run_checks(resolved))}


def _run_resolve_many(resolved, names, out_dir: Path, n: int) -> dict:
    from contested.gazetteer import default_gazetteer

    answers = default_gazetteer().resolve_many(names)
    return {"resolved": sum(1 for a in answers if not isinstance(a, Exception))}


STAGE_RUNNERS = {"map": _run_map, "export": _run_export, "check": _run_check,
                 "resolve_many": _run_resolve_many}


# --------------------------------------------------------------------- the table

def exponent(rows: list[dict]) -> float | None:
    """Log-log slope of CPU seconds over the three largest sizes measured."""
    points = [(math.log(r["n"]), math.log(max(r["cpu_s"], 1e-3))) for r in rows][-3:]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var


def run_child(stage: str, n: int, out_dir: Path) -> dict:
    command = [sys.executable, __file__, "--one", stage, "--n", str(n), "--out", str(out_dir)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return {"stage": stage, "n": n, "error": result.stderr.strip().splitlines()[-1:]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def first_frame(path: Path, timeout_ms: int = 600_000) -> dict:
    """Seconds from navigation to the first frame after load, console errors, in Chromium."""
    sys.path.insert(0, str(REPO / "tests"))
    from browser import PageRecord, chromium, open_page

    with chromium() as browser:
        record = PageRecord()
        page = open_page(browser, record)
        page.set_default_timeout(timeout_ms)
        started = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load", timeout=timeout_ms)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(0)))")
        seconds = time.perf_counter() - started
        shapes = page.locator("path.leaflet-interactive").count()
        page.close()
    remote = [u for u in record.requests if not u.startswith(("file:", "data:"))]
    return {"first_frame_s": seconds, "shapes": shapes, "console_errors": record.console_errors,
            "requests_out": len(remote)}


def disk_area_error(path: Path) -> float:
    """Largest relative error of the exported disks' geodesic areas against the claims."""
    import numpy as np
    import pyogrio

    from contested.geo.area import geodesic_area_km2

    disks = pyogrio.read_dataframe(path, layer="disks", columns=["claimed_km2"])
    areas = geodesic_area_km2(disks.geometry.values)
    return float(np.max(np.abs(areas / disks["claimed_km2"].to_numpy() - 1)))


def report(rows: list[dict], out_dir: Path, sizes: list[int]) -> None:
    print(f"uptime: {os.popen('uptime').read().strip()}")
    print(f"{'stage':<13}{'claims':>9}{'CPU s':>10}{'wall s':>9}{'peak MB':>9}{'output':>12}")
    by_stage: dict[str, list[dict]] = {}
    for row in rows:
        by_stage.setdefault(row["stage"], []).append(row)
        if "error" in row or "skipped" in row:
            print(f"{row['stage']:<13}{row['n']:>9,}  {row.get('skipped') or row['error']}")
            continue
        size = f"{row['bytes'] / 1e6:,.1f} MB" if "bytes" in row else ""
        print(f"{row['stage']:<13}{row['n']:>9,}{row['cpu_s']:>10.2f}{row['wall_s']:>9.2f}"
              f"{row['peak_rss_mb']:>9.0f}{size:>12}")
    for stage, stage_rows in by_stage.items():
        measured = [r for r in stage_rows if "cpu_s" in r]
        slope = exponent(measured)
        if slope is not None:
            first = measured[-3:][0]["n"]
            print(f"growth exponent of {stage} (CPU, {first:,}–{measured[-1]['n']:,} claims): "
                  f"{slope:.2f}")
    for row in by_stage.get("export", []):
        if "cpu_s" in row and row["n"] >= 1000:
            per_claim = (row["peak_rss_mb"] - row["baseline_rss_mb"]) * 1024 / row["n"]
            print(f"export {row['n']:,}: {per_claim:.2f} kB of memory per claim above the "
                  f"loaded claims; GeoPackage {row['bytes'] / 1e6:,.1f} MB; largest disk "
                  f"area error {disk_area_error(Path(row['path'])) * 100:.4f}%")
    for row in by_stage.get("map", []):
        if "cpu_s" in row and row["n"] >= 10_000:
            frame = first_frame(Path(row["path"]))
            print(f"map {row['n']:,}: {row['bytes'] / 1e6:,.1f} MB; first frame "
                  f"{frame['first_frame_s']:.2f} s in headless Chromium; {frame['shapes']:,} "
                  f"shapes; console errors {len(frame['console_errors'])}; requests out "
                  f"{frame['requests_out']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10,100,1000,10000,100000")
    parser.add_argument("--stages", default=",".join(STAGES))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--budget", type=float, default=600.0,
                        help="skip a size whose projected wall time exceeds this (s)")
    parser.add_argument("--one", choices=STAGES, help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    out_dir = args.out or Path(tempfile.mkdtemp(prefix="bench_scale."))
    out_dir.mkdir(parents=True, exist_ok=True)
    if args.one:
        (out_dir / "warm").mkdir(exist_ok=True)
        print(json.dumps(measure_one(args.one, args.n, out_dir)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    for stage in args.stages.split(","):
        measured: list[dict] = []
        for n in sizes:
            if measured:
                # The growth seen so far (between 1 and 2), projected to this size.
                slope = exponent(measured[-2:]) if len(measured) >= 2 else 1.0
                slope = min(max(slope or 1.0, 1.0), 2.0)
                projected = measured[-1]["wall_s"] * (n / measured[-1]["n"]) ** slope
                if projected > args.budget:
                    rows.append({"stage": stage, "n": n,
                                 "skipped": f"skipped: projected {projected:,.0f} s "
                                            f"> budget {args.budget:,.0f} s"})
                    continue
            row = run_child(stage, n, out_dir)
            rows.append(row)
            if "wall_s" in row:
                measured.append(row)
            print(json.dumps(row), file=sys.stderr)
    report(rows, out_dir, sizes)
    print(f"outputs in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
