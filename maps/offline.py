"""Pages that open with no network: every asset folium links by default inlined from
maps/assets, and Leaflet's default marker icons as data: URIs.

The assets come from the npm registry at build time (``scripts/build_map_assets.py``; see
``maps/assets/PROVENANCE.md``). Our own maps use only Leaflet, so folium's other default
links (jQuery, Bootstrap, Font Awesome, awesome-markers) are dropped from them online and
offline alike; any other folium map saved offline (``save(any_map, path)``, a notebook's
map with our layers on it) gets each of folium's defaults inlined instead. A link to
anything else (a plugin's CDN) cannot be inlined: saving offline then says which.
"""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib import resources

import folium
from branca.element import CssLink, Element, JavascriptLink, MacroElement
from folium.template import Template

from contested.core.exceptions import DataError
from contested.maps.escape import script_json, script_text

LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"

# url folium links → the shipped files that replace it (see scripts/build_map_assets.py)
_INLINE: dict[str, tuple[str, ...]] = {
    LEAFLET_JS_URL: ("leaflet/leaflet.js",),
    LEAFLET_CSS_URL: ("leaflet/leaflet.css",),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery/jquery.min.js",),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js":
        ("bootstrap/bootstrap.bundle.min.js",),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css":
        ("bootstrap/bootstrap.min.css",),
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css":
        ("bootstrap3/glyphicons.css",),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css":
        ("fontawesome/fontawesome.min.css", "fontawesome/solid.min.css",
         "fontawesome/regular.min.css", "fontawesome/brands.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
    "leaflet.awesome-markers.js": ("awesome-markers/leaflet.awesome-markers.js",),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/"
    "leaflet.awesome-markers.css": ("awesome-markers/leaflet.awesome-markers.css",),
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/"
    "leaflet.awesome.rotate.min.css": ("folium/awesome-rotate.css",),
}
_MARKER_IMAGES = {"iconUrl": "leaflet/marker-icon.png",
                  "iconRetinaUrl": "leaflet/marker-icon-2x.png",
                  "shadowUrl": "leaflet/marker-shadow.png"}

# Anything that would make the browser fetch: src/href to a scheme, CSS url()/@import,
# a tile layer. (An <a href> is a link the reader may follow, not a fetch: not listed.)
# Only what the page loads counts: text inside the map's data (a quote that mentions
# "url(//…)" or "@import") is a string, and is left out before the search.
_REMOTE_TAG = re.compile(
    r"""<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)
_REMOTE_CSS = re.compile(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
_REMOTE_SCRIPT = re.compile(r"L\.tileLayer\(|" + _REMOTE_CSS.pattern, re.IGNORECASE)
_SCRIPT = re.compile(r"(<script\b[^>]*>)(.*?)(</script>)", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>|\bstyle\s*=\s*\"([^\"]*)\"",
                    re.IGNORECASE | re.DOTALL)
_JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'')


@cache
def asset_text(relative_path: str) -> str:
    """The text of a shipped asset (``leaflet/leaflet.js``)."""
    return _asset(relative_path).decode("utf-8")


@cache
def _asset(relative_path: str) -> bytes:
    try:
        return resources.files("contested.maps").joinpath("assets",
                                                          relative_path).read_bytes()
    except FileNotFoundError as error:
        raise DataError(
            f"map asset maps/assets/{relative_path} is missing; "
            "run `python scripts/build_map_assets.py` to fetch it from npm"
        ) from error


def marker_icon_script() -> str:
    """Leaflet finds its default marker icon through a stylesheet path, which an inlined
    stylesheet does not have: give it the images as data: URIs instead."""
    urls = {key: "data:image/png;base64," + base64.b64encode(_asset(path)).decode()
            for key, path in _MARKER_IMAGES.items()}
    return ("<script>L.Icon.Default.imagePath = '';"
            f"L.Icon.Default.mergeOptions({script_json(urls)});</script>")


def use_leaflet_only(folium_map: folium.Map) -> None:
    """Link only Leaflet (from the CDN folium uses); the other default assets go unused."""
    # Instance attributes: folium's class-level lists stay untouched for other maps.
    folium_map.default_js = [("leaflet", LEAFLET_JS_URL)]
    folium_map.default_css = [("leaflet_css", LEAFLET_CSS_URL)]


class InlineAssets(MacroElement):
    """Swap every link the page header has to a shipped asset for the asset, inline, and
    give Leaflet's default marker its icons."""

    _template = Template("")

    def __init__(self) -> None:
        super().__init__()
        self._name = "InlineAssets"

    def render(self, **kwargs) -> None:
        header = self.get_root().header
        for name, child in list(header._children.items()):
            if isinstance(child, JavascriptLink | CssLink) and child.url in _INLINE:
                sources = "\n".join(script_text(asset_text(path)) for path in _INLINE[child.url])
                tag = "script" if isinstance(child, JavascriptLink) else "style"
                header._children[name] = Element(f"<{tag}>{sources}</{tag}>")
                if child.url == LEAFLET_JS_URL:
                    header.add_child(Element(marker_icon_script()), name="contested_icons")
        super().render(**kwargs)


def make_offline(folium_map: folium.Map, leaflet_only: bool = True) -> None:
    """Prepare ``folium_map`` so that its page inlines its assets and links nothing remote
    (``leaflet_only``: drop folium's other defaults, which our layers do not use)."""
    if leaflet_only:
        use_leaflet_only(folium_map)
    if not any(isinstance(c, InlineAssets) for c in folium_map._children.values()):
        # Added last so that it runs after the map has put its links into the header.
        InlineAssets().add_to(folium_map)


def remote_references(page_html: str) -> list[str]:
    """Snippets of ``page_html`` that would make a browser fetch something over the network:
    tags that load from a URL, CSS that imports one, script code that adds tiles."""
    found: list[str] = []
    scripts = [match.group(2) for match in _SCRIPT.finditer(page_html)]
    markup = _SCRIPT.sub(lambda m: m.group(1) + m.group(3), page_html)
    found += [_snippet(markup, m) for m in _REMOTE_TAG.finditer(markup)]
    for style in _STYLE.finditer(markup):
        css = style.group(1) or style.group(2) or ""
        found += [_snippet(css, m) for m in _REMOTE_CSS.finditer(css)]
    for script in scripts:
        code = _JS_STRING.sub('""', script)  # the data: strings, not code
        found += [_snippet(code, m) for m in _REMOTE_SCRIPT.finditer(code)]
    return found


def _snippet(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 20): match.end() + 60]
