"""Nominatim search and ``contested resolve --online``, served from 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import _online
import pytest
from _online import (
    Sleeps,
    cache_files,
    html_error_page,
    invalid_json,
    make_client,
    server_error,
    too_many_requests,
    truncated,
)

from contested.cli import options as cli_options
from contested.core.exceptions import NetworkError, UnknownPlace
from contested.core.http import RateLimiter
from contested.online import nominatim

running_server = _online.running_server
server = _online.server
only_loopback = _online.only_loopback

# Not in the offline gazetteer (exit 3 offline), so `--online` must ask the server.
NOWHERE = "Zzyzx Qqqv"

RESULTS = [
    {
        "place_id": 1,
        "osm_type": "node",
        "osm_id": 240109189,
        "lat": "35.3260",
        "lon": "43.7600",
        "category": "place",
        "type": "town",
        "addresstype": "town",
        "importance": 0.41,
        "name": "Zzyzx",
        "display_name": "Zzyzx, Kirkuk Governorate, Iraq",
        "address": {"town": "Zzyzx", "state": "Kirkuk Governorate", "country_code": "iq"},
    },
    {
        "place_id": 2,
        "osm_type": "relation",
        "osm_id": 3819781,
        "lat": "36.1",
        "lon": "41.9",
        "category": "boundary",
        "type": "administrative",
        "addresstype": "county",
        "importance": 0.2,
        "name": "Zzyzx District",
        "display_name": "Zzyzx District, Iraq",
        "address": {"country_code": "iq"},
    },
]


@pytest.fixture()
def client(tmp_path: Path):
    return make_client(tmp_path / "cache")


@pytest.fixture()
def free_limiter():
    """A limiter that records the waits it would make instead of sleeping."""
    sleeps = Sleeps()
    return RateLimiter(1.0, sleep=sleeps), sleeps


def search(server, client, limiter, query=NOWHERE, **options):
    return nominatim.search(
        query, client=client, url=server.url_for(""), limiter=limiter, **options
    )


def test_a_search_gives_a_point_place_with_an_osm_id_and_alternatives(
    server, client, free_limiter
) -> None:
    server.expect_request("/search").respond_with_json(RESULTS)

    place = search(server, client, free_limiter[0])

    assert (place.name, place.lat, place.lon) == ("Zzyzx", 35.326, 43.76)
    assert (place.country, place.admin1, place.kind) == ("IQ", "Kirkuk Governorate", "town")
    assert place.id == "osm:node:240109189"
    assert place.precision == "point"
    assert place.score == pytest.approx(0.41)
    assert [(a.id, a.kind) for a in place.alternatives] == [("osm:relation:3819781", "district")]


def test_the_query_asks_for_jsonv2_with_address_details_and_the_country(
    server, client, free_limiter
) -> None:
    server.expect_request("/search").respond_with_json(RESULTS)

    search(server, client, free_limiter[0], country="IQ")

    request, _ = server.log[0]
    assert request.args["q"] == NOWHERE
    assert request.args["format"] == "jsonv2"
    assert request.args["addressdetails"] == "1"
    assert request.args["countrycodes"] == "iq"
    assert request.headers["User-Agent"].startswith("contested/")


def test_no_results_is_an_unknown_place(server, client, free_limiter) -> None:
    server.expect_request("/search").respond_with_json([])

    with pytest.raises(UnknownPlace) as caught:
        search(server, client, free_limiter[0])

    assert caught.value.exit_code == 3


def test_every_network_request_waits_for_the_rate_limit_but_a_cached_answer_does_not(
    server, client, free_limiter
) -> None:
    limiter, sleeps = free_limiter
    server.expect_request("/search").respond_with_json(RESULTS)

    search(server, client, limiter, "first")
    search(server, client, limiter, "second")
    search(server, client, limiter, "first")  # from the cache

    assert len(server.log) == 2
    assert len(sleeps.calls) == 1 and 0 < sleeps.calls[0] <= 1.0


def test_the_default_limiter_is_one_per_second_and_shared_through_the_cache_dir(
    tmp_path: Path,
) -> None:
    limiter = nominatim.rate_limiter(tmp_path)

    assert limiter.min_interval_s == 1.0
    assert limiter.stamp_path == tmp_path / "nominatim.last"
    assert nominatim.rate_limiter(tmp_path) is limiter


@pytest.mark.parametrize(
    ("result", "kind"),
    [
        ({"category": "place", "type": "city"}, "city"),
        ({"category": "place", "type": "hamlet"}, "village"),
        ({"category": "natural", "type": "peak"}, "mountain"),
        ({"category": "waterway", "type": "river"}, "river"),
        ({"category": "boundary", "type": "administrative", "addresstype": "state"}, "governorate"),
        ({"category": "boundary", "type": "administrative", "addresstype": "country"}, "country"),
        ({"class": "aeroway", "type": "aerodrome"}, "facility"),
        ({"category": "amenity", "type": "school"}, "school"),
    ],
)
def test_the_kind_follows_the_osm_class_and_type(result: dict, kind: str) -> None:
    assert nominatim.kind_of(result) == kind


BAD_RESULTS = {
    "not a list": {"lat": "1", "lon": "2"},
    "no coordinates": [{"osm_type": "node", "osm_id": 1}],
    "coordinates out of range": [{"osm_type": "node", "osm_id": 1, "lat": "95", "lon": "0"}],
    "text for a latitude": [{"osm_type": "node", "osm_id": 1, "lat": "north", "lon": "0"}],
}


@pytest.mark.parametrize("shape", list(BAD_RESULTS))
def test_a_wrong_schema_is_a_network_error_and_is_not_cached(
    server, client, free_limiter, shape: str
) -> None:
    server.expect_request("/search").respond_with_json(BAD_RESULTS[shape])

    with pytest.raises(NetworkError, match="not with what was expected"):
        search(server, client, free_limiter[0])

    assert cache_files(client.cache.directory) == []


# --- the CLI -------------------------------------------------------------------------------


cli_online_clients: list = []  # the client the CLI fixture hands the command


@pytest.fixture()
def cli_online(server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, gazetteer):
    """`contested` in-process, its Nominatim pointed at the local server with a fresh cache
    and no real waits. (The offline gazetteer keeps its own cache dir.)"""
    monkeypatch.setenv("CONTESTED_NOMINATIM_URL", server.url_for("").rstrip("/"))
    monkeypatch.setenv("CONTESTED_CONFIG", str(tmp_path / "absent.toml"))
    (tmp_path / "absent.toml").write_text("")
    client = make_client(tmp_path / "cache")
    monkeypatch.setattr(cli_options, "http_client", lambda settings: client)
    monkeypatch.setattr(nominatim, "rate_limiter",
                        lambda cache_dir: RateLimiter(1.0, sleep=Sleeps()))
    cli_online_clients.append(client)
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


def test_resolve_stays_offline_unless_asked(server, cli_online, capsys) -> None:
    server.expect_request("/search").respond_with_json(RESULTS)

    code, out, err = run_contested(["resolve", NOWHERE, "--json"], capsys)

    assert code == 3 and json.loads(out)["query"] == NOWHERE  # the unknown name's own line
    assert server.log == []


def test_resolve_online_falls_back_to_nominatim_and_credits_osm(server, cli_online, capsys) -> None:
    server.expect_request("/search").respond_with_json(RESULTS)

    code, out, err = run_contested(["resolve", NOWHERE, "--online", "--json"], capsys)

    assert code == 0
    assert '"id":"osm:node:240109189"' in out
    assert "OpenStreetMap" in err


def test_online_true_in_the_config_file_turns_the_fallback_on(
    server, cli_online: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = cli_online / "contested.toml"
    config.write_text("online = true\n")
    monkeypatch.setenv("CONTESTED_CONFIG", str(config))
    server.expect_request("/search").respond_with_json(RESULTS)

    code, out, _ = run_contested(["resolve", NOWHERE, "--json"], capsys)

    assert code == 0 and "osm:node:240109189" in out


def test_a_name_nominatim_does_not_know_either_still_exits_3(server, cli_online, capsys) -> None:
    server.expect_request("/search").respond_with_json([])

    code, out, err = run_contested(["resolve", NOWHERE, "--online"], capsys)

    assert code == 3
    assert NOWHERE in err


CLI_FAULTS = {
    "500": (server_error, "HTTP 500"),
    "429": (too_many_requests, "HTTP 429"),
    "truncated body": (truncated, "cut short"),
    "HTML error page": (html_error_page, "HTML page"),
    "invalid JSON": (invalid_json, "invalid JSON"),
}


@pytest.mark.parametrize("fault", list(CLI_FAULTS))
def test_resolve_online_survives_each_fault_then_works(
    server, cli_online: Path, capsys, fault: str
) -> None:
    handler, words = CLI_FAULTS[fault]
    server.expect_request("/search").respond_with_handler(handler)

    code, out, err = run_contested(["resolve", NOWHERE, "--online", "--json"], capsys)

    assert code == 4 and out == ""
    assert words in err and "/search?q=Zzyzx" in err
    assert "Traceback" not in err
    assert cache_files(cli_online / "cache") == []

    server.clear()
    server.expect_request("/search").respond_with_json(RESULTS)
    code, out, _ = run_contested(["resolve", NOWHERE, "--online", "--json"], capsys)
    assert code == 0 and "osm:node:240109189" in out
    assert len(cli_online_clients[-1].cache.entries()) == 1
