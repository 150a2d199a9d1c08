"""The Python facade's wrong-typed calls (issue 17: 37 of 77 raised raw TypeError or
AttributeError): each raises the project's InputError, which is also a ValueError, naming the
argument; and the exceptions subclass the builtin a caller expects, exit codes kept."""

from __future__ import annotations

from pathlib import Path

import pytest

import contested
from contested.claims.claim_files import ReadOptions
from contested.core.exceptions import (
    ClaimsFileError,
    ContestedError,
    DataError,
    GeometryError,
    InputError,
    NetworkError,
    UnitError,
    UnknownPlace,
)
from contested.pipeline import RunOptions

EXAMPLE = Path(contested.__file__).parent / "data" / "example_claims.yaml"


@pytest.fixture(scope="module")
def claims():
    return contested.load_claims(EXAMPLE)[:2]


@pytest.fixture(scope="module")
def folium_map():
    import folium

    return folium.Map(tiles=None)


TEXT = "Iraqi forces retook 3,000 sq km near Mosul."
# (call, arguments: "C" = the claims fixture, "M" = a folium map, "P" = a path in tmp_path)
CALLS: list[tuple[str, tuple, dict]] = [
    ("resolve", (None,), {}), ("resolve", (5,), {}), ("resolve", (["Mosul"],), {}),
    ("resolve", (b"Mosul",), {}), ("resolve", ("",), {}), ("resolve", ("caf\udce9",), {}),
    ("resolve", ("Mosul",), {"country": 5}), ("resolve", ("Mosul",), {"kind": 5}),
    ("resolve", ("Mosul",), {"near": 5}), ("resolve", ("Mosul",), {"bogus": 1}),
    ("resolve", ("x" * 10_000,), {}),
    ("extract", (None,), {}), ("extract", (123,), {}), ("extract", (b"text",), {}),
    ("extract", (["a"],), {}), ("extract", (TEXT + "\x00",), {}),
    ("extract", (TEXT + "\udce9",), {}), ("extract", (TEXT,), {"source": 5}),
    ("extract", (TEXT,), {"date": 5}), ("extract", (TEXT,), {"date": "2017-13-45"}),
    ("extract", (TEXT,), {"date": "yesterday"}),
    ("load_claims", (None,), {}), ("load_claims", (5,), {}), ("load_claims", ([5],), {}),
    ("load_claims", ([None],), {}), ("load_claims", ("",), {}),
    ("load_claims", (b"x.yaml",), {}), ("load_claims", ("C",), {}),
    ("load_claims", ("P/missing.yaml",), {}),
    ("save_claims", (None, "P/x.yaml"), {}), ("save_claims", ("C", None), {}),
    ("save_claims", ("C", 5), {}), ("save_claims", ("C", "P/x.docx"), {}),
    ("save_claims", ("P/x.yaml", "C"), {}), ("save_claims", ([1], "P/x.yaml"), {}),
    ("save_claims", ("C", "/dev/null"), {}), ("save_claims", ("C", "P/" + "x" * 300), {}),
    ("resolve_claims", (None,), {}), ("resolve_claims", (5,), {}),
    ("resolve_claims", ("x.yaml",), {}), ("resolve_claims", ([1],), {}),
    ("check", (None,), {}), ("check", ("claims.yaml",), {}), ("check", (5,), {}),
    ("check", ([None],), {}), ("check", ("C",), {"tolerances": 0.5}),
    ("check", ("C",), {"tolerances": {"units": 0.1}}), ("check", ("C",), {"rules": "units"}),
    ("check", ("C",), {"rules": ["nope"]}), ("check", ("C",), {"rules": 5}),
    ("check", ("C",), {"rules": [5]}),
    ("layer", (None,), {}), ("layer", ("x.yaml",), {}), ("layer", ([1],), {}),
    ("export", (None, "P/x.gpkg"), {}), ("export", ("C", None), {}),
    ("export", ("C", 5), {}), ("export", ("C", "P/x.docx"), {}),
    ("export", ("C", "P/x.gpkg"), {"layer": 5}),
    ("export", ("C", "P/x.gpkg"), {"layer": "nope"}), ("export", ("P/x.gpkg", "C"), {}),
    ("export", ("C", "P/nowhere/x.gpkg"), {}),
    ("layers", (None,), {}), ("layers", ("C", 5), {}), ("layers", ("C", [1]), {}),
    ("layers", ("C",), {"bogus": 1}), ("layers", ("C",), {"references": "Virginia"}),
    ("render", (None,), {}), ("render", ("C", 5), {}), ("render", ("C",), {"title": 5}),
    ("render", ("C",), {"tiles": 5}), ("render", ("C",), {"bogus": 1}),
    ("render", ("C",), {"references": 5}), ("render", ("C",), {"offline": "yes"}),
    ("save_map", (None, "P/x.html"), {}), ("save_map", ("M", None), {}),
    ("save_map", ("M", 5), {}), ("save_map", ("P/x.html", "M"), {}),
    ("save_map", ("C", "P/x.html"), {}), ("save_map", ("M", "/dev/null"), {}),
    ("save_map", ("M", "P/x.html"), {"offline": "no"}),
    ("run_pipeline", (None, "P/out"), {}), ("run_pipeline", ([5], "P/out"), {}),
    ("run_pipeline", ([], None), {}), ("run_pipeline", ([], 5), {}),
    ("run_pipeline", ("C", "P/out"), {}),
    ("run_pipeline", ([], "P/out"), {"read": ReadOptions(warn=5)}),
    ("run_pipeline", ([], "P/out"), {"read": ReadOptions(date=5)}),
    ("run_pipeline", ([], "P/out"), {"read": ReadOptions(date="2017-02-30")}),
    ("run_pipeline", ([], "P/out"), {"read": ReadOptions(gazetteer=5)}),
    ("run_pipeline", ([], "P/out"), {"read": {"date": "2017"}}),
    ("run_pipeline", ([], "P/out"), {"options": RunOptions(units=5)}),
    ("run_pipeline", ([], "P/out"), {"options": RunOptions(reference_files=5)}),
    ("run_pipeline", ([], "P/out"), {"options": RunOptions(offline="yes")}),
    ("run_pipeline", ([], "P/out"), {"options": RunOptions(include_example=False)}),
    ("run_pipeline", ([], "P/out"), {"options": {"offline": True}}),
    ("ledger", (None,), {}), ("ledger", ("C",), {"references": 5}),
    ("ledger", ("C",), {"references": ["P/missing.csv"]}), ("ledger", ("C",), {"bundled": "no"}),
    ("timeline", ("C",), {"bogus": 1}), ("timeline", (5,), {}),
]


def _argument(value, claims, folium_map, tmp_path: Path):
    if value == "C":
        return claims
    if value == "M":
        return folium_map
    if isinstance(value, str) and value.startswith("P/"):
        return str(tmp_path / value[2:])
    return value


@pytest.mark.parametrize(("function", "args", "kwargs"), CALLS,
                         ids=[f"{f}{a!r:.40}{k or ''}" for f, a, k in CALLS])
def test_a_wrong_call_raises_the_projects_error_never_a_raw_one(
        function, args, kwargs, claims, folium_map, tmp_path):
    call = getattr(contested, function)
    real = [_argument(a, claims, folium_map, tmp_path) for a in args]
    real_kwargs = {k: _argument(v, claims, folium_map, tmp_path) for k, v in kwargs.items()}
    with pytest.raises(ContestedError) as raised:
        call(*real, **real_kwargs)
    assert str(raised.value).strip()
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_the_call_table_covers_every_public_function():
    covered = {function for function, _, _ in CALLS}
    assert covered == {"resolve", "extract", "load_claims", "save_claims", "resolve_claims",
                       "check", "layer", "export", "layers", "render", "save_map",
                       "run_pipeline", "ledger", "timeline"}
    assert len(CALLS) >= 77


@pytest.mark.parametrize(("error", "builtin", "exit_code"), [
    (InputError("x"), ValueError, 2), (ClaimsFileError("x"), ValueError, 2),
    (UnitError("x"), ValueError, 2), (GeometryError("x"), ValueError, 2),
    (UnknownPlace("Zzyzx"), LookupError, 3), (DataError("x"), RuntimeError, 2),
    (NetworkError("x"), ConnectionError, 4), (NetworkError("x"), OSError, 4),
])
def test_errors_subclass_the_builtin_a_caller_expects_and_keep_their_exit_code(
        error, builtin, exit_code):
    assert isinstance(error, builtin) and isinstance(error, ContestedError)
    assert error.exit_code == exit_code
    assert str(error).startswith(("x", "unknown place"))


def test_extract_of_an_empty_text_has_no_claims():
    assert contested.extract("") == []
