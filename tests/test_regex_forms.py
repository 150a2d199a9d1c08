"""Patterns compiled on first use read text exactly as the patterns they stand for.

:class:`contested.claims.numbers.NumberRegex` searches a text with the plain numeral (ASCII
digits, no tests for combining marks) when the text holds none of the characters only the
full numeral reads; :class:`contested.core.lazy.LazyRegex` compiles on first use.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contested.claims import numbers, quantity
from contested.claims.extract import comparisons, populations, shares
from contested.core.lazy import LazyRegex

NUMBER_REGEXES = {
    "area": quantity._AREA_RE,
    "area without its twin": quantity._FIRST_RE,
    "number before a length": quantity._NUMBER_BEFORE_RE,
    "share": shares._SHARE_RE,
    "population": populations._POPULATION_RE,
    "size tail": comparisons._SIZE_TAIL_RE,
    "size head": comparisons._SIZE_HEAD_RE,
    "than head": comparisons._THAN_HEAD_RE,
    "leading numeral": numbers._LEADING_NUMERAL,
}

# Pieces of news text about figures, none of them a character only the full numeral reads.
_PIECES = st.sampled_from([
    "41,000", "41 000", "4,0000", "2.3", "(110)", "4mn", " 2.3 million", "m", "k", "1/3", "41",
    "000", ",", ".", " ", "\u00a0", "-", "–", "(", ")", "%", " percent", " per cent", "sq km",
    " square miles", "km2", "km²", " hectares", " of ", " to ", " and ", "between ", "from ",
    "more than ", "about ", "~", "some ", "a third", "two-thirds", "four million", "people",
    " times the size of ", "Belgium", " districts", "out of", "ISIS", "é", "’", "x", "_",
    " (", "/", ", or ", ", that's ", "[", "]",
])


def _reads(pattern: re.Pattern[str], text: str) -> list[object]:
    """What ``pattern`` finds in ``text``, and what it matches at every position."""
    found: list[object] = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    for position in range(len(text) + 1):
        match = pattern.match(text, position)
        found.append(None if match is None else (match.span(), match.groups()))
    return found


@settings(max_examples=150, deadline=None)
@given(text=st.lists(_PIECES, max_size=14).map("".join))
def test_plain_form_reads_a_plain_text_as_the_full_form(text: str) -> None:
    for name, regex in NUMBER_REGEXES.items():
        plain = regex.for_text(text)
        full = re.compile(regex.pattern, regex.flags)
        assert plain.pattern != full.pattern, name
        assert _reads(plain, text) == _reads(full, text), name


@settings(max_examples=150, deadline=None)
@given(text=st.lists(_PIECES, max_size=14).map("".join))
def test_an_area_figure_is_searched_as_by_the_whole_pattern(text: str) -> None:
    """The figure alone is searched first; the whole pattern (with its twin) only when a
    separator follows the figure. Every search finds what the whole pattern finds."""
    whole = re.compile(quantity._AREA_RE.pattern, quantity._AREA_RE.flags)
    for position in range(len(text) + 1):
        expected, found = whole.search(text, position), quantity._search_area(text, position)
        assert (found is None) == (expected is None)
        if expected is not None:
            assert found.span() == expected.span()
            assert {name: found[name] for name in found.re.groupindex} == {
                name: value for name, value in expected.groupdict().items()
                if name in found.re.groupindex}
            assert expected["twin"] is None or found.re.groupindex == expected.re.groupindex


@pytest.mark.parametrize("text", [
    "٤١٬٠٠٠ sq km", "41\u202f000 sq km", "4\u0301,000 sq km", "41,000\u200b sq km",
    "about ٤٠٫٥ percent", "Ι 41,000 sq km",  # U+0345 (a mark) matches Greek iota ignoring case
])
def test_a_text_with_other_characters_gets_the_full_form(text: str) -> None:
    for name, regex in NUMBER_REGEXES.items():
        assert regex.for_text(text).pattern == regex.pattern, name


def test_every_character_only_the_full_numeral_reads_selects_the_full_form() -> None:
    """Whatever the characters the plain form leaves out match, case-insensitively too, makes
    a text take the full form."""
    left_out = re.compile(f"[\u0660-\u0669\u06f0-\u06f9٬٫\u202f{numbers._MARKS}]", re.IGNORECASE)
    every_character = "".join(map(chr, range(0x110000)))
    matched = set(left_out.findall(every_character))
    assert matched <= set(numbers._NOT_PLAIN_RE.findall(every_character))


def test_a_number_regex_holds_the_numeral() -> None:
    with pytest.raises(ValueError, match="NUMBER_PATTERN"):
        numbers.NumberRegex(r"\d+")


def test_lazy_regex_compiles_on_first_use_and_reads_as_compiled() -> None:
    lazy = LazyRegex(r"(?P<n>\d+)\s*sq\s*km", re.IGNORECASE)
    assert "search" not in vars(lazy)
    compiled = re.compile(r"(?P<n>\d+)\s*sq\s*km", re.IGNORECASE)
    text = "41000 SQ KM and 5 sq km"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert "search" in vars(lazy)
    assert lazy.search(text)["n"] == "41000"
    assert lazy.sub("#", text) == compiled.sub("#", text)
    assert (lazy.pattern, lazy.flags, lazy.groupindex) == (
        compiled.pattern, compiled.flags, compiled.groupindex)


def test_lazy_regex_has_no_other_attributes() -> None:
    with pytest.raises(AttributeError):
        _ = LazyRegex("x").no_such_thing
