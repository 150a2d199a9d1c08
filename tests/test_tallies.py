"""A count of units and its breakdown ("the other N"): read from text onto the claim that
states the total, kept by claims files, and checked by the arithmetic rule. Sentences are
our own."""

from __future__ import annotations

import pytest

from contested.checks import Tolerances, check_arithmetic
from contested.claims.claim_files import load_claims
from contested.claims.extract import extract_claims
from contested.claims.model import Claim, Tally
from contested.core.exceptions import ClaimsFileError
from contested.corpus.table import claims_from_table, claims_table


def _tallies(text: str) -> list[Tally | None]:
    return [claim.tally for claim in extract_claims(text, gazetteer=None)]


def test_a_breakdown_in_the_next_paragraph_is_the_tally_of_the_total() -> None:
    text = ("Rebel groups now hold 212 villages, or 38 percent of the province.\n"
            "They took 120 villages by force and entered the other 92 after local truces.\n")
    assert _tallies(text) == [Tally(212, (120, 92), "villages")]


def test_the_remaining_units_with_the_noun_repeated_are_a_part() -> None:
    text = ("The army says it controls 75 districts, 60 percent of the region. It holds "
            "40 districts outright and patrols the remaining 35 districts by day.")
    assert _tallies(text) == [Tally(75, (40, 35), "districts")]


def test_parts_of_another_unit_are_not_a_breakdown_of_the_total() -> None:
    text = ("The army controls 75 districts, 60 percent of the region. It holds 40 villages "
            "and the other 35 towns.")
    assert _tallies(text) == [None]


@pytest.mark.parametrize("text", [
    # "the remaining 31 counties" with no other count of counties before it
    "Government troops patrol 12 counties, a fifth of the state, by day.\n"
    "The remaining 31 counties, 52 percent of it, are beyond their reach.\n",
    # no earlier count larger than the parts: not their total
    "Rebels hold 12 villages, 3 percent of the area. They took 40 villages and the other 50.",
    # a decimal is not a count
    "Rebels hold 212 villages, 38 percent of the area. They took 120 villages and the other "
    "9.5 percent.",
])
def test_no_tally_without_a_total_and_a_breakdown(text: str) -> None:
    assert set(_tallies(text)) == {None}


def test_parts_that_do_not_add_up_to_the_total_are_inconsistent() -> None:
    claim = Claim(id="d:1", percent=44.0, tally=Tally(212, (120, 80), "villages"))
    [finding] = check_arithmetic([claim], Tolerances())
    assert finding.verdict == "inconsistent"
    assert finding.message == "120 + 80 = 200 villages, not the 212 stated (off by 12)"
    assert (finding.expected, finding.observed) == (212.0, 200.0)


def test_parts_that_add_up_are_consistent() -> None:
    claim = Claim(id="d:1", percent=44.0, tally=Tally(212, (132, 80), "villages"))
    [finding] = check_arithmetic([claim], Tolerances())
    assert finding.verdict == "consistent"


def test_a_round_total_allows_its_rounding() -> None:
    claim = Claim(id="d:1", percent=10.0, tally=Tally(1000, (620, 410), "villages"))
    assert check_arithmetic([claim], Tolerances())[0].verdict == "consistent"
    claim = claim.replace(tally=Tally(1000, (620, 810), "villages"))
    assert check_arithmetic([claim], Tolerances())[0].verdict == "inconsistent"


def test_a_claims_file_gives_a_tally(tmp_path) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text("- id: a\n  percent: 44\n  tally: {total: 212, parts: [120, '80'], "
                    "noun: villages}\n", encoding="utf-8")
    [claim] = load_claims(path)
    assert claim.tally == Tally(212, (120, 80), "villages")


@pytest.mark.parametrize(("tally", "field"), [
    ("[212, 120, 80]", "tally"),
    ("{total: 212, parts: [120], noun: villages}", "tally.parts"),
    ("{total: 212, parts: [120, -1], noun: villages}", "tally.parts.1"),
    ("{total: 14.5, parts: [4, 10], noun: townships}", "tally.total"),
    ("{total: 212, parts: [120, 92], noun: ''}", "tally.noun"),
    ("{total: 212, parts: [120, 92], noun: villages, of: 330}", "tally.of"),
])
def test_a_bad_tally_names_its_field(tmp_path, tally: str, field: str) -> None:
    path = tmp_path / "claims.yaml"
    path.write_text(f"- id: a\n  percent: 44\n  tally: {tally}\n", encoding="utf-8")
    with pytest.raises(ClaimsFileError) as error:
        load_claims(path)
    assert error.value.field == field
    assert error.value.line == 3


def test_a_corpus_partition_keeps_the_tally() -> None:
    claims = [Claim(id="d:1", percent=38.0, tally=Tally(212, (120, 92), "villages")),
              Claim(id="d:2", percent=12.0)]
    assert list(claims_from_table(claims_table(claims, [None, None]))) == claims
