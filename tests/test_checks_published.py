"""Claims in the style of published sentences (written for this test, about a third wrong),
each with the verdict it must get. The sentence is in the comment; the claim is what an
extractor reads out of it."""

from __future__ import annotations

import pytest

from contested.checks import run_checks
from contested.claims.model import Claim, Comparison, Stated
from contested.claims.units import to_km2
from contested.resolution import resolve_claims


def c(claim_id: str, *figures: tuple[float, str], **fields) -> Claim:
    stated = tuple(Stated(value, unit, to_km2(value, unit)) for value, unit in figures)
    comparison = fields.pop("compare", None)
    if comparison is not None:
        comparison = Comparison(*comparison) if isinstance(comparison, tuple) else comparison
    return Claim(id=claim_id, stated=stated, comparison=comparison,
                 source=fields.pop("source", claim_id.split(":")[0]), **fields)


# (claim(s), rule, verdict); claims of one row are checked together.
CASES = [
    # "an area of 68,300 sq km (26,370 sq miles)"
    ([c("p01:1", (68300, "km2"), (26370, "sq mi"))], "units", "consistent"),
    # "nearly 90,000 square kilometres (35,000 square miles)"
    ([c("p02:1", (90000, "km2"), (35000, "sq mi"), qualifier="nearly")], "units", "consistent"),
    # "some 40,000 sq km (25,000 sq miles) of territory"  — linear mile factor
    ([c("p03:1", (40000, "km2"), (25000, "sq mi"))], "units", "inconsistent"),
    # "15,000 square kilometres (9,320 square miles)"  — linear mile factor
    ([c("p04:1", (15000, "km2"), (9320, "sq mi"))], "units", "inconsistent"),
    # "2,000 square miles (5,180 sq km)"
    ([c("p05:1", (2000, "sq mi"), (5180, "km2"))], "units", "consistent"),
    # "10,000 hectares (100 sq km)" but written "(1,000 sq km)"
    ([c("p06:1", (10000, "ha"), (1000, "km2"))], "units", "inconsistent"),
    # "lost 60 percent of its territory, about 54,000 of the 90,800 sq km it held"
    ([c("p07:1", (54000, "km2"), percent=60, of_total_km2=90800, kind="liberated")],
     "arithmetic", "consistent"),
    # "forces have retaken 120 percent of the land seized in 2014"
    ([c("p08:1", percent=120, kind="liberated")], "arithmetic", "inconsistent"),
    # "freed 120,000 sq km of the 110,000 sq km the group once held"
    ([c("p09:1", (120000, "km2"), of_total_km2=110000, kind="liberated")],
     "arithmetic", "inconsistent"),
    # "60 percent, or 30,000 sq km, of the 100,000 sq km"
    ([c("p10:1", (30000, "km2"), percent=60, of_total_km2=100000, kind="liberated")],
     "arithmetic", "inconsistent"),
    # "at its height ISIS held 100,000 sq km; it has lost 90,000 and still holds 25,000"
    ([c("p11:1", (100000, "km2"), kind="peak_held"), c("p11:2", (90000, "km2"),
      kind="liberated"), c("p11:3", (25000, "km2"), kind="held")], "arithmetic", "inconsistent"),
    # "of 88,000 sq km it held, 95% is gone; about 4,400 sq km remain"
    ([c("p12:1", (88000, "km2"), kind="peak_held"), c("p12:2", (83600, "km2"),
      kind="liberated"), c("p12:3", (4400, "km2"), kind="remaining", qualifier="about")],
     "arithmetic", "consistent"),
    # "at its peak the group ruled 88,000 sq km, roughly the size of Portugal"
    ([c("p13:1", (88000, "km2"), kind="peak_held", compare=(("Portugal",),))],
     "comparison", "consistent"),
    # "ISIS held 80,000 sq km, an area the size of the UK"  — a third of it
    ([c("p14:1", (80000, "km2"), kind="held", compare=(("the UK",),))],
     "comparison", "inconsistent"),
    # "territory of 200,000 sq km, the size of Texas"  — Texas is 3.5 times larger
    ([c("p15:1", (200000, "km2"), compare=(("Texas",),))], "comparison", "inconsistent"),
    # "about 122,000 sq km, half the size of Britain"
    ([c("p16:1", (122000, "km2"), compare=(("Britain",), 0.5))], "comparison", "consistent"),
    # "10,000 sq km, the size of Lebanon"
    ([c("p17:1", (10000, "km2"), compare=(("Lebanon",),))], "comparison", "consistent"),
    # "about 10,000 sq km, 1% of Egypt"
    ([c("p18:1", (10000, "km2"), compare=(("Egypt",), 0.01))], "comparison", "consistent"),
    # "1,000 sq km, nearly six times the size of Washington, DC"
    ([c("p19:1", (1000, "km2"), compare=(("Washington, DC",), 6, "nearly"))],
     "comparison", "consistent"),
    # "24,000 sq km, roughly the size of Belgium"  — 21% short: loose
    ([c("p20:1", (24000, "km2"), compare=(("Belgium",),))], "comparison", "loose"),
    # "an area the size of Jordan" with no figure anywhere
    ([c("p21:1", kind="liberated", compare=(("Jordan",),))], "comparison", "unverifiable"),
    # "5,000 sq km, 30 times the size of the U.S. capital (61 sq miles)": 61 sq mi = 158 km²
    ([c("p22:1", (5000, "km2"), compare=(("the U.S. capital",), 30, None, 158.0))],
     "comparison", "consistent"),
    # "ISIS controls 250,000 sq km of Syria"
    ([c("p23:1", (250000, "km2"), kind="held", scope="Syria")], "containment", "inconsistent"),
    # "about 20,000 sq km of Jordan"
    ([c("p24:1", (20000, "km2"), scope="Jordan")], "containment", "consistent"),
    # two outlets, ten days apart: "lost 25,000 sq km in Iraq" vs "lost 40,000 sq km in Iraq"
    ([c("p25:1", (25000, "km2"), kind="lost", scope="Iraq", date="2016-05-01"),
      c("p26:1", (40000, "km2"), kind="liberated", scope="Iraq", date="2016-05-10")],
     "cross-source", "inconsistent"),
    # two outlets: "more than 41,000 sq km in Iraq" and "about 16,000 square miles in Iraq"
    ([c("p27:1", (41000, "km2"), kind="liberated", scope="Iraq", date="2017-09-20",
        qualifier="more than"),
      c("p28:1", (16000, "sq mi"), kind="liberated", scope="Iraq", date="2017-09-28",
        qualifier="about")], "cross-source", "consistent"),
    # peak figures years apart: "up to 110,000 sq km" vs "some 88,000 sq km"
    ([c("p29:1", (110000, "km2"), kind="peak_held", qualifier="up to", date="2020-11"),
      c("p30:1", (88000, "km2"), kind="peak_held", date="2019-03")], "cross-source", "consistent"),
    # one outlet over time: "liberated 41,000 sq km in Iraq" then "30,000 sq km"
    ([c("p31:1", (41000, "km2"), kind="liberated", scope="Iraq", date="2017-09"),
      c("p31:2", (30000, "km2"), kind="liberated", scope="Iraq", date="2017-12")],
     "timeline", "inconsistent"),
    # "ISIS still holds 2,195 sq km" (July) then "about 2,000 sq km" (August)
    ([c("p32:1", (2195, "km2"), kind="held", scope="Syria", date="2018-07"),
      c("p32:2", (2000, "km2"), kind="held", scope="Syria", date="2018-08",
        qualifier="about")], "timeline", "consistent"),
]


@pytest.mark.parametrize(("claims", "rule", "verdict"), CASES,
                         ids=[case[0][0].id.split(":")[0] for case in CASES])
def test_published_style_claim_gets_its_verdict(claims, rule, verdict) -> None:
    findings = [f for f in run_checks(resolve_claims(claims, gazetteer=None)) if f.rule == rule]
    assert findings, f"no {rule} finding"
    assert findings[0].verdict == verdict, findings[0].message


def test_about_a_third_of_the_set_is_wrong() -> None:
    wrong = sum(verdict in ("inconsistent", "loose") for _, _, verdict in CASES)
    assert 0.3 <= wrong / len(CASES) <= 0.45
