"""Text safe to show: control characters escaped, so that text from a document, a claims
file or a server cannot drive a terminal (clear the screen, set its title, ring the bell)
or hide itself in a report.

    >>> printable("Mosul\\x1b[2J\\x07 \\u202eevil")
    'Mosul\\\\x1b[2J\\\\x07 \\\\u202eevil'
"""

from __future__ import annotations

import re

from contested.core.lazy import LazyRegex

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional overrides that
# reorder what a reader sees, and unpaired surrogates (an undecodable byte of a file name or
# argument, which no terminal encoding can write).
_CONTROL = LazyRegex("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
                     "\ud800-\udfff]")
# What JSON text (ensure_ascii=False) may still carry raw after json.dumps escaped C0.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
                          "\ud800-\udfff]")


def printable(text: object, *, newlines: bool = True) -> str:
    """``text`` with every control character written out as an escape (``\\x1b``);
    ``newlines=False`` escapes line breaks and tabs too (for one-line fields)."""
    value = str(text)
    if not newlines:
        value = value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return _CONTROL.sub(_escape, value)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def json_printable(document: str) -> str:
    """A JSON document (``json.dumps(..., ensure_ascii=False)``) with what could drive a
    terminal written as ``\\uXXXX`` escapes: the same JSON value, safe on a terminal.

    >>> json_printable('{"q": "a\\u202eb"}') == '{"q": "a\\\\u202eb"}'
    True
    """
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group(0)):04x}", document)
