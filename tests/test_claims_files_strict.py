"""Claims files are read strictly: one number in one unit, no duplicate keys, no aliases, no
absurd nesting or coordinates; each refusal names the file, the line and the field."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contested.claims.claim_files import load_claims
from contested.core.exceptions import ClaimsFileError


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["41 000", "41\u00a0000", "4l000", "41000-50000",
                                     "41.000,5", "1/2", "4mn", ""])
def test_a_value_that_is_not_one_number_is_refused_naming_line_and_field(tmp_path, written):
    path = write(tmp_path, "c.yaml", f'claims:\n  - id: a\n    value: "{written}"\n'
                                     "    unit: km2\n")
    with pytest.raises(ClaimsFileError) as raised:
        load_claims(path)
    assert "line 3" in str(raised.value) and "field 'value'" in str(raised.value)


@pytest.mark.parametrize(("written", "km2"), [("41000", 41000.0), ("41,000", 41000.0),
                                              ("41,000.5", 41000.5), ("4.1e4", 41000.0)])
def test_numbers_as_files_write_them_are_read(tmp_path, written, km2):
    path = write(tmp_path, "c.csv", f'id,value,unit\na,"{written}",km2\n')
    assert load_claims(path)[0].km2 == km2


def test_yaml_aliases_are_refused_before_anything_expands(tmp_path):
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    text = "\n".join(lines) + "\nclaims:\n  - id: *a8\n    km2: 10\n"
    path = write(tmp_path, "laughs.yaml", text)
    started = time.process_time()
    with pytest.raises(ClaimsFileError, match="aliases"):
        load_claims(path)
    assert time.process_time() - started < 5  # would take minutes and gigabytes if expanded


def test_a_duplicate_yaml_key_is_refused(tmp_path):
    path = write(tmp_path, "dup.yaml", "claims:\n  - id: a\n    km2: 10\n    km2: 20\n")
    with pytest.raises(ClaimsFileError, match="duplicate key 'km2'"):
        load_claims(path)


def test_two_top_level_claims_lists_are_refused(tmp_path):
    path = write(tmp_path, "two.yaml",
                 "claims:\n  - {id: a, km2: 1}\nclaims:\n  - {id: b, km2: 2}\n")
    with pytest.raises(ClaimsFileError, match="duplicate key 'claims'"):
        load_claims(path)


@pytest.mark.parametrize("text", ["? [a]\n: 1\nclaims: []\n", "claims: []\n? {a: 1}\n: x\n"])
def test_a_list_or_mapping_as_a_top_level_key_is_refused_not_a_type_error(tmp_path, text):
    path = write(tmp_path, "key.yaml", text)
    with pytest.raises(ClaimsFileError, match="a mapping key must be a plain value"):
        load_claims(path)


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path, suffix):
    path = write(tmp_path, f"deep{suffix}", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(ClaimsFileError, match="nest"):
        load_claims(path)


@pytest.mark.parametrize("number", ["9" * 5000, "1" + "0" * 400])
def test_an_integer_of_thousands_of_digits_is_refused(tmp_path, number):
    for name, text in (("big.yaml", f"- id: a\n  km2: {number}\n"),
                       ("big.jsonl", f'{{"id": "a", "km2": {number}}}\n')):
        with pytest.raises(ClaimsFileError):
            load_claims(write(tmp_path, name, text))


@pytest.mark.parametrize("lat", [".nan", ".inf", "999", "-91"])
def test_place_coordinates_must_be_on_the_earth(tmp_path, lat):
    path = write(tmp_path, "p.yaml", "- id: a\n  km2: 10\n  places:\n"
                                     f"    - {{name: X, lat: {lat}, lon: 43}}\n")
    with pytest.raises(ClaimsFileError, match="places.1.lat"):
        load_claims(path)


@pytest.mark.parametrize("collection", [
    '{"type": "FeatureCollection", "features": 5}',
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": [1],'
    ' "geometry": null}]}',
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
    ' "geometry": "here"}]}',
    '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},'
    ' "geometry": {"type": "Point", "coordinates": 7}}]}',
])
def test_geojson_of_the_wrong_shape_is_refused_naming_the_file(tmp_path, collection):
    path = write(tmp_path, "bad.geojson", collection)
    with pytest.raises(ClaimsFileError) as raised:
        load_claims(path)
    assert str(path) in str(raised.value)


_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=12), st.dates(),
    st.sampled_from(["yes", "No", "null", "~", "1.5", ".5", "-3", "2017-09-22", "1e5", "."]),
)
_fields = st.dictionaries(st.text(min_size=1, max_size=8), st.recursive(
    _scalars, lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(min_size=1, max_size=6), children, max_size=3), max_leaves=6),
    max_size=5)


@settings(max_examples=150, deadline=None)
@given(claims=st.lists(_fields, max_size=4))
def test_the_event_reader_reads_yaml_as_pyyaml_does(claims):
    import yaml

    from contested.claims.yaml_claims import yaml_records

    text = yaml.safe_dump({"claims": claims}, allow_unicode=True)
    assert [record.data for record in yaml_records(text, "f.yaml")] == \
        yaml.safe_load(text)["claims"]
