"""Every claim the analyst read out of the five seed articles comes out of
contested.claims.extract."""

from __future__ import annotations

import pytest

from contested.claims.extract import extract_claims


def _matches(claim, expected: dict) -> bool:
    if "km2" in expected:
        if claim.km2 is None or abs(claim.km2 - expected["km2"]) > 0.005 * expected["km2"]:
            return False
        if (claim.value, claim.unit) != (expected["value"], expected["unit"]):
            return False
    elif claim.comparison is None or claim.km2 is not None:
        return False
    for key in ("kind", "scope", "qualifier", "population", "percent", "of_total_km2", "since"):
        if key in expected and getattr(claim, key) != expected[key]:
            if key in ("since",) and str(getattr(claim, key)) == str(expected[key]):
                continue
            return False
    if "comparison" in expected:
        reference = expected["comparison"]["reference"]
        names = (reference,) if isinstance(reference, str) else tuple(reference)
        if claim.comparison is None or claim.comparison.reference != names:
            return False
        factor = expected["comparison"].get("factor")
        if factor is not None and claim.comparison.factor != factor:
            return False
    return True


def test_every_seed_claim_is_extracted(seeds_dir, seed_claims, gazetteer) -> None:
    missed = []
    for name, entry in seed_claims["seeds"].items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        claims = extract_claims(text, source=name, gazetteer=gazetteer)
        for claim in claims:
            assert text[claim.start:claim.end] == claim.quote
        for expected in entry["claims"]:
            if not any(_matches(c, expected) for c in claims):
                missed.append((name, expected["quote"]))
    assert missed == []


def test_seeds_yield_no_spurious_area_claim(seeds_dir, seed_claims, gazetteer) -> None:
    for name, entry in seed_claims["seeds"].items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        with_figures = [c for c in extract_claims(text, source=name, gazetteer=gazetteer)
                        if c.km2 is not None]
        expected = [e for e in entry["claims"] if "km2" in e]
        assert sorted(c.km2 for c in with_figures) == pytest.approx(
            sorted(e["km2"] for e in expected), rel=0.005
        ), name


def test_seed_claims_have_places_and_the_seed_speaker(seeds_dir, seed_claims, gazetteer) -> None:
    for name, entry in seed_claims["seeds"].items():
        text = (seeds_dir / name).read_text(encoding="utf-8")
        claims = [c for c in extract_claims(text, source=name, gazetteer=gazetteer)
                  if c.km2 is not None or c.comparison is not None]
        for claim in claims:
            assert claim.places, (name, claim.quote)
            # Size-comparison references are never where a claim is.
            references = set(claim.comparison.reference) if claim.comparison else set()
            assert not references & {p.name for p in claim.places}, (name, claim.quote)
            # seed_claims.yaml gives one speaker per seed: "CENTCOM (Capt. Bill Urban; …)".
            assert claim.speaker is not None and claim.speaker.split(" (")[0] in entry["speaker"]


def test_seed_dates_come_only_from_the_text(seeds_dir, seed_claims) -> None:
    from contested.claims.extract.dates import article_date

    for name, entry in seed_claims["seeds"].items():
        found = article_date((seeds_dir / name).read_text(encoding="utf-8"))
        # 000 and 002 carry no dateline: the analyst's month comes from elsewhere.
        assert found is None or found.startswith(str(entry["date"])), name
