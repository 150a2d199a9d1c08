"""Official total areas of the places news compares territory with ("the size of Sweden").

The table is ``gazetteer/data/official_areas.csv`` (countries: GeoNames ``areakm2``; US states and
the District of Columbia: Census 2010 totals). Totals include inland and coastal water, which
is what "the size of New Jersey" means; polygons cover land only and come out smaller, so a
comparison uses these figures, never a polygon area. The shipped table also holds the other
yardsticks news measures by ("the size of Wales", "twice the size of Manhattan", "the Gaza
Strip"), hand-curated with a source each (:mod:`contested.gazetteer.reference_areas`). Those
are for comparisons only: :meth:`ReferenceTable.exact_key`, which scopes and shares resolve
through, knows countries and US states alone, so "Kyiv" as a scope stays the gazetteer's city.

Names are taken as news writes them: "the UK", "Britain", "the U.S. state of Maryland",
"Washington, DC", "the U.S. capital". Lookup order: alias table, the names and codes of
countries and US states, the yardsticks' names and other spellings ("NYC", "Kiev"; so "Paris"
is Paris, France before any gazetteer could offer another), then, for other spellings
("Deutschland", "السويد"), the gazetteer the caller gives
(:meth:`ReferenceTable.with_gazetteer`, ``official_area(name, gazetteer=...)``): this module
never opens one itself.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from contested.core.exceptions import DataError, UnknownPlace
from contested.core.lazy import LazyRegex

# Below this the gazetteer's fuzzy match is a guess ("Qwxzland" → Aland Islands scores 0.6).
MIN_GAZETTEER_SCORE = 0.85
OFFICIAL_AREAS_CSV = Path(__file__).resolve().parent / "data" / "official_areas.csv"

# Key in the table: "country:SE", "usstate:NJ" (the gazetteer's place ids for the same units).
# Other kinds (the yardsticks: "nation", "city", "county", ...) key as "kind:code".
_KIND_PREFIX = {"country": "country", "us_state": "usstate", "us_territory": "usstate"}
OFFICIAL_KINDS = frozenset(_KIND_PREFIX)

# Folded spelling -> table key. Only what the table's names and the gazetteer do not cover.
ALIASES: dict[str, str] = {
    "uk": "country:GB",
    "britain": "country:GB",
    "great britain": "country:GB",
    "united kingdom": "country:GB",
    "united kingdom of great britain and northern ireland": "country:GB",
    "us": "country:US",
    "usa": "country:US",
    "united states": "country:US",
    "united states of america": "country:US",
    "america": "country:US",
    "holland": "country:NL",
    "czech republic": "country:CZ",
    "ivory coast": "country:CI",
    "burma": "country:MM",
    "swaziland": "country:SZ",
    "macedonia": "country:MK",
    "east timor": "country:TL",
    "congo": "country:CG",
    "drc": "country:CD",
    "dr congo": "country:CD",
    "democratic republic of the congo": "country:CD",
    "south korea": "country:KR",
    "north korea": "country:KP",
    "russia": "country:RU",
    "iran": "country:IR",
    "syria": "country:SY",
    "palestine": "country:PS",
    "vatican": "country:VA",
    "vatican city": "country:VA",
    "washington dc": "usstate:DC",
    "washington d c": "usstate:DC",
    "dc": "usstate:DC",
    "d c": "usstate:DC",
    "district of columbia": "usstate:DC",
    "us capital": "usstate:DC",
    "the us capital": "usstate:DC",
    "american capital": "usstate:DC",
    "nation's capital": "usstate:DC",
    "washington state": "usstate:WA",
    "new york state": "usstate:NY",
}

# Words around a name that do not change which place it is.
_PREFIXES = LazyRegex(
    r"^(?:(?:the\s+)?size\s+of\s+)?(?:(?:the|a|an)\s+)?(?:(?:us|american|united states)\s+)?"
    r"(?:(?:state|country|nation|commonwealth|kingdom|republic)\s+(?:of|such as|like)\s+)?"
    r"(?:the\s+)?"
)
_SUFFIXES = LazyRegex(
    r"\s+(?:total\s+)?(?:territory|area|land|landmass|land mass|surface|surface area|size)$"
)
_STATE_HINT = re.compile(r"\b(?:us|american|united states)\s+state\b|\bstate\s+of\b")


@dataclass(frozen=True, slots=True)
class Reference:
    """An official total area. ``source`` is the short citation a message shows."""

    name: str
    kind: str  # "country", "us_state", "us_territory"; yardsticks: "nation", "city", ...
    code: str  # ISO 3166-1 alpha-2, US postal code; yardsticks: ISO 3166-2 or a slug
    total_km2: float
    source: str
    land_km2: float | None = None  # US states: Census land area (news sometimes quotes it)
    alt_names: tuple[str, ...] = ()  # other spellings news uses ("NYC", "Kiev")

    @property
    def key(self) -> str:
        return f"{_KIND_PREFIX.get(self.kind, self.kind)}:{self.code}"

    @property
    def is_yardstick(self) -> bool:
        """Not a country or US state: a city, region, territory news compares with."""
        return self.kind not in OFFICIAL_KINDS


def positive_km2(written: str) -> float | None:
    """``written`` as a positive, finite number of km², else None ("", "n/a", "0", "-5")."""
    try:
        value = float(written)
    except ValueError:
        return None
    return value if 0 < value < math.inf else None


def fold_reference_name(name: str) -> str:
    """Lower case, no accents or punctuation: "the U.S. state of Maryland" → "maryland"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"(?<=\b[a-z])\.(?=[a-z]\.)", "", text)  # u.s. -> us., d.c. -> dc.
    text = re.sub(r"[.,;:()\"\u201c\u201d]", " ", text)
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text


def _short_source(source: str) -> str:
    if source.startswith("GeoNames"):
        return "GeoNames"
    if "Census" in source:
        return "US Census 2010"
    return source.split(";")[0].strip()


class ReferenceTable:
    """Official areas keyed by place id, with the name index news spellings resolve through.

    ``gazetteer``: a :class:`contested.gazetteer.Gazetteer` for spellings the table does not
    know (None: the table alone); ``use_gazetteer=False`` refuses one even when given.
    """

    def __init__(self, references: list[Reference], *, gazetteer: Any = None,
                 use_gazetteer: bool = True) -> None:
        self._by_key: dict[str, Reference] = {}
        self._by_name: dict[str, str] = {}  # countries and US states
        self._yardsticks: dict[str, str] = {}  # everything else: comparisons only
        for reference in references:
            self._by_key.setdefault(reference.key, reference)
            names = self._yardsticks if reference.is_yardstick else self._by_name
            for name in (reference.name, *reference.alt_names):
                names.setdefault(fold_reference_name(name), reference.key)
        self._references = list(references)
        self._gazetteer = gazetteer if use_gazetteer else None

    def with_gazetteer(self, gazetteer: Any) -> ReferenceTable:
        """The same table, looking up other spellings in ``gazetteer``."""
        return ReferenceTable(self._references, gazetteer=gazetteer)

    def extended(self, references: list[Reference]) -> ReferenceTable:
        """This table and ``references`` (a key or name already here keeps its entry)."""
        return ReferenceTable([*self._references, *references], gazetteer=self._gazetteer)

    @classmethod
    def from_csv(cls, path: Path, *, gazetteer: Any = None,
                 use_gazetteer: bool = True) -> ReferenceTable:
        """Read a ``name,kind,code,total_km2,land_km2,source`` table; rows without a usable
        total skip (GeoNames rounds the Vatican's 0.44 km² to 0: no area to compare with)."""
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except FileNotFoundError as error:
            raise DataError(
                f"official area table {path} is missing; run scripts/build_pack.py"
            ) from error
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise DataError(f"official area table {path} cannot be read ({error}); "
                            "reinstall contested") from error
        references = []
        for row in rows:
            if positive_km2((row.get("total_km2") or "").strip()) is None:
                continue
            references.append(
                Reference(
                    name=row["name"],
                    kind=row["kind"],
                    code=row["code"],
                    total_km2=float(row["total_km2"]),
                    source=_short_source(row.get("source") or ""),
                    land_km2=float(row["land_km2"]) if (row.get("land_km2") or "").strip()
                    else None,
                )
            )
        return cls(references, gazetteer=gazetteer, use_gazetteer=use_gazetteer)

    def __len__(self) -> int:
        return len(self._by_key)

    def get(self, key: str) -> Reference | None:
        """The reference with place id ``key`` ("country:SE", "usstate:NJ"), or None."""
        return self._by_key.get(key)

    def exact_key(self, name: str) -> str | None:
        """The place id of an alias or the name of a country or US state (folded), without
        the gazetteer or fuzz. Yardsticks ("Wales", "Kyiv") are not units a scope or a share
        names: :meth:`lookup` finds them, this does not."""
        folded = fold_reference_name(name)
        return ALIASES.get(folded) or self._by_name.get(folded)

    def lookup(self, name: str) -> Reference:
        """Resolve ``name`` as news writes it; raise UnknownPlace when nothing matches."""
        found = self._lookup_cached(name)
        if found is None:
            raise UnknownPlace(name, self._suggestions(name))
        return found

    @lru_cache(maxsize=4096)  # noqa: B019 - one table per process, names repeat
    def _lookup_cached(self, name: str) -> Reference | None:
        if name.strip() in self._by_key:  # a place id: "country:SE", "usstate:NJ"
            return self._by_key[name.strip()]
        folded = fold_reference_name(name)
        wants_state = bool(_STATE_HINT.search(folded))
        bare = _PREFIXES.sub("", folded, count=1).strip()
        candidates = [folded, bare, _SUFFIXES.sub("", bare).strip()]
        for candidate in candidates:
            key = ALIASES.get(candidate) or self._by_name.get(candidate)
            if key is None and wants_state:
                key = self._state_by_name(candidate)
            if key is None:
                key = self._yardsticks.get(candidate)
            if key is not None and key in self._by_key:
                # "Georgia" is a country first, "the US state of Georgia" the state.
                if wants_state and key.startswith("country:"):
                    key = self._state_by_name(candidate) or key
                return self._by_key[key]
        return self._from_gazetteer(name)

    def _state_by_name(self, folded: str) -> str | None:
        for reference in self._by_key.values():
            if reference.kind.startswith("us_") and fold_reference_name(reference.name) == folded:
                return reference.key
        return None

    def _from_gazetteer(self, name: str) -> Reference | None:
        """A country or US state the gazetteer knows by this name (an index problem raises:
        a broken index must not quietly turn a comparison unverifiable)."""
        if self._gazetteer is None:
            return None
        for kind in ("country", "state"):
            try:
                place = self._gazetteer.resolve(name, kind=kind)
            except UnknownPlace:
                continue
            if place.id in self._by_key and place.score >= MIN_GAZETTEER_SCORE:
                return self._by_key[place.id]
        return None

    def _suggestions(self, name: str) -> list[str]:
        from rapidfuzz import process

        names = [reference.name for reference in self._by_key.values()]
        matches = process.extract(
            name, names, processor=fold_reference_name, limit=3, score_cutoff=80
        )
        return [match[0] for match in matches]


@lru_cache(maxsize=1)
def default_references() -> ReferenceTable:
    """The shipped tables (read once per process): official areas of countries and US states,
    then the hand-curated yardsticks (:mod:`contested.gazetteer.reference_areas`)."""
    # Imported here: reference_areas builds Reference rows, so it imports this module.
    from contested.gazetteer.reference_areas import REFERENCE_AREAS_CSV, read_reference_areas

    official = ReferenceTable.from_csv(OFFICIAL_AREAS_CSV)
    return official.extended(read_reference_areas(REFERENCE_AREAS_CSV))


def official_area(name: str, gazetteer: Any = None) -> Reference:
    """Official total area of a country, US state, DC or yardstick named as news writes it.

    >>> official_area("the U.S. capital").total_km2
    177.0

    ``gazetteer`` looks up spellings the table does not know. Raises
    :class:`~contested.core.exceptions.UnknownPlace` when the name matches nothing.
    """
    table = default_references() if gazetteer is None else _references_with(gazetteer)
    return table.lookup(name)


@lru_cache(maxsize=4)
def _references_with(gazetteer: Any) -> ReferenceTable:
    return default_references().with_gazetteer(gazetteer)
