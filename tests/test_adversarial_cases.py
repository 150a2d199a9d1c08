"""Issue 17's cases that were still open, one test per behaviour: exit 2 (or 3/4 where
documented) and one line naming the input, never a traceback, never a silent misread."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from contested.cli import cli
from contested.core.exceptions import ClaimsFileError

GOOD = "- id: g\n  value: 1200\n  unit: sq km\n  kind: liberated\n  places: [Mosul]\n" \
       "  date: 2017-01-15\n"


def invoke(*args: str, stdin: bytes | None = None, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), input=stdin, env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"traceback: {result.exception!r}"
    return result


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def _claims(fmt: str, places: object) -> str:
    record = {"id": "a", "km2": 10, "places": places}
    if fmt == "yaml":
        return f"- id: a\n  km2: 10\n  places: {json.dumps(places)}\n"
    if fmt == "json":
        return json.dumps([record])
    if fmt == "jsonl":
        return json.dumps(record) + "\n"
    if fmt == "geojson":
        return json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": record, "geometry": None}]})
    return f'id,km2,places\na,10,"{json.dumps(places).replace(chr(34), chr(34) * 2)}"\n'


@pytest.mark.parametrize("fmt", ["yaml", "json", "jsonl", "geojson", "csv"])
@pytest.mark.parametrize("places", [[5], [[1, 2]], [True], 5.5,
                                    [{"name": "X", "lat": 35.0}],
                                    [{"name": "X", "lat": 1, "lon": 2, "country": [1]}]])
def test_a_place_given_as_a_number_or_a_list_is_refused_in_every_format(tmp_path, fmt, places):
    path = write(tmp_path, f"c.{fmt}", _claims(fmt, places))
    for command in (["check"], ["map", "-o", str(tmp_path / "m.html")],
                    ["export", "-o", str(tmp_path / "e.geojson")]):
        result = invoke(command[0], str(path), *command[1:])
        if fmt == "csv" and not isinstance(places, list):  # a CSV cell is a name: exit 3
            assert result.exit_code == 3 and "'5.5'" in result.output, result.output
            continue
        assert result.exit_code == 2, result.output
        assert "places" in result.output and str(path) in result.output
    assert not (tmp_path / "m.html").exists() and not (tmp_path / "e.geojson").exists()


@pytest.mark.parametrize(("field", "value"), [
    ("comparison", {"reference": 5}), ("scope", 5), ("scope", True), ("source", True),
    ("date", "2017-13-45"), ("ref_date", "last year"), ("id", True)])
def test_a_field_of_the_wrong_type_is_refused_naming_it(tmp_path, field, value):
    path = write(tmp_path, "c.json", json.dumps([{"id": "a", "km2": 10, field: value}]))
    result = invoke("check", str(path))
    assert result.exit_code == 2 and f"field '{field}" in result.output, result.output


@pytest.mark.parametrize(("properties", "geometry", "words"), [
    ({"km2": 10, "country": [1]}, {"type": "Point", "coordinates": [43, 35]}, "country"),
    ({"km2": 10, "place_name": 5}, {"type": "Point", "coordinates": [43, 35]}, "place_name"),
    ({"km2": 10}, {"type": "Point", "coordinates": [True, False]}, "coordinates"),
    ({"km2": 10}, {}, "geometry"),
    ({"text": 5}, None, "text"),
])
def test_geojson_properties_and_geometry_oddities_are_refused(tmp_path, properties, geometry,
                                                               words):
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": properties, "geometry": geometry}]}
    path = write(tmp_path, "c.geojson", json.dumps(collection))
    with pytest.raises(ClaimsFileError, match=words):
        from contested.claims.claim_files import load_claims

        load_claims(path)
    assert invoke("export", str(path), "-o", str(tmp_path / "e.gpkg")).exit_code == 2


@pytest.mark.parametrize("record", [
    {"text": "Iraqi forces retook 3,000 sq km\u0000 near Mosul"}, {"text": ""},
    {"text": "Iraqi forces retook 3,000 sq km", "source": {"a": 1}}, {"text": ["a"]}])
def test_a_document_whose_text_or_outlet_is_not_text_is_refused(tmp_path, record):
    path = write(tmp_path, "docs.jsonl", json.dumps(record) + "\n")
    for command in (["check"], ["map", "-o", str(tmp_path / "m.html")]):
        result = invoke(command[0], str(path), *command[1:])
        assert result.exit_code == 2 and "docs.jsonl" in result.output, result.output


@pytest.mark.parametrize("text", ["id;value;unit\na;5;km2\n", "ident,valeur,unite\na,5,km2\n"])
def test_a_csv_with_the_wrong_header_or_delimiter_is_refused(tmp_path, text):
    result = invoke("check", str(write(tmp_path, "c.csv", text)))
    assert result.exit_code == 2 and "header and the delimiter" in result.output


def test_a_geojson_export_of_claims_without_disks_is_written(tmp_path):
    path = write(tmp_path, "c.yaml", "- id: a\n  km2: 10\n")
    result = invoke("export", str(path), "-o", str(tmp_path / "e.geojson"))
    assert result.exit_code == 0 and (tmp_path / "e.geojson").is_file()


SQUARE = "[[[43,35],[44,35],[44,36],[43,36],[43,35]]]"


@pytest.mark.parametrize(("coordinates", "words"), [
    ("[[[43,35],[NaN,35],[44,36],[43,36],[43,35]]]", "not a finite number"),
    ("[[[43,35],[Infinity,35],[44,36],[43,36],[43,35]]]", "not a finite number"),
    ("[[[43,35],[1e300,35],[44,36],[43,36],[43,35]]]", "off the globe"),
    ("[[[43,35]]]", "cannot read"), ("[]", "no unit with a geometry")])
def test_boundary_files_with_unusable_coordinates_are_refused_naming_the_feature(
        tmp_path, coordinates, words):
    path = write(tmp_path, "b.geojson", '{"type": "FeatureCollection", "features": [{"type": '
                 '"Feature", "properties": {"name": "A"}, "geometry": {"type": "Polygon", '
                 f'"coordinates": {coordinates}}}}}]}}')
    claims = write(tmp_path, "c.yaml", GOOD)
    for command in (["boundaries", "list"], ["boundaries", "show", "A"], ["check", str(claims)],
                    ["map", str(claims), "-o", str(tmp_path / "m.html")],
                    ["export", str(claims), "-o", str(tmp_path / "e.gpkg")]):
        result = invoke(*command, "--boundaries", str(path))
        assert result.exit_code == 2 and words in result.output, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.geojson", "c.yaml"]


LONG = "x" * 300


@pytest.mark.parametrize("command", [
    ["map", "{claims}", "-o", "{d}/" + LONG + ".html"],
    ["export", "{claims}", "-o", "{d}/" + LONG + ".gpkg"],
    ["export", "{claims}", "-o", "{d}/" + LONG],
    ["run", "{claims}", "--no-example", "-o", "{d}/" + LONG],
    ["check", "{claims}", "--report", "{d}/" + LONG + ".md"],
    ["timeline", "{claims}", "-o", "{d}/" + LONG + ".svg"],
    ["boundaries", "fetch", "IRQ", "-o", "{d}/" + LONG + ".geojson"],
    ["export", "{claims}", "-o", "/dev/null"],
    ["boundaries", "fetch", "IRQ", "-o", "/dev/null"],
])
def test_an_output_name_over_255_bytes_or_a_device_is_refused_by_every_command(
        tmp_path, command):
    claims = write(tmp_path, "c.yaml", GOOD)
    args = [a.format(claims=claims, d=tmp_path) for a in command]
    env = {"CONTESTED_GEOBOUNDARIES_URL": "http://127.0.0.1:9", "CONTESTED_CACHE_DIR":
           str(tmp_path / "cache")}
    result = invoke(*args, env=env)
    assert result.exit_code == 2, result.output  # before any request (it would be exit 4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]


def test_a_folder_export_counts_only_what_it_wrote(tmp_path):
    claims = write(tmp_path, "c.yaml", GOOD)
    out = tmp_path / "layers"
    out.mkdir()
    (out / "notes.geojson").write_text("not GeoJSON", encoding="utf-8")
    result = invoke("export", str(claims), "-o", str(out), "--format", "fgb", "--json")
    assert result.exit_code == 0, result.output
    assert min(json.loads(result.stdout)["layers"].values()) >= 0


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)),
                                     b"online = true\n" + b"# pad\n" * 200_000])
def test_a_binary_or_huge_config_is_refused(tmp_path, content):
    config = write(tmp_path, "contested.toml", content)
    claims = write(tmp_path, "c.yaml", GOOD)
    result = invoke("check", str(claims), "--config", str(config))
    assert result.exit_code == 2 and "contested.toml" in result.output
    result = invoke("resolve", "Mosul", env={"CONTESTED_CONFIG": str(config)})
    assert result.exit_code == 2 and "contested.toml" in result.output


@pytest.mark.parametrize("value", ["nan", "inf", "1e309", "-1", "lots"])
def test_a_bad_http_size_cap_is_refused(value):
    result = invoke("resolve", "Mosul", env={"CONTESTED_HTTP_MAX_MB": value})
    assert result.exit_code == 2 and "CONTESTED_HTTP_MAX_MB" in result.output


@pytest.mark.parametrize("command", [["map", "-o", "{d}/m.html"], ["export", "-o", "{d}/e.gpkg"],
                                     ["run", "--no-example", "-o", "{d}/run"], ["check"],
                                     ["extract"]])
@pytest.mark.parametrize("where", ["file name", "--source", "--title"])
def test_an_undecodable_argument_is_refused_by_every_command(tmp_path, command, where):
    article = write(tmp_path, "a.txt", "Iraqi forces retook 3,000 square kilometers near Mosul.")
    claims = str(article)
    extra: list[str] = []
    if where == "file name":
        claims = os.fsdecode(str(tmp_path).encode() + b"/caf\xe9.txt")
        with open(os.fsencode(claims), "wb") as handle:
            handle.write(article.read_bytes())
    elif where == "--source" and command[0] != "check":
        extra = ["--source", "caf\udce9"]
    elif where == "--title" and command[0] == "map":
        extra = ["--title", "caf\udce9"]
    else:
        pytest.skip("the command has no such option")
    args = [command[0], claims, *[a.format(d=tmp_path) for a in command[1:]], *extra]
    result = invoke(*args)
    assert result.exit_code == 2 and "not valid UTF-8" in result.output, result.output
    assert "caf\\xe9" in result.output


def test_a_file_name_that_is_not_utf8_reaches_ids_as_a_replacement_character(tmp_path):
    import contested

    path = os.fsdecode(str(tmp_path).encode() + b"/caf\xe9.yaml")
    with open(os.fsencode(path), "w", encoding="utf-8") as handle:
        handle.write("- value: 1200\n  unit: sq km\n  places: [Mosul]\n")
    claims = contested.load_claims(path)
    assert claims[0].id == "caf\ufffd.yaml:1"
    contested.export(claims, tmp_path / "e.gpkg")
    contested.save_map(contested.render(claims), tmp_path / "m.html")


@pytest.mark.parametrize("text", [b"", b" \n\t \n", b"41,000 sq km\x00", b"\x00"])
def test_text_is_handled_alike_by_every_command(tmp_path, text):
    article = write(tmp_path, "a.txt", text)
    for args in (["extract", str(article)], ["extract", "-"], ["check", str(article)],
                 ["check", "-"], ["map", str(article), "-o", str(tmp_path / "m.html")],
                 ["export", str(article), "-o", str(tmp_path / "e.gpkg")],
                 ["run", str(article), "--no-example", "-o", str(tmp_path / "r")],
                 ["ledger", str(article)], ["timeline", str(article), "-o",
                                            str(tmp_path / "t.svg")]):
        result = invoke(*args, stdin=text if "-" in args else None)
        assert result.exit_code == 2, (args, result.output)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_json_output_escapes_what_could_drive_a_terminal(tmp_path):
    article = write(tmp_path, "a.txt", "Iraqi forces retook 3,000 sq km near \u202eMosul\x9b.")
    result = invoke("extract", str(article), "--json")
    assert result.exit_code == 0
    assert "\u202e" not in result.stdout and "\x9b" not in result.stdout
    assert "\u202e" in json.loads(result.stdout.splitlines()[0])["quote"]


def test_claims_file_nesting_is_limited_to_12_levels(tmp_path):
    from contested.claims.claim_files import load_claims
    from contested.claims.records import MAX_DEPTH

    deep = {"id": "a", "km2": 10, "note": 1}
    for _ in range(MAX_DEPTH - 2):
        deep["note"] = [deep["note"]]
    path = write(tmp_path, "ok.json", json.dumps([deep]))  # list, claim, 10 lists: 12 levels
    assert load_claims(path)[0].id == "a"
    path = write(tmp_path, "deep.json", json.dumps([{"claims": [deep]}]))
    with pytest.raises(ClaimsFileError, match="nested more than 12 levels"):
        load_claims(path)


def test_an_online_answer_with_nan_or_deep_nesting_is_refused():
    from contested.core.http import MAX_JSON_DEPTH, SchemaError, parse_json

    with pytest.raises(SchemaError, match="NaN"):
        parse_json(b'{"lat": NaN}')
    assert parse_json(b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH) is not None
    for depth in (MAX_JSON_DEPTH + 1, 100_000):
        with pytest.raises(SchemaError, match="nested"):
            parse_json(b"[" * depth + b"]" * depth)
    with pytest.raises(SchemaError):
        parse_json(b'{"n": ' + b"9" * 5000 + b"}")


def test_a_claims_file_over_the_input_limit_is_refused_before_reading(tmp_path):
    from contested.claims.claim_files import MAX_INPUT_BYTES, load_claims

    path = tmp_path / "huge.jsonl"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: no disk used, nothing read
    with pytest.raises(ClaimsFileError, match="larger than 1 GiB"):
        load_claims(path)


@pytest.mark.parametrize("name", ["c.csv", "c.yaml", "c.jsonl"])
def test_a_nul_byte_in_any_claims_file_is_refused_with_its_line(tmp_path, name):
    path = write(tmp_path, name, b'id,km2,quote\na,10,"Forc\x00es"\n' if name.endswith("csv")
                 else b"- id: a\n  km2: 10\n  quote: Forc\x00es\n" if name.endswith("yaml")
                 else b'{"id": "a", "km2": 10, "quote": "Forc\x00es"}\n')
    result = invoke("check", str(path))
    assert result.exit_code == 2 and name in result.output, result.output
