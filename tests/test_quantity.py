"""contested.geo.quantity: numbers and area figures as news writes them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contested.claims.quantity import find_areas, parse_area, parse_number
from contested.claims.units import UNIT_ALIASES, to_km2
from contested.core.exceptions import InputError, UnitError


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("41,000", 41000),
        ("41000", 41000),
        ("41.5", 41.5),
        ("4mn", 4e6),
        ("4m", 4e6),
        ("2.3mn", 2.3e6),
        ("2.3 million", 2.3e6),
        ("(110) thousand", 110000),
        ("four million", 4e6),
        ("nearly eight million", None),  # a qualifier is not a number: see below
        ("1.2 million", 1.2e6),
        ("two", 2),
        ("twenty-five", 25),
        ("one hundred and ten thousand", 110000),
        ("a third", 1 / 3),
        ("two thirds", 2 / 3),
        ("half", 0.5),
        ("98%", 98),
        ("98 percent", 98),
        ("٤١٬٠٠٠", 41000),
        ("1,200bn", 1.2e12),
    ],
)
def test_parse_number_reads_news_spellings(text: str, expected: float | None) -> None:
    if expected is None:
        with pytest.raises(InputError):
            parse_number(text)
        return
    assert parse_number(text) == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("text", ["", "   ", "tens of thousands", "several", "ISF", "hundreds"])
def test_parse_number_without_a_definite_number_raises_input_error(text: str) -> None:
    with pytest.raises(InputError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "values", "units", "qualifier"),
    [
        ("more than 41,000 sq km", [41000], ["km2"], "more than"),
        ("41,000sq km", [41000], ["km2"], None),
        ("15,800 square miles", [15800], ["sq mi"], None),
        ("107,575 sq. km.", [107575], ["km2"], None),
        ("(110) thousand square kilometers", [110000], ["km2"], None),
        ("up to (110) thousand square kilometers", [110000], ["km2"], "up to"),
        ("68,300 sq km (26,370 sq miles)", [68300, 26370], ["km2", "sq mi"], None),
        ("nearly 60,000 square kilometres (23,000 sq miles)", [60000, 23000],
         ["km2", "sq mi"], "nearly"),
        ("23,000 sq mi / 60,000 km²", [23000, 60000], ["sq mi", "km2"], None),
        ("88,000 km2", [88000], ["km2"], None),
        ("5 km²", [5], ["km2"], None),
        ("40 square-meter", [40], ["m2"], None),
        ("roughly 1,000 hectares", [1000], ["ha"], "about"),
        ("some 300 dunams", [300], ["dunam"], "about"),
        ("close to 15,800 square miles", [15800], ["sq mi"], "close to"),
        ("less than 1 sq km", [1], ["km2"], "less than"),
        ("over 3,900 Sq Km", [3900], ["km2"], "more than"),
        ("approximately 2.5mn acres", [2.5e6], ["acre"], "about"),
    ],
)
def test_parse_area_reads_news_figures(
    text: str, values: list[float], units: list[str], qualifier: str | None
) -> None:
    quantity = parse_area(text)
    assert [s.value for s in quantity.stated] == pytest.approx(values)
    assert [s.unit for s in quantity.stated] == units
    assert quantity.qualifier == qualifier
    for stated in quantity.stated:
        assert stated.km2 == pytest.approx(to_km2(stated.value, stated.unit))


def test_square_miles_convert_with_the_exact_international_mile() -> None:
    assert parse_area("15,800 square miles").km2 == pytest.approx(40921.81, rel=1e-6)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 3,000 and 4,000 km2", 3000, 4000),
        ("3,000-4,000 sq km", 3000, 4000),
        ("3,000 to 4,000 square kilometres", 3000, 4000),
        ("3–4 thousand sq km", 3000, 4000),
        ("3-4,000 sq km", 3000, 4000),
    ],
)
def test_parse_area_keeps_both_ends_of_a_range(text: str, low: float, high: float) -> None:
    stated = parse_area(text).stated[0]
    assert (stated.value, stated.value_max) == (low, high)


@pytest.mark.parametrize("text", ["41,000 km", "3000 soldiers", "26,000 kilograms", "12 furlongs"])
def test_parse_area_with_a_unit_that_is_not_an_area_raises_unit_error(text: str) -> None:
    with pytest.raises(UnitError):
        parse_area(text)


@pytest.mark.parametrize("text", ["", "sq km", "tens of thousands of sq km", "the size of Iraq"])
def test_parse_area_without_a_number_raises_input_error(text: str) -> None:
    with pytest.raises(InputError):
        parse_area(text)


def test_find_areas_skips_numbers_that_are_not_areas() -> None:
    text = (
        "The coalition trained 116,000 ISF, removed 26,000 kilograms of explosives, flew 37,800 "
        "sorties, spent $200mn and kept 3000 soldiers, while 4mn people in 41,000sq km were freed."
    )
    found = list(find_areas(text))
    assert [m.quantity.km2 for m in found] == [41000]
    assert text[found[0].start:found[0].end] == "41,000sq km"


def test_find_areas_offsets_point_into_the_text() -> None:
    text = "IS still holds 2,195 sq. km. — about 12 times DC (177 sq. km.)."
    found = list(find_areas(text))
    assert [text[m.start:m.end] for m in found] == ["2,195 sq. km.", "177 sq. km."]


# --- properties ---------------------------------------------------------------------------

_UNIT_SPELLINGS = sorted(UNIT_ALIASES)
_SCALES = {"mn": 1e6, " million": 1e6, " thousand": 1e3, "bn": 1e9, "k": 1e3, "": 1.0}


@st.composite
def _news_numbers(draw: st.DrawFn) -> tuple[str, float]:
    """A number written the way a newspaper would, and the value it stands for."""
    whole = draw(st.integers(min_value=0, max_value=9_999_999))
    decimals = draw(st.sampled_from(["", "5", "25", "1"]))
    if whole == 0 and not decimals:
        whole = 1
    grouping = draw(st.sampled_from(["comma", "plain", "paren"]))
    scale = draw(st.sampled_from(sorted(_SCALES)))
    digits = f"{whole:,}" if grouping == "comma" else str(whole)
    if decimals:
        digits += "." + decimals
    if grouping == "paren":
        digits = f"({digits})"
    value = float(f"{whole}.{decimals or 0}") * _SCALES[scale]
    return digits + scale, value


@settings(max_examples=400, deadline=None)
@given(number=_news_numbers(), unit=st.sampled_from(_UNIT_SPELLINGS),
       space=st.sampled_from(["", " ", "\u00a0"]))
def test_parse_area_reads_back_every_figure_it_formats(
    number: tuple[str, float], unit: str, space: str
) -> None:
    written, value = number
    if written[-1].isalpha() and unit[0].isalpha():
        space = space or " "  # "4mn acres", never "4mnacres"
    stated = parse_area(f"{written}{space}{unit}").stated[0]
    assert stated.value == pytest.approx(value, rel=1e-9)
    assert stated.km2 == pytest.approx(to_km2(value, unit), rel=1e-9)


@settings(max_examples=400, deadline=None)
@given(number=_news_numbers())
def test_parse_number_reads_back_every_number_it_formats(number: tuple[str, float]) -> None:
    written, value = number
    assert parse_number(written) == pytest.approx(value, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(number=_news_numbers(), unit=st.sampled_from(_UNIT_SPELLINGS),
       filler=st.sampled_from(["They said ", "Forces retook ", "(", "— ", "about "]))
def test_find_areas_finds_every_figure_it_formats_inside_a_sentence(
    number: tuple[str, float], unit: str, filler: str
) -> None:
    written, value = number
    text = f"{filler}{written} {unit} of ground, officials said."
    found = list(find_areas(text))
    assert len(found) == 1
    assert found[0].quantity.stated[0].value == pytest.approx(value, rel=1e-9)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_parse_area_never_crashes_on_any_text(text: str) -> None:
    try:
        parse_area(text)
    except InputError:
        pass


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_parse_number_never_crashes_on_any_text(text: str) -> None:
    try:
        parse_number(text)
    except InputError:
        pass


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789,.() sqkmiles²-to and")), max_size=60))
def test_find_areas_never_crashes_on_numeric_noise(text: str) -> None:
    for match in find_areas(text):
        assert 0 <= match.start < match.end <= len(text)


@pytest.mark.parametrize(("written", "km2", "noted"), [
    ("1.300 km²", 1300.0, True),        # points between thousands, as much of Europe writes
    ("1.300.000 hectares", 13000.0, True),
    ("2,0000 km2", 20000.0, True),      # a digit group of four
    ("1.234 km2", 1.234, False),        # a decimal: its last digit is not a zero
    ("2.5 km2", 2.5, False),
])
def test_irregularly_grouped_figures_are_read_with_a_note(written: str, km2: float,
                                                          noted: bool) -> None:
    [match] = list(find_areas(f"The rebels hold {written} of land."))
    assert match.quantity.stated[0].km2 == pytest.approx(km2)
    assert (match.note is not None) == noted
