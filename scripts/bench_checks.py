"""Benchmark: run every check, the ledger and cross-source included, over N synthetic claims.

    python scripts/bench_checks.py            # 10,000 claims
    python scripts/bench_checks.py -n 100000 --seed 7
    python scripts/bench_checks.py --growth   # 10k, 30k, 100k: the growth exponent

Claims are random but shaped like the real ones: a few hundred documents, liberated/held/
peak figures for Iraq, Syria, governorates and towns over 2014–2019, some figures given
twice, some percentages of a total, some size comparisons. Prints the time per rule and in
all (the gazetteer index is loaded before timing; building it is a one-off per machine).
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import Counter
from datetime import date, timedelta

from contested.checks import RULES, Tolerances, run_checks
from contested.claims.model import Claim, Comparison, Stated
from contested.claims.units import to_km2
from contested.gazetteer import default_gazetteer
from contested.resolution import resolve_claims

SCOPES = ["Iraq", "Syria", "Iraq and Syria", "Anbar", "Nineveh", "Raqqa",
          "Dayr Az Zawr province", "western Anbar", "Middle Euphrates River Valley", None]
KINDS = ["liberated"] * 4 + ["lost"] + ["held"] * 3 + ["remaining"] + ["peak_held"]
ACTORS = ["ISIS", "Daesh", "Islamic State", None, None, "Peshmerga"]
REFERENCES = ["Sweden", "the UK", "Belgium", "Lebanon", "Washington, DC", "New Jersey",
              "Texas", "Jordan", "Virginia"]
QUALIFIERS = [None, None, "about", "more than", "nearly", "up to", "close to"]


def synthetic_claims(count: int, rng: random.Random) -> list[Claim]:
    start = date(2014, 6, 1)
    claims = []
    for number in range(count):
        document = f"doc{rng.randrange(max(1, count // 30)):05d}.txt"
        kind = rng.choice(KINDS)
        km2 = round(rng.lognormvariate(9.5, 1.2), -1) or 10.0
        stated = [Stated(km2, "km2", km2)]
        if rng.random() < 0.15:  # the figure again in square miles, sometimes wrong
            miles = round(km2 / 2.589988110336 * rng.choice([1, 1, 1, 1.61]), -1) or 10.0
            stated.append(Stated(miles, "sq mi", to_km2(miles, "sq mi")))
        percent = of_total_km2 = of_total = None
        if rng.random() < 0.1:
            of_total_km2 = 110000.0
            percent = round(km2 / of_total_km2 * 100 * rng.choice([1, 1, 1.3]), 1)
        elif rng.random() < 0.1:  # a percent-only claim: of a country, or of its peak
            stated = []
            percent = round(rng.uniform(1, 95), 1)
            of_total = rng.choice(["Iraq", "Syria", "the territory it once held"])
        comparison = None
        if rng.random() < 0.1:
            comparison = Comparison((rng.choice(REFERENCES),), rng.choice([None, 2, 0.5, 10]))
        claims.append(Claim(
            id=f"{document}:{number}",
            stated=tuple(stated),
            qualifier=rng.choice(QUALIFIERS),
            kind=kind,
            scope=rng.choice(SCOPES),
            percent=percent,
            of_total_km2=of_total_km2,
            of_total=of_total,
            actor=rng.choice(ACTORS),
            comparison=comparison,
            date=(start + timedelta(days=rng.randrange(5 * 365))).isoformat()
            if rng.random() < 0.9 else None,
            source=document,
            start=number * 100,
        ))
    return claims


def timed(claims: list[Claim], resolved_once: bool = True) -> tuple[float, float, int]:
    """(wall s, CPU s, findings) of every rule over ``claims``, resolution excluded."""
    resolved = resolve_claims(claims, gazetteer=default_gazetteer())
    wall, cpu = time.perf_counter(), time.process_time()
    findings = run_checks(resolved, Tolerances())
    return time.perf_counter() - wall, time.process_time() - cpu, len(findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--claims", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--growth", action="store_true",
                        help="time 10k, 30k and 100k claims and print the growth exponent")
    args = parser.parse_args()
    default_gazetteer()  # the index is built or loaded before timing
    if args.growth:
        sizes = [10_000, 30_000, 100_000]
        times = [timed(synthetic_claims(n, random.Random(args.seed)))[1] for n in sizes]
        for n, cpu in zip(sizes, times, strict=True):
            print(f"{n:>8,} claims  {cpu:7.3f} CPU s")
        exponent = math.log(times[-1] / times[0]) / math.log(sizes[-1] / sizes[0])
        print(f"growth exponent (CPU, 10k→100k): {exponent:.2f}")
        return

    claims = synthetic_claims(args.claims, random.Random(args.seed))
    resolved = resolve_claims(claims, gazetteer=default_gazetteer())
    tolerances = Tolerances()
    findings = []
    total, cpu = time.perf_counter(), time.process_time()
    for rule in RULES:
        began = time.perf_counter()
        found = run_checks(resolved, tolerances, rules=(rule,))
        print(f"{rule:17s} {time.perf_counter() - began:7.3f} s  {len(found):6d} findings")
        findings.extend(found)
    elapsed, cpu = time.perf_counter() - total, time.process_time() - cpu
    verdicts = Counter(f.verdict for f in findings)
    print(f"{'all rules':17s} {elapsed:7.3f} s  {len(findings):6d} findings "
          f"for {len(claims):,} claims ({dict(verdicts)})")
    # On a shared machine wall time varies; CPU time is what the checks cost.
    print(f"{'CPU time':17s} {cpu:7.3f} s   (each rule builds the ledger again: the sum "
          "overstates one run; see --growth for all rules at once)")


if __name__ == "__main__":
    main()
