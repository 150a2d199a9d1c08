"""Text safe to show: control characters escaped, so that text from a document, a claims
file or a server cannot drive a terminal (clear the screen, set its title, ring the bell)
or hide itself in a report.

    >>> printable("Mosul\\x1b[2J\\x07 \\u202eevil")
    'Mosul\\\\x1b[2J\\\\x07 \\\\u202eevil'
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that
# reorder what a reader sees.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
