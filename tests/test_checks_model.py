"""Tolerances, qualifier bounds, rounding and the Finding's JSON object."""

from __future__ import annotations

import math

import pytest

from contested.checks import Finding, Tolerances
from contested.checks.model import bounds, date_range, days_apart, document_of, rounding_allowance
from contested.checks.report import LIST_LIMIT, render_html, render_markdown
from contested.claims.model import Claim
from contested.core.exceptions import InputError


def test_finding_to_dict_is_the_design_json_object() -> None:
    finding = Finding("units", "consistent", ("a:1",), 41000.0, 40921.8, 0.998093, "msg")
    assert finding.to_dict() == {
        "rule": "units", "verdict": "consistent", "claims": ["a:1"], "expected": 41000.0,
        "observed": 40921.8, "ratio": 0.998093, "message": "msg",
        "reference": None, "reference_id": None, "sources": [],
    }


def test_finding_to_dict_turns_non_finite_numbers_into_null() -> None:
    finding = Finding("units", "unverifiable", ("a:1",), math.inf, None, math.nan, "m")
    assert finding.to_dict()["expected"] is None
    assert finding.to_dict()["ratio"] is None


def test_default_tolerances_are_the_documented_ones() -> None:
    defaults = Tolerances()
    assert (defaults.units, defaults.arithmetic, defaults.comparison) == (0.02, 0.02, 0.15)
    assert (defaults.cross_source, defaults.cross_source_days) == (0.10, 45)


def test_tolerance_option_overrides_only_what_it_names() -> None:
    tolerances = Tolerances.parse("units=0.05, cross-source=0.2,cross-source-days=30")
    assert (tolerances.units, tolerances.cross_source, tolerances.cross_source_days) == (
        0.05, 0.2, 30,
    )
    assert tolerances.comparison == 0.15


@pytest.mark.parametrize("text", ["unit=0.1", "units", "units=abc", "units=-1"])
def test_bad_tolerance_text_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        Tolerances.parse(text)


def test_config_file_tolerance_table_then_option_on_top(tmp_path) -> None:
    from contested.core.settings import Settings

    config = tmp_path / "contested.toml"
    config.write_text("[tolerance]\ncomparison = 0.25\nunits = 0.03\n", encoding="utf-8")
    settings = Settings.load(environ={"CONTESTED_CACHE_DIR": str(tmp_path)}, config_path=config)
    from_file = Tolerances().override(settings.tolerances, source=str(config))
    assert (from_file.comparison, from_file.units) == (0.25, 0.03)
    combined = Tolerances.parse("units=0.01", from_file)
    assert (combined.comparison, combined.units) == (0.25, 0.01)


def test_an_unknown_tolerance_in_a_config_file_names_the_file(tmp_path) -> None:
    with pytest.raises(InputError, match="bad.toml"):
        Tolerances().override({"comparisn": 0.2}, source=str(tmp_path / "bad.toml"))


def test_qualifiers_make_one_sided_or_two_sided_bounds() -> None:
    assert bounds(41000, "more than", 0.02) == (41000 * 0.98, math.inf)
    assert bounds(110000, "up to", 0.1) == (0.0, pytest.approx(121000))
    assert bounds(100, "about", 0.1) == (pytest.approx(90), pytest.approx(110))
    assert bounds(100, "nearly", 0.1) == (pytest.approx(90), pytest.approx(110))


def test_rounding_allowance_follows_the_last_significant_digit() -> None:
    assert rounding_allowance(40000) == pytest.approx(0.125)
    assert rounding_allowance(15800) == pytest.approx(50 / 15800)
    assert rounding_allowance(107575) == pytest.approx(0.5 / 107575)
    assert rounding_allowance(2.5) == pytest.approx(0.05 / 2.5)


def test_partial_dates_span_their_month_or_year() -> None:
    month = date_range("2017-09")
    day = date_range("2017-09-22")
    assert month[1] - month[0] == 29
    assert days_apart(month, day) == 0
    assert days_apart(date_range("2017"), date_range("2018-02-14")) == 45
    assert date_range("sometime") is None


def test_document_is_the_source_else_the_file_of_the_id() -> None:
    assert document_of(Claim(id="a.txt:3")) == "a.txt"
    assert document_of(Claim(id="x", source="Reuters")) == "Reuters"
    assert document_of(Claim(id="plain")) == "plain"


def test_a_report_of_an_archive_lists_the_most_severe_findings_and_counts_the_rest() -> None:
    findings = [Finding("containment", "consistent", (f"d:{n}",), None, None, None, "fits")
                for n in range(LIST_LIMIT + 500)]
    findings.append(Finding("units", "inconsistent", ("d:x",), None, None, None, "off"))
    page = render_html(findings)
    assert page.count('<tr><td>containment</td><td class="consistent">') == LIST_LIMIT - 1
    assert '<td class="inconsistent">inconsistent</td>' in page
    assert "and 501 more findings" in page
    markdown = render_markdown(findings)
    assert "**inconsistent**" in markdown and "and 501 more findings" in markdown
    small = render_markdown(findings[:3])
    assert "more findings" not in small and small.count("| containment |") == 3
