"""Messages whose numbers match the README and say what happened, and a places.jsonl with
one row per place and the names documents wrote for it."""

from __future__ import annotations

import json

from contested.checks import Tolerances, check_containment, check_units
from contested.claims.model import Claim, Stated
from contested.claims.scope import Scope, ScopeUnit


def _units_message(first: Stated, other: Stated) -> str:
    (finding,) = check_units([Claim(id="c", stated=(first, other))], Tolerances())
    return finding.message


def test_units_message_shows_the_readme_tolerance():
    exact = _units_message(Stated(100.37, "km2", 100.37), Stated(38.753, "sq mi", 100.37))
    assert exact.endswith("0.00% apart, within the 2% units tolerance")  # was "within 5%"
    widened = _units_message(Stated(150, "sq mi", 388.5), Stated(400, "km2", 400.0))
    # The rounding of a figure as written widens it; the message says so and by how much.
    assert "2.88% apart, within 5.0%: the 2% units tolerance widened for the rounding of 400" \
        in widened


def _containment(claimed_km2: float, unit_km2: float):
    unit = ScopeUnit("unit:X", "Al-Anbar", "admin1", "IQ", "IRQ-3471")
    claim = Claim(id="c", stated=(Stated(claimed_km2, "km2", claimed_km2),), scope="Anbar")
    (finding,) = check_containment([claim], Tolerances(), lambda text: Scope(text, (unit,)),
                                   lambda u: (unit_km2, f"{u.name} {unit_km2:,.0f} km²"))
    return finding


def test_containment_says_by_how_much_a_claim_exceeds_its_unit():
    fits = _containment(40000, 100000)
    assert fits.verdict == "consistent" and "40.0% of it, it fits" in fits.message
    tolerated = _containment(103900, 100000)  # the report used to say it "fits"
    assert tolerated.verdict == "consistent"
    assert "exceeds the unit by 3.9%, within the 10% tolerance" in tolerated.message
    beyond = _containment(167000, 100000)
    assert beyond.verdict == "inconsistent"
    assert "exceeds the unit by 67%, beyond the 10% tolerance" in beyond.message


def test_places_jsonl_has_one_row_per_place_with_names_documents_wrote(tmp_path, seeds_dir):
    from contested.pipeline import run_pipeline

    run_pipeline(sorted(seeds_dir.glob("*.txt")), tmp_path / "out")
    rows = [json.loads(line) for line in (tmp_path / "out" / "places.jsonl").open()]
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))  # Iraq was listed as "Iraq" and again as "country:IQ"
    assert all(row["query"] != row["id"] for row in rows)
    iraq = next(row for row in rows if row["id"] == "country:IQ")
    assert iraq["query"] == "Iraq" and "country:IQ" not in iraq["queries"]
