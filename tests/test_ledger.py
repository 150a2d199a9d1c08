"""The territory ledger: claims read as quantities, published bands, and the rules over them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from contested.checks import run_checks
from contested.checks.ledger import build_ledger, load_published
from contested.checks.ledger.actors import actor_key, claim_actors, local_actor
from contested.checks.ledger.estimates import bounds_of, claim_estimates
from contested.claims.model import Claim, Comparison, Stated
from contested.cli import cli
from contested.core.exceptions import InputError
from contested.gazetteer.official_areas import default_references
from contested.resolution import resolve_claims

IRAQ_KM2 = default_references().get("country:IQ").total_km2
SYRIA_KM2 = default_references().get("country:SY").total_km2
HEADER = ("conflict,actor,ref_date,quantity,value,value_max,qualifier,unit,of,scope,"
          "source_org,outlet,url,quote,notes\n")


def estimates(*claims: Claim):
    resolved = resolve_claims(claims, gazetteer=None)
    return claim_estimates(resolved, claim_actors(resolved.claims))


def table(tmp_path: Path, *rows: str):
    path = tmp_path / "published.csv"
    path.write_text(HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return load_published(path, default_references())


def findings_of(tmp_path: Path, rows: list[str], *claims: Claim, rule: str):
    resolved = resolve_claims(claims, gazetteer=None)
    published = [table(tmp_path, *rows)]
    return [f for f in run_checks(resolved, published=published) if f.rule == rule]


IHS = [
    "isis,ISIS,2015-01-01,held,90800,,,km2,,Iraq+Syria,IHS Conflict Monitor,IHS,https://x/1,,",
    "isis,ISIS,2015-12-14,held,78000,,,km2,,Iraq+Syria,IHS Conflict Monitor,IHS,https://x/2,,",
    "isis,ISIS,2016-07-04,held,68300,,,km2,,Iraq+Syria,IHS Conflict Monitor,IHS,https://x/3,,",
    "isis,ISIS,2014-08,peak,40,,,percent,country,Iraq,Iraqi JOC,AFP,https://x/4,,",
]


def test_actors_are_folded_to_one_key_and_a_document_lends_its_actor():
    assert {actor_key(a) for a in ("ISIL", "Daesh", "the Islamic State group", "IS")} == {"ISIS"}
    assert actor_key("Russian troops") == "Russia"
    assert actor_key("Peshmerga") == "Peshmerga"
    claims = [Claim(id="d:1", actor="Daesh", source="d"), Claim(id="d:2", source="d")]
    assert claim_actors(claims) == {"d:1": "ISIS", "d:2": "ISIS"}


def test_a_share_of_a_country_becomes_its_km2():
    [estimate] = estimates(Claim(id="a", kind="held", percent=17, of_total="Iraq",
                                 scope="Iraq"))
    assert estimate.quantity == "held"
    assert estimate.value == pytest.approx(0.17 * IRAQ_KM2)
    assert estimate.reading == "share"


def test_most_of_a_country_freed_leaves_the_actor_the_rest():
    [estimate] = estimates(Claim(id="a", kind="liberated", percent=87.4,
                                 of_total="the territory of Syria", scope="Syria"))
    assert (estimate.quantity, estimate.reading) == ("held", "complement")
    assert estimate.value == pytest.approx(0.126 * SYRIA_KM2)


def test_a_percent_of_what_it_once_held_is_a_share_of_the_peak_lost():
    [estimate] = estimates(Claim(id="a", kind="lost", percent=40, scope="Iraq",
                                 of_total="the territory it once held in Iraq"))
    assert (estimate.quantity, estimate.value) == ("lost_share", 0.4)


def test_a_share_of_districts_is_not_land():
    assert estimates(Claim(id="a", kind="held", percent=40, of_total="Afghan districts",
                           scope="Afghanistan")) == []


def test_a_comparison_with_no_figure_is_the_references_official_area():
    [estimate] = estimates(Claim(id="a", kind="held", comparison=Comparison(("South Dakota",))))
    assert estimate.reading == "comparison"
    assert estimate.value == pytest.approx(199_729, rel=0.01)


def test_shrank_from_40_to_17_percent_means_57_5_percent_lost():
    before = Claim(id="d:1", kind="peak_held", percent=40, of_total="Iraq", scope="Iraq",
                   linked=("d:2",))
    after = Claim(id="d:2", kind="held", percent=17, of_total="Iraq", scope="Iraq",
                  linked=("d:1",))
    derived = [e for e in estimates(before, after) if e.reading == "derived"]
    assert [round(e.value, 3) for e in derived] == [0.575]


def test_a_claim_far_outside_the_published_band_is_inconsistent_naming_its_sources(tmp_path):
    south_dakota = Claim(id="blog:1", kind="held", actor="ISIS", scope="Iraq and Syria",
                         date="2015-12-16", comparison=Comparison(("South Dakota",)))
    [finding] = findings_of(tmp_path, IHS, south_dakota, rule="implicit-size")
    assert finding.verdict == "inconsistent"
    assert "78,000 km²" in finding.message and "South Dakota" in finding.message
    assert any("https://x/2" in source for source in finding.sources)


def test_a_claim_inside_the_band_is_consistent(tmp_path):
    ihs = Claim(id="a:1", kind="held", actor="IS", scope="Iraq and Syria", date="2016-07-10",
                stated=(Stated(68300, "km2", 68300.0),))
    [finding] = findings_of(tmp_path, IHS, ihs, rule="estimate-band")
    assert finding.verdict == "consistent"


def test_between_two_published_estimates_the_band_spans_both(tmp_path):
    ledger = build_ledger(resolve_claims([], gazetteer=None), [table(tmp_path, *IHS)])
    from contested.checks.model import date_range

    band = ledger.band("ISIS", "country:IQ+country:SY", "held", date_range("2016-03-15"))
    assert (band.low, band.high) == (68300, 78000)
    assert ledger.band("ISIS", "country:IQ+country:SY", "held", date_range("2019-01")) is None


def test_a_peak_is_checked_against_every_published_peak_whatever_its_date(tmp_path):
    third = Claim(id="ap:1", kind="peak_held", actor="Islamic State", percent=33.3,
                  qualifier="nearly", of_total="Iraq", scope="Iraq")
    [finding] = findings_of(tmp_path, IHS, third, rule="implicit-size")
    # Nearly a third vs the published 40%: 16.8% short, loose (sources differ this much).
    assert finding.verdict == "loose" and "16.8% outside it" in finding.message
    tenth = Claim(id="ap:2", kind="peak_held", actor="ISIS", percent=10, of_total="Iraq",
                  scope="Iraq")
    [finding] = findings_of(tmp_path, IHS, tenth, rule="implicit-size")
    assert finding.verdict == "inconsistent"  # a tenth of Iraq: far below any estimate


def test_lost_share_is_checked_against_published_holdings_and_peak(tmp_path):
    rows = [
        "isis,ISIS,2015-01-01,peak,90800,,,km2,,Iraq+Syria,IHS,IHS,https://x/1,,",
        "isis,ISIS,2017-12-21,held,1900,,,sq mi,,Iraq+Syria,US DoD,WE,https://x/5,,",
    ]
    # 1,900 sq mi left of a 90,800 km² peak is 94.6% lost: "lost 50%" is loose (within a
    # factor of two of it), "lost 20%" inconsistent.
    for percent, verdict in ((90, "consistent"), (50, "loose"), (20, "inconsistent")):
        claim = Claim(id="a:1", kind="lost", actor="ISIS", percent=percent,
                      scope="Iraq and Syria", of_total="the territory it once held",
                      date="2017-12-20")
        [finding] = findings_of(tmp_path, rows, claim, rule="percent-peak")
        assert finding.verdict == verdict, (percent, finding.message)


def test_a_loss_larger_than_the_holdings_is_inconsistent(tmp_path):
    claim = Claim(id="a:1", kind="liberated", actor="ISIS", scope="Iraq and Syria",
                  date="2017-12-20", stated=(Stated(150000, "km2", 150000.0),))
    [finding] = findings_of(tmp_path, IHS[:3] + [
        "isis,ISIS,2015-01-01,peak,90800,,,km2,,Iraq+Syria,IHS,IHS,https://x/1,,"],
        claim, rule="change-holdings")
    assert finding.verdict == "inconsistent"


def test_square_metres_for_a_besieged_area_are_a_likely_slip():
    claim = Claim(id="a:1", kind="remaining", stated=(Stated(600, "m2", 0.0006),))
    [finding] = [f for f in run_checks(resolve_claims([claim], gazetteer=None), published=[])
                 if f.rule == "unit-plausibility"]
    assert finding.verdict == "inconsistent" and "24 m on a side" in finding.message


def test_a_length_unit_for_an_area_is_read_as_km2_and_said_so():
    claim = Claim(id="a:1", kind="liberated", stated=(Stated(2000, "km2", 2000.0),),
                  unit_note="'kilometers' read as km²")
    [finding] = [f for f in run_checks(resolve_claims([claim], gazetteer=None), published=[])
                 if f.rule == "unit-plausibility"]
    assert finding.verdict == "loose"


@pytest.mark.parametrize(("row", "field"), [
    ("isis,ISIS,2015-13-45,held,1,,,km2,,Iraq,X,Y,https://x,,", "ref_date"),
    ("isis,ISIS,2015-01,held,lots,,,km2,,Iraq,X,Y,https://x,,", "value"),
    ("isis,ISIS,2015-01,holds,1,,,km2,,Iraq,X,Y,https://x,,", "quantity"),
    ("isis,ISIS,2015-01,held,1,,,furlongs,,Iraq,X,Y,https://x,,", "unit"),
    ("isis,ISIS,2015-01,held,1,,,km2,,Atlantis,X,Y,https://x,,", "scope"),
])
def test_a_bad_published_row_names_its_line_and_field(tmp_path, row, field):
    with pytest.raises(InputError) as raised:
        table(tmp_path, row)
    assert "line 2" in str(raised.value) and f"field '{field}'" in str(raised.value)


def test_the_bundled_published_estimates_load_with_a_url_each():
    bundled = load_published(None, default_references())
    assert len(bundled.rows) >= 40
    assert all(row["url"].startswith("http") for row in bundled.rows)
    assert {e.actor for e in bundled.estimates} >= {"ISIS", "Russia", "Tatmadaw",
                                                    "Myanmar resistance", "RSF", "SAF"}


def test_ledger_command_prints_one_record_per_estimate(tmp_path):
    path = tmp_path / "claims.yaml"
    path.write_text("- {id: a, kind: held, actor: ISIS, scope: Iraq and Syria, "
                    "date: 2016-07-04, km2: 68300}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ledger", str(path), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    mine = [r for r in records if r["claim"] == "a"]
    assert mine[0]["band_low"] is not None and mine[0]["verdict"] == "consistent"
    assert mine[0]["lost_since_peak"] is not None
    alone = CliRunner().invoke(cli, ["ledger", str(path), "--json", "--no-reference"])
    assert all(json.loads(line)["origin"] == "claim" for line in alone.stdout.splitlines())


def test_a_ledger_record_carries_the_ledgers_verdict_not_a_failed_comparison(tmp_path):
    from contested.checks.ledger.records import ledger_records

    # Inside the IHS band, but 68,300 km² is not "the size of Sweden": the comparison fails,
    # the ledger's verdict stays consistent.
    claim = Claim(id="a:1", kind="held", actor="ISIS", scope="Iraq and Syria",
                  date="2016-07-04", stated=(Stated(68300, "km2", 68300.0),),
                  comparison=Comparison(("Sweden",)))
    resolved = resolve_claims([claim], gazetteer=None)
    published = [table(tmp_path, *IHS)]
    findings = run_checks(resolved, published=published)
    assert any(f.rule == "comparison" and f.verdict == "inconsistent" for f in findings)
    records = ledger_records(build_ledger(resolved, published), findings)
    [mine] = [r for r in records if r["claim"] == "a:1"]
    assert mine["verdict"] == "consistent"


@pytest.mark.parametrize("suffix", [".html", ".svg", ".png"])
def test_timeline_command_writes_a_chart_that_needs_no_network(tmp_path, suffix):
    path = tmp_path / "claims.yaml"
    path.write_text("- {id: a, kind: held, actor: ISIS, scope: Iraq and Syria, "
                    "date: 2015-12-16, comparison: South Dakota}\n", encoding="utf-8")
    out = tmp_path / f"timeline{suffix}"
    result = CliRunner().invoke(cli, ["timeline", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert len(data) > 1000
    if suffix == ".html":
        assert b"<script src=" not in data and b"cdn.jsdelivr" not in data


@pytest.mark.parametrize("command", ["check", "map"])
def test_check_and_map_take_the_published_estimates_options(tmp_path, command):
    path = tmp_path / "claims.yaml"
    path.write_text("- {id: a, kind: held, actor: ISIS, scope: Iraq and Syria, "
                    "date: 2016-07-04, km2: 68300}\n", encoding="utf-8")
    mine = tmp_path / "mine.csv"
    mine.write_text(HEADER + IHS[2] + "\n", encoding="utf-8")
    extra = ["-o", str(tmp_path / "map.html")] if command == "map" else ["--json"]
    with_bundled = CliRunner().invoke(cli, [command, str(path), *extra])
    assert with_bundled.exit_code == 0, with_bundled.output
    none = CliRunner().invoke(cli, [command, str(path), *extra, "--no-reference"])
    assert none.exit_code == 0, none.output
    if command == "check":
        rules = [json.loads(line)["rule"] for line in none.stdout.splitlines()]
        assert "estimate-band" not in rules
        assert "estimate-band" in with_bundled.stdout
        own = CliRunner().invoke(cli, [command, str(path), *extra, "--no-reference",
                                       "--reference", str(mine)])
        assert "https://x/3" in own.stdout


def test_more_than_a_share_is_never_more_than_all_of_it() -> None:
    assert bounds_of(0.95, None, "more than", cap=1.0) == (0.95, 1.0)
    assert bounds_of(0.30, None, "more than", cap=1.0) == (0.30, 0.60)
    assert bounds_of(2000.0, None, "more than") == (2000.0, 4000.0)


def _bundled_findings(*claims: Claim) -> list:
    resolved = resolve_claims(claims, gazetteer=None)
    return [f for f in run_checks(resolved) if f.rule in ("implicit-size", "estimate-band")]


def test_myanmar_and_sudan_names_fold_to_one_side_each_and_generic_ones_only_there():
    assert {actor_key(a) for a in ("the junta", "Tatmadaw", "Myanmar's military",
                                   "State Administration Council")} == {"Tatmadaw"}
    assert {actor_key(a) for a in ("resistance forces", "the NUG", "PDFs")} == {
        "Myanmar resistance"}
    assert {actor_key(a) for a in ("Rapid Support Forces", "RSF")} == {"RSF"}
    assert actor_key("Sudan's army") == "SAF"
    # "the army" names a side only in a country's war: the SAF in Sudan, the junta in Myanmar
    assert local_actor(actor_key("the army"), ("SD",)) == "SAF"
    assert local_actor(actor_key("the military"), ("MM",)) == "Tatmadaw"
    assert local_actor(actor_key("the army"), ("IQ",)) == "the army"
    assert local_actor(actor_key("the army"), ("SD", "SS")) == "the army"


def test_a_share_of_myanmar_the_junta_holds_is_checked_against_the_published_band_at_its_date():
    fits, far, later = _bundled_findings(
        Claim(id="m:1", kind="held", actor="the junta", percent=20, of_total="Myanmar",
              scope="Myanmar", date="2024-12-10"),
        Claim(id="m:2", kind="held", actor="the military", percent=60, of_total="Myanmar",
              scope="Myanmar", date="2024-12-10"),
        Claim(id="m:3", kind="held", actor="Tatmadaw", percent=17, of_total="Myanmar",
              scope="Myanmar", date="2022-09-20"))
    assert (fits.claims, fits.verdict) == (("m:1",), "consistent")
    assert any("BBC World Service" in source for source in fits.sources)
    assert (far.claims, far.verdict) == (("m:2",), "inconsistent")
    assert (later.claims, later.verdict) == (("m:3",), "consistent")
    assert any("SAC-M" in source for source in later.sources)


def test_a_share_of_sudan_the_rsf_holds_is_checked_against_the_published_band_at_its_date():
    third, army = _bundled_findings(
        Claim(id="s:1", kind="held", actor="Rapid Support Forces", percent=33.3,
              qualifier="about", of_total="Sudan", scope="Sudan", date="2025-11-05"),
        Claim(id="s:2", kind="held", actor="the army", percent=95, of_total="Sudan",
              scope="Sudan", date="2025-10-15"))
    assert (third.claims, third.verdict) == (("s:1",), "consistent")
    # the published band spans the disagreement: 15-20% (Chad) to about 40% (Anadolu)
    assert len(third.sources) >= 3
    assert army.claims == ("s:2",) and army.verdict in ("loose", "inconsistent")
    assert any("Anadolu" in source for source in army.sources)


@pytest.mark.parametrize("of_total", ["the country", "the country's territory"])
def test_a_share_of_the_country_is_a_share_of_the_claims_own_scope(of_total: str) -> None:
    [finding] = _bundled_findings(
        Claim(id="m:1", kind="held", actor="the junta", percent=20, of_total=of_total,
              scope="Myanmar", date="2024-12-10"))
    assert (finding.claims, finding.verdict) == (("m:1",), "consistent")
