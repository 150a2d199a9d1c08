"""What a figure is about: its kind, from the words around it.

Kinds (contested.claims.model.KINDS) and the cues that signal them:

* ``liberated`` — liberated/cleared/retaken/retook/freed/taken back/recaptured/regained/
  wrested back, "no longer under ISIS control", and taken/seized/captured when the taker is
  not the group ("Iraqi forces seized 2,000 sq km from the militants").
* ``lost`` — the group is the subject of a loss: "ISIS has lost", "lost by ISIS", "ceded".
  Kept apart from ``liberated`` because the sentence counts the group's loss, not one
  force's gains (checks treat both as ground no longer held).
* ``held`` — holds/still holds/controls/occupies/covers/"under ISIS control", a past tense
  (controlled/held) tied to a date ("at the start of 2017"), and ground the group *seized*
  (took/captured/overran/conquered): KINDS has no "gained", and what it seized it held then;
  the seizure's date ("in June 2014") dates the claim, so the timeline check reads it as the
  area held at that date.
* ``peak_held`` — originally held, at its height/peak ("at the height of its power"), once
  held/controlled/spanned, at most, a past tense with nothing dating it ("those gangs
  controlled … up to 110 thousand sq km"), and "the self-declared caliphate covered".
* ``remaining`` — remaining, left, reduced to, shrunk to, down to.

The cue nearest to the figure wins; cues after the figure in the same clause count too. Two
overrides: a height/peak cue anywhere in the clause turns held/under-rule into ``peak_held``
("was under IS rule at its height"), and now/still/currently turns a past or caliphate cue
into ``held`` ("the self-declared caliphate now covers 5,000 sq km").
"""

from __future__ import annotations

import re

from contested.core.lazy import LazyRegex

__all__ = ["find_kind"]

_GROUP = (
    r"(?:isis|isil|is|daesh|da'esh|the\s+islamic\s+state|islamic\s+state|the\s+group|the\s+"
    r"militants?|militants|the\s+jihadists?|jihadists|the\s+extremists?|extremists|the\s+"
    r"(?:militant|terror|terrorist|jihadist|extremist)\s+(?:group|organi[sz]ation)|the\s+"
    r"terrorists?|terrorists|those\s+gangs|the\s+gangs|gangs|the\s+caliphate|its\s+fighters|it|they)"
    # "the Islamic State group", "ISIS militants", "the IS organisation"
    r"(?:\s+(?:group|militants|fighters|jihadists|organi[sz]ation|extremists))?"
    r"(?:\s*\([A-Z]{2,6}\))?"  # "The Islamic State (ISIS) has lost"
)
_NOT_ADVERBS = (
    r"(?:\s+(?:still|only|now|already|once|originally|previously|reportedly|since|also|"
    r"effectively|largely|so\s+far))*"
)

# "lost control of", "regained full control over": the verb's object is the ground, so the
# word "control" must not read as a cue of its own (it would be nearer to the figure).
_CONTROL_OF = r"(?:\s+(?:full\s+|complete\s+|total\s+|effective\s+)?control\s+(?:of|over))?"
# (kind, pattern). Longer, more specific cues come first: finditer never overlaps matches.
_KIND_CUES: tuple[tuple[str, str], ...] = (
    ("liberated", r"no\s+longer\s+(?:under|in)\s+(?:the\s+)?(?:control\s+of\s+)?\w+(?:'s|’s)?"
                  r"(?:\s+\w+)?\s+(?:control|hands)"),
    ("liberated", r"no\s+longer\s+(?:held|controlled|occupied)\s+by"),
    ("peak_held", r"(?:at\s+(?:its|their|the)\s+(?:height|peak|zenith|greatest\s+extent|"
                  r"maximum\s+extent|largest)(?:\s+of\s+\w+(?:\s+\w+)?)?)"),
    ("peak_held", r"(?:originally|once|formerly|previously|initially|at\s+one\s+point|at\s+one\s+"
                  r"time)\s+(?:held|controlled|occupied|ruled|spanned|seized|covered|"
                  r"captured|had|governed|stretched)"),
    ("peak_held", r"(?:held|controlled|occupied|ruled|spanned|seized)\s+(?:at\s+)?(?:most|its\s+"
                  r"peak|the\s+peak|the\s+most)"),
    # "since its peak" dates a change, it does not make the figure the peak
    ("peak_held", r"(?<!since its )(?<!since the )(?<!from its )(?<!from the )\bpeak\b"),
    ("peak_weak", r"self-declared\s+caliphate|once-sprawling|once\s+sprawling"),
    ("lost", rf"\b{_GROUP}{_NOT_ADVERBS}(?:\s+(?:has|had|have))?{_NOT_ADVERBS}\s+(?:lost|"
             r"ceded|forfeited|"
             r"shed|surrendered|been\s+driven\s+from|been\s+pushed\s+(?:out\s+)?(?:of|from)|"
             rf"been\s+expelled\s+from){_CONTROL_OF}"),
    ("lost", r"(?:lost|ceded)\s+by\s+(?:isis|isil|is|daesh|the\s+group|the\s+militants)"),
    # "returning 400 sq km to government control", "brought under army control"
    ("liberated", r"\b(?:return\w*|restor\w*|brought|bring\w*|handed|hand\w*)\b[^.;]{0,60}?"
                  r"\b(?:to|under)\s+(?:the\s+)?(?:government|state|army|military|federal|"
                  r"national|Iraqi|Syrian|Afghan|Kurdish|Peshmerga|SDF)\s+(?:\w+\s+)?control"),
    # "the Israeli army has occupied", "has been occupied by": what is held now
    ("held", r"\b(?:has|have)\s+(?:now\s+|already\s+|also\s+)?(?:been\s+)?(?:occupied|"
             r"controlled|held)\b"),
    ("lost", r"\b(?:losses|loss)\s+of\b"),
    ("held", rf"\b{_GROUP}{_NOT_ADVERBS}\s+(?:has\s+|have\s+|had\s+)?(?:taken|took|seized|"
             r"captured|overran|overrun|grabbed|gained|conquered|stormed|swept\s+(?:over|"
             r"across|through))"),
    ("liberated", r"\b(?:liberat\w*|clear(?:ed|ing|s)?|back-cleared|re-?tak(?:en|ing|e|es)|"
                  r"retook|re-?captur\w*|free(?:d|ing|s)?|taken\s+back|took\s+back|won\s+back|"
                  r"regain\w*|reclaim\w*|recover(?:ed|ing|s)?|reconquer\w*|seized\s+back|"
                  r"captured\s+back|wrest\w*|rolled\s+back|pushed\s+"
                  r"(?:isis|is|daesh|the\s+group|the\s+militants)\s+(?:out\s+)?(?:of|from)|"
                  r"(?:driv(?:en|e|ing)|drove|forc(?:ed|ing))\s+(?:isis|is|daesh|the\s+group|"
                  r"the\s+militants|the\s+jihadists|militants|jihadists)\s+"
                  r"(?:out\s+)?(?:of|from)|expell\w*|liberation)\b" + _CONTROL_OF),
    # "released 87.4 percent of the Syrian territory": a translation's word for freed, read
    # only with a share or an area after it (a report or prisoners are released too).
    ("liberated", r"\breleas(?:ed|ing)\b(?=[^;]{0,40}?(?:percent|per\s+cent|%|square|"
                  r"\bsq\b|\bkm\b|territor))"),
    # Taking ground: liberated when it is taken from someone or by a state's own forces,
    # held when a rebel group or a foreign force takes it (see _taken).
    ("taken", r"\b(?:taken|took|take[sn]?|seized?|seizes|seizing|captured|captur\w+|"
              r"gain(?:ed|s)?|secur(?:ed|ing|es)|establish\w*\s+(?:full\s+|complete\s+)?"
              r"control\s+(?:over|of))\b" + _CONTROL_OF),
    # "remains under the control of regional forces": held, not what is left
    ("held", r"\bremain(?:s|ed|ing)?\s+(?:firmly\s+|largely\s+|still\s+)?(?:under|in)\s+"
             r"(?:the\s+)?(?:\w+\s+)?(?:control|hands)\b"),
    ("contested", r"\b(?:remain(?:s|ed|ing)?\s+)?contested\b|\bcontest(?:s|ing)?\b"),
    # "the militants were driven out of 3,000 sq km": the group's loss, in the passive
    ("lost", rf"\b{_GROUP}{_NOT_ADVERBS}\s+(?:were|was|have\s+been|has\s+been|had\s+been)\s+"
             r"(?:driven|pushed|forced|expelled|ousted|chased|kicked|routed)\s+(?:back\s+)?"
             r"(?:out\s+of|from)"),
    ("held", r"\b(?:is|are|was|were|now|still|currently)\s+(?:firmly\s+|largely\s+)?under\s+"
             r"(?:the\s+)?(?:\w+\s+){0,2}?(?:control|rule)\b"),
    ("liberated", r"\b(?:pushed|pushing|drove|driven|driving|forced|forcing|ousted|ousting|"
                  r"expelled|expelling|kicked|chased|routed)\s+(?:\w+\s+){1,4}?(?:out\s+of|"
                  r"from)\b"),
    ("remaining", r"\b(?:squeezed|confined|penned|hemmed|bottled|boxed|pushed\s+back|"
                  r"cornered)\s+(?:in)?to\b|\b(?:remain(?:ing|s|ed)?|left|leaving|reduced\s+to|shrunk\s+to|shrank\s+to|"
                  r"shrinking\s+to|(?:fell|fallen|falling|dropped|dropping|declined|"
                  r"contracted|cut)\s+to|down\s+to|dwindl\w*\s+to|whittled\s+down\s+to|"
                  r"last\s+(?:remaining\s+)?(?:stronghold|enclave|sliver|patch))\b"),
    ("held", r"\b(?:still\s+(?:has|have)|(?:still\s+)?(?:holds?|holding|control(?:s|ling)?|"
             r"occup(?:ies|y|ying)|rules?|ruling|governs?|governing|possess(?:es)?|covers|"
             r"spans))\b"),
    ("held", r"\b(?:under|in)\s+(?:isis|isil|is|daesh|the\s+group's|militant|jihadist|"
             r"the\s+militants'|its|their)\s+(?:control|hands|rule)\b"),
    ("held_past", r"\b(?:held|controlled|occupied|ruled|spanned|covered|stretched\s+over|had)\b"),
)
_KIND_RE = LazyRegex(
    "|".join(f"(?P<k{index}>{pattern})" for index, (_, pattern) in enumerate(_KIND_CUES)),
    re.IGNORECASE,
)
_DATED_RE = LazyRegex(
    r"\b(?:at|by|as\s+of)\s+the\s+(?:start|beginning|end|close)\s+of\s+(?:(?:19|20)\d\d|"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\b|the\s+(?:month|year|quarter)\b|last\s+(?:month|year)\b)|\bin\s+"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)\s+(?:19|20)\d\d|\bas\s+of\b|\b(?:in|by)\s+(?:(?:early|late|mid)[-\s]?)?"
    r"(?:19|20)\d\d|\bof\s+(?:19|20)\d\d",
    re.IGNORECASE,
)
_PEAK_QUALIFIERS = ("up to", "at most")
# The cue "<group> seized/captured …": held, unless the ground was taken *from* the group.
_SEIZED_INDEX = next(i for i, (kind, pattern) in enumerate(_KIND_CUES)
                     if kind == "held" and "overran" in pattern)
_FROM_GROUP_RE = LazyRegex(
    r"\bfrom\s+(?:the\s+)?(?:isis|isil|is|daesh|islamic\s+state|(?:the\s+)?(?:group|"
    r"militants?|jihadists?|extremists?|terrorists?|insurgents?))\b",
    re.IGNORECASE,
)
_NOW_RE = re.compile(r"\b(?:now|still|currently|today|remaining)\b", re.IGNORECASE)
_HELD_WORD_RE = re.compile(r"\b(?:held|controlled|occupied)\b", re.IGNORECASE)
_FROM_SOMEONE_RE = LazyRegex(
    r"\bfrom\s+(?:the\s+)?(?:[A-Z][\w'’-]*|(?i:isis|isil|daesh|militants?|jihadists?|"
    r"insurgents?|rebels?|terrorists?|extremists?|the\s+group|group|enemy|forces|troops|army|"
    r"occupation|occupiers?))"
    r"|\b(?i:isis|isil|is|daesh|group|militant|jihadist|insurgent|rebel|enemy|terrorist)"
    r"[-‐](?i:held|controlled|stronghold|occupied|run)",
)
_NON_STATE_TAKER_RE = LazyRegex(
    r"\b(?:rebels?|insurgents?|militants?|jihadists?|separatists?|paramilitar\w*|militias?|"
    r"RSF|Rapid\s+Support|Taliban|Houthis?|Huthis?|Hamas|Hezbollah|(?:al-)?Shabaab|Boko\s+Haram|"
    r"JNIM|Wagner|junta|(?:Israeli|Russian|Turkish|Iranian|American|U\.S\.|Azerbaijani|"
    r"Armenian|Rwandan|Eritrean|Emirati)\s+(?:\w+\s+)?(?:forces|troops|army|military|"
    r"soldiers|units))\b",
    re.IGNORECASE,
)


def find_kind(
    segment: str, anchor_start: int, anchor_end: int, qualifier: str | None = None
) -> str | None:
    """The kind of the figure at ``segment[anchor_start:anchor_end]``, or None."""
    best: tuple[int, int, str, int] | None = None
    peak_seen = False
    for match in _KIND_RE.finditer(segment):
        index = int(match.lastgroup[1:])  # type: ignore[index]
        kind = _KIND_CUES[index][0]
        peak_seen = peak_seen or kind == "peak_held"
        if match.end() <= anchor_start:
            distance = anchor_start - match.end()
        elif match.start() >= anchor_end:
            distance = match.start() - anchor_end + 15  # cues before the figure read first
        elif match.start() < anchor_start and match.end() > anchor_end:
            distance = 0  # a cue around the figure: "returning 400 sq km to government control"
        else:
            continue
        # Nearest cue wins; a tie prefers the more specific cue (earlier in the table).
        candidate = (distance, index, kind, match.start())
        if best is None or candidate < best:
            best = candidate
    if best is None or best[2] == "contested":
        return None  # "remains contested": held by no one side
    return _resolve(best[2], best[1], best[3], segment, qualifier, peak_seen)


def _resolve(kind: str, index: int, cue_start: int, segment: str, qualifier: str | None,
             peak_seen: bool) -> str:
    """The kind a cue gives, read with the rest of the clause (module doc)."""
    if kind == "taken":
        return _taken(segment, cue_start)
    if kind == "held" and index == _SEIZED_INDEX and _FROM_GROUP_RE.search(segment):
        # "the SDF said they had captured 1,500 sq km from IS": another force took it.
        return "liberated"
    if kind in ("held", "held_past", "peak_weak") and _NOW_RE.search(segment):
        return "held"  # "the self-declared caliphate now covers …", "still holds"
    if kind in ("held", "held_past") and peak_seen:
        return "peak_held"  # "was under IS rule at its height": the height dates the figure
    if kind == "peak_weak":
        return "peak_held"
    if kind == "held_past":
        if qualifier in _PEAK_QUALIFIERS or not _DATED_RE.search(segment):
            return "peak_held"
        return "held"
    if kind == "held" and qualifier in _PEAK_QUALIFIERS and _HELD_WORD_RE.search(segment):
        return "peak_held"
    return kind


def _taken(segment: str, cue_start: int) -> str:
    """Ground taken: liberated when taken from someone ("from the militants", "of
    ISIS-held Raqqa"), held when the taker is a rebel group or a foreign force ("the RSF
    secured control of …", "Israeli troops have seized …"), else liberated (a state's own
    forces taking ground back)."""
    if _FROM_SOMEONE_RE.search(segment):
        return "liberated"
    if _NON_STATE_TAKER_RE.search(segment, 0, cue_start):
        return "held"
    return "liberated"
