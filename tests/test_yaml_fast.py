"""The rapidyaml path (claims/yaml_fast.py) reads every YAML text as libyaml's reader does.

Each test reads texts twice, with libyaml's reader and with the fast path forced on (every
size, cut into small chunks), and compares the outcomes whole: the records (data by repr,
so 1, 1.0 and True differ; the line; the field lines), or the error (message and line).
Where the fast path declines (a chunk read by libyaml, or the whole file), the outcome must
still be the same; where rapidyaml is expected to do the reading, the route is checked too,
so that a scan declining everything cannot pass for a fast path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contested.claims import yaml_claims, yaml_fast
from contested.claims.claim_files import save_claims
from contested.claims.yaml_claims import libyaml_records, yaml_records
from contested.core.exceptions import ClaimsFileError

REPO = Path(__file__).resolve().parents[1]


def fuzz(examples: int) -> settings:
    """Derandomized (the same inputs every run, so it never flakes)."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def outcome(read: Callable[[str, str], Iterator[Any]], text: str) -> tuple[str, str]:
    """What reading ``text`` gives, as comparable text: its records, or its error and the
    records given out before it (a reader that gave out one more would have had it checked
    by the caller first)."""
    records = []
    try:
        for record in read(text, "f"):
            records.append((record.data, record.line, dict(record.field_lines)))
    except ClaimsFileError as error:
        return "error", f"{error} (line {error.line}) after {records!r}"
    return "records", repr(records)


@contextmanager
def fast_path_forced(chunk_chars: int = 1) -> Iterator[dict[str, int]]:
    """Every text takes the fast path, in chunks of about ``chunk_chars`` (1: a claim each);
    yields the count of chunks read by rapidyaml, by libyaml, and of files declined."""
    routes = {"rapidyaml": 0, "libyaml": 0, "declined": 0}
    chunk_by_libyaml, after = yaml_fast._libyaml_chunk, yaml_claims._after

    def libyaml_chunk(*args: Any) -> Any:
        routes["libyaml"] += 1
        return chunk_by_libyaml(*args)

    def declined(*args: Any) -> Any:
        routes["declined"] += 1
        return after(*args)

    def rapid_claims(*args: Any, claims: Callable[..., Any] = yaml_fast._claims,
                     **kwargs: Any) -> Any:
        found = claims(*args, **kwargs)
        routes["rapidyaml"] += 1
        return found

    with mock.patch.object(yaml_fast, "MIN_CHARS", 0), \
            mock.patch.object(yaml_fast, "CHUNK_CHARS", chunk_chars), \
            mock.patch.object(yaml_fast, "_libyaml_chunk", libyaml_chunk), \
            mock.patch.object(yaml_fast, "_claims", rapid_claims), \
            mock.patch.object(yaml_claims, "_after", declined):
        yield routes


def assert_read_alike(text: str, chunk_chars: int = 1) -> dict[str, int]:
    """The fast path's outcome is libyaml's; returns the routes it took."""
    expected = outcome(libyaml_records, text)
    with fast_path_forced(chunk_chars) as routes:
        assert outcome(yaml_records, text) == expected, text[:2000]
    return routes


def read_by_rapidyaml(text: str) -> bool:
    routes = assert_read_alike(text)
    return routes["libyaml"] == routes["declined"] == 0 and routes["rapidyaml"] > 0


# --- files as they are -------------------------------------------------------------------

SHIPPED = sorted([REPO / "contested/data/example_claims.yaml",
                  *(REPO / "docs/examples").glob("*.yaml"), *(REPO / "tests/data").glob("*.yaml")])


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.name)
@pytest.mark.parametrize("chunk_chars", [1, 300, 10**9])
def test_the_shipped_yaml_files_read_alike(path, chunk_chars):
    assert_read_alike(path.read_text(encoding="utf-8"), chunk_chars)


@pytest.fixture(scope="module")
def written_claims(tmp_path_factory) -> str:
    """Claims as the benchmark draws them (scripts/bench_scale.py), written by save_claims."""
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    from bench_scale import synthetic_claims

    path = tmp_path_factory.mktemp("written") / "claims.yaml"
    save_claims(synthetic_claims(300), path)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("chunk_chars", [1, 5_000, 10**9])
def test_a_file_save_claims_wrote_is_read_by_rapidyaml_alike(written_claims, chunk_chars):
    routes = assert_read_alike(written_claims, chunk_chars)
    assert routes["libyaml"] == routes["declined"] == 0 and routes["rapidyaml"] >= 1


def test_a_claims_list_indented_under_claims_reads_alike(written_claims):
    indented = "claims:\n" + re.sub(r"(?m)^(?=.)", "  ", written_claims.split("\n", 1)[1])
    assert read_by_rapidyaml(indented)


def test_a_top_level_list_of_claims_reads_alike(written_claims):
    top_level = written_claims.split("\n", 1)[1]
    assert top_level.startswith("- ") and read_by_rapidyaml(top_level)


# --- scalars -----------------------------------------------------------------------------

TOKENS = [
    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "n",
    "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~", "",
    "1_000", "+1_000", "1__0", "1_0.5", "0x10", "0X1f", "0o17", "0b101", "012", "00", "0",
    "-0", "+0", "+12", "-12", "1:20", "12:30:00", "1,000", ".inf", ".Inf", ".INF", "-.inf",
    "+.inf", ".nan", ".NaN", ".NAN", ".Nan", "nan", "NaN", "inf", "Inf", "infinity",
    "-infinity", "-inf", "+inf", "+nan", "1e5", "1E5", "1.0e+5", "1.0e5", "1.5e3",
    "6.8523015e+5", ".5", ".5e+3", "5.", "-5.", "-.5", "+.5", "1.", "0.", "01.5", "1.5",
    "-1.5", "3.14159", "123456789012345678901234567890", "9" * 5000, "2017-01-02", "2017-1-2",
    "2017-13-45", "2017-02-30", "2017-01-02T10:00:00", "2017-01-02 10:00", "1-2-3", "=", "<<",
    "-x", "x-", "a#b", "a #b", "é", "日本", "😀", "a'b", 'a"b', "a\\b", "@x", "`x", "%x",
    "]x", "}x", "!x", "&x", "*x", "|", ">", "? x", ":x", "x:", "-- x", "[x]", "[]", "{}",
    "{a: b}", "[a, b]", "a: b", "a b", " a", "a ", "1 000", "Mosul", "liberated", "0.5",
]


def _quoted(token: str, style: str) -> str:
    if style == "plain":
        return token
    if style == "single":
        return "'" + token.replace("'", "''") + "'"
    return '"' + token.replace("\\", "\\\\").replace('"', '\\"') + '"'


PLACES = {
    "value": "- id: a\n  value: {}\n  unit: km2\n",
    "key": "- id: a\n  {}: 1\n",
    "list item": "claims:\n- id: a\n  places:\n  - {}\n  - Mosul\n",
    "nested": "- id: a\n  comparison:\n    reference: {}\n- id: b\n  km2: 5\n",
    "own line": "- id: a\n  quote:\n    {}\n",
    "commented": "- id: a\n  value: {}  # a note\n",
}


@pytest.mark.parametrize("style", ["plain", "single", "double"])
@pytest.mark.parametrize("place", PLACES)
def test_every_scalar_reads_as_libyaml_types_it(place, style):
    for token in TOKENS:
        assert_read_alike(PLACES[place].format(_quoted(token, style)))


@pytest.mark.parametrize("token", ["2017-01-02", "yes", "1_000", "1e5", "~", "NULL", "off",
                                   "nan", ".inf", "-.inf"])
def test_quoted_scalars_that_yaml_11_would_type_stay_text_on_rapidyaml(token):
    text = f"- id: a\n  value: '{token}'\n  quote: \"{token}\"\n"
    assert read_by_rapidyaml(text)
    with fast_path_forced():
        assert next(yaml_records(text, "f")).data["value"] == token


@pytest.mark.parametrize("token, typed", [
    ("yes", True), ("No", False), ("~", None), ("1_000", 1000), ("2017-01-02",
                                                                  dt.date(2017, 1, 2)),
    ("1e5", "1e5"), (".inf", float("inf")), ("nan", "nan"), ("Null", None)])
def test_plain_scalars_that_yaml_11_types_are_typed_by_going_to_libyaml(token, typed):
    text = f"- id: a\n  value: {token}\n"
    assert not read_by_rapidyaml(text)
    with fast_path_forced():
        assert next(yaml_records(text, "f")).data["value"] == typed


@pytest.mark.parametrize("token, typed", [("41000", 41000), ("-0", 0), ("1.5", 1.5),
                                          (".5", 0.5), ("5.", 5.0), ("true", True),
                                          ("null", None), ("", None), ("Mosul", "Mosul")])
def test_plain_scalars_rapidyaml_types_as_yaml_11_does_stay_on_rapidyaml(token, typed):
    text = f"- id: a\n  value: {token}\n"
    assert read_by_rapidyaml(text)
    with fast_path_forced():
        value = next(yaml_records(text, "f")).data["value"]
    assert repr(value) == repr(typed)


# --- structure, errors and lines ---------------------------------------------------------

STRUCTURES = {
    "anchors and aliases": "- id: a\n  km2: &x 5\n  value: *x\n",
    "an alias to a mapping": "- id: a\n  c: &m {a: 1}\n- id: b\n  c: *m\n",
    "a foreign tag": "- id: a\n  km2: !x 5\n",
    "a core tag": "- id: a\n  km2: !!str 5\n  v: !!int '7'\n",
    "a non-specific tag": "- id: a\n  km2: ! 5\n",
    "a duplicate key": "- id: a\n  km2: 1\n  km2: 2\n",
    "a duplicate top-level key": "claims:\n- id: a\nclaims:\n- id: b\n",
    "another top-level key": "title: x\nclaims:\n- id: a\n  km2: 1\n",
    "a key after the list": "claims:\n- id: a\n  km2: 1\nsource: x\n",
    "a key between claims": "claims:\n- id: a\n  km2: 1\nsource: x\n- id: b\n  km2: 2\n",
    "a quoted entry and more": "- id: a\n  places:\n  - 'x' - y\n  - \"z\" w: v\n",
    "a quoted entry over lines and more": "- id: a\n  places:\n  - 'x\n    y' - z\n",
    "a quoted entry on the next line": "- id: a\n  places:\n  -\n    'x' - y\n",
    "two documents": "- id: a\n---\n- id: b\n",
    "a document start": "---\n- id: a\n  km2: 1\n",
    "a document end": "- id: a\n  km2: 1\n...\n",
    "a directive": "%YAML 1.1\n---\n- id: a\n",
    "a scalar claim": "- id: a\n- b\n",
    "a list claim": "- - a\n",
    "a dash alone": "-\n  id: a\n  km2: 1\n",
    "a dash and a comment": "- # c\n  id: a\n",
    "a flow list": "- id: a\n  places: [Mosul, 'Raqqa']\n",
    "a flow mapping claim": "- {id: a, km2: 5}\n",
    "a flow list of claims": "claims: [{id: a}]\n",
    "an empty claims": "claims:\n",
    "nesting of 12": "- id: a\n  x:" + "".join("\n" + "  " * (i + 2) + "- " for i in range(10))
    + "1\n",
    "nesting of 14": "- id: a\n  x:" + "".join("\n" + "  " * (i + 2) + "a:" for i in range(13))
    + " 1\n",
    "a bad indentation": "- id: a\n  km2: 1\n   b: 2\n",
    "a dedented key": "- id: a\n  km2: 1\n b: 2\n",
    "a tab indent": "- id: a\n\tkm2: 1\n",
    "a tab in a value": "- id: a\n  quote: a\tb\n",
    "CRLF": "- id: a\r\n  km2: 1\r\n  quote: 'a\r\n    b'\r\n",
    "a lone CR": "- id: a\r  km2: 1\n",
    "a BOM": "\ufeff- id: a\n  km2: 1\n",
    "a BOM inside": "- id: a\n  quote: a\ufeffb\n",
    "NEL, LS, PS": "- id: a\n  quote: a\x85b\u2028c\u2029d\n",
    "a control character": "- id: a\n  quote: a\x07b\n",
    "a control character in a comment": "- id: a  # \x01\n",
    "an escaped control character": '- id: a\n  quote: "a\\x07b\\0\\e"\n',
    "an escaped line break": '- id: a\n  quote: "a\\\n    b"\n',
    "an escaped surrogate": '- id: a\n  quote: "\\ud800"\n',
    "escapes": '- id: a\n  quote: "\\N\\_\\L\\P\\/\\t\\x41\\u00e9\\U0001F600 \\" \\\\"\n',
    "an unknown escape": '- id: a\n  quote: "\\q"\n',
    "a multi-line quoted key": '- "id\n   x": a\n',
    "a multi-line single-quoted key": "- 'id\n   x': a\n",
    "a key of 1025 characters": "- b: 1\n  " + "k" * 1025 + ": x\n",
    "a key of 1024 characters": "- b: 1\n  " + "k" * 1024 + ": x\n",
    "spaces before a colon": "- b: 1\n  k" + " " * 1100 + ": x\n",
    "an escaped long key": '- b: 1\n  "' + "\\x41" * 300 + '": x\n',
    "an explicit key": "- ? id\n  : a\n",
    "a literal block": "- id: a\n  quote: |\n    line one\n    line two\n\n  km2: 1\n",
    "a folded block": "- id: a\n  quote: >-\n    line one\n    line two\n",
    "a kept block at the end": "- id: a\n  quote: |+\n    x\n\n\n",
    "an indented block": "- id: a\n  quote: |2\n     x\n",
    "a multi-line plain": "- id: a\n  quote: one\n    two\n\n    three\n  km2: 1\n",
    "a multi-line single-quoted": "- id: a\n  quote: 'one\n    two\n\n    three'\n",
    "a multi-line double-quoted": '- id: a\n  quote: "one\n    two\n\n    three"\n',
    "a quoted continuation at the key column": "- id: a\n  quote: 'one\n  two: x'\n",
    "a quoted continuation at column 0": "- id: a\n  quote: 'one\n- id: b'\n",
    "a dash line inside a quote": "- id: a\n  quote: \"x\n- id: b\n  y\"\n- id: c\n",
    "comments": "# head\nclaims:  # c\n# between\n- id: a  # c\n  km2: 1 # c\n# end\n",
    "a hash without a space": "- id: a\n  quote: a#b\n",
    "an empty value": "- id: a\n  quote:\n  km2:\n",
    "an empty list and mapping": "- id: a\n  places: []\n  comparison: {}\n",
    "an empty list before text": "- id: a\n  places: [] x\n",
    "a merge key": "- id: a\n  <<: x\n",
    "reserved indicators": "- id: a\n  quote: a @b `c\n",
    "indicators inside text": "- id: a\n  quote: Q&A, 5 * 3 > 2 | 1 ? 50 % yes!\n",
    "numbers as keys": "- id: a\n  1: x\n  2.5: y\n",
    "words as keys": "- id: a\n  yes: x\n  null: y\n",
    "quoted words as keys": "- id: a\n  'yes': x\n  \"null\": y\n  '1': z\n",
    "nan and inf keys": "- id: a\n  nan: x\n  'inf': y\n",
    "an empty key": "- id: a\n  '': x\n",
    "unicode keys": "- id: a\n  مكان: x\n  名前: y\n",
    "a key with a space": "- id: a\n  place name: x\n",
    "a very long value": "- id: a\n  quote: " + "word " * 3000 + "\n",
    "deep indentation": "- id: a\n  x:\n" + " " * 70 + "y: 1\n",
    "an invalid date": "- id: a\n  date: 2017-13-45\n",
    "a huge integer": "- id: a\n  km2: " + "9" * 5000 + "\n",
    "trailing spaces": "- id: a   \n  km2: 1   \n",
    "no line break at the end": "- id: a\n  km2: 1",
    "two spaces after the dash": "-  id: a\n  km2: 1\n",
    "a list at another indentation": "claims:\n    - id: a\n      km2: 1\n    - id: b\n",
}


@pytest.mark.parametrize("chunk_chars", [1, 10**9])
@pytest.mark.parametrize("name", STRUCTURES)
def test_structures_read_alike(name, chunk_chars):
    assert_read_alike(STRUCTURES[name], chunk_chars)


@pytest.mark.parametrize("name", STRUCTURES)
def test_structures_in_a_larger_file_read_alike(name, written_claims):
    """The same texts among other claims: lines shift, chunks vary."""
    head = written_claims[:written_claims.index("\n- id: doc4:")]
    tail = written_claims[written_claims.index("- id: doc4:"):written_claims.index(
        "\n- id: doc8:")]
    middle = STRUCTURES[name].replace("claims:\n", "")
    for chunk_chars in (1, 4_000, 10**9):
        assert_read_alike(head + "\n" + middle + tail + "\n", chunk_chars)


def test_an_error_in_a_late_chunk_is_libyamls_error_at_its_line(written_claims):
    head, kind, tail = written_claims.rpartition("  kind: ")
    broken = head + kind + "[" + tail  # an unclosed flow list in the last claim
    expected = outcome(libyaml_records, broken)
    assert expected[0] == "error"
    with fast_path_forced(2_000) as routes:
        assert outcome(yaml_records, broken) == expected
    assert routes["declined"] == 1 and routes["rapidyaml"] > 0


def test_field_lines_are_libyamls_for_claims_rapidyaml_read(written_claims):
    with fast_path_forced(3_000) as routes:
        fast = list(yaml_records(written_claims, "f"))
    slow = list(libyaml_records(written_claims, "f"))
    assert routes["rapidyaml"] > 1 and routes["libyaml"] == 0
    assert isinstance(fast[7].field_lines, yaml_fast.LazyFieldLines)
    assert [dict(r.field_lines) for r in fast] == [r.field_lines for r in slow]
    assert [r.line for r in fast] == [r.line for r in slow]


def test_a_bad_field_is_reported_at_its_line_in_a_large_file(tmp_path, written_claims):
    from contested.claims.claim_files import load_claims

    bad = written_claims.replace("  kind: liberated\n", "  kind: conquered\n", 40)
    path = tmp_path / "big.yaml"
    path.write_text(bad, encoding="utf-8")
    line = bad[:bad.index("  kind: conquered\n")].count("\n") + 1
    with mock.patch.object(yaml_fast, "MIN_CHARS", 0), pytest.raises(ClaimsFileError) as raised:
        load_claims(path)
    assert raised.value.line == line and raised.value.field == "kind"


# --- generated texts ---------------------------------------------------------------------

_SNIPPETS = ["yes", "~", "2017-01-02", "1_0", "1e5", ".nan", "nan", "&a ", "*a", "!!str ",
             "!x ", "@", "`", "%", "|", ">", "? ", ": ", ":", "- ", "-", "#", " #", "'", '"',
             "''", "\\", "\\\n", "[", "]", "{", "}", "[]", "{}", ",", "\n", "\n- ", "\n  ",
             "\n---\n", "\n...\n", "\t", "\r", "\r\n", "\x85", "\u2028", "\ufeff", "\x00",
             " ", "  ", "é", "😀", "null", "true", "0x1", "012", "-0", ".5", "5.", "+1", "<<"]
_WORDS = st.sampled_from(["Mosul", "yes", "no", "On", "~", "null", "2017-01-02", "1_000",
                          "1e5", "1.5", "-0", ".inf", "nan", "0x1A", "012", "a: b", "a #b",
                          "a'b", 'a"b', "x\\y", "- x", "[x]", "{x}", "&x", "*x", "!x", "@x",
                          "%x", "|", ">", "?", "", " ", "é", "𒆠", "\n", "a\nb", "a\n\nb",
                          "\t", "\x85", "\u2028", "1:20", "True", "NULL", "+1"])
_TEXT = st.one_of(_WORDS, st.lists(_WORDS, max_size=8).map(" ".join),
                  st.text(st.characters(codec="utf-8", exclude_characters="\x00"),
                          max_size=30))
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                     st.floats(allow_nan=False, width=32), st.floats(), st.dates(), _TEXT)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=8)
_CLAIMS = st.lists(st.dictionaries(_TEXT, _VALUES, min_size=1, max_size=5), min_size=1,
                   max_size=5)


def _dumped(claims: list[dict[str, Any]], style: str | None, width: int, top: bool,
            flow: bool | None) -> str:
    data = {"claims": claims} if top else claims
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_style=style,
                          width=width, default_flow_style=flow)


@fuzz(300)
@given(claims=_CLAIMS, style=st.sampled_from([None, None, "'", '"']),
       width=st.sampled_from([20, 60, 100, 1000]), top=st.booleans(),
       flow=st.sampled_from([False, False, None]), chunk_chars=st.sampled_from([1, 80, 10**9]))
def test_generated_claims_files_read_alike(claims, style, width, top, flow, chunk_chars):
    assert_read_alike(_dumped(claims, style, width, top, flow), chunk_chars)


@fuzz(400)
@given(claims=_CLAIMS, edits=st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_SNIPPETS),
                                                st.integers(0, 3)), min_size=1, max_size=4),
       chunk_chars=st.sampled_from([1, 60, 10**9]))
def test_mutated_claims_files_read_alike(claims, edits, chunk_chars):
    """Snippets that mean something to YAML put anywhere (or characters cut out) in a file
    that reads: both readers must give the same records, or the same error."""
    text = _dumped(claims, None, 60, True, False)
    for where, snippet, cut in edits:
        at = int(where * len(text))
        text = text[:at] + snippet + text[at + cut:]
    assert_read_alike(text, chunk_chars)


# --- tripwires ----------------------------------------------------------------------------

def test_a_claim_libyaml_places_elsewhere_is_an_error_not_a_silent_skip(written_claims):
    """When the fast path declines midway, libyaml's claims before the point reached must be
    the ones already given out (same lines); if not, that is a bug, said loudly."""
    def misplaced(text, source, libyaml):
        yield yaml_fast.Record({"id": "a"}, 99, {})
        raise yaml_fast.Declined

    with mock.patch.object(yaml_fast, "applies", lambda text: True), \
            mock.patch.object(yaml_fast, "fast_records", misplaced), \
            pytest.raises(RuntimeError, match="line 99 was read differently"):
        list(yaml_records(written_claims, "f"))


def test_field_lines_libyaml_reads_differently_are_an_error_not_wrong_lines():
    text = "- id: a\n  km2: 1\n"
    reading = yaml_fast._Reading("f", libyaml_records, None, [], re.compile("x"))
    lines = yaml_fast.LazyFieldLines(text, 0, len(text), 5, reading, {"id": "a", "value": 1})
    with pytest.raises(RuntimeError, match="line 5 was read differently"):
        dict(lines)
    agreeing = yaml_fast.LazyFieldLines(text, 0, len(text), 5, reading, {"id": "a", "km2": 1})
    assert dict(agreeing) == {"id": 5, "km2": 6}


# --- where the fast path is not taken ----------------------------------------------------

def test_small_files_are_read_by_libyaml_alone(written_claims):
    small = written_claims[:written_claims.index("\n- id: doc2:")] + "\n"
    assert len(small) < yaml_fast.MIN_CHARS
    with mock.patch.object(yaml_fast, "_Rapid", side_effect=AssertionError("rapidyaml")):
        assert outcome(yaml_records, small) == outcome(libyaml_records, small)


def test_without_rapidyaml_every_file_is_read_by_libyaml(written_claims):
    large = written_claims * (yaml_fast.MIN_CHARS // len(written_claims) + 1)
    with mock.patch.object(yaml_fast, "rapidyaml", lambda: None):
        assert not yaml_fast.applies(large)
        assert outcome(yaml_records, large) == outcome(libyaml_records, large)


def test_rapidyaml_parse_errors_leave_stderr_clean(capfd):
    text = "- id: a\n  quote: 'x\n\n  y'\n"  # libyaml reads it; rapidyaml refuses it
    with fast_path_forced() as routes:
        assert outcome(yaml_records, text) == outcome(libyaml_records, text)
    assert routes["libyaml"] == 1 and routes["rapidyaml"] == 0
    assert capfd.readouterr().err == ""


def test_only_the_rapidyaml_version_the_checks_know_is_used(monkeypatch):
    import ryml

    monkeypatch.setattr(ryml, "version_tuple", (0, 16, 0))
    assert yaml_fast.rapidyaml.__wrapped__() is None
    monkeypatch.setattr(ryml, "version_tuple", yaml_fast.RAPIDYAML_VERSION)
    assert yaml_fast.rapidyaml.__wrapped__() is ryml


def test_pyproject_pins_the_rapidyaml_version_the_fast_path_knows():
    import tomllib

    dependencies = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["dependencies"]
    pinned = "rapidyaml==" + ".".join(map(str, yaml_fast.RAPIDYAML_VERSION))
    assert pinned in [dependency.split(";")[0].strip() for dependency in dependencies]
