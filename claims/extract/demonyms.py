"""Adjectives that name a country, and when they say where a claim is.

"Syrian territory", "Iraqi lands", "Lebanese land" name the ground itself: the country is the
scope. "Iraqi forces retook …" names a force that fights at home, so Iraq is the scope when
nothing else is named. A force abroad ("Turkish forces", "the Israeli army", "Russian troops")
or a sponsor ("Saudi-backed", "US-led", "Turkey-backed") says nothing about where the ground is.
"""

from __future__ import annotations

import re

from contested.core.lazy import LazyRegex

__all__ = ["COUNTRY_NAMES", "DEMONYMS", "demonym_scope"]

DEMONYMS: dict[str, str] = {
    "iraqi": "Iraq", "iraqis": "Iraq", "syrian": "Syria", "syrians": "Syria",
    "turkish": "Turkey", "jordanian": "Jordan", "lebanese": "Lebanon", "libyan": "Libya",
    "egyptian": "Egypt", "afghan": "Afghanistan", "nigerian": "Nigeria", "yemeni": "Yemen",
    "somali": "Somalia", "malian": "Mali", "ukrainian": "Ukraine", "saudi": "Saudi Arabia",
    "iranian": "Iran", "filipino": "Philippines", "mozambican": "Mozambique",
    "sudanese": "Sudan", "ethiopian": "Ethiopia", "burmese": "Myanmar", "israeli": "Israel",
    "palestinian": "Palestine", "russian": "Russia", "azerbaijani": "Azerbaijan",
    "armenian": "Armenia", "burkinabe": "Burkina Faso", "nigerien": "Niger",
    "kurdistani": "Iraq",
}
COUNTRY_NAMES = frozenset(DEMONYMS.values())
# Forces that fight on their own country's ground.
_HOME_FORCES = frozenset(
    """iraqi syrian afghan yemeni libyan nigerian somali malian filipino mozambican egyptian
    sudanese ethiopian burmese ukrainian lebanese""".split()
)
_GROUND_WORDS = r"(?:territory|territories|land|lands|soil|ground|side|desert|countryside|border)"
_TERRITORY_DEMONYM_RE = LazyRegex(
    r"\b(" + "|".join(DEMONYMS) + r")\s+(?:\w+\s+)?" + _GROUND_WORDS + r"\b",
    re.IGNORECASE,
)
_DEMONYM_RE = LazyRegex(
    r"\b(" + "|".join(DEMONYMS) + r")\b(?![-‐](?:backed|led|supported|allied|aligned|based|"
    r"funded|sponsored|brokered|run|controlled|held)\b)",
    re.IGNORECASE,
)


def demonym_scope(text: str) -> str | None:
    """The country a demonym of ``text`` puts the ground in (see the module doc), or None."""
    ground = _TERRITORY_DEMONYM_RE.search(text)
    if ground is not None:
        return DEMONYMS[ground.group(1).lower()]
    for match in _DEMONYM_RE.finditer(text):
        word = match.group(1).lower()
        if word in _HOME_FORCES or word.endswith("s") and word[:-1] in _HOME_FORCES:
            return DEMONYMS[word]
    return None
