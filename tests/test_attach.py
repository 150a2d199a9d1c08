"""Attaching geometry to claims: place, admin-1 unit, country, shares, disks, references."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from contested import geo
from contested.claims.claim_files import load_claims
from contested.claims.model import Claim, Comparison, Stated
from contested.core.exceptions import UnknownPlace
from contested.gazetteer.place import Place
from contested.geo.attach import attach
from contested.geo.layers import CLAIM_COLUMNS
from contested.resolution import require_resolved, resolve_claims

EXAMPLE = Path(__file__).resolve().parents[1] / "contested" / "data" / "example_claims.yaml"

RAQQA = Place(
    query="Raqqa",
    name="Ar Raqqah",
    lat=35.95283,
    lon=39.00788,
    country="SY",
    admin1="Ar Raqqah",
    kind="city",
    id="geonames:172955",
    score=1.0,
    admin1_id="SYR-136",
)
IRAQ = Place(
    query="Iraq",
    name="Iraq",
    lat=33.221449,
    lon=42.492107,
    country="IQ",
    admin1=None,
    kind="country",
    id="country:IQ",
    score=1.0,
)
WEST_ANBAR = Place(
    query="western Anbar",
    name="Al-Anbar",
    lat=33.2317,
    lon=41.5307,
    country="IQ",
    admin1="Al-Anbar",
    kind="governorate",
    id="admin1:IRQ-3471",
    score=0.97,
    admin1_id="IRQ-3471",
    qualifier="west",
)
AL_QAIM = Place(
    query="Al-Qaim",
    name="Al-Qa'im",
    lat=34.37,
    lon=41.09,
    country="IQ",
    admin1=None,
    kind="town",
    id="test:qaim",
    score=1.0,
)


class FakeGazetteer:
    """Answers from a table and counts lookups."""

    def __init__(self, table: dict[str, Place]) -> None:
        self.table = table
        self.calls = 0

    def resolve(self, name, country=None, kind=None, near=None, context=()):
        self.calls += 1
        if name not in self.table:
            raise UnknownPlace(name)
        return self.table[name]


def km2_claim(claim_id: str, km2: float | None, **fields) -> Claim:
    stated = () if km2 is None else (Stated(km2, "km2", km2),)
    return Claim(id=claim_id, stated=stated, **fields)


GAZ = {"Raqqa": RAQQA, "Iraq": IRAQ, "western Anbar": WEST_ANBAR, "Al-Qaim": AL_QAIM}


def test_city_claim_gets_its_governorate_and_country_shares():
    frame = geo.layer(
        resolve_claims([km2_claim("r", 3900, scope="Raqqa")], gazetteer=FakeGazetteer(GAZ))
    )
    row = frame.iloc[0]
    assert list(frame.columns) == [*CLAIM_COLUMNS, "geometry"]
    assert frame.crs.to_epsg() == 4326
    assert (row["admin1_id"], row["admin1_name"], row["country"]) == ("SYR-136", "Ar Raqqah", "SY")
    assert row["share_of_admin1"] == pytest.approx(3900 / row["admin1_km2"])
    assert row["share_of_country"] == pytest.approx(3900 / row["country_km2"])
    assert (row.geometry.x, row.geometry.y) == (RAQQA.lon, RAQQA.lat)


def test_point_without_admin1_id_is_located_by_spatial_join():
    frame = geo.layer(
        resolve_claims([km2_claim("q", 100, scope="Al-Qaim")], gazetteer=FakeGazetteer(GAZ))
    )
    assert frame.iloc[0]["admin1_id"] == "IRQ-3471"  # Al-Qa'im lies in Anbar


def test_country_claim_has_no_admin1_but_country_share():
    row = geo.layer(
        resolve_claims([km2_claim("i", 41_000, scope="Iraq")], gazetteer=FakeGazetteer(GAZ))
    ).iloc[0]
    assert pd.isna(row["admin1_id"])
    assert 430_000 < row["country_km2"] < 445_000
    assert row["share_of_country"] == pytest.approx(41_000 / row["country_km2"])


def test_directional_scope_uses_that_side_of_the_unit():
    attachment = attach(
        resolve_claims([km2_claim("w", 5000, scope="western Anbar")], gazetteer=FakeGazetteer(GAZ))
    )
    row = attachment.claims_layer().iloc[0]
    assert row["side"] == "west"
    assert row["scope_km2"] < row["admin1_km2"] * 0.8
    assert row["share_of_scope"] == pytest.approx(5000 / row["scope_km2"])
    disk = attachment.disks_layer().iloc[0]
    assert disk["centre_lon"] < WEST_ANBAR.lon  # disk sits in the western part
    units = attachment.admin_units_layer()
    assert set(units["part"]) == {"whole", "west"}


def test_disks_have_the_claimed_area_and_clip_at_the_border():
    batch = [km2_claim("inside", 2000, scope="Iraq"), km2_claim("border", 20_000, scope="Al-Qaim")]
    attachment = attach(resolve_claims(batch, gazetteer=FakeGazetteer(GAZ)))
    disks = attachment.disks_layer().set_index("id")
    clipped = attachment.disks_layer(clipped=True).set_index("id")
    assert np.allclose(disks["disk_km2"], disks["claimed_km2"], rtol=1e-3)
    assert disks.loc["inside", "clipped_km2"] == pytest.approx(2000, rel=1e-3)
    assert disks.loc["border", "clipped_km2"] < 0.95 * 20_000  # Al-Qa'im is on the Syrian border
    assert geo.geodesic_area_km2(clipped.geometry)[1] == pytest.approx(
        disks.loc["border", "clipped_km2"]
    )


def test_claims_without_figure_or_place_still_appear():
    batch = [
        km2_claim("no-figure", None, scope="Iraq"),
        km2_claim("unknown", 10, scope="Atlantis"),
        km2_claim("nowhere", 10),
    ]
    frame = geo.layer(resolve_claims(batch, gazetteer=FakeGazetteer(GAZ))).set_index("id")
    assert frame.loc["no-figure", "note"] == "no area figure"
    assert np.isnan(frame.loc["no-figure", "claimed_km2"])
    assert "Atlantis" in frame.loc["unknown", "note"]
    assert frame.loc["unknown"].geometry is None
    assert frame.loc["nowhere", "note"] == "the claim names no place"


def test_lookups_are_batched_and_resolved_places_need_none():
    gazetteer = FakeGazetteer(GAZ)
    batch = [km2_claim(f"c{i}", 100 + i, scope="Raqqa") for i in range(50)]
    batch += [km2_claim("placed", 10, places=(RAQQA,))]
    frame = geo.layer(resolve_claims(batch, gazetteer=gazetteer))
    assert gazetteer.calls == 1
    assert frame["admin1_id"].eq("SYR-136").all()


def test_references_are_moved_onto_the_claim_at_true_size():
    claim = km2_claim(
        "cmp", 2195, scope="Iraq", comparison=Comparison(("Washington DC", "New Jersey"), factor=12)
    )
    refs = attach(resolve_claims([claim], gazetteer=FakeGazetteer(GAZ))).references_layer()
    assert list(refs["reference_code"]) == ["DC", "NJ"]
    assert np.allclose(refs["moved_km2"], refs["shape_km2"], rtol=1e-3)
    assert refs.iloc[0]["official_km2"] == 177
    centre = refs.geometry.iloc[1].representative_point()
    assert abs(centre.x - IRAQ.lon) < 3 and abs(centre.y - IRAQ.lat) < 3


def test_unknown_reference_gets_a_note_not_a_crash():
    claim = km2_claim("x", 10, scope="Iraq", comparison=Comparison(("Narnia",)))
    refs = attach(resolve_claims([claim], gazetteer=FakeGazetteer(GAZ))).references_layer()
    assert refs.iloc[0].geometry is None and "Narnia" in refs.iloc[0]["note"]


def test_example_claims_with_the_real_gazetteer(gazetteer):
    claims = load_claims(EXAMPLE)
    layers = attach(resolve_claims(claims, gazetteer=gazetteer)).layers()
    frame = layers["claims"].set_index("id")
    assert len(frame) == 11
    assert frame.loc["dodnews-2017-02-15:1", "admin1_id"] == "SYR-136"
    assert frame.loc["epochtimes-2017-09-22:2", "admin1_id"] == "SYR-142"
    assert frame.loc["gulftimes-2017-09:1", "country"] == "IQ"
    assert len(layers["disks"]) == 9
    assert set(layers["references"]["reference_code"]) == {"DC", "SE", "VA", "NJ"}
    assert "country:IQ" in set(layers["places"]["place_id"])


# --- names that do not resolve: collected, never dropped without a word ----------------------


def named_claim(claim_id: str, *names: str, scope: str | None = None) -> Claim:
    from contested.claims.claim_files import PLACE_NAMES

    return km2_claim(claim_id, 100, scope=scope, extra={PLACE_NAMES: list(names)})


def test_unresolved_place_names_and_scopes_are_collected_with_their_claim_ids():
    claims = [
        named_claim("a", "Iraq", "Nowhere"),
        named_claim("b", "Raqqa", scope="Atlantis"),
        named_claim("c", "Raqqa", scope="Iraq and Raqqa"),  # every part is known
    ]
    unresolved = attach(resolve_claims(claims, gazetteer=FakeGazetteer(GAZ))).unresolved
    assert [(u.claim_id, u.field, u.name) for u in unresolved] == [
        ("a", "places", "Nowhere"),
        ("b", "scope", "Atlantis"),
    ]


def test_require_resolved_raises_exit_3_naming_file_claim_and_name():
    from contested.claims.resolved import UnresolvedPlaces

    claims = [named_claim("a", "Iraq", "Nowhere"), named_claim("b", "Zork")]
    with pytest.raises(UnresolvedPlaces) as caught:
        require_resolved(
            resolve_claims(
                claims, gazetteer=FakeGazetteer(GAZ), files={"a": "claims.yaml", "b": "more.csv"}
            )
        )
    message = str(caught.value)
    assert caught.value.exit_code == 3
    assert "claims.yaml, claim a: unknown place 'Nowhere'" in message
    assert "more.csv, claim b: unknown place 'Zork'" in message
    assert "--skip-unresolved" in message


def test_skip_unresolved_warns_once_per_name_and_keeps_the_claims():
    warnings: list[str] = []
    claims = [named_claim("a", "Iraq", "Nowhere")]
    skipped = require_resolved(
        resolve_claims(claims, gazetteer=FakeGazetteer(GAZ)),
        skip_unresolved=True,
        warn=warnings.append,
    )
    assert [u.name for u in skipped] == ["Nowhere"]
    assert len(warnings) == 1 and "claim a: unknown place 'Nowhere'" in warnings[0]
    assert attach(resolve_claims(claims, gazetteer=FakeGazetteer(GAZ))).targets[0] == IRAQ


def test_a_scope_that_is_no_place_name_at_all_is_an_input_error():
    from contested.core.exceptions import ClaimsFileError, InputError

    class RefusingGazetteer(FakeGazetteer):
        def resolve(self, name, **_hints):
            raise InputError("place name is 10247 characters long", field="name")

    with pytest.raises(ClaimsFileError, match="claims.yaml, field 'scope': claim a: place"):
        require_resolved(
            resolve_claims(
                [named_claim("a", scope="A" * 10_247)],
                gazetteer=RefusingGazetteer({}),
                files={"a": "claims.yaml"},
            )
        )


def test_names_from_news_text_only_warn():
    warnings: list[str] = []
    claims = [named_claim("article.txt:1", "Nowhere")]
    skipped = require_resolved(
        resolve_claims(claims, gazetteer=FakeGazetteer(GAZ)),
        warn=warnings.append,
        warn_only={"article.txt:1"},
    )
    assert [u.name for u in skipped] == ["Nowhere"]
    assert "claim article.txt:1: unknown place 'Nowhere'" in warnings[0]
