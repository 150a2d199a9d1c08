"""Who holds or lost the ground: actors as news names them, folded to one key each.

    >>> actor_key("Daesh"), actor_key("the Islamic State group"), actor_key("Russian forces")
    ('ISIS', 'ISIS', 'Russia')

A generic name ("the military", "the army", "rebels") names a side only in a country's war:
:func:`local_actor` folds it there ("the army" in Sudan is the SAF, in Myanmar the junta's
Tatmadaw) and leaves it as written elsewhere.

    >>> local_actor("army", ("SD",)), local_actor("military", ("MM",)), local_actor("army", ("IQ",))
    ('SAF', 'Tatmadaw', 'army')

An actor the table does not know keeps its own words (lower case), so two claims about
"Peshmerga" still meet. A claim that names no actor takes the actor most of its document's
claims name (an article about ISIS says "the group" or nothing at all).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from contested.checks.model import document_of
from contested.claims.model import Claim

# key -> the ways news writes it (folded: lower case, no accents, no punctuation)
ACTORS: dict[str, tuple[str, ...]] = {
    "ISIS": ("isis", "isil", "is", "islamic state", "islamic state group", "daesh", "daash",
             "da esh", "the caliphate", "caliphate", "islamic state of iraq and the levant",
             "islamic state of iraq and syria", "islamic state of iraq and al sham", "isis k"),
    "Russia": ("russia", "russian forces", "russian troops", "russian army", "moscow",
               "the kremlin", "kremlin", "russian federation", "russians", "the russians"),
    "Ukraine": ("ukraine", "ukrainian forces", "ukrainian troops", "ukrainian army", "kyiv",
                "kiev", "ukrainians", "armed forces of ukraine", "zsu"),
    "Taliban": ("taliban", "the taliban", "taleban"),
    "Houthis": ("houthis", "houthi", "the houthis", "ansar allah"),
    "RSF": ("rsf", "rapid support forces", "rapid support forces militia"),
    "SAF": ("saf", "sudanese armed forces", "sudanese army", "sudan s army", "sudanese military",
            "sudan s military", "sudan armed forces"),
    # Myanmar's military and its State Administration Council, and the forces against it
    "Tatmadaw": ("tatmadaw", "junta", "military junta", "myanmar junta", "myanmar s junta",
                 "myanmar military", "myanmar s military", "myanmar army", "myanmar s army",
                 "burmese military", "burmese army", "state administration council", "sit tat",
                 "myanmar military junta", "myanmar s military junta", "junta forces"),
    "Myanmar resistance": ("resistance forces", "resistance", "resistance groups",
                           "anti junta forces", "anti coup forces", "national unity government",
                           "nug", "people s defence forces", "people s defense forces",
                           "people s defence force", "people s defense force", "pdf", "pdfs",
                           "myanmar resistance", "myanmar s resistance"),
    "SDF": ("sdf", "syrian democratic forces"),
    "Peshmerga": ("peshmerga", "kurdish peshmerga", "peshmerga forces"),
    "Israel": ("israel", "israeli army", "israeli forces", "idf", "israel defense forces"),
    "Armenia": ("armenia", "armenian forces", "karabakh authorities", "artsakh"),
    "Azerbaijan": ("azerbaijan", "azerbaijani forces", "azerbaijani troops"),
}
_BY_NAME = {name: key for key, names in ACTORS.items() for name in names}
# country code -> generic names (folded) that mean one side in that country's war
LOCAL_ACTORS: dict[str, dict[str, str]] = {
    "MM": {"military": "Tatmadaw", "army": "Tatmadaw", "regime": "Tatmadaw",
           "military regime": "Tatmadaw", "generals": "Tatmadaw",
           "rebels": "Myanmar resistance", "rebel groups": "Myanmar resistance",
           "opposition forces": "Myanmar resistance", "opposition": "Myanmar resistance",
           "ethnic armed groups": "Myanmar resistance",
           "ethnic armed organisations": "Myanmar resistance",
           "ethnic armed organizations": "Myanmar resistance", "eaos": "Myanmar resistance"},
    "SD": {"military": "SAF", "army": "SAF", "armed forces": "SAF", "paramilitaries": "RSF",
           "paramilitary": "RSF", "paramilitary forces": "RSF"},
}
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_GROUP_WORDS = re.compile(r"\s+(?:group|militants?|fighters|terrorists?|organi[sz]ation)$")


def fold_actor(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return text


def actor_key(text: str | None) -> str | None:
    """The key of an actor as written; None for no actor."""
    if not text or not text.strip():
        return None
    folded = fold_actor(text)
    for candidate in (folded, _ARTICLE.sub("", folded), _GROUP_WORDS.sub("", folded),
                      _GROUP_WORDS.sub("", _ARTICLE.sub("", folded))):
        if candidate in _BY_NAME:
            return _BY_NAME[candidate]
    return folded or None


def local_actor(key: str | None, countries: tuple[str, ...]) -> str | None:
    """``key`` (from :func:`actor_key`) as the side it names in the war of ``countries`` (ISO
    codes of a scope): a generic name in one country with a table here, else ``key``."""
    if key is None or len(set(countries)) != 1:
        return key
    local = LOCAL_ACTORS.get(countries[0], {})
    return local.get(key, local.get(_ARTICLE.sub("", key), key))


def claim_actors(claims: list[Claim] | tuple[Claim, ...]) -> dict[str, str | None]:
    """Claim id → actor key; a claim without one takes its document's usual actor."""
    own = {claim.id: actor_key(claim.actor) for claim in claims}
    usual: dict[str, Counter] = {}
    for claim in claims:
        if own[claim.id] is not None:
            usual.setdefault(document_of(claim), Counter())[own[claim.id]] += 1
    run_usual = Counter(actor for actor in own.values() if actor is not None)
    out: dict[str, str | None] = {}
    for claim in claims:
        actor = own[claim.id]
        if actor is None and document_of(claim) in usual:
            actor = usual[document_of(claim)].most_common(1)[0][0]
        elif actor is None and run_usual:
            actor = run_usual.most_common(1)[0][0]  # a document that names none
        out[claim.id] = actor
    return out
