"""Whose ground a figure is about: the actor that holds, took or lost it.

The actor is whose ground the figure is about: the holder of ground held ("the Houthis hold
about 25 per cent"), the side that lost ground lost ("ISIS has lost 40%"), and for ground
liberated, the side it was taken from ("retaken from Islamic State militants", "of ISIS-held
Raqqa"; None when the text does not say: the liberating force is not whose ground it was). The
holder or loser is read, first that gives one:

1. a passive agent after the figure: "… is controlled by Islamist rebels", "lost by ISIS";
2. the first actor before the figure in the claim's clause that is not an object ("from
   Islamic State militants", "against Daesh", "backed by the coalition", "pushed the
   insurgents out of" name others);
3. an actor after the figure whose hands or control it is in ("80% … is in the hands of the
   army"; "… 2,000 sq km, the SDF said" is not one: speakers are not actors).

Names of the Islamic State (ISIS, ISIL, IS, Daesh, Daash, "the Islamic State group") are given
as "Islamic State"; "the group", "the militants", "the caliphate", "it", "they" stand for the
group named last in the document before the figure. Other actors keep their written name,
without a leading "the".
"""

from __future__ import annotations

import re
from bisect import bisect_right

from contested.claims.extract.demonyms import DEMONYMS
from contested.core.lazy import LazyRegex

__all__ = ["ActorIndex", "is_actor_name"]

ISLAMIC_STATE = "Islamic State"
_IS_NAMES = r"(?:ISIS|ISIL|IS|Daesh|Da['’]esh|Daash|DAESH|(?:the\s+)?Islamic\s+State)"
_DEMONYM = "|".join(name.capitalize() for name in DEMONYMS)
_FORCE_NOUNS = (
    r"(?:army|armed\s+forces|forces|troops|military|government|soldiers|fighters|regime|"
    r"security\s+forces|militias?|units|rebels|allies)"
)
_ACTOR_PATTERN = (
    rf"(?P<is>\b{_IS_NAMES}(?:\s+(?:group|militants|fighters|jihadists|terrorists))?\b)"
    rf"|(?P<org>\b(?:the\s+)?(?:[A-Z][\w'’-]*\s+){{0,4}}(?:Forces|Army|Force|Units|Service|"
    rf"Council|Movement|Front|Brigades?|Militia|Government|Mobilization|Mobilisation)\b"
    rf"(?:\s*\([A-Z]{{2,6}}\))?)"
    rf"|(?P<named>\b(?:Taliban|Houthis?|Huthis?|al-Shabaab|Boko\s+Haram|Hamas|Hezbollah|"
    rf"Peshmerga|Wagner|junta|Tatmadaw|Kurds|Armenians|Azerbaijanis)\b)"
    rf"|(?P<acronym>\b(?:SDF|YPG|YPJ|LNA|RSF|CTS|SNA|STC|HTS|PKK|PMF|PMU|ISF|SAA|FSA|TPLF|"
    rf"ENDF|PDF|AA|JNIM|FN)\b)"
    rf"|(?P<demonym>\b(?:the\s+)?(?:{_DEMONYM})(?:[-\s]\w+)?\s+{_FORCE_NOUNS}\b)"
    rf"|(?P<adjective>\b(?:the\s+)?[A-Z][a-z]+(?:-[a-z]+)?\s+(?:fighters|rebels|insurgents|"
    rf"militias?|forces|troops|militants|jihadists|separatists)\b)"
    rf"|(?P<generic>\b(?i:(?:the\s+)?(?:army|military|government|junta|rebels|regime|"
    rf"(?:resistance|government|security|regional|federal|opposition|allied|rebel|pro-\w+)\s+"
    rf"(?:forces|troops|fighters|groups)|(?:ethnic\s+)?armed\s+(?:groups|organi[sz]ations)|"
    rf"coalition|allies|insurgents|separatists|tribes|clans|militias))\b)"
    rf"|(?P<pronoun>\b(?i:the\s+(?:group|militants|jihadists|extremists|terrorists|caliphate|"
    rf"organi[sz]ation)|its\s+fighters)\b)"
)
_ACTOR_RE = re.compile(_ACTOR_PATTERN)
_OBJECT_BEFORE_RE = LazyRegex(
    r"\b(?:from|against|of|over|on|with|versus|vs\.?|by|to|for|out)\s+(?:the\s+)?$"
    r"|\b(?:pushed|drove|driven|forced|expelled|ousted|routed|defeated|attacked|fought|"
    r"battled|besieged|surrounded|killed)\s+(?:the\s+)?$",
    re.IGNORECASE)
_BY_AFTER_RE = re.compile(r"\b(?:by|to)\s+$", re.IGNORECASE)
_PASSIVE_RE = LazyRegex(
    r"\b(?:controlled|held|occupied|lost|seized|captured|retaken|recaptured|liberated|freed|"
    r"cleared|ceded|transferred|overrun)\s+(?:\w+\s+){0,2}?by\s+", re.IGNORECASE)
_TAKEN_FROM_RE = LazyRegex(
    r"\b(?:from|out\s+of|of)\s+(?=(?:the\s+)?(?:[A-Z]|(?:group|militants|jihadists|"
    r"extremists|terrorists)\b))|\bno\s+longer\s+(?:under|in)\s+|\b(?:held|controlled|"
    r"occupied|ruled|seized|captured|taken|overrun)\s+by\s+")
_HELD_BY_RE = LazyRegex(
    rf"(?:(?P<is>\b{_IS_NAMES})|(?P<name>\b[A-Z][\w'’]+))[-‐](?:held|controlled|stronghold|"
    r"occupied|run)\b")
# A country or other name as the subject of a verb of holding or losing ground.
_NAMED_SUBJECT_RE = LazyRegex(
    r"(?<![\w’'])(?P<name>[A-Z][a-z][\w’'-]*(?:\s+[A-Z][a-z][\w’'-]*){0,2})\s+"
    r"(?:now\s+|still\s+|already\s+|also\s+|has\s+|have\s+|had\s+)*(?:controls?|holds?|"
    r"held|occup(?:ies|y|ied)|lost|loses|captured|seized|took|retook|retaken|recaptured)\b")
_HOLD_VERB_AFTER_RE = LazyRegex(
    r"\s+(?:\w+\s+)?(?:held|controlled|occupied|ruled|seized|captured|took|overran|had\s+held|"
    r"had\s+controlled|once\s+held|still\s+holds?|holds?|controls?)\b", re.IGNORECASE)
# Between an actor and its figure: only the verb that takes or holds it ("the militants
# stormed nearly a third"), a qualifier and filler words.
_VERB_THEN_FIGURE_RE = LazyRegex(
    r"\s+(?:\w+\s+){0,1}(?:had\s+|has\s+|have\s+)?(?:stormed|seized|overran|took|captured|"
    r"held|controlled|controls|holds|occupied|occupies|grabbed|conquered|swept\s+(?:over|"
    r"across|through))\s+(?:\w+\s+){0,3}?", re.IGNORECASE)
_HANDS_RE = re.compile(r"\b(?:in\s+the\s+hands\s+of|under\s+the\s+control\s+of|under)\s+$",
                       re.IGNORECASE)


def _name(match: re.Match[str]) -> str:
    if match["is"]:
        return ISLAMIC_STATE
    text = re.sub(r"\s+", " ", match.group()).strip()
    return text[4:] if text.lower().startswith("the ") else text


_NAMED_ACTORS = frozenset(
    """taliban houthi houthis huthi huthis hamas hezbollah hizbollah peshmerga wagner junta
    tatmadaw shabaab al-shabaab""".split()
)
_IS_NAME_RE = re.compile(_IS_NAMES)
_ORG_TAIL_RE = re.compile(
    r"(?:[\s\u00a0]+[A-Z][\w'’-]*){0,3}[\s\u00a0]+(?:Forces|Army|Force|Units|Service|Council|"
    r"Movement|Front|Brigades?|Militia|Government|Mobilization|Mobilisation|Party)\b"
)


def is_actor_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` names an actor or opens an actor's name ("the Taliban",
    "Kurdistan Regional Government", "Syrian Democratic Forces"): who acts, never where."""
    if text[start:end].lower() in _NAMED_ACTORS or _IS_NAME_RE.fullmatch(text, start, end):
        return True
    return _ORG_TAIL_RE.match(text, end, min(len(text), end + 60)) is not None


class ActorIndex:
    """Actors of one text, found once; a claim asks for the agent of its figure."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._groups: list[tuple[int, str]] | None = None

    def _group_positions(self) -> list[tuple[int, str]]:
        if self._groups is None:
            self._groups = [(m.start(), ISLAMIC_STATE) for m in re.finditer(
                rf"\b{_IS_NAMES}\b", self.text)]
        return self._groups

    def _resolve(self, match: re.Match[str], at: int) -> str | None:
        if not match["pronoun"]:
            return _name(match)
        groups = self._group_positions()
        index = bisect_right(groups, (at, "\uffff"))
        return groups[index - 1][1] if index else None

    def actor(self, clause: tuple[int, int], figure: tuple[int, int], kind: str | None
              ) -> str | None:
        """Whose ground the figure at ``figure`` is, read in ``clause`` (absolute offsets):
        the holder of ground held, the loser of ground lost, the side ground was liberated
        from (see the module doc); None when the text does not say."""
        if kind == "liberated":
            return self._taken_from(clause)
        return self._agent(clause, figure)

    def _agent(self, clause: tuple[int, int], figure: tuple[int, int]) -> str | None:
        start, end = clause
        passive = _PASSIVE_RE.search(self.text, figure[1], end)
        if passive is not None:
            agent = _ACTOR_RE.match(self.text, passive.end(), end)
            if agent is not None:
                return self._resolve(agent, agent.start())
        actors = list(_ACTOR_RE.finditer(self.text, start, figure[0]))
        holder = self._holder_before(actors, start, figure)
        if holder is not None:
            return holder
        before = [m for m in actors
                  if not _OBJECT_BEFORE_RE.search(self.text, max(start, m.start() - 12),
                                                  m.start())]
        if before:
            return self._resolve(before[0], before[0].start())  # the subject comes first
        named = _NAMED_SUBJECT_RE.search(self.text, start, figure[0])
        if named is not None:
            return named["name"]  # "Russia controls around 18% of …"
        for match in _ACTOR_RE.finditer(self.text, figure[1], end):
            if _HANDS_RE.search(self.text, max(figure[1], match.start() - 30), match.start()) \
                    or _HOLD_VERB_AFTER_RE.match(self.text, match.end(), end):
                # "80% … in the hands of the army"; "the 109,770 sq km that ISIS originally held"
                return self._resolve(match, match.start())
        return None

    def _holder_before(self, actors: list[re.Match[str]], start: int,
                       figure: tuple[int, int]) -> str | None:
        """An actor the words before the figure name as the holder: "territory under the
        control of ISIS had shrunk to …", or the subject of the verb right before the
        figure: "… after the militants stormed nearly a third of …"."""
        for match in actors:
            if _HANDS_RE.search(self.text, max(start, match.start() - 30), match.start()):
                return self._resolve(match, match.start())
        if actors:
            last = actors[-1]
            between = self.text[last.end():figure[0]]
            if _VERB_THEN_FIGURE_RE.fullmatch(between) and not _OBJECT_BEFORE_RE.search(
                    self.text, max(start, last.start() - 12), last.start()):
                return self._resolve(last, last.start())
        return None

    def _taken_from(self, clause: tuple[int, int]) -> str | None:
        """"retaken from IS", "of ISIS-held Raqqa", "no longer under ISIS control"."""
        for cue in _TAKEN_FROM_RE.finditer(self.text, *clause):
            actor = _ACTOR_RE.match(self.text, cue.end(), clause[1])
            if actor is not None:
                return self._resolve(actor, actor.start())
        held = _HELD_BY_RE.search(self.text, *clause)
        return ISLAMIC_STATE if held is not None and held["is"] else (
            held.group("name") if held is not None else None)
