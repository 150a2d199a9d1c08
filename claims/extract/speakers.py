"""Who says a claim: attributions in news text ("said Col. Ryan Dillon", "Maj. Gen. Rupert Jones
said", "according to CENTCOM", "a spokesperson for CENTCOM, told").

Every reporting verb of the text is an anchor; the speaker is read before it (subject, with an
optional appositive: "U.S. Capt. Bill Urban, a spokesperson for CENTCOM, told"), after it
("said U.S. Army Col. Ryan Dillon") or after "according to". A speaker is a titled person
(titles normalised: "Colonel" → "Col."), a bare surname of a person named earlier ("Dillon
noted" → "Col. Ryan Dillon"), an organisation ("CENTCOM"; "U.S. Central Command (CENTCOM)" →
"CENTCOM"; "a spokesperson for CENTCOM" → "CENTCOM"), or a pronoun or role ("he said", "the
general said"), which stands for the last person attributed before it. Generic sources
("officials said", "analysts") give no speaker.

A claim's speaker is the attribution in its own sentence nearest to the figure; failing that,
the last attribution ending at most :data:`NEARBY_CHARS` before the sentence (the previous
sentence or two: "... according to CENTCOM. That means ISIS still holds 2,195 sq. km."), unless
the claim's own sentence attributes it to nobody named ("officials said"): then None.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from contested.core.lazy import LazyRegex

__all__ = ["NEARBY_CHARS", "Attribution", "SpeakerIndex", "find_attributions"]

NEARBY_CHARS = 400
_SPAN_CACHE = 256  # spans kept per text (a sentence and the text before it)

_TITLE_WORDS = {
    "col": "Col.", "colonel": "Col.", "gen": "Gen.", "general": "Gen.", "maj": "Maj.",
    "major": "Maj.", "lt": "Lt.", "lieut": "Lt.", "lieutenant": "Lt.", "capt": "Capt.",
    "captain": "Capt.", "brig": "Brig.", "brigadier": "Brig.", "adm": "Adm.", "admiral": "Adm.",
    "sgt": "Sgt.", "sergeant": "Sgt.", "cmdr": "Cmdr.", "commander": "Cmdr.", "dr": "Dr.",
    "mr": "Mr.", "mrs": "Mrs.", "ms": "Ms.", "gov": "Gov.", "governor": "Gov.", "sen": "Sen.",
    "senator": "Sen.", "secretary": "Secretary", "minister": "Minister",
    "president": "President", "spokesman": "spokesman",
}
_TITLE = (
    r"(?:Col|Colonel|Gen|General|Maj|Major|Lt|Lieut|Lieutenant|Capt|Captain|Brig|Brigadier|Adm|"
    r"Admiral|Sgt|Sergeant|Cmdr|Commander|Dr|Mr|Mrs|Ms|Gov|Governor|Sen|Senator|"
    r"(?:[A-Z][a-z]+\s+)?(?:Secretary|Minister)|President)\.?"
)
_NAME_WORD = r"(?:[A-Z][a-z]*[’']?[A-Z]?[a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.)"
_PERSON = rf"(?:{_TITLE}\s+)+(?:{_NAME_WORD}\s+){{0,2}}{_NAME_WORD}"
_PERSON_RE = LazyRegex(_PERSON)
_ORG = r"(?:[A-Z][\w.&-]*|of|for|the|and)(?:\s+(?:[A-Z][\w.&-]*|of|for|the|and|\d+))*"
_ROLE = (
    r"(?:spokes(?:man|woman|person)|official|officer|commander|general|colonel|major|captain|"
    r"minister|secretary|envoy|coalition|military|command|statement|release|report)"
)
_VERB_RE = re.compile(
    r"\b(?:said|says|told|tells|noted|notes|added|adds|stated|states|explained|stressed|"
    r"observed|pointed\s+out|estimated|announced|confirmed|insisted|warned|reported|"
    r"acknowledged|claimed|wrote|according\s+to)\b"
)
_ACCORDING = "according to"
# The subject right before a verb: a person, a pronoun or role, an organisation or a name,
# with an optional appositive (", a spokesperson for CENTCOM,") between it and the verb.
_SUBJECT_RE = LazyRegex(
    rf"(?:(?P<person>{_PERSON})|(?P<pronoun>\b(?:[Hh]e|[Ss]he|[Tt]hey)|\b[Tt]he\s+(?:general|"
    rf"colonel|spokes(?:man|woman|person)|commander|official|officer|minister|major|captain))"
    rf"|(?P<role_org>\b(?:[Aa]n?|[Tt]he)\s+(?:(?:unnamed|anonymous)\s+)?(?P<org_a>{_ORG})\s+"
    rf"spokes(?:man|woman|person))"
    rf"|(?P<role_for>\b(?:[Aa]n?|[Tt]he)\s+(?:(?:unnamed|anonymous)\s+)?spokes(?:man|woman|"
    rf"person)\s+for\s+(?:the\s+)?(?P<org_b>{_ORG}))"
    rf"|(?P<name>\b[A-Z][\w.&-]*(?:[ \t\u00a0]+(?:[A-Z][\w.&-]*|\(\w+\)|\d+)){{0,5}}))"
    rf"(?P<appositive>,\s+[^,;“”\"]{{3,90}}?,)?,?\s+(?:also\s+|later\s+|then\s+)?$"
)
_AFTER_RE = LazyRegex(
    rf"\s+(?:reporters\s+|journalists\s+)?(?:[A-Z][\w.]*[ \t]+){{0,3}}?(?P<person>{_PERSON})"
)
_FOR_ORG_RE = LazyRegex(rf"spokes(?:man|woman|person)\s+for\s+(?:the\s+)?(?P<org>{_ORG})")
_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9-]{1,9})\)\s*$")
_GENERIC = frozenset(
    """officials official analysts analyst sources source experts residents witnesses
    observers reports report it this that which who media monitors activists people
    we i you there one some others many""".split()
)
# Words that open a sentence or clause before its subject ("Although CENTCOM acknowledged").
_LEAD_WORDS_RE = LazyRegex(
    r"^(?:(?:although|though|while|but|and|however|meanwhile|now|then|later|also|thus|so|"
    r"soon|in|on|at|after|before|since|when|as|if|the|a|an|this|that|these|those|"
    r"(?:figures|data|estimates|statements?|reports?)\s+(?:from|by|of))\s+)+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reporting verb and who it attributes to (``speaker`` None: nobody to name)."""

    start: int  # the attribution phrase in the text (subject through verb)
    end: int
    speaker: str | None
    is_person: bool


def _normalise_person(text: str) -> str:
    words = re.sub(r"\s+", " ", text).strip(" ,.").split(" ")
    out = []
    for word in words:
        key = word.rstrip(".").lower()
        out.append(_TITLE_WORDS.get(key, word) if key in _TITLE_WORDS else word)
    return " ".join(out)


def _clean_org(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:")
    text = _LEAD_WORDS_RE.sub("", text)
    text = re.sub(r"\s+(?:press\s+release|statement|report|release|briefing|figures|data|"
                  r"news\s+release|announcement|spokes(?:man|woman|person))$", "", text,
                  flags=re.IGNORECASE)
    if (acronym := _ACRONYM_RE.search(text)) is not None:
        return acronym.group(1)
    text = text.strip(" ,.;:")
    if not text or text.split()[-1].lower() in _GENERIC:
        return None  # "U.S. military officials": nobody to name
    if not text[0].isupper():
        return None
    return text


_CLAUSE_START_RE = LazyRegex(r"[.!?;:“”\"\n—–][^.!?;:“”\"\n—–]*$")


def find_attributions(text: str, start: int = 0, end: int | None = None) -> list[Attribution]:
    """The attributions whose verb lies in ``text[start:end]``, in order (pronouns and roles
    not resolved: speaker "he")."""
    found: list[Attribution] = []
    end = len(text) if end is None else end
    for verb in _VERB_RE.finditer(text, start, end):
        if verb.group().startswith(_ACCORDING):
            found.extend(_according(text, verb))
            continue
        # The subject sits in the verb's own clause: the window opens after the last sentence
        # mark or quote before the verb (commas stay: appositives hold them).
        window_start = max(0, verb.start() - 160)
        clause = _CLAUSE_START_RE.search(text, window_start, verb.start())
        if clause is not None:
            window_start = clause.start() + 1
            if text[clause.start()] == "." and _TITLE_BEFORE_DOT_RE.search(
                text, max(0, clause.start() - 6), clause.start()
            ):
                window_start = max(0, verb.start() - 160)  # "Col. Dillon said": not a sentence end
        subject = _SUBJECT_RE.search(text, window_start, verb.start())
        attribution = _from_subject(subject, verb.end()) if subject else None
        if attribution is None:
            after = _AFTER_RE.match(text, verb.end(), min(len(text), verb.end() + 120))
            if after is not None:
                attribution = Attribution(verb.start(), after.end(),
                                          _normalise_person(after["person"]), True)
        if attribution is not None:
            found.append(attribution)
    return found


_TITLE_BEFORE_DOT_RE = LazyRegex(
    r"(?:\b(?:Col|Gen|Maj|Lt|Lieut|Capt|Brig|Adm|Sgt|Cmdr|Dr|Mr|Mrs|Ms|Gov|Sen|St)|\b[A-Z]|"
    r"U\.S|U\.N|U\.K)$"
)


_ACCORDING_PHRASE_RE = LazyRegex(
    r"\s+((?:U\.S\.|U\.N\.|U\.K\.|[^,.;:“”\"(])+(?:\([A-Z][A-Z0-9-]{1,9}\))?)"
)


def _according(text: str, verb: re.Match[str]) -> list[Attribution]:
    after = text[verb.end():verb.end() + 120]
    person = _AFTER_RE.match(after)
    if person is not None:
        return [Attribution(verb.start(), verb.end() + person.end(),
                            _normalise_person(person["person"]), True)]
    phrase = _ACCORDING_PHRASE_RE.match(after)
    if phrase is None or len(phrase.group(1)) > 80:
        return []
    who = phrase.group(1)
    # "a report by IHS Markit released on Thursday": the source ends where the clause about
    # the document (or its date) begins.
    who = _ACCORDING_TAIL_RE.split(who, maxsplit=1)[0]
    end = verb.end() + phrase.end()
    org = _FOR_ORG_RE.search(who)
    speaker = _clean_org(org["org"] if org else who)
    return [Attribution(verb.start(), end, speaker, False)] if speaker else []


_ACCORDING_TAIL_RE = LazyRegex(
    r"\s+(?:released|published|issued|posted|dated|seen|obtained|made\s+public|out|on|in|at|"
    r"last|this|earlier|late|which|who|that|from\s+(?:last|this|the))\b"
)
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:in|of|at|from|near|across|to|for|with|by|into)\s+$")


def _last_sentence(name: str) -> str:
    """The words of ``name`` after a sentence end ("Syria. Dillon" → "Dillon")."""
    words = name.split()
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.endswith(".") and len(word) > 4 and "." not in word[:-1] and (
            word[:-1].lower() not in _TITLE_WORDS
        ):
            return " ".join(words[index + 1:])
    return name


def _from_subject(subject: re.Match[str], end: int) -> Attribution | None:
    start = subject.start()
    appositive = subject["appositive"] or ""
    name = _last_sentence(subject["name"]) if subject["name"] else None
    if subject["person"]:
        return Attribution(start, end, _normalise_person(subject["person"]), True)
    if name and (person := _PERSON_RE.search(name)):
        return Attribution(start, end, _normalise_person(person.group()), True)
    if appositive and (person := _PERSON_RE.search(appositive)):
        return Attribution(start, end, _normalise_person(person.group()), True)
    if subject["pronoun"]:
        return Attribution(start, end, "he", True)
    org = subject["org_a"] or subject["org_b"]
    if org is None and appositive and (org_for := _FOR_ORG_RE.search(appositive)):
        org = org_for["org"]
    if org is not None:
        speaker = _clean_org(org)
        return Attribution(start, end, speaker, False) if speaker else None
    if name and not _PREPOSITION_BEFORE_RE.search(subject.string, max(0, start - 12), start):
        speaker = _clean_org(name)
        if speaker is None:
            return None
        return Attribution(start, end, speaker, bool(re.fullmatch(_NAME_WORD, speaker)))
    return None


class SpeakerIndex:
    """Speakers of one text: attributions read around each claim on demand (cached), titled
    persons indexed once, so pronouns and surnames resolve to full names."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._persons: list[tuple[int, str]] | None = None
        self._by_surname: dict[str, str] = {}
        self._spans: dict[tuple[int, int], list[Attribution]] = {}

    def _index_persons(self) -> list[tuple[int, str]]:
        if self._persons is None:
            self._persons = []
            for match in _PERSON_RE.finditer(self.text):
                name = _normalise_person(match.group())
                surname = name.split(" ")[-1]
                if len(name) > len(self._by_surname.get(surname, "")):
                    self._by_surname[surname] = name
                self._persons.append((match.start(), name))
        return self._persons

    def _full(self, name: str) -> str:
        self._index_persons()
        return self._by_surname.get(name.split(" ")[-1], name)

    def _last_person_before(self, position: int) -> str | None:
        persons = self._index_persons()
        index = bisect_left(persons, (position, ""))
        if index:
            return self._full(persons[index - 1][1])
        return None

    def attributions(self, start: int, end: int) -> list[Attribution]:
        """Attributions whose verb lies in ``text[start:end]``, names resolved (cached: the
        claims of a sentence and its scope reading ask for the same span)."""
        key = (start, end)
        if key not in self._spans:
            if len(self._spans) > _SPAN_CACHE:
                self._spans.clear()
            self._spans[key] = self._attributions(start, end)
        return self._spans[key]

    def _attributions(self, start: int, end: int) -> list[Attribution]:
        out = []
        for attribution in find_attributions(self.text, start, end):
            speaker = attribution.speaker
            if speaker == "he":
                speaker = self._last_person_before(attribution.start)
            elif attribution.is_person and speaker is not None:
                speaker = self._full(speaker)
            if speaker is not None:
                out.append(Attribution(attribution.start, attribution.end, speaker,
                                       attribution.is_person))
        return out

    def speaker_for(self, sentence_start: int, sentence_end: int, anchor: int) -> str | None:
        """The speaker of a claim whose figure is at ``anchor`` in the given sentence."""
        inside = self.attributions(sentence_start, sentence_end)
        if inside:
            nearest = min(inside, key=lambda a: min(abs(a.start - anchor), abs(a.end - anchor)))
            return nearest.speaker
        if _VERB_RE.search(self.text, sentence_start, sentence_end):
            return None  # attributed in its own sentence to nobody named ("officials said")
        before = self.attributions(max(0, sentence_start - NEARBY_CHARS), sentence_start)
        return before[-1].speaker if before else None
