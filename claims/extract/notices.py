"""Warnings about a text the extractor cannot read fully, for the caller to show.

Extraction never fails on a text, but it must not fail silently either: an article with no
English gives no claims for a reason the user should see, and a figure that looks like an area
but is not read (a minus sign, a combining mark inside the number) is named with its offset.
Each warning is an :class:`ExtractionWarning` handed to the ``on_warning`` callback of
:func:`~contested.claims.extract.extract_claims` (the CLI prints ``str(warning)`` on stderr);
with no callback they go through :func:`warnings.warn`, so a notebook user sees them too.

Codes (part of the interface): ``not-english`` (the letters are mostly in another script),
``negative-figure``, ``broken-number``.
"""

from __future__ import annotations

import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass

from contested.claims.numbers import BROKEN_NUMBER_RE, plain_numerals
from contested.claims.quantity import RejectedFigure

__all__ = ["ExtractionWarning", "WarningSink", "number_warnings", "script_warning"]

_SAMPLE_CHARS = 20000  # the script of a text is judged from its start
_MIN_LETTERS = 40  # fewer letters than this say nothing about the language
_LATIN_SHARE = 0.5  # below this share of Latin letters, the text is not English


class ExtractionWarning(UserWarning):
    """Something in a text the extractor could not read; ``code`` says what (module doc),
    ``source`` names the text and ``offset`` where it is (None: the whole text)."""

    def __init__(self, code: str, message: str, *, source: str | None = None,
                 offset: int | None = None) -> None:
        self.code = code
        self.message = message
        self.source = source
        self.offset = offset
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source or "text"
        if self.offset is not None:
            where += f", offset {self.offset}"
        return f"{where}: {self.message}"


WarningSink = Callable[[ExtractionWarning], None]


def emit(sink: WarningSink | None, warning: ExtractionWarning) -> None:
    """Hand ``warning`` to the caller's callback, else to :func:`warnings.warn`."""
    if sink is not None:
        sink(warning)
    else:
        warnings.warn(warning, stacklevel=3)


@dataclass(frozen=True, slots=True)
class _Script:
    latin: int
    other: dict[str, int]


def _count_scripts(text: str) -> _Script:
    latin = 0
    other: dict[str, int] = {}
    for char in text[:_SAMPLE_CHARS]:
        if not char.isalpha():
            continue
        if char.isascii():
            latin += 1
            continue
        name = unicodedata.name(char, "")
        script = name.split(" ", 1)[0] if name else "UNKNOWN"
        if script == "LATIN":
            latin += 1
        else:
            other[script] = other.get(script, 0) + 1
    return _Script(latin, other)


def script_warning(text: str, source: str | None) -> ExtractionWarning | None:
    """A ``not-english`` warning when most letters of ``text`` are not Latin, else None."""
    sample = text[:_SAMPLE_CHARS]
    if sample.isascii():
        return None
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    if non_ascii < _MIN_LETTERS or non_ascii < 0.2 * len(sample):
        return None  # a few accents, curly quotes or names in another script
    counts = _count_scripts(sample)
    letters = counts.latin + sum(counts.other.values())
    if letters < _MIN_LETTERS or counts.latin >= _LATIN_SHARE * letters:
        return None
    script = max(counts.other, key=counts.other.__getitem__).title()
    share = 100 * (letters - counts.latin) / letters
    return ExtractionWarning(
        "not-english",
        f"the text is mostly in {script} script ({share:.0f}% of its letters); claims are read "
        "from English text only, so none may come out of it — pass an English version",
        source=source,
    )


def number_warnings(text: str, rejected: list[RejectedFigure], source: str | None,
                    offset: int = 0) -> list[ExtractionWarning]:
    """Warnings for figures not read: a minus sign before an area, a number broken by a
    combining or invisible character."""
    found = [
        ExtractionWarning("negative-figure", f"{text[r.start:r.end]!r}: {r.reason}; not read "
                          "as an area (an area cannot be negative)", source=source,
                          offset=offset + r.start)
        for r in rejected
    ]
    for match in BROKEN_NUMBER_RE.finditer(text) if not plain_numerals(text) else ():
        shown = match.group().encode("ascii", "backslashreplace").decode()
        found.append(ExtractionWarning(
            "broken-number", f"the number {shown!r} holds a combining or invisible character; "
            "it was not read (remove the character to read it)", source=source,
            offset=offset + match.start()))
    return found
