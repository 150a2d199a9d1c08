"""What extraction refuses, reports and costs: its arguments, a gazetteer's errors, figures it
will not read silently, text that is not English, and work that grows linearly with the
text (counted, not timed, so the test never flakes)."""

from __future__ import annotations

import warnings

import pytest

from contested.claims.extract import ExtractionWarning, extract_claims
from contested.core.exceptions import DataError, InputError


def _read(text: str, **kwargs):
    found: list[ExtractionWarning] = []
    claims = extract_claims(text, gazetteer=None, on_warning=found.append, **kwargs)
    return claims, found


def test_the_gazetteer_is_an_argument_and_none_means_no_places() -> None:
    claims = extract_claims("Iraqi forces retook 300 sq km across Iraq.", gazetteer=None)
    assert claims[0].places == () and claims[0].scope == "Iraq"
    with pytest.raises(TypeError):
        extract_claims("IS holds 5 sq km.")  # type: ignore[call-arg]
    with pytest.raises(InputError, match="gazetteer"):
        extract_claims("IS holds 5 sq km.", gazetteer=False)
    with pytest.raises(InputError, match="text"):
        extract_claims(None, gazetteer=None)  # type: ignore[arg-type]


class _BrokenGazetteer:
    """A gazetteer whose index cannot be read."""

    def keys(self, form: str = "exact"):
        raise DataError("the gazetteer index cannot be read")

    def resolve(self, name, **kwargs):
        raise DataError("the gazetteer index cannot be read")


def test_a_gazetteer_error_propagates_instead_of_dropping_places() -> None:
    with pytest.raises(DataError):
        extract_claims("Iraqi forces retook 300 sq km near Mosul.", gazetteer=_BrokenGazetteer())


def test_doc_id_numbers_the_claims_of_a_document() -> None:
    claims = extract_claims("IS holds 10 sq km. It lost 20 sq km.", gazetteer=None,
                            doc_id="reuters-0412", source="Reuters")
    assert [c.id for c in claims] == ["reuters-0412:1", "reuters-0412:2"]
    assert {c.source for c in claims} == {"Reuters"}


def test_a_minus_sign_is_never_dropped_silently() -> None:
    claims, found = _read("The front moved and the tally read -41,000 sq km overnight.")
    assert claims == []
    assert [w.code for w in found] == ["negative-figure"]
    assert "-41,000 sq km" in str(found[0])


@pytest.mark.parametrize("mark", ["\u0301", "\u200b", "\u00ad"])
def test_a_mark_inside_a_number_does_not_leave_part_of_it_to_be_read(mark: str) -> None:
    claims, found = _read(f"The group holds 4{mark}1,000 sq km in the east.")
    assert all(c.km2 != 1000 for c in claims)
    assert [w.code for w in found] == ["broken-number"]


def test_text_in_another_script_gives_a_warning_not_a_silent_nothing() -> None:
    arabic = "سيطرت القوات على مساحة واسعة من الأراضي في شرق البلاد خلال الأسبوع الماضي " * 3
    claims, found = _read(arabic, source="article.txt")
    assert claims == []
    assert [w.code for w in found] == ["not-english"]
    assert "Arabic" in str(found[0]) and "article.txt" in str(found[0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        extract_claims(arabic, gazetteer=None)
    assert [w.category for w in caught] == [ExtractionWarning]
    _, found = _read("The army retook 30 sq km near Deir ez-Zor (دير الزور) on Monday.")
    assert found == []


def _count_work(monkeypatch) -> dict[str, int]:
    """Count the units of work extraction does per claim: characters read for kinds, dates and
    scopes, and scope candidates looked at."""
    import contested.claims.extract.build as build
    import contested.claims.extract.scopes as scopes

    work = {"chars": 0, "candidates": 0}
    find_kind, claim_time, pick = build.find_kind, build.claim_time, scopes._pick

    def counted_kind(segment, *args, **kwargs):
        work["chars"] += len(segment)
        return find_kind(segment, *args, **kwargs)

    def counted_time(segment, *args, **kwargs):
        work["chars"] += len(segment)
        return claim_time(segment, *args, **kwargs)

    def counted_pick(candidates, *args, **kwargs):
        work["candidates"] += len(candidates)
        return pick(candidates, *args, **kwargs)

    monkeypatch.setattr(build, "find_kind", counted_kind)
    monkeypatch.setattr(build, "claim_time", counted_time)
    monkeypatch.setattr(scopes, "_pick", counted_pick)
    return work


@pytest.mark.parametrize(
    "unit",
    [
        "{n} sq km in Raqqa and ",  # figures and places in one endless sentence
        "{n} sq km ",  # figures alone
        "{n} percent of the land and ",  # shares
    ],
)
def test_work_grows_linearly_with_figures_per_sentence(monkeypatch, unit: str) -> None:
    work = _count_work(monkeypatch)
    per_char = []
    for count in (200, 800):
        work.update(chars=0, candidates=0)
        text = "".join(unit.format(n=n) for n in range(1, count + 1))
        claims = extract_claims(text, gazetteer=None)
        assert len(claims) >= count * 0.9
        per_char.append({key: value / len(text) for key, value in work.items()})
    for key in ("chars", "candidates"):
        small, large = per_char[0][key], per_char[1][key]
        # Linear work costs the same per character of text at 4× the size; a quadratic
        # reading of each sentence costs about 4× as much.
        assert large <= 1.5 * max(small, 1e-9), (key, small, large)


def test_comparison_cues_cost_work_in_proportion_to_their_number() -> None:
    import time

    def seconds(text: str) -> float:
        best = float("inf")
        for _ in range(3):
            started = time.process_time()
            extract_claims(text, gazetteer=None)
            best = min(best, time.process_time() - started)
        return best

    small = seconds("times the size of " * 1500)
    large = seconds("times the size of " * 6000)
    # Linear work gives ~4×; a quadratic reading of these cues gives ~16×.
    assert large < 10 * max(small, 0.005)
