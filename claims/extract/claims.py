"""Read the territorial claims of a news text: every area figure, every share of territory and
every size comparison, each with its kind, qualifier, scope, places, actor and dates.

The text is read paragraph by paragraph, sentence by sentence; only sentences with a trigger
word (a unit, "percent", a fraction, "size of", …) are read closely. In each, the anchors
(:mod:`~contested.claims.extract.anchors`) are found, the sentence is cut into one clause per
anchor (:mod:`~contested.claims.extract.segments`), each anchor becomes a claim
(:mod:`~contested.claims.extract.build`), and figures that state a change are linked
(:mod:`~contested.claims.extract.changes`).

When neither a claim's sentence nor its paragraph names where it is, its scope is implied from
the document: the scope the document's other figures state most often, else the countries
the document's places are mostly in; ``scope_note`` says which.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from contested.claims.extract.dates import article_date, normalise_date
from contested.claims.extract.document import Document
from contested.claims.extract.implied import imply_scopes
from contested.claims.extract.notices import WarningSink, emit, number_warnings, script_warning
from contested.claims.extract.places import PlaceMention, find_places
from contested.claims.extract.reader import Reader
from contested.claims.extract.sentences import is_hard_wrapped, paragraphs
from contested.claims.extract.tallies import attach_tallies
from contested.claims.model import Claim
from contested.core.exceptions import InputError

__all__ = [
    "Chunk", "DocumentInfo", "ExtractOptions", "check_gazetteer", "extract_claims", "read_chunk",
    "source_name",
]

# Words without which a sentence holds no claim (units, comparisons, shares).
_TRIGGER_WORDS = (
    "sq", "km", "kilomet", "mile", "hectare", "acre", "dunum", "dunam", "donum", "dönüm",
    "feddan", "faddan",
    "donüm", "dönum", "m2", "²", "size of", "area of", "percent", "per cent", "%", "half",
    "third", "quarter", "fourth", "fifth", "sixth", "eighth", "tenth", " pct", "per-cent",
    "bigger", "larger", "smaller", "as big", "as large",
    "1/2", "1/3", "2/3", "1/4", "3/4", "1/5", "1/10", "districts", "provinces", "states",
)
_HA_RE = re.compile(r"ha\b")  # a literal prefix: sre scans for it fast; the word start is
# checked after


def source_name(source: str | None) -> str:
    """Claim-id prefix: a file name without folders; "-" or nothing → "stdin"."""
    if not source or source == "-":
        return "stdin"
    return re.split(r"[\\/]", str(source))[-1] or "stdin"


def _source_field(source: str | None) -> str | None:
    """The claims' ``source``: a file name without folders, a URL or outlet as given."""
    if not source or source == "-":
        return None
    return source if "://" in source else source_name(source)


def _trigger_positions(lowered: str) -> list[int]:
    """Sorted offsets of trigger words in the lower-cased text: one scan per word with
    str.find, several times faster than one regex alternation over the text."""
    found = []
    for word in _TRIGGER_WORDS:
        at = lowered.find(word)
        while at != -1:
            found.append(at)
            at = lowered.find(word, at + 1)
    for match in _HA_RE.finditer(lowered):
        at = match.start()
        if not at or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
            found.append(at)
    found.sort()
    return found


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # "İ" lower-cases to two characters: keep offsets aligned with the text.
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _has_trigger(positions: list[int], start: int, end: int) -> bool:
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


def _check_arguments(text: Any, gazetteer: Any, options: dict[str, Any]) -> None:
    if not isinstance(text, str):
        raise InputError(f"extract_claims needs the text as a str, not {type(text).__name__}",
                         field="text")
    check_gazetteer(gazetteer)
    unknown = set(options) - set(ExtractOptions.__annotations__)
    if unknown:
        raise TypeError(f"extract_claims() got unexpected keywords {sorted(unknown)}")


def check_gazetteer(gazetteer: Any) -> None:
    """Refuse anything but a gazetteer or None (False once meant "none": it is refused, so a
    caller that meant "the default" is not silently given no places)."""
    if gazetteer is not None and not callable(getattr(gazetteer, "resolve", None)):
        raise InputError(
            f"gazetteer must be a contested Gazetteer or None (find no places), not "
            f"{gazetteer!r}", field="gazetteer",
            hint="pass the one contested.gazetteer.default_gazetteer returns for the shipped data",
        )


@dataclass(frozen=True, slots=True)
class Chunk:
    """Where a piece of a longer document sits in it (streaming): the number of its first claim
    and the offset of its first character."""

    first_id: int = 1
    offset: int = 0


class ExtractOptions(TypedDict, total=False):
    """Further keywords of :func:`extract_claims`."""

    on_warning: WarningSink | None  # where warnings go (else warnings.warn)
    mentions: list[PlaceMention] | None  # the text's place mentions, found by the caller
    offset: int  # added to every start/end (the text is a piece of a larger one)
    first_id: int  # the number of the first claim's id


def extract_claims(
    text: str,
    *,
    gazetteer: Any,
    source: str | None = None,
    date: str | None = None,
    doc_id: str | None = None,
    **options: Unpack[ExtractOptions],
) -> list[Claim]:
    """Every territorial claim in ``text`` (see the module doc).

    ``gazetteer``: a :class:`contested.gazetteer.Gazetteer` whose places the claims name, or
    None to find no places (scope then comes from the words alone); its errors propagate.
    ``source``: the document's name (``source`` field, and the id prefix when there is no
    ``doc_id``); ``doc_id`` makes ids ``<doc_id>:<N>``. ``date``: the publication date (ISO or
    "Feb. 15, 2017"), else read from the text's header. ``options``
    (:class:`ExtractOptions`): ``on_warning`` receives the warnings
    (:mod:`~contested.claims.extract.notices`; else :func:`warnings.warn`); ``mentions`` are
    the text's place mentions when the caller has found them with the same gazetteer;
    ``offset`` and ``first_id`` place the text in a larger one.
    """
    _check_arguments(text, gazetteer, options)
    info = DocumentInfo(gazetteer, source, date, doc_id, options.get("on_warning"))
    chunk = Chunk(options.get("first_id", 1), options.get("offset", 0))
    return read_chunk(text, info, chunk, options.get("mentions"))


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the caller says about a document: see :func:`extract_claims`."""

    gazetteer: Any
    source: str | None = None
    date: str | None = None
    doc_id: str | None = None
    on_warning: WarningSink | None = None


def read_chunk(text: str, info: DocumentInfo, chunk: Chunk,
               mentions: list[PlaceMention] | None = None) -> list[Claim]:
    """The claims of ``text``, a whole document or the piece ``chunk`` of one (``mentions``:
    its place mentions, when the caller has them)."""
    if not text.strip():
        return []
    if chunk.offset == 0 and (warning := script_warning(text, info.source)) is not None:
        emit(info.on_warning, warning)
    triggers = _trigger_positions(_lower_same_length(text))
    if not triggers:
        return []
    if mentions is None:
        mentions = find_places(text, info.gazetteer) if info.gazetteer is not None else []
    wrapped = is_hard_wrapped(text)
    document = Document(text, info.gazetteer, mentions, paragraphs(text, wrapped), wrapped)
    reader = Reader(document, normalise_date(info.date) if info.date else article_date(text),
                    info.doc_id or source_name(info.source), _source_field(info.source),
                    chunk.first_id)
    for paragraph_index, paragraph in enumerate(document.paragraphs):
        if not _has_trigger(triggers, paragraph.start, paragraph.end):
            continue
        for index, span in enumerate(document.sentences(paragraph)):
            if _has_trigger(triggers, span.start, span.end):
                reader.read(paragraph_index, paragraph, index, span)
    for warning in number_warnings(text, reader.rejected, info.source, chunk.offset):
        emit(info.on_warning, warning)
    claims = attach_tallies(imply_scopes(reader.claims, document), document)
    return [_shifted(claim, chunk.offset) for claim in claims] if chunk.offset else claims


def _shifted(claim: Claim, offset: int) -> Claim:
    return claim.replace(start=(claim.start or 0) + offset, end=(claim.end or 0) + offset)


