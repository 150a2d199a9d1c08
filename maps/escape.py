"""Text from documents and claims files, made safe for the places it lands in a map page.

folium inserts popup, tooltip and layer-control text as raw HTML, and GeoJSON properties
end up inside a ``<script>`` element. Every string that did not come from our own code goes
through :func:`text` before it is put into markup; JSON we write into a script goes through
:func:`script_json`, which cannot close the element whatever the strings hold.
"""

from __future__ import annotations

import html
import json
import math
from typing import Any

# JSON is JavaScript, but "</script>" or "<!--" inside a string would still end or confuse
# the element in the HTML parser; \u escapes keep the value and lose the markup meaning.
_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                  "\u2029": "\\u2029"}


def text(value: Any) -> str:
    """HTML-escape any value for element content or a quoted attribute ("" for None/NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return html.escape(str(value), quote=True)


def script_json(value: Any) -> str:
    """JSON for inclusion in a ``<script>`` element: ``</script>`` cannot end the element."""
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escaped in _SCRIPT_UNSAFE.items():
        encoded = encoded.replace(char, escaped)
    return encoded


def script_text(source: str) -> str:
    """JavaScript or CSS source for inlining: a literal ``</script`` or ``</style`` is split."""
    return source.replace("</script", "<\\/script").replace("</style", "<\\/style")
