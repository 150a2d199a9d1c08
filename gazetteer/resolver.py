"""Resolve a place name to a :class:`~gazetteer.place.Place`: candidates, ranking, answer.

The steps live in their own modules: checking the input (:mod:`gazetteer.query`), finding
candidates (:mod:`gazetteer.candidates`), ranking them (:mod:`gazetteer.ranking`) and deciding
whether to answer and with what score (:mod:`gazetteer.acceptance`). This module strings them
together, caches answers (unknown names too) and builds the :class:`Place`.

A name that is not a place raises :class:`UnknownPlace` with suggestions, never the least bad
candidate.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from contested.core.exceptions import InputError, UnknownPlace
from contested.gazetteer.acceptance import Calibration, Region, Verdict, answer_class, judge
from contested.gazetteer.candidates import Candidates, Hit
from contested.gazetteer.fold import fold, skeletons, split_qualifier
from contested.gazetteer.kinds import strip_generic
from contested.gazetteer.place import Alternative, Place
from contested.gazetteer.query import (
    MAX_NAME_LENGTH,
    clean_country,
    clean_kind,
    clean_name,
    clean_near,
)
from contested.gazetteer.ranking import Context, Hints, Ranker, size_prior
from contested.gazetteer.spelling import EXACT_FORMS
from contested.gazetteer.store import PlaceRow, Store

__all__ = ["MAX_NAME_LENGTH", "Resolver", "clean_country", "clean_kind", "clean_name",
           "clean_near"]

MAX_ALTERNATIVES = 5
SUGGESTION_CUTOFF = 70.0  # a world of names: below this a suggestion is noise
_CACHE_LIMIT = 50_000

_Key = tuple[str, str | None, str | None, tuple[float, float] | None, frozenset, frozenset]


class Resolver:
    """Name lookup, ranking and answers over one index (see :class:`gazetteer.Gazetteer`)."""

    def __init__(self, store: Store, *, focus: Iterable[str] = (), home: Iterable[str] = (),
                 calibration: Calibration | None) -> None:
        self.store = store
        self.focus = frozenset(focus)
        # The pack's region: focus and transliterated countries (ranking, acceptance classes).
        self.region = Region(self.focus, frozenset(home))
        self.home = self.region.home
        self.candidates = Candidates(store, self.home)
        self.ranker = Ranker(store, self.focus, frozenset(home))
        self.calibration = calibration
        self._answers: dict[_Key, Place | UnknownPlace] = {}

    def resolve(self, name: str, country: str | None = None, kind: str | None = None,
                near: tuple[float, float] | None = None,
                context: Iterable[object] = ()) -> Place:
        """The best place for ``name`` (see :meth:`gazetteer.Gazetteer.resolve`)."""
        return self.resolve_in(name, country=country, kind=kind, near=near,
                               context=self.context_of(context))

    def resolve_in(self, name: str, *, country: str | None = None, kind: str | None = None,
                   near: tuple[float, float] | None = None,
                   context: Context | None = None) -> Place:
        """:meth:`resolve` with the context already reduced to countries and admin-1 units."""
        text = clean_name(name)
        hints = Hints(clean_country(country), clean_near(near), context or Context())
        kind = clean_kind(kind)
        key = (text, hints.country, kind, hints.near, frozenset(hints.context.countries),
               frozenset(hints.context.admin1_ids))
        answer = self._answers.get(key)
        if answer is None:
            try:
                answer = self._answer(text, kind, hints)
            except UnknownPlace as unknown:
                answer = unknown
            if len(self._answers) > _CACHE_LIMIT:
                self._answers.clear()
            self._answers[key] = answer
        if isinstance(answer, UnknownPlace):
            raise UnknownPlace(name, answer.suggestions)
        return answer if answer.query == name else replace(answer, query=name)

    def _answer(self, text: str, kind: str | None, hints: Hints) -> Place:
        kept, best, verdict = self._judged(text, kind, hints)
        if verdict.refused is not None:
            # The refused place and its runners-up: they met the name, a guess never did.
            labels = [self._label(self.store.place(hit.pid)) for hit in kept[:5]]
            raise UnknownPlace(text, list(dict.fromkeys(labels))[:3])
        return self._to_place(text, kept, verdict.score)

    def _judged(self, text: str, kind: str | None,
                hints: Hints) -> tuple[list[Hit], PlaceRow, Verdict]:
        hits = self.candidates.find(text, kind)
        if not hits:
            raise UnknownPlace(text, self.candidates.joined_names(text)
                               or self.suggestions(text))
        ranked = self.ranker.rank(hits, hints)
        kept = self.ranker.foreign_unit_misread(ranked, hints)
        if not kept:
            raise UnknownPlace(text, [self._label(self.store.place(ranked[0].pid))])
        places = {hit.pid: self.store.place(hit.pid) for hit in kept}
        verdict = judge(kept, places, hints, self.calibration, self.region)
        return kept, places[kept[0].pid], verdict

    def answer_class(self, name: str, country: str | None = None, kind: str | None = None,
                     context: Iterable[object] = ()) -> tuple[str, str | None]:
        """(the acceptance class of the best candidate, why it is refused or None), for
        measuring a calibration (:mod:`gazetteer.acceptance`); UnknownPlace when nothing
        matches at all."""
        hints = Hints(clean_country(country), None, self.context_of(context))
        kept, best, verdict = self._judged(clean_name(name), clean_kind(kind), hints)
        return answer_class(kept, best, hints, self.home), verdict.refused

    def context_of(self, context: Iterable[object]) -> Context:
        """The countries and admin-1 units of a text's other places (names or Places)."""
        result = Context()
        for item in context or ():
            place = item if isinstance(item, Place) else self._plain(item)
            if place is None:
                continue
            if place.country:
                result.countries.add(place.country)
            if place.admin1_id:
                result.admin1_ids.add(place.admin1_id)
        return result

    def _plain(self, item: object) -> Place | None:
        """A context name resolved with no context of its own (None when it is none)."""
        if not isinstance(item, str) or not item.strip():
            return None
        try:
            return self.resolve_in(item)
        except (UnknownPlace, InputError):
            return None

    def clear_cache(self) -> None:
        """Forget cached answers (benchmarks measure first-time resolutions with this)."""
        self._answers.clear()

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        """The nearest known names of notable places to a (misspelt) name."""
        from rapidfuzz import fuzz, process

        _, base = split_qualifier(text)
        _, bare = strip_generic(fold(base))
        if not bare:
            return []
        keys = skeletons(bare)
        pool = self.candidates.fuzzy_pool(bare, keys[0][:1] if keys else "*", spread_share=0.4)
        matches = process.extract(bare, pool, scorer=fuzz.ratio, limit=limit * 3,
                                  score_cutoff=SUGGESTION_CUTOFF, processor=None)
        if not matches:
            pool = self.candidates.fuzzy_pool(bare, "*", spread_share=0.0)
            matches = process.extract(bare, pool, scorer=fuzz.ratio, limit=limit * 3,
                                      score_cutoff=SUGGESTION_CUTOFF, processor=None)
        names: list[str] = []
        for key, _, _ in matches:
            pids = [row[0] for row in self.store.rows(key) if row[1] in EXACT_FORMS]
            if not pids:
                continue
            self.store.load_places(pids)
            label = self._label(max((self.store.place(pid) for pid in pids), key=size_prior))
            if label not in names:
                names.append(label)
        return names[:limit]

    @staticmethod
    def _label(place: PlaceRow) -> str:
        return place.name if place.country is None else f"{place.name} ({place.country})"

    def get(self, place_id: str) -> Place:
        """The place with this id; UnknownPlace when the index has none."""
        pid = self.store.pid_of(place_id)
        if pid is None:
            raise UnknownPlace(place_id)
        hit = Hit(pid, 1.0, self.store.place(pid).name, score=1.0, reported=1.0)
        return self._to_place(place_id, [hit], 1.0)

    def _to_place(self, query: str, ranked: list[Hit], score: float) -> Place:
        best = ranked[0]
        row = self.store.place(best.pid)
        lat, lon, precision = self._point(row)
        alternatives = []
        for hit in ranked[1:1 + MAX_ALTERNATIVES]:
            alt = self.store.place(hit.pid)
            alt_lat, alt_lon, _ = self._point(alt)
            alternatives.append(Alternative(
                name=alt.name, lat=alt_lat, lon=alt_lon, country=alt.country, kind=alt.kind,
                score=min(hit.reported, score), id=alt.id,
            ))
        return Place(
            query=query, name=row.name, lat=lat, lon=lon, country=row.country,
            admin1=row.admin1, kind=row.kind, id=row.id, score=score, precision=precision,
            alternatives=tuple(alternatives), admin1_id=row.admin1_id,
            qualifier=best.qualifier, population=row.population,
            alt_names=self.store.alt_names(row.pid),
        )

    def _point(self, row: PlaceRow) -> tuple[float | None, float | None, str]:
        """A place's point and what it is: its own, or its admin unit's or country's label."""
        if row.lat is not None and row.lon is not None:
            return row.lat, row.lon, row.precision or _precision(row)
        for unit_id, precision in ((f"admin1:{row.admin1_id}", "admin1"),
                                   (f"country:{row.country}", "country")):
            pid = self.store.pid_of(unit_id)
            if pid is not None:
                unit = self.store.place(pid)
                if unit.lat is not None:
                    return unit.lat, unit.lon, precision
        return None, None, "country"


def _precision(row: PlaceRow) -> str:
    """How exactly a located row is located: a country's or admin unit's point is a label."""
    if row.kind == "country" or row.id.startswith("country:"):
        return "country"
    if row.id.startswith(("admin1:", "usstate:")):
        return "admin1"
    return "point"
