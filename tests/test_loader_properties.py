"""Property-based tests of the claims loaders and the unit names (issue 7, item 5).

Whatever bytes a claims file holds, loading it either gives claims or raises an InputError
that names the file: never another exception. Claims written by ``save_claims`` load back
to the same figures, whatever text they carry (Arabic, quotes, ``<script>``, newlines).
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contested.claims.claim_files import load_claims, save_claims
from contested.claims.model import Claim, Stated
from contested.claims.units import KM2_PER_UNIT, UNIT_ALIASES, canonical_unit, from_km2, to_km2
from contested.core.exceptions import InputError

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
STRUCTURED = (".yaml", ".csv", ".jsonl", ".json", ".geojson")

# Characters that break naive writers: quotes, separators, markup, newlines, Arabic, NUL.
hostile_text = st.text(
    alphabet=st.sampled_from(
        list(string.ascii_letters + string.digits + " ,;:\"'#-{}[]<>&\\/\t\n\r|")
        + list("الحويجةḨ‘’“”—\u2028\u00a0")
    ),
    max_size=40,
)


@SETTINGS
@given(suffix=st.sampled_from(STRUCTURED), content=st.binary(max_size=300))
def test_any_bytes_load_or_fail_with_an_input_error_naming_the_file(
    tmp_path: Path, suffix: str, content: bytes
) -> None:
    path = tmp_path / f"claims{suffix}"
    path.write_bytes(content)
    try:
        claims = load_claims(path)
    except InputError as error:
        assert str(path) in str(error)
    else:
        assert all(isinstance(claim, Claim) for claim in claims)


@SETTINGS
@given(
    suffix=st.sampled_from(STRUCTURED),
    content=st.lists(
        st.sampled_from(list("abc:-[]{}\",'\n #01.5") + ["value", "unit", "km2", "id", "sq mi"]),
        max_size=60,
    ).map("".join),
)
def test_structured_noise_loads_or_fails_with_an_input_error(
    tmp_path: Path, suffix: str, content: str
) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_text(content, encoding="utf-8")
    try:
        load_claims(path)
    except InputError as error:
        assert path.name in str(error)


claims_strategy = st.lists(
    st.builds(
        lambda number, value, unit, quote, source: Claim(
            id=f"c{number}",
            quote=quote or None,
            stated=(Stated(value, unit, to_km2(value, unit)),),
            source=source or None,
        ),
        number=st.integers(min_value=0, max_value=10**6),
        value=st.floats(min_value=0.5, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3)),
        unit=st.sampled_from(sorted(KM2_PER_UNIT)),
        quote=hostile_text,
        source=hostile_text,
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda claim: claim.id,
)


@SETTINGS
@given(
    suffix=st.sampled_from((".yaml", ".jsonl", ".json", ".geojson", ".csv")), claims=claims_strategy
)
def test_saved_claims_load_back_with_the_same_figures_and_text(
    tmp_path: Path, suffix: str, claims: list[Claim]
) -> None:
    path = tmp_path / f"round{suffix}"
    save_claims(claims, path)

    loaded = load_claims(path)

    def essentials(claim: Claim) -> tuple:
        figures = tuple((s.value, s.unit, pytest.approx(s.km2)) for s in claim.stated)
        return claim.id, figures, claim.quote, claim.source

    assert [essentials(c) for c in loaded] == [essentials(c) for c in claims]


@given(
    alias=st.sampled_from(sorted(UNIT_ALIASES)),
    upper=st.booleans(),
    pad=st.sampled_from(["", " ", "  ", "\u00a0", "\t"]),
)
def test_every_unit_spelling_is_read_in_any_case_and_padding(
    alias: str, upper: bool, pad: str
) -> None:
    written = pad + (alias.upper() if upper else alias) + pad
    assert canonical_unit(written) == UNIT_ALIASES[alias]


@given(
    unit=st.sampled_from(sorted(KM2_PER_UNIT)),
    value=st.floats(min_value=1e-6, max_value=1e9, allow_nan=False),
)
def test_unit_conversion_round_trips(unit: str, value: float) -> None:
    assert from_km2(to_km2(value, unit), unit) == pytest.approx(value, rel=1e-12)


@given(st.text(alphabet=string.ascii_lowercase + " ", min_size=1, max_size=12))
def test_an_unknown_unit_is_an_input_error_never_a_guess(text: str) -> None:
    try:
        unit = canonical_unit(text)
    except InputError:
        return
    assert unit in KM2_PER_UNIT


@pytest.mark.parametrize("content", [b"\x00", b"a: \x01", b"- id: x\n  value: \x07\n"])
def test_a_yaml_file_with_a_control_character_is_an_input_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(content)
    with pytest.raises(InputError, match="claims.yaml"):
        load_claims(path)


def test_a_lone_carriage_return_survives_a_csv_round_trip(tmp_path: Path) -> None:
    claims = [Claim(id="c0", stated=(Stated(1.0, "km2", 1.0),), source="a\rb")]
    save_claims(claims, tmp_path / "round.csv")
    assert load_claims(tmp_path / "round.csv")[0].source == "a\rb"


@pytest.mark.parametrize("content", ["a\rb", "a\nb", "a\r\nb", "\r", "a,\"b\"\r"])
def test_line_breaks_in_a_csv_cell_survive_a_round_trip_and_rows_end_with_newline(
    tmp_path: Path, content: str
) -> None:
    claims = [
        Claim(id="c0", stated=(Stated(1.0, "km2", 1.0),), source=content),
        Claim(id="c1", stated=(Stated(2.0, "km2", 2.0),), source="after"),
    ]
    path = save_claims(claims, tmp_path / "round.csv")
    assert [c.source for c in load_claims(path)] == [content, "after"]
    assert path.read_bytes().endswith(b"after\n")


def test_a_csv_quote_never_closed_is_an_input_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "claims.csv"
    path.write_text('id,value,unit,source\na,1,km2,ok\nb,100,km2,"never closed\nc,2,km2,x\n')
    with pytest.raises(InputError, match=r"claims.csv, line 3: .*never closed"):
        load_claims(path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.yaml", ""),
        ("list.yaml", "claims: []\n"),
        ("header.csv", "id,value,unit\n"),
        ("blank.jsonl", "\n\n"),
        ("empty.geojson", '{"type": "FeatureCollection", "features": []}'),
        ("empty.json", "[]"),
    ],
)
def test_a_claims_file_with_no_claims_is_an_input_error_naming_it(
    tmp_path: Path, name: str, content: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputError, match=f"{name}: no claims in the file"):
        load_claims(path)


def test_a_10_kb_place_name_is_an_input_error_naming_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("claims:\n  - id: a\n    km2: 5\n    places: [Mosul, " + "A" * 10_240 + "]\n")
    with pytest.raises(InputError, match=r"claims.yaml, line 4, field 'places.2': place name"):
        load_claims(path)
