"""Where rapidyaml might read a YAML text differently from libyaml: a scan of the text.

Each pattern finds a superset of what it is for: a match only sends a chunk (or the file) to
libyaml, slower and never wrong; a miss must be impossible. First the whole text
(:func:`doubtful_offsets`), before any claim is given out:

- characters libyaml's reader refuses (control characters, a byte order mark inside the
  text: it raises them before parsing gets there), or reads as line breaks where rapidyaml
  does not (CR, NEL, LS, PS: every line number after them would differ); document markers
  and directives. Any of them and libyaml reads the whole file;
- what sends the chunk holding it to libyaml: a tab; an escaped line break; at a node's start
  an anchor or alias (refused by libyaml, passed through by rapidyaml), a tag (dropped by
  rapidyaml), the reserved ``@`` and backquote, ``%``, a block scalar, an explicit key; any
  ``[``, ``]``, ``{``, ``}`` but those of ``[]`` and ``{}`` ending a line (no flow
  collections); 64 spaces in a row (libyaml limits a key, up to its colon, to 1024
  characters).

Then each chunk (:func:`has_typed_plain`): a plain scalar that YAML 1.1 types but rapidyaml
writes as a JSON string (``yes``, ``No``, ``~``, ``Null``, ``2017-01-02``, ``1_000``), or as
a number YAML 1.1 keeps as text (``1e5``), or as ``.nan``/``.inf`` whatever it was (``nan``,
``inf``). Such a token ends its line (or comes before a comment), after an indicator (``- ``,
``: ``, ``? ``) or the line's indentation. It is looked for in the reversed text, where a
line's end comes first, so that the search tries once per line, not at every character.

    >>> doubtful_offsets("- id: a\\n  km2: &x 5\\n"), doubtful_offsets("- a: b\\r\\n")
    ([15], None)
    >>> has_typed_plain("- id: a\\n  date: '2017-01-02'\\n"), has_typed_plain("- ok: yes\\n")
    (False, True)
"""

from __future__ import annotations

import re

# One character class, so that the search runs at C speed between rare characters; told
# apart after it, and passed over: the brackets of an empty list or mapping ending a line, a
# quote that does not follow a space or that follows ": " (the quoted scalars that matter
# follow "- "). What a character found means is decided by _harmless.
_SPECIAL = re.compile(
    r"""[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff"""
    r"""\\\[\]{}&*!@`%|>?'"]"""
    r"""(?<!\[(?=\]\n))(?<!\[\](?=\n))(?<!\{(?=\}\n))(?<!\{\}(?=\n))"""
    r"""(?<![^ ]['"])(?<!: ['"])""")
_WHOLE_FILE = re.compile(r"""[^\t\\\[\]{}&*!@`%|>?'"]""")  # of the class: a reader error
_INDICATORS = frozenset("&*!@`%|>?")
_MARKERS = re.compile(r"\n(?:---|\.\.\.|%)")
# A quoted scalar, to its closing quote, followed by something else than the line's end, a
# comment or the colon of a key: libyaml refuses "- 'x' - y", rapidyaml reads two entries
# (an entry whose scalar starts on the next line is left to _TYPED_PLAIN: "-" ends a line).
_QUOTED_THEN_MORE = re.compile(r"""(?:'(?:[^']|'')*+'|"(?:[^"\\]|\\.)*+")"""
                               r"""(?! *(?:\n|\Z|:[ \n]|:\Z)| +\#)""", re.S)
_SPACES = " " * 64

_WORDS = ("-", "~", "Null", "NULL", "True", "TRUE", "False", "FALSE", "yes", "Yes", "YES", "no",
          "No", "NO", "on", "On", "ON", "off", "Off", "OFF")  # null, true, false: read alike
_DATE = r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
# A number-like token holding "_" (YAML 1.1 digit groups) or an exponent.
_NUMBER = r"[-+.0-9][-+.0-9_eE]*[_eE][-+.0-9_eE]*"
_NAN_INF = r"[-+]?\.?(?:[nN][aA][nN]|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?)"


def _reversed_pattern(pattern: str) -> str:
    """The pattern of the reversed text, for the few regular-expression forms used here."""
    return {_DATE: r"[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}",
            _NUMBER: r"[-+.0-9_eE]*[_eE][-+.0-9_eE]*[-+.0-9]",
            _NAN_INF: r"(?:[nN][aA][nN]|(?:[yY][tT][iI][nN][iI])?[fF][nN][iI])\.?[-+]?"}[pattern]


_TOKEN_REVERSED = ("(?:" + "|".join(re.escape(word[::-1]) for word in _WORDS) + "|"
                   + "|".join(_reversed_pattern(p) for p in (_DATE, _NUMBER, _NAN_INF)) + ")")
_BEFORE_REVERSED = r" *(?:[-:?\n]|\Z)"  # the token's node starts after an indicator or indent
# (The lookahead on the tokens' last characters spares most lines the alternation.)
_TYPED_PLAIN = re.compile(r"\n *(?=[~lLeEsSoOnNfFyY0-9._+-])" + _TOKEN_REVERSED
                          + _BEFORE_REVERSED)
# The same where a comment may follow the token (" #"): slower, tried only then.
_TYPED_PLAIN_COMMENTED = re.compile(r"\n(?:[^\n]*?# +| *)" + _TOKEN_REVERSED
                                    + _BEFORE_REVERSED)


def doubtful_offsets(text: str) -> list[int] | None:
    """Where in ``text`` rapidyaml might read differently (ascending offsets), or None when
    libyaml must read the whole file."""
    if text.startswith(("---", "...", "%")) or _MARKERS.search(text):
        return None
    offsets = []
    for match in _SPECIAL.finditer(text):
        if _WHOLE_FILE.match(match.group()):
            return None
        if not _harmless(text, match.start()):
            offsets.append(match.start())
    spaces = text.find(_SPACES)
    while spaces >= 0:
        offsets.append(spaces)
        spaces = text.find(_SPACES, text.find("\n", spaces) + 1 or len(text))
    return sorted(offsets)


def _after_dash(text: str, index: int) -> bool:
    before = index - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    return before >= 0 and text[before] == "-"


def has_typed_plain(piece: str) -> bool:
    """Whether ``piece`` may hold a plain scalar rapidyaml and YAML 1.1 type apart."""
    reversed_piece = "\n" + piece[::-1]  # the last line may lack its line break
    typed_plain = _TYPED_PLAIN_COMMENTED if " #" in piece else _TYPED_PLAIN
    return typed_plain.search(reversed_piece) is not None


def _harmless(text: str, index: int) -> bool:
    char = text[index]
    if char == "\\":
        return text[index + 1:index + 2] != "\n"
    if char in _INDICATORS:
        return not _at_node_start(text, index)
    if char in "'\"":  # "- 'x' - y": more after a list entry's quoted scalar
        return not (_after_dash(text, index) and _QUOTED_THEN_MORE.match(text, index))
    return False  # a flow collection, a tab


def _at_node_start(text: str, index: int) -> bool:
    """Whether the character at ``index`` may start a node: after an indicator (``-``,
    ``:``, ``?``) and spaces, or the line's indentation (a superset: ``a-: &`` counts)."""
    before = index - 1
    while before >= 0 and text[before] == " ":
        before -= 1
    return before < 0 or text[before] in "\n:-?"
