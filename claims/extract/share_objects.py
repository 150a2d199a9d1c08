"""What a share is *of*: "of the territory it once held in Iraq", "of Yemen's territories", "of
west Mosul", "of the eastern side [of Mosul]", "of the total airstrikes in Syria".

The words after "of" are read up to the end of their phrase (punctuation, a conjunction, a
verb, a preposition that starts something else). The phrase's head noun says what it is:

* ``territory`` — ground ("territory", "land", "districts", "the country", "the caliphate");
* ``place`` — a capitalised name that is not a group ("Yemen", "west Mosul", "Tal Afar");
* ``figure`` — an area figure ("the estimated 109,770 sq km"): the total of the share;
* ``other`` — people, money, strikes, time, a pronoun ("of them"): not territory;
* ``unknown`` — nothing to go by ("of all").

``place`` is the name a share of ground is of ("Iraqi lands" → "Iraq", "the territory of the
Syrian Arab Republic" → "Syrian Arab Republic"), and ``country`` says the phrase is "the
country" or "the nation" (the country of the claim's scope).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contested.claims.extract.demonyms import DEMONYMS
from contested.core.lazy import LazyRegex

__all__ = ["OfObject", "read_of_object"]

_OF_RE = LazyRegex(r"[\s\u00a0\"”’']*[\s\u00a0]+(?:out[\s\u00a0]+)?of[\s\u00a0]+", re.IGNORECASE)
_TOKEN_RE = LazyRegex(r"(?:[A-Z]\.){2,}|[\w'’-]+|\[|\]|[^\s\w]")
_MAX_TOKENS = 12
_DETERMINERS = frozenset(
    "the its their his her our this that these those all total entire whole estimated original "
    "an a overall".split()
)
_PRONOUNS = frozenset("them those it these which us you whom they him her what".split())
_STOP_WORDS = frozenset(
    """and or but while whereas as according said says is was were are has have had remains
    remained from to by since during after before over under until within for on at with
    against toward towards via than so because when where who last next earlier later ago
    today yesterday now then this""".split()
)
_CLAUSE_STOP_WORDS = frozenset(
    "and or but while whereas according said says as than because when".split()
)
# A participle ends the phrase unless a relative clause is under way ("the territory it once
# held in Iraq" goes on; "the Syrian Arab Republic liberated from …" stops).
_PARTICIPLES = frozenset(
    "liberated recaptured retaken controlled held occupied seized captured freed cleared lost "
    "remaining remain remains".split()
)
_TERRITORY_WORDS = frozenset(
    """territory territories land lands ground area areas terrain country nation state states
    province provinces region regions district districts governorate governorates city town
    side part parts half enclave stronghold strongholds caliphate turf soil landmass land-mass
    surface zone zones strip heights holdings neighbourhood neighbourhoods neighborhood
    neighborhoods sub-district sub-districts countryside desert territorial villages village
    valley basin axis pocket oblast oblasts raion raions rayon rayons""".split()
)
_OTHER_WORDS = frozenset(
    """people population populations residents inhabitants civilians citizens voters votes
    vote seats strikes airstrikes air-strikes sorties attacks raids budget revenue revenues
    income oil gas output production exports imports economy gdp funding money aid fighters
    members militants troops soldiers forces cases deaths casualties victims children women
    men families households refugees displaced respondents buildings homes houses schools
    hospitals infrastructure electricity water wheat crops farmland time year years month
    months week weeks day days decade century period term cost costs price prices share stake
    market trade army arsenal weapons ammunition personnel staff employees workers students
    patients survivors displacement funds spending wealth assets reserves supplies food
    fuel power capacity""".split()
)
_GROUPS = frozenset(
    """isis isil is daesh da'esh daash islamic state sdf ypg pkk hts taliban houthis houthi rsf
    lnf lna stc coalition junta""".split()
)
_COUNTRY_WORDS = frozenset({"country", "nation"})
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_FIGURE_RE = re.compile(r"\d[\d,.]*\s*(?:sq|square|km|kilomet|mile|hectare|acre|dun)",
                        re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OfObject:
    start: int  # offsets of the phrase after "of" in the sentence
    end: int
    text: str  # as written: "the territory it once held in Iraq"
    reading: str  # territory | place | figure | other | unknown
    place: str | None  # the named place it is of, when it names one
    country: bool  # "the country", "the nation"
    whole: bool = False  # the whole of the named place or country ("of Iraqi territory"),
    # not some ground in it ("its territory in Iraq", "populated Iraqi regions")


def _fold(token: str) -> str:
    return re.sub(r"['’]s$", "", token.lower()).strip("[]")


def _phrase_tokens(sentence: str, start: int) -> tuple[list[re.Match[str]], int | None]:
    """The tokens of the phrase starting at ``start`` (see the module doc), and where a
    reduced relative clause starts among them ("the territory [Islamic State seized in
    2014]"), if one does."""
    tokens: list[re.Match[str]] = []
    clause: int | None = None
    for token in _TOKEN_RE.finditer(sentence, start):
        word = token.group()
        if len(tokens) >= _MAX_TOKENS or (not word[0].isalnum() and word not in "[]"):
            break
        relative = clause is not None or any(t.group().lower() in _RELATIVE_STARTS
                                             for t in tokens)
        if tokens and word.lower() in _PARTICIPLES and not relative and (
                _fold(tokens[-1].group()) in _TERRITORY_WORDS):
            clause = len(tokens)  # "the land seized by the rebels since 2012"
        elif tokens and word.lower() in _PARTICIPLES and not relative:
            names = 0
            while names < len(tokens) - 1 and tokens[-1 - names].group()[:1].isupper():
                names += 1
            if not names or _fold(tokens[-1 - names].group()) not in _TERRITORY_WORDS:
                break
            clause = len(tokens) - names  # "the land Russia occupied": a relative clause
        elif tokens and word.lower() in (_CLAUSE_STOP_WORDS if relative else _STOP_WORDS):
            break  # inside "the territory it had once held in Iraq" only a clause end stops
        elif tokens and _YEAR_RE.fullmatch(word) and not relative:
            if tokens[-1].group().lower() in ("in", "of", "by"):
                tokens.pop()  # "of its territory in 2016": the year dates the share
            break
        tokens.append(token)
    return tokens, clause


def _core(tokens: list[re.Match[str]]) -> list[str]:
    """The words of the noun phrase itself: determiners off, cut before a relative clause or
    an "in"/"of" complement."""
    words: list[str] = []
    for token in tokens:
        word = token.group()
        folded = _fold(word)
        if not words and folded in _DETERMINERS:
            continue
        if words and (folded in ("in", "of", "that", "which", "it", "they", "where") or
                      word == "["):
            break
        words.append(word)
    return words


def _named_place(words: list[str]) -> str | None:
    """The capitalised run of the phrase that names a place ("Gaza Strip", "Manbij"), or the
    country a demonym names ("Iraqi lands" → "Iraq")."""
    runs: list[list[str]] = [[]]
    for word in words:
        clean = re.sub(r"['’]s$", "", word).strip("[]")
        name_word = clean[:1].isupper() and _fold(clean) not in _DETERMINERS and (
            runs[-1] or _fold(clean) not in _TERRITORY_WORDS)
        if name_word:
            runs[-1].append(clean)
        elif runs[-1]:
            runs.append([])
        if name_word and clean != word.strip("[]"):
            runs.append([])  # "Syria's Manbij": a possessive ends a name
    for run in reversed([r for r in runs if r]):
        name = " ".join(run)
        if run[0].lower() in DEMONYMS:
            return DEMONYMS[run[0].lower()]  # "Iraqi lands", "Iraqi Lands" in a headline
        if name.lower() not in _GROUPS and not name.isupper():
            return name
    for word in words:
        if word.lower() in DEMONYMS:
            return DEMONYMS[word.lower()]
    return None


def _reading(core: list[str], tokens: list[re.Match[str]]) -> str:
    folded = [_fold(word) for word in core]
    if not folded:
        return "unknown"
    if folded[0] in _PRONOUNS:
        return "other"
    head = folded[-1]
    if head in _OTHER_WORDS or (head not in _TERRITORY_WORDS and any(
            word in _OTHER_WORDS for word in folded)):
        return "other"
    if head in _TERRITORY_WORDS or any(word in _TERRITORY_WORDS for word in folded):
        return "territory"
    if core[-1][:1].isupper() and _named_place(core) is not None:
        return "place"
    if any(word in _GROUPS for word in folded):
        return "other"
    return "unknown"


def read_of_object(sentence: str, position: int) -> OfObject | None:
    """The phrase after "of" right at ``position`` ("… percent of Iraqi territory"), or None
    when no "of" follows."""
    of = _OF_RE.match(sentence, position)
    if of is None:
        return None
    tokens, clause = _phrase_tokens(sentence, of.end())
    if not tokens:
        return None
    start, end = tokens[0].start(), tokens[-1].end()
    text = sentence[start:end].rstrip(" .,")
    if _FIGURE_RE.match(sentence, _after_determiners(sentence, start)):
        return OfObject(start, end, text, "figure", None, False)
    core = _core(tokens[:clause])
    reading = _reading(core, tokens)
    named = [t.group() for t in tokens[:clause]]
    place = _named_place(named) if reading in ("territory", "place") else None
    country = bool(core) and _fold(core[0]) in _COUNTRY_WORDS
    return OfObject(start, start + len(text), text, reading, place, country,
                    _is_whole(reading, core, tokens))


_OWNED = frozenset("its their his her our".split())
_WHOLE_NOUNS = frozenset(
    "territory territories land lands soil area landmass land-mass surface ground country "
    "nation".split()
)
_RELATIVE = frozenset("it they that which where who".split())
# Words after which a participle goes on describing the head noun ("the territory it once
# held", "the territory originally held by ISIS").
_RELATIVE_STARTS = _RELATIVE | frozenset("originally once previously formerly initially".split())


def _is_whole(reading: str, core: list[str], tokens: list[re.Match[str]]) -> bool:
    """Whether the phrase is the whole of a named place ("Iraqi lands", "Yemen's
    territories", "the territory of the Syrian Arab Republic", "the country")."""
    if reading == "place":
        return True
    if reading != "territory" or not core:
        return False
    words = [_fold(t.group()) for t in tokens]
    if words[0] in _OWNED or any(word in _RELATIVE for word in words):
        return False
    if _fold(core[-1]) not in _WHOLE_NOUNS:
        return False
    named = [w for w in core[:-1] if w[:1].isupper() or _fold(w) in _COUNTRY_WORDS]
    after_of = "of" in words[len(core):] if len(words) > len(core) else False
    return bool(named) or after_of or _fold(core[0]) in _COUNTRY_WORDS


_DETERMINER_RUN_RE = LazyRegex(
    r"(?:(?:the|its|their|an?|total|entire|whole|estimated|original|some|about|roughly|nearly|"
    r"approximately)[\s\u00a0]+)*",
    re.IGNORECASE,
)


def _after_determiners(sentence: str, start: int) -> int:
    return _DETERMINER_RUN_RE.match(sentence, start).end()  # type: ignore[union-attr]
