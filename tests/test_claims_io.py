"""Claims files: YAML, CSV, JSON Lines, GeoJSON; errors name file, line and field."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contested.claims.claim_files import PLACE_NAMES, load_claims, save_claims
from contested.claims.model import KINDS, QUALIFIERS, Claim, Comparison, Stated, Tally
from contested.core.exceptions import ClaimsFileError
from contested.gazetteer.place import Place

EXAMPLE = Path(__file__).resolve().parents[1] / "contested" / "data" / "example_claims.yaml"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bundled_example_loads_with_readable_ids_and_no_quotes():
    claims = load_claims(EXAMPLE)
    assert len(claims) == 11
    by_id = {claim.id: claim for claim in claims}
    miles = by_id["epochtimes-2017-09-22:1"]
    assert (miles.value, miles.unit, miles.qualifier) == (15800, "sq mi", "close to")
    assert miles.km2 == pytest.approx(40921.8, rel=1e-5)
    assert by_id["ina-2020-11-15:1"].km2 == 110_000  # "(110) thousand square kilometers"
    assert by_id["ina-2020-11-15:1"].comparison.reference == ("Sweden", "Virginia")
    assert by_id["dodnews-2017-02-15:1"].since == "2016-11-05"
    assert all(claim.quote is None and claim.source and claim.date for claim in claims)
    assert "seed 000_04d904eda5a7a569.txt" in by_id["gulftimes-2017-09:1"].source


def test_example_covers_every_seed_figure(seed_claims):
    figures = {claim.km2 for claim in load_claims(EXAMPLE) if claim.km2}
    for seed in seed_claims["seeds"].values():
        for claim in seed["claims"]:
            if "km2" in claim:
                assert any(math.isclose(claim["km2"], km2, rel_tol=5e-3) for km2 in figures)


def test_yaml_list_without_ids_gets_filename_and_order(tmp_path):
    path = write(tmp_path, "notes.yaml", "- {km2: 100}\n- {area: about 5 square miles}\n")
    first, second = load_claims(path)
    assert (first.id, second.id) == ("notes.yaml:1", "notes.yaml:2")
    assert second.qualifier == "about" and second.unit == "sq mi"


@pytest.mark.parametrize(
    ("area", "value", "unit", "km2", "qualifier"),
    [
        ("more than 41,000 sq km", 41_000, "km2", 41_000, "more than"),
        ("15,800 square miles", 15_800, "sq mi", 40_921.81, None),
        ("(110) thousand square kilometers", 110_000, "km2", 110_000, None),
        ("nearly 2.3mn hectares", 2_300_000, "ha", 23_000, "nearly"),
        ("up to 500 acres", 500, "acre", 2.0234, "up to"),
        ("4,000 dunams", 4000, "dunam", 4.0, None),
    ],
)
def test_area_strings_are_parsed(tmp_path, area, value, unit, km2, qualifier):
    path = write(tmp_path, "a.yaml", f"claims:\n  - area: {json.dumps(area)}\n")
    (claim,) = load_claims(path)
    assert (claim.value, claim.unit, claim.qualifier) == (value, unit, qualifier)
    assert claim.km2 == pytest.approx(km2, rel=1e-4)


def test_range_keeps_its_upper_end(tmp_path):
    path = write(tmp_path, "r.yaml", "- area: between 3,000 and 4,000 sq km\n")
    (claim,) = load_claims(path)
    assert (claim.value, claim.stated[0].value_max) == (3000, 4000)


def test_value_and_unit_in_any_spelling(tmp_path):
    path = write(
        tmp_path, "u.csv",
        "id,value,unit,qualifier,kind,places\n"
        "a,\"41,000\",square kilometres,over,liberated,Mosul; Hawija\n",
    )
    (claim,) = load_claims(path)
    assert (claim.value, claim.unit, claim.qualifier) == (41_000, "km2", "more than")
    assert claim.extra[PLACE_NAMES] == ["Mosul", "Hawija"]


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        ("km2: -5", "km2", "positive"),
        ("km2: 0", "km2", "positive"),
        ("km2: .nan", "km2", "finite"),
        ("km2: 6.0e8", "km2", "surface of the Earth"),
        ("{value: 5, unit: furlongs}", "unit", "furlongs"),
        ("{value: 5}", "unit", "no unit"),
        ("{km2: 5, kind: conquered}", "kind", "conquered"),
        ("{km2: 5, qualifier: perhaps}", "qualifier", "perhaps"),
        ("{area: lots of land}", "area", "no number"),
        ("{value: 100, unit: sq mi, km2: 100}", "km2", "does not match"),
        ("{km2: 5, comparison: {factor: 2}}", "comparison.reference", "name"),
    ],
)
def test_bad_yaml_item_names_file_line_and_field(tmp_path, row, field, message):
    path = write(tmp_path, "bad.yaml", f"claims:\n  - km2: 10\n  - {row}\n")
    with pytest.raises(ClaimsFileError, match=message) as caught:
        load_claims(path)
    error = caught.value
    assert (error.source, error.line, error.field) == (str(path), 3, field)
    assert "bad.yaml, line 3" in str(error)


def test_yaml_field_error_points_at_the_field_line(tmp_path):
    path = write(tmp_path, "f.yaml", "- id: x\n  km2: 10\n  kind: oops\n")
    with pytest.raises(ClaimsFileError) as caught:
        load_claims(path)
    assert (caught.value.line, caught.value.field) == (3, "kind")


def test_csv_error_names_the_physical_line_after_a_multiline_cell(tmp_path):
    path = write(
        tmp_path, "c.csv",
        'id,km2,quote\na,10,"two\nlines"\nb,-1,x\n',
    )
    with pytest.raises(ClaimsFileError) as caught:
        load_claims(path)
    assert (caught.value.line, caught.value.field) == (4, "km2")


def test_jsonl_error_names_the_line(tmp_path):
    path = write(tmp_path, "c.jsonl", '{"km2": 1}\n\n{"km2": "x"}\n')
    with pytest.raises(ClaimsFileError) as caught:
        load_claims(path)
    assert (caught.value.line, caught.value.field) == (3, "km2")


def test_nothing_is_returned_half_loaded(tmp_path):
    good = write(tmp_path, "good.yaml", "- km2: 1\n")
    bad = write(tmp_path, "bad.jsonl", '{"km2": 1}\n{"km2": -1}\n')
    with pytest.raises(ClaimsFileError):
        load_claims([good, bad])


def test_duplicate_ids_are_an_error(tmp_path):
    path = write(tmp_path, "d.yaml", "- {id: a, km2: 1}\n- {id: a, km2: 2}\n")
    with pytest.raises(ClaimsFileError, match="duplicate"):
        load_claims(path)


def test_geojson_point_gives_the_place(tmp_path):
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [43.13, 36.34]},
                "properties": {"km2": 12.5, "scope": "Mosul", "comparison_reference": "Malta"},
            }
        ],
    }
    path = write(tmp_path, "p.geojson", json.dumps(collection))
    (claim,) = load_claims(path)
    assert claim.id == "p.geojson:1"
    assert (claim.places[0].lon, claim.places[0].lat) == (43.13, 36.34)
    assert claim.comparison.reference == ("Malta",)


def test_extract_json_output_loads_as_json_lines(tmp_path):
    claim = Claim(id="x", stated=(Stated(193, "sq mi", 499.87),), kind="liberated")
    path = write(tmp_path, "e.jsonl", json.dumps(claim.to_dict()) + "\n")
    assert load_claims(path) == [claim]


def test_unknown_extension_is_refused(tmp_path):
    with pytest.raises(ClaimsFileError, match="unknown claims file type"):
        load_claims(write(tmp_path, "x.docx", ""))


def test_text_file_goes_through_extraction(tmp_path):
    path = write(tmp_path, "a.txt", "They liberated more than 3,900 square kilometers.\n")
    claims = load_claims(path)
    assert claims and claims[0].km2 == 3900


# --- round trip ---------------------------------------------------------------------------

text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\u2028\u2029"),
    min_size=1, max_size=30,
).filter(lambda s: s.strip() == s and s)
numbers = st.floats(min_value=1e-3, max_value=1e6, allow_nan=False)
units = st.sampled_from(["km2", "sq mi", "ha", "acre", "m2", "dunam"])


@st.composite
def stated_figures(draw) -> Stated:
    from contested.claims.units import to_km2

    value, unit = draw(numbers), draw(units)
    value_max = draw(st.none() | st.floats(min_value=1, max_value=10).map(lambda f: value * f))
    return Stated(value, unit, to_km2(value, unit), value_max)


places = st.builds(
    Place,
    query=text, name=text,
    lat=st.just(None), lon=st.just(None),  # both or neither: see coordinates below
    country=st.none() | st.sampled_from(["IQ", "SY"]), admin1=st.none() | text,
    kind=st.sampled_from(["city", "governorate", "country"]), id=text,
    score=st.integers(0, 10_000).map(lambda n: n / 10_000),
    precision=st.sampled_from(["point", "admin1"]),
    admin1_id=st.none() | text, qualifier=st.none() | st.sampled_from(["west", "north"]),
)
# A place object gives both coordinates or neither (a lone lat is refused on reading).
places = places | st.builds(
    lambda place, lat, lon: dataclasses.replace(place, lat=lat, lon=lon),
    places, st.floats(-89, 89), st.floats(-179, 179))
comparisons = st.builds(
    Comparison,
    reference=st.lists(text.filter(lambda s: not s.startswith(("[", "{"))), min_size=1,
                       max_size=2).map(tuple),
    factor=st.none() | numbers, qualifier=st.none() | st.sampled_from(QUALIFIERS),
    stated_reference_km2=st.none() | numbers,
)
tallies = st.builds(
    Tally, total=st.integers(0, 10**9),
    parts=st.lists(st.integers(0, 10**9), min_size=2, max_size=4).map(tuple),
    noun=st.sampled_from(["townships", "villages", "districts", "oblasts"]),
)


@st.composite
def claims(draw) -> Claim:
    names = draw(st.lists(text.filter(lambda s: not s.startswith(("[", "{"))), max_size=2))
    return Claim(
        id=draw(text),
        quote=draw(st.none() | text),
        start=draw(st.none() | st.integers(0, 10_000)),
        end=draw(st.none() | st.integers(0, 10_000)),
        stated=tuple(draw(st.lists(stated_figures(), max_size=2))),
        qualifier=draw(st.none() | st.sampled_from(QUALIFIERS)),
        kind=draw(st.none() | st.sampled_from(KINDS)),
        scope=draw(st.none() | text),
        places=tuple(draw(st.lists(places, max_size=2))),
        percent=draw(st.none() | st.floats(0, 100)),
        of_total_km2=draw(st.none() | numbers),
        population=draw(st.none() | st.integers(0, 10**8)),
        comparison=draw(st.none() | comparisons),
        date=draw(st.none() | st.sampled_from(["2017", "2017-09", "2017-09-22"])),
        source=draw(st.none() | text),
        speaker=draw(st.none() | text),
        since=draw(st.none() | st.just("2016-11-05")),
        period=draw(st.none() | st.just("2016")),
        tally=draw(st.none() | tallies),
        extra={PLACE_NAMES: names} if names else {},
    )


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".jsonl", ".geojson"])
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=st.lists(claims(), min_size=1, max_size=4, unique_by=lambda c: c.id))
def test_save_then_load_gives_the_same_claims(tmp_path, suffix, batch):
    path = tmp_path / f"round{suffix}"
    save_claims(batch, path)
    back = load_claims(path)
    assert back == batch
    assert [c.extra for c in back] == [c.extra for c in batch]


@pytest.mark.parametrize("suffix", [".yaml", ".jsonl", ".json", ".geojson", ".csv"])
def test_reading_fields_round_trip_in_every_format(tmp_path, suffix):
    claim = Claim(
        id="doc:1",
        percent=17.0,
        percent_max=20.0,
        of_total="Iraq",
        kind="held",
        date="2016-12-20",
        ref_date="2016-12",
        actor="ISIS",
        unit_note="'kilometers' read as km²",
        scope_note="scope implied from the document",
        linked=("doc:2", "doc:3"),
        document="doc",
        tally=Tally(212, (120, 80), "villages"),
    )
    path = tmp_path / f"fields{suffix}"
    save_claims([claim], path)
    (loaded,) = load_claims(path)
    for name in ("percent", "percent_max", "of_total", "kind", "date", "ref_date", "actor",
                 "unit_note", "scope_note", "linked", "document", "tally"):
        assert getattr(loaded, name) == getattr(claim, name), name
