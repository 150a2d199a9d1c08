"""Pages that open with no network: Leaflet inlined from maps/assets, nothing else linked.

The assets come from the npm registry at build time (``scripts/build_map_assets.py``; see
``maps/assets/PROVENANCE.md``). Our layers use only Leaflet, so folium's other default
links (jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped from our maps online
and offline alike; offline, the Leaflet links become inline ``<script>``/``<style>``.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.template import Template

from contested.core.exceptions import DataError
from contested.maps.escape import script_text

LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"

# url → asset file under maps/assets
_INLINE = {
    LEAFLET_JS_URL: "leaflet/leaflet.js",
    LEAFLET_CSS_URL: "leaflet/leaflet.css",
}

# Anything that would make the browser fetch: src/href to a scheme, CSS url()/@import.
# (An <a href> is a link the reader may follow, not a fetch: not listed.)
_REMOTE = re.compile(
    r"""<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|@import|url\(\s*["']?\s*(?:https?:)?//|L\.tileLayer\(""",
    re.IGNORECASE,
)


@cache
def asset_text(relative_path: str) -> str:
    """The text of a shipped asset (``leaflet/leaflet.js``)."""
    try:
        return resources.files("contested.maps").joinpath("assets",
        relative_path).read_text("utf-8")
    except FileNotFoundError as error:
        raise DataError(
            f"map asset maps/assets/{relative_path} is missing; "
            "run `python scripts/build_map_assets.py` to fetch it from npm"
        ) from error


def use_leaflet_only(folium_map: folium.Map) -> None:
    """Link only Leaflet (from the CDN folium uses); the other default assets go unused."""
    # Instance attributes: folium's class-level lists stay untouched for other maps.
    folium_map.default_js = [("leaflet", LEAFLET_JS_URL)]
    folium_map.default_css = [("leaflet_css", LEAFLET_CSS_URL)]


class InlineAssets(MacroElement):
    """Swap the Leaflet links in the page header for the shipped files, inline."""

    _template = Template("")

    def __init__(self) -> None:
        super().__init__()
        self._name = "InlineAssets"

    def render(self, **kwargs) -> None:
        header = self.get_root().header
        for name, child in list(header._children.items()):
            if isinstance(child, JavascriptLink) and child.url in _INLINE:
                source = script_text(asset_text(_INLINE[child.url]))
                header._children[name] = Element(f"<script>{source}</script>")
            elif isinstance(child, CssLink) and child.url in _INLINE:
                source = script_text(asset_text(_INLINE[child.url]))
                header._children[name] = Element(f"<style>{source}</style>")
        super().render(**kwargs)


def make_offline(folium_map: folium.Map) -> None:
    """Prepare ``folium_map`` so that its page inlines Leaflet and links nothing remote."""
    use_leaflet_only(folium_map)
    # Added last so that it runs after the map has put its links into the header.
    InlineAssets().add_to(folium_map)


def remote_references(page_html: str) -> list[str]:
    """Snippets of ``page_html`` that would make a browser fetch something over the network."""
    return [page_html[max(0, m.start() - 20): m.end() + 60] for m in _REMOTE.finditer(page_html)]
