"""Extraction on the development corpus of real published articles (../shared/corpus/), with
the figures the project is measured by: area figures found, spurious area figures, shares
found, kind and scope right. The texts stay outside the repository; the test skips where
they are absent. Floors are what the code reached when last measured (see the report of
issue 11), so a change that loses ground fails with the misses listed."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from contested.claims.extract import extract_claims

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "articles.jsonl"
# Floors (all 60 articles), a little under what the code reached when last measured (area
# 98.0%, spurious 0%, shares 98.3%, kind 93.3%, scope 91.3%); the goals of issue 11 are 97%,
# at most 3%, 92%, 92%, 92% (scope is short of its goal: see the report of issue 11).
MIN_AREA_RECALL = 0.97
MAX_SPURIOUS = 0.03
MIN_SHARE_RECALL = 0.96
MIN_KIND = 0.92
MIN_SCOPE = 0.90
_FAMILY = {"liberated": "change", "lost": "change", "cleared": "change", "held": "held",
           "remaining": "held", "peak_held": "peak"}
# Countries a scope text points to, by words (the measure compares these sets).
_COUNTRY_WORDS = {
    "IQ": r"iraq|mosul|nineveh|anbar|kirkuk|ramadi|fallujah|tal afar|tikrit|diyala|hawija|"
          r"sinjar|qaim|haditha|baghdad|kurdistan|salahuddin",
    "SY": r"syria|raqqa|deir|aleppo|hasaka|palmyra|badiya|badia|homs|damascus|idlib|kobani|"
          r"manbij|euphrates shield",
    "AF": r"afghan|helmand|kandahar|kabul", "YE": r"yemen|sanaa|sana'a|aden|marib",
    "LY": r"libya|tripoli|benghazi|sirte", "MM": r"myanmar|burma|rakhine",
    "SD": r"sudan|darfur|khartoum", "ET": r"ethiopia|tigray|amhara",
    "AZ": r"azerbaijan|karabakh|artsakh", "PS": r"gaza|west bank|rafah",
    "LB": r"lebanon|litani", "BF": r"burkina|sahel|mali",
}


def _countries(text: str | None) -> frozenset[str]:
    low = (text or "").lower()
    return frozenset(code for code, words in _COUNTRY_WORDS.items() if re.search(words, low))


@dataclass
class _Tally:
    areas: int = 0
    found: int = 0
    figures: int = 0
    spurious: int = 0
    shares: int = 0
    shares_found: int = 0
    kinds: int = 0
    kinds_right: int = 0
    scopes: int = 0
    scopes_right: int = 0
    misses: list[str] = field(default_factory=list)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 * b


def _score_article(article: dict, gazetteer, tally: _Tally) -> None:
    claims = extract_claims(article["text"], gazetteer=gazetteer, source=article["id"])
    figures = [(c, [s.km2 for s in c.stated]) for c in claims]
    wanted = [w for w in article["claims"] if isinstance(w.get("km2"), (int, float))]
    for want in wanted:
        tally.areas += 1
        hit = next((c for c, kms in figures if any(_close(k, want["km2"]) for k in kms)), None)
        if hit is None:
            tally.misses.append(f"{article['id']} area {want['written']!r}")
            continue
        tally.found += 1
        if _FAMILY.get(want.get("kind")):
            tally.kinds += 1
            right = _FAMILY.get(hit.kind or "") == _FAMILY[want["kind"]]
            tally.kinds_right += right
            if not right:
                tally.misses.append(f"{article['id']} kind {want['written']!r}: {hit.kind}")
        if _countries(want.get("scope")):
            tally.scopes += 1
            right = _countries(hit.scope) == _countries(want["scope"])
            tally.scopes_right += right
            if not right:
                tally.misses.append(f"{article['id']} scope {want['written']!r}: {hit.scope}")
    for want in article["claims"]:
        if want.get("unit") in ("percent", "fraction"):
            tally.shares += 1
            value = want["value"] * (100 if want["unit"] == "fraction" else 1)
            if any(c.percent is not None and abs(c.percent - value) <= 0.5 for c in claims):
                tally.shares_found += 1
            else:
                tally.misses.append(f"{article['id']} share {want['written']!r}")
    for _, kms in figures:
        for km2 in kms:
            tally.figures += 1
            if not any(_close(km2, w["km2"]) for w in wanted):
                tally.spurious += 1
                tally.misses.append(f"{article['id']} spurious {km2:g} km²")


@pytest.fixture(scope="module")
def corpus_tally(gazetteer) -> _Tally:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is absent (the corpus is not part of the repository)")
    tally = _Tally()
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        _score_article(json.loads(line), gazetteer, tally)
    return tally


def test_area_figures_of_real_articles_are_found(corpus_tally: _Tally) -> None:
    assert corpus_tally.found >= MIN_AREA_RECALL * corpus_tally.areas, corpus_tally.misses
    assert corpus_tally.spurious <= MAX_SPURIOUS * corpus_tally.figures, corpus_tally.misses


def test_shares_of_territory_in_real_articles_are_found(corpus_tally: _Tally) -> None:
    assert corpus_tally.shares_found >= MIN_SHARE_RECALL * corpus_tally.shares, \
        corpus_tally.misses


def test_kind_and_scope_of_real_figures_are_right(corpus_tally: _Tally) -> None:
    assert corpus_tally.kinds_right >= MIN_KIND * corpus_tally.kinds, corpus_tally.misses
    assert corpus_tally.scopes_right >= MIN_SCOPE * corpus_tally.scopes, corpus_tally.misses
