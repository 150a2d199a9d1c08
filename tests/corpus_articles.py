"""Synthetic war reporting for the corpus tests and scripts/bench_corpus.py.

Articles are put together from sentence templates written for this project (no published
text): datelines, strikes, casualties, aid money, displaced people, distances and, in about one
article in five, a territorial figure (ground retaken, held, lost; km², square miles,
percentages of a country, comparisons). Places, numbers, dates and outlets vary with the
seed, so a replicated corpus is not one text repeated. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

PLACES = {
    "IQ": ["Mosul", "Hawija", "Tal Afar", "Ramadi", "Fallujah", "Kirkuk", "Tikrit", "Baiji",
           "Qaim", "Rutba", "Sinjar", "Samarra", "Haditha", "Anah", "Rawa"],
    "SY": ["Raqqa", "Deir ez-Zor", "Palmyra", "Manbij", "Tabqa", "Albu Kamal", "Mayadin",
           "Hasakah", "Kobani", "Al-Bab", "Jarabulus", "Idlib", "Aleppo"],
    "UA": ["Bakhmut", "Kherson", "Avdiivka", "Kharkiv", "Izium", "Lyman", "Mariupol",
           "Zaporizhzhia", "Kupiansk", "Vuhledar"],
}
COUNTRY = {"IQ": "Iraq", "SY": "Syria", "UA": "Ukraine"}
ACTOR = {"IQ": "the Islamic State", "SY": "the Islamic State", "UA": "Russian forces"}
FORCE = {"IQ": "Iraqi security forces", "SY": "the Syrian Democratic Forces",
         "UA": "Ukrainian troops"}
OUTLETS = ["Northern Wire", "Desert Dispatch", "Frontline Daily", "The Evening Ledger",
           "Riverside Herald", "Plains Bulletin"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]

FILLER = [
    "{force} said they had carried out {n} raids near {place} over the past week.",
    "Officials in {place} reported that {n} families had returned to their homes.",
    "A convoy of {n} trucks carrying flour and medicine reached {place} on {weekday}.",
    "The mayor of {place} said repairs to the main bridge would cost about ${m} million.",
    "Aid groups estimate that {n},{k:03d} people remain displaced from {place}.",
    "Fighting was reported {d} kilometres north of {place}, according to local residents.",
    "{n} fighters were killed in clashes on the outskirts of {place}, a spokesman said.",
    "The coalition conducted {n} strikes against targets around {place} in {month}.",
    "Schools in {place} reopened after {n} months, with about {k} pupils enrolled.",
    "Engineers cleared {n} improvised explosive devices from roads leading to {place}.",
    "Electricity was restored to {n} neighbourhoods of {place} late on {weekday}.",
    "A hospital {d} km from {place} treated {n} wounded civilians overnight.",
    "Witnesses described long queues at checkpoints between {place} and {other}.",
    "Commanders met tribal leaders in {place} to discuss security for the harvest.",
    "Prices for fuel in {place} rose by {n} percent in a month, traders said.",
    "The road between {place} and {other} reopened after being closed for {n} days.",
]
CLAIMS = [
    "{force} have retaken more than {area:,} square kilometres around {place} since {month}, "
    "a military spokesman told reporters.",
    "{actor} still holds about {area:,} sq km in {country}, officials estimated.",
    "In total, {actor} has lost {pct} percent of the territory it once controlled in "
    "{country}.",
    "The area liberated near {place}, roughly {miles:,} square miles, is about the size of "
    "Luxembourg, the statement said.",
    "Since {month}, government forces have regained {area:,} km2 of ground in {country}, "
    "according to the defence ministry.",
    "{actor} now controls less than {area:,} square kilometers of {country}, down from its "
    "peak, analysts said.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def synthetic_article(rng: random.Random, number: int, *, claim_share: float = 0.2,
                      sentences: int = 30) -> dict[str, Any]:
    """One article as a scraper's record: id, date, outlet, title, text."""
    country = rng.choice(sorted(PLACES))
    places = PLACES[country]
    published = date(2015, 1, 1) + timedelta(days=rng.randrange(3000))

    def fill(template: str) -> str:
        place, other = rng.sample(places, 2)
        return template.format(
            force=FORCE[country], actor=ACTOR[country], country=COUNTRY[country],
            place=place, other=other, n=rng.randrange(2, 90), k=rng.randrange(1000),
            m=rng.randrange(2, 400), d=rng.randrange(3, 60), weekday=rng.choice(WEEKDAYS),
            month=rng.choice(MONTHS), area=rng.randrange(12, 900) * 10,
            miles=rng.randrange(40, 600) * 5, pct=rng.randrange(5, 95))

    body = [fill(rng.choice(FILLER)) for _ in range(sentences)]
    if rng.random() < claim_share:
        for _ in range(rng.randrange(1, 3)):
            body.insert(rng.randrange(1, len(body)), fill(rng.choice(CLAIMS)))
    paragraphs = [" ".join(body[i:i + 3]) for i in range(0, len(body), 3)]
    dateline = f"{rng.choice(places).upper()}, {COUNTRY[country]} —"
    title = fill("Fighting and aid around {place}")
    return {"id": f"syn-{number:08d}", "date": published.isoformat(),
            "outlet": rng.choice(OUTLETS), "title": title,
            "text": title + "\n\n" + dateline + " " + "\n\n".join(paragraphs) + "\n"}


def synthetic_articles(count: int, *, seed: int = 14, start: int = 0,
                       **options: Any) -> Iterator[dict[str, Any]]:
    """``count`` articles numbered from ``start``; the same ones for the same seed."""
    rng = random.Random(seed)
    for number in range(start, start + count):
        yield synthetic_article(rng, number, **options)
