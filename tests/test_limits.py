"""Every limit in the README's "Limits" table is the value in force, and each holds at its
edge: one under it is read, one over it is refused with a message (issue 17: limits explicit
and documented, not hit by accident)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from contested.core.exceptions import ClaimsFileError, InputError

README = Path(__file__).resolve().parents[1] / "README.md"


def _limits_table() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index("## Limits"):].split("\n## ", 1)[0]


def _constants() -> dict[str, object]:
    from contested.claims.claim_files import MAX_INPUT_BYTES
    from contested.claims.documents import MAX_FRONT_MATTER
    from contested.claims.extract.document import MAX_SENTENCE_CHARS
    from contested.claims.records import MAX_DEPTH
    from contested.core.files import MAX_NAME_BYTES
    from contested.core.http import DEFAULT_DEADLINE_S, DEFAULT_MAX_BYTES, MAX_JSON_DEPTH
    from contested.core.settings import MAX_CONFIG_BYTES
    from contested.gazetteer.resolver import MAX_NAME_LENGTH
    from contested.online.geoboundaries import METADATA_MAX_BYTES
    from contested.online.nominatim import MAX_RESPONSE_BYTES

    return {"MAX_DEPTH": (MAX_DEPTH, 12), "MAX_JSON_DEPTH": (MAX_JSON_DEPTH, 32),
            "_MAX_DIGITS": (_validate_digits(), 30),
            "MAX_SENTENCE_CHARS": (MAX_SENTENCE_CHARS, 1500),
            "MAX_NAME_LENGTH": (MAX_NAME_LENGTH, 200), "MAX_NAME_BYTES": (MAX_NAME_BYTES, 255),
            "DEFAULT_DEADLINE_S": (DEFAULT_DEADLINE_S, 120.0),
            "DEFAULT_MAX_BYTES": (DEFAULT_MAX_BYTES, 200 * 2**20),
            "MAX_CONFIG_BYTES": (MAX_CONFIG_BYTES, 2**20),
            "MAX_FRONT_MATTER": (MAX_FRONT_MATTER, 64 * 2**10),
            "MAX_INPUT_BYTES": (MAX_INPUT_BYTES, 2**30),
            "METADATA_MAX_BYTES": (METADATA_MAX_BYTES, 2**20),
            "MAX_RESPONSE_BYTES": (MAX_RESPONSE_BYTES, 2 * 2**20)}


def _validate_digits() -> int:
    from contested.claims import validate

    return validate._MAX_DIGITS


def test_every_documented_limit_is_the_value_in_force():
    table = _limits_table()
    for name, (value, documented) in _constants().items():
        assert value == documented, f"{name} is {value}, the README says {documented}"
        assert f"`{name}`" in table, f"{name} is not in the README's Limits table"


def test_the_limits_table_names_a_test_for_every_row():
    rows = [line for line in _limits_table().splitlines() if line.startswith("| ")][1:]
    tests = "".join(p.read_text(encoding="utf-8") for p in README.parent.glob("tests/test_*.py"))
    for row in rows:
        for name in re.findall(r"`(test_\w+)`", row):
            assert f"def {name}(" in tests, f"{name} named in the Limits table does not exist"
        assert re.search(r"`test_\w+`", row), f"no test named for: {row[:60]}"


def test_a_place_name_of_200_characters_is_looked_up_and_201_refused(gazetteer):
    from contested.core.exceptions import UnknownPlace

    with pytest.raises(UnknownPlace):
        gazetteer.resolve("Q" * 200)
    with pytest.raises(InputError, match="characters"):
        gazetteer.resolve("Q" * 201)


def test_a_sentence_longer_than_the_limit_is_cut_and_read():
    from contested.claims.extract import extract_claims

    text = ("Iraqi forces retook 3,000 sq km near Mosul, " + "and then moved on " * 200
            + "and took 41,000 sq km.")
    claims = extract_claims(text, gazetteer=None)
    assert {c.km2 for c in claims} >= {3000.0}


def test_front_matter_over_64_kb_is_not_front_matter():
    from contested.claims.documents import MAX_FRONT_MATTER, split_front_matter

    small = "---\nsource: AFP\n---\nRaqqa fell."
    assert split_front_matter(small)[0] == {"source": "AFP"}
    big = "---\nsource: AFP\nnote: " + "x" * MAX_FRONT_MATTER + "\n---\nRaqqa fell."
    assert split_front_matter(big)[0] == {}


def test_a_number_of_31_digits_is_refused_and_30_read(tmp_path):
    from contested.claims.claim_files import load_claims

    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps({"id": "a", "value": "1" + "0" * 5, "unit": "km2"}) + "\n",
                  encoding="utf-8")
    assert load_claims(ok)[0].km2 == 100000
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "a", "value": "1" * 41, "unit": "km2"}) + "\n",
                   encoding="utf-8")
    with pytest.raises(ClaimsFileError, match="value"):
        load_claims(bad)
