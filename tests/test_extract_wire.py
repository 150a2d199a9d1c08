"""contested.claims.extract on wire-style sentences it was not tuned on
(tests/data/wire_sentences.yaml):
every entry's claims come out, in order, with the fields the entry pins, and nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from contested.claims.extract import extract_claims

WIRE = Path(__file__).parent / "data" / "wire_sentences.yaml"
ENTRIES = [e for e in yaml.safe_load(WIRE.read_text(encoding="utf-8")) if "text" in e]
_SCALARS = ("value", "unit", "value_max", "qualifier", "scope", "percent", "of_total_km2",
            "population", "date", "since", "period")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _problems(claim, expected: dict) -> list[str]:
    """What differs between an extracted claim and its expected fields (empty: it matches)."""
    problems = []
    if expected.get("figure") is False and claim.stated:
        problems.append(f"has a figure {claim.km2} km², expected none")
    if "km2" in expected and (
        claim.km2 is None or abs(claim.km2 - expected["km2"]) > 0.005 * expected["km2"]
    ):
        problems.append(f"km2 {claim.km2} != {expected['km2']}")
    if "units" in expected and [s.unit for s in claim.stated] != expected["units"]:
        problems.append(f"units {[s.unit for s in claim.stated]} != {expected['units']}")
    if "value_max" in expected:
        value_max = claim.stated[0].value_max if claim.stated else None
        if value_max != expected["value_max"]:
            problems.append(f"value_max {value_max} != {expected['value_max']}")
    for key in _SCALARS:
        if key in expected and key != "value_max":
            # "date" in the fixture is the date the figure holds at: the date its own words
            # give (ref_date), else the article's (date).
            got, want = getattr(claim, "as_of" if key == "date" else key), expected[key]
            if key in ("date", "since", "period"):
                got, want = _text(got), _text(want)
            if got != want:
                problems.append(f"{key} {got!r} != {want!r}")
    for key in ("kind", "speaker"):
        if key in expected:
            allowed = expected[key] if isinstance(expected[key], list) else [expected[key]]
            if getattr(claim, key) not in allowed:
                problems.append(f"{key} {getattr(claim, key)!r} not in {allowed!r}")
    if "comparison" in expected:
        want = expected["comparison"]
        got = claim.comparison
        if want is None:
            if got is not None:
                problems.append(f"comparison {got.reference} present, expected none")
        elif got is None:
            problems.append("no comparison")
        else:
            names = want["reference"] if isinstance(want["reference"], list) else [
                want["reference"]]
            if list(got.reference) != names:
                problems.append(f"comparison reference {got.reference} != {names}")
            if "factor" in want and (got.factor or 1.0) != pytest.approx(want["factor"]):
                problems.append(f"comparison factor {got.factor} != {want['factor']}")
            if "qualifier" in want and got.qualifier != want["qualifier"]:
                problems.append(f"comparison qualifier {got.qualifier} != {want['qualifier']}")
    return problems


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["id"] for e in ENTRIES])
def test_wire_sentence_is_read_right(entry: dict, gazetteer) -> None:
    text = entry["text"]
    date = _text(entry.get("date"))
    claims = extract_claims(text, source="wire.txt", date=date, gazetteer=gazetteer)
    for claim in claims:
        assert text[claim.start:claim.end] == claim.quote
        for field in ("date", "since"):
            value = getattr(claim, field)
            assert value is None or value[:4].isdigit(), f"malformed {field} {value!r}"
    expected = entry["claims"]
    assert len(claims) == len(expected), [(c.quote, c.km2, c.kind) for c in claims]
    report = {
        index: problems
        for index, (claim, want) in enumerate(zip(claims, expected, strict=True))
        if (problems := _problems(claim, want))
    }
    assert report == {}


@pytest.mark.parametrize(
    ("segment", "article", "expected"),
    [
        ("shrank to 3,000 sq km in June", None, {"date": None}),
        ("shrank to 3,000 sq km in June", "2017-07-06", {"date": "2017-06"}),
        ("held 3,000 sq km in November", "2017-07-06", {"date": "2016-11"}),
        ("seized 900 sq km since September", None, {"since": None}),
        ("seized 900 sq km since Nov. 5", None, {"since": None}),
        ("seized 900 sq km since September", "2017-11-02", {"since": "2017-09"}),
        ("lost 62 per cent since January 2015", None, {"since": "2015-01"}),
        ("lost 3,500 sq km last month", "2017-01-10", {"period": "2016-12"}),
        ("held 65,000 sq km in mid-2016", None, {"date": "2016-07"}),
        ("held 65,000 sq km in the summer of 2014", None, {"date": "2014"}),
    ],
)
def test_dates_without_a_year_take_the_article_year_or_stay_none(segment, article, expected):
    from contested.claims.extract.dates import claim_time

    got = claim_time(segment, article)
    assert {key: got[key] for key in expected} == expected
