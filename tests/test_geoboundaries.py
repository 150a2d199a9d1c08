"""geoBoundaries downloads and ``contested boundaries fetch``, served from 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import _online
import pytest
from _online import (
    CAP_BYTES,
    Firehose,
    cache_files,
    html_error_page,
    invalid_json,
    json_response,
    make_client,
    server_error,
    too_many_requests,
    truncated,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug import Response

from contested.cli import options as cli_options
from contested.core.exceptions import InputError, NetworkError
from contested.core.http import SchemaError
from contested.online import geoboundaries

running_server = _online.running_server
server = _online.server
only_loopback = _online.only_loopback

API_PATH = "/api/current/gbOpen/IRQ/ADM2/"
GEOJSON_PATH = "/data/geoBoundaries-IRQ-ADM2.geojson"


def square(lon: float, lat: float, size: float = 0.2) -> list:
    # Counter-clockwise exterior ring (RFC 7946 right-hand rule).
    return [
        [
            [lon, lat],
            [lon + size, lat],
            [lon + size, lat + size],
            [lon, lat + size],
            [lon, lat],
        ]
    ]


BOUNDARIES = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {"shapeName": "Hawija District", "shapeISO": "", "shapeType": "ADM2"},
            "geometry": {"type": "Polygon", "coordinates": square(43.6, 35.2)},
        },
        {
            "type": "Feature",
            "properties": {"shapeName": "Dibis District", "shapeISO": "", "shapeType": "ADM2"},
            "geometry": {"type": "MultiPolygon", "coordinates": [square(44.0, 35.6)]},
        },
    ],
}


def metadata(server, **overrides) -> dict:
    record = {
        "boundaryID": "IRQ-ADM2-1",
        "boundaryISO": "IRQ",
        "boundaryType": "ADM2",
        "boundarySource": "OCHA ROSSA",
        "boundaryLicense": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "boundaryYearRepresented": "2019",
        "gjDownloadURL": server.url_for(GEOJSON_PATH),
        "simplifiedGeometryGeoJSON": server.url_for("/data/simplified.geojson"),
    }
    record.update(overrides)
    return record


def serve_good(server) -> None:
    server.expect_request(API_PATH).respond_with_json(metadata(server))
    server.expect_request(GEOJSON_PATH).respond_with_response(
        Response(json.dumps(BOUNDARIES), content_type="text/plain; charset=utf-8")
    )


@pytest.fixture()
def client(tmp_path: Path):
    return make_client(tmp_path / "http")


def fetch(server, client, tmp_path: Path, **options):
    options.setdefault("dest", tmp_path / "out" / "irq_adm2.geojson")
    (tmp_path / "out").mkdir(exist_ok=True)
    service = geoboundaries.GeoBoundaries(client, server.url_for(""))
    return service.fetch("IRQ", "ADM2", **options)


def test_fetch_writes_checked_geojson_that_read_boundaries_opens(
    server, client, tmp_path: Path
) -> None:
    from contested.geo.boundaries import read_boundaries

    serve_good(server)

    fetched = fetch(server, client, tmp_path)

    assert fetched.features == 2 and fetched.name_field == "shapeName"
    assert fetched.license.startswith("Creative Commons Attribution 4.0")
    assert json.loads(Path(fetched.path).read_text()) == BOUNDARIES
    frame = read_boundaries(fetched.path)
    assert sorted(frame["name"]) == ["Dibis District", "Hawija District"]
    assert (frame["area_km2"] > 300).all()


def test_a_second_fetch_comes_from_the_cache(server, client, tmp_path: Path) -> None:
    serve_good(server)
    fetch(server, client, tmp_path)
    server.clear()
    server.expect_request("/", method="GET").respond_with_handler(server_error)

    fetched = fetch(server, client, tmp_path)

    assert fetched.from_cache and fetched.features == 2
    assert server.log == []


def test_refresh_downloads_again(server, client, tmp_path: Path) -> None:
    serve_good(server)
    fetch(server, client, tmp_path)

    fetched = fetch(server, client, tmp_path, refresh=True)

    assert not fetched.from_cache
    assert len(server.log) == 4


def test_simplified_uses_the_simplified_geometry_url(server, client, tmp_path: Path) -> None:
    server.expect_request(API_PATH).respond_with_json(metadata(server))
    server.expect_request("/data/simplified.geojson").respond_with_json(BOUNDARIES)

    fetched = fetch(server, client, tmp_path, simplified=True)

    assert fetched.url.endswith("/data/simplified.geojson")


def test_the_default_destination_is_beside_the_http_cache(
    server, tmp_path: Path
) -> None:
    serve_good(server)
    client = make_client(tmp_path / "cache" / "http")

    fetched = fetch(server, client, tmp_path, dest=None)

    assert Path(fetched.path) == (
        tmp_path / "cache" / "geoboundaries" / "geoBoundaries-IRQ-ADM2.geojson"
    )


def projected(server) -> Response:
    moved = json.loads(json.dumps(BOUNDARIES))
    moved["features"][0]["geometry"]["coordinates"] = square(4_400_000.0, 3_900_000.0)
    return json_response(moved)


def unnamed(server) -> Response:
    bare = json.loads(json.dumps(BOUNDARIES))
    del bare["features"][1]["properties"]["shapeName"]
    return json_response(bare)


def points(server) -> Response:
    return json_response(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"shapeName": "x"},
                    "geometry": {"type": "Point", "coordinates": [43, 35]},
                }
            ],
        }
    )


def lfs_pointer(server) -> Response:
    return Response(
        "version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n",
        content_type="text/plain",
    )


def empty_collection(server) -> Response:
    return json_response({"type": "FeatureCollection", "features": []})


# name -> (which request misbehaves, handler, words in the message)
FAULTS = {
    "API 500": ("api", lambda s: server_error, "HTTP 500"),
    "API 429": ("api", lambda s: too_many_requests, "HTTP 429"),
    "API HTML page": ("api", lambda s: html_error_page, "HTML page"),
    "API invalid JSON": ("api", lambda s: invalid_json, "invalid JSON"),
    "API without download URL": (
        "api",
        lambda s: lambda _: json_response({"boundaryISO": "IRQ"}),
        "no 'gjDownloadURL'",
    ),
    "GeoJSON truncated": ("geojson", lambda s: truncated, "cut short"),
    "GeoJSON 1 GB": ("geojson", lambda s: Firehose(), "cap"),
    "GeoJSON projected": ("geojson", lambda s: lambda _: projected(s), "outside lon/lat"),
    "GeoJSON without names": ("geojson", lambda s: lambda _: unnamed(s), "no 'shapeName'"),
    "GeoJSON of points": ("geojson", lambda s: lambda _: points(s), "not a Polygon"),
    "GeoJSON empty": ("geojson", lambda s: lambda _: empty_collection(s), "no features"),
    "GeoJSON LFS pointer": ("geojson", lambda s: lambda _: lfs_pointer(s), "Git LFS pointer"),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_fault_leaves_no_file_and_no_cache_entry_then_a_retry_works(
    server, client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    which, make_handler, words = FAULTS[fault]
    client.max_bytes = CAP_BYTES
    if which == "api":
        server.expect_request(API_PATH).respond_with_handler(make_handler(server))
    else:
        server.expect_request(API_PATH).respond_with_json(metadata(server))
        server.expect_request(GEOJSON_PATH).respond_with_handler(make_handler(server))
    dest = tmp_path / "out" / "irq_adm2.geojson"

    with pytest.raises(NetworkError) as caught:
        fetch(server, client, tmp_path, dest=dest)

    assert words in str(caught.value)
    assert server.url_for("") in str(caught.value)
    assert not dest.exists()
    assert list((tmp_path / "out").iterdir()) == []
    # Nothing is cached: not the broken GeoJSON, nor the metadata that led to it (a rerun
    # asks again instead of trusting it for a week).
    assert client.cache.entries() == []
    assert cache_files(client.cache.directory) == []

    server.clear()
    serve_good(server)
    fetched = fetch(server, client, tmp_path, dest=dest)
    assert fetched.features == 2 and json.loads(dest.read_text()) == BOUNDARIES
    assert len(client.cache.entries()) == 2


def test_an_unknown_country_is_an_input_error_not_a_retry(server, client, tmp_path) -> None:
    server.expect_request("/api/current/gbOpen/XXX/ADM2/").respond_with_data("nope", status=404)

    with pytest.raises(InputError, match="no gbOpen ADM2 set for XXX") as caught:
        geoboundaries.GeoBoundaries(client, server.url_for("")).fetch("XXX", "ADM2")

    assert caught.value.exit_code == 2
    assert len(server.log) == 1


@pytest.mark.parametrize(
    ("iso3", "level", "words"),
    [
        ("IQ", "ADM2", "alpha-3"),
        ("I1Q", "ADM2", "alpha-3"),
        ("IRQ", "ADM9", "unknown level"),
        ("IRQ", "district", "unknown level"),
    ],
)
def test_bad_codes_and_levels_are_refused_before_any_request(
    server, client, iso3: str, level: str, words: str
) -> None:
    with pytest.raises(InputError, match=words):
        geoboundaries.GeoBoundaries(client, server.url_for("")).fetch(iso3, level)
    assert server.log == []


def test_lowercase_codes_and_bare_level_numbers_are_accepted() -> None:
    assert geoboundaries.normalise_iso3(" irq ") == "IRQ"
    assert geoboundaries.normalise_level("2") == "ADM2"


@pytest.mark.parametrize("bad_dest", ["missing-folder/out.geojson", "."])
def test_an_unwritable_destination_is_refused_before_any_request(
    server, client, tmp_path: Path, bad_dest: str
) -> None:
    with pytest.raises(InputError):
        geoboundaries.GeoBoundaries(client, server.url_for("")).fetch(
            "IRQ", "ADM2", dest=tmp_path / bad_dest
        )
    assert server.log == []


@settings(max_examples=80, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=20,
    )
)
def test_the_geojson_check_accepts_or_raises_schema_error_never_crashes(data) -> None:
    try:
        geoboundaries.check_geojson(data)
    except SchemaError:
        pass


# --- the CLI -------------------------------------------------------------------------------


@pytest.fixture()
def cli_env(server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CONTESTED_GEOBOUNDARIES_URL", server.url_for("").rstrip("/"))
    monkeypatch.setenv("CONTESTED_CACHE_DIR", str(tmp_path / "cache"))
    client = make_client(tmp_path / "cache" / "http")
    monkeypatch.setattr(cli_options, "http_client", lambda settings: client)
    return tmp_path


def run_contested(args: list[str], capsys: pytest.CaptureFixture) -> tuple[int, str, str]:
    from contested.cli import main

    capsys.readouterr()
    try:
        main(args)
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_boundaries_fetch_prints_the_path_and_credits_the_source(
    server, cli_env: Path, capsys
) -> None:
    serve_good(server)
    out_file = cli_env / "irq.geojson"

    code, out, err = run_contested(
        ["boundaries", "fetch", "IRQ", "--level", "ADM2", "-o", str(out_file)], capsys
    )

    assert code == 0, err
    assert out.strip() == str(out_file)
    assert "2 units" in err and "CC BY 4.0" in err and "OCHA ROSSA" in err


def test_boundaries_fetch_json_is_one_object(server, cli_env: Path, capsys) -> None:
    serve_good(server)

    code, out, _ = run_contested(["boundaries", "fetch", "irq", "--json"], capsys)

    record = json.loads(out)
    assert code == 0 and out.count("\n") == 1
    assert record["iso3"] == "IRQ" and record["features"] == 2
    assert Path(record["path"]).is_file()


CLI_CASES = {
    "server error": (["IRQ"], "api-500", 4, "HTTP 500"),
    "HTML page": (["IRQ"], "api-html", 4, "HTML page"),
    "bad code": (["IRAQ"], None, 2, "alpha-3"),
    "bad level": (["IRQ", "--level", "ADM7"], None, 2, "unknown level"),
    "missing folder": (["IRQ", "-o", "{tmp}/nowhere/x.geojson"], None, 2, "does not exist"),
}


@pytest.mark.parametrize("case", list(CLI_CASES))
def test_boundaries_fetch_failures_exit_non_zero_with_a_message_and_no_file(
    server, cli_env: Path, capsys, case: str
) -> None:
    args, fault, exit_code, words = CLI_CASES[case]
    args = [a.replace("{tmp}", str(cli_env)) for a in args]
    if fault == "api-500":
        server.expect_request(API_PATH).respond_with_handler(server_error)
    elif fault == "api-html":
        server.expect_request(API_PATH).respond_with_handler(html_error_page)

    code, out, err = run_contested(["boundaries", "fetch", *args], capsys)

    assert code == exit_code
    assert words in err and "Traceback" not in err
    assert out == ""
    assert not (cli_env / "cache" / "geoboundaries").exists()
    assert not list((cli_env / "cache").rglob("*.entry"))
