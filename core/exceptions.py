"""The exception hierarchy of contested: one module, every layer raises from here.

    ContestedError                 exit_code 2 unless a subclass says otherwise
    ├── InputError                 a file, field or argument the user gave is wrong (exit 2)
    │   │                          also a ValueError
    │   ├── ClaimsFileError        a claims file cannot be read (file, line, field)
    │   ├── UnitError              an area unit or quantity the parser does not know
    │   └── GeometryError          a geometry or boundary file that cannot be used
    ├── UnknownPlace               a name the gazetteer cannot resolve (exit 3); a LookupError
    ├── DataError                  shipped data or the index is missing or broken (exit 2);
    │                              a RuntimeError
    └── NetworkError               an online source failed after retries (exit 4);
                                   a ConnectionError (so an OSError)

Every message names the input and says what to do; the CLI prints ``str(error)``
and exits with ``error.exit_code``.

Each class also subclasses the builtin a Python caller would expect (as geopy's errors do), so
``except ValueError`` catches a wrong argument and ``except LookupError`` an unknown name,
and ``except ContestedError`` catches them all. A wrong-typed argument to the Python facade
(``contested.check("claims.yaml")``, ``extract(123)``) is an InputError, not a raw TypeError.
Code that catches ``OSError`` or ``ValueError`` around calls that may raise these must let
them through first (``except NetworkError: raise``).
"""

from __future__ import annotations


class ContestedError(Exception):
    """Base of every error contested raises on purpose."""

    exit_code: int = 2


class InputError(ContestedError, ValueError):
    """Bad user input. ``source``/``line``/``field`` locate it; ``hint`` says what to do."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.field = field
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.source is not None:
            where = str(self.source)
            if self.line is not None:
                where += f", line {self.line}"
            if self.field is not None:
                where += f", field '{self.field}'"
            where += ": "
        elif self.field is not None:
            where = f"field '{self.field}': "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class UnknownPlace(ContestedError, LookupError):
    """A place name with no match; ``suggestions`` are the nearest known names."""

    exit_code = 3

    def __init__(self, query: str, suggestions: list[str] | tuple[str, ...] = (), *,
                 hint: str | None = None) -> None:
        self.query = query
        self.suggestions = list(suggestions)
        text = f"unknown place {query!r}"
        if self.suggestions:
            text += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        else:
            # The command line's wording unless the caller (the Python facade) gives its own.
            text += "; " + (hint or "check the spelling or pass --country to narrow the search")
        super().__init__(text)


class DataError(ContestedError, RuntimeError):
    """Shipped data or a cache file is missing or unreadable."""

    exit_code = 2


class NetworkError(ContestedError, ConnectionError):
    """An online source (geoBoundaries, Nominatim) failed after retries."""

    exit_code = 4


class ClaimsFileError(InputError):
    """A claims file (YAML, CSV, JSON Lines, GeoJSON, text) cannot be read."""


class UnitError(InputError):
    """An area unit or quantity the parser does not know."""


class GeometryError(InputError):
    """A geometry that is invalid and cannot be repaired, or a boundary file that cannot be read."""
