"""Small Leaflet controls and page parts written here, so an offline page needs no plugin:
the page style, a title box, the legend, and the date slider.

Text in them is escaped by the caller (see :mod:`maps.legend`, :mod:`maps.render`); HTML
reaches the page as a JSON string (:func:`maps.escape.script_json`), never spliced into JS.
"""

from __future__ import annotations

from branca.element import Element, MacroElement
from folium.features import GeoJson
from folium.template import Template

from contested.maps.escape import script_json
from contested.maps.style import SEA_COLOUR

PAGE_CSS = """
.ct-popup { font: 13px/1.35 system-ui, sans-serif; max-width: 360px; }
.ct-popup blockquote { margin: 4px 0 6px; padding: 4px 8px; border-left: 3px solid #999;
  background: #f6f6f6; font-style: italic; }
.ct-popup .ct-id { color: #666; font-size: 11px; }
.ct-table { border-collapse: collapse; }
.ct-table th { text-align: left; padding: 1px 8px 1px 0; color: #555; font-weight: 600;
  vertical-align: top; white-space: nowrap; }
.ct-table td { padding: 1px 0; }
.ct-findings { margin: 6px 0 0; padding-left: 16px; }
.ct-box { background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); font: 12px/1.35 system-ui, sans-serif; }
.ct-title { font-size: 15px; font-weight: 600; max-width: 420px; }
.ct-legend h4 { margin: 4px 0 2px; font-size: 12px; }
.ct-legend .ct-sw { display: inline-block; width: 14px; height: 11px; margin-right: 5px;
  vertical-align: -1px; border: 1px solid #555; }
.ct-legend .ct-dot { display: inline-block; width: 9px; height: 9px; margin: 0 7px 0 2px;
  border-radius: 50%; background: #222; border: 1.5px solid #fff; box-shadow: 0 0 0 1px #222; }
.ct-legend .ct-note { color: #555; max-width: 230px; margin-top: 4px; }
.ct-slider input { width: 220px; vertical-align: middle; }
.ct-slider .ct-slider-label { display: block; font-weight: 600; }
.ct-verdict { font-weight: 600; }
.ct-legend .ct-ring { display: inline-block; width: 14px; height: 14px; margin-right: 5px;
  vertical-align: -3px; border-radius: 50%; box-sizing: border-box; }
.ct-legend .ct-hatch { background: repeating-linear-gradient(45deg, #5b3a8c 0 1.5px,
  transparent 1.5px 5px); border: 2px solid #5b3a8c; }
.ct-legend .ct-dashed { border: 1.6px dashed #222; background: none; }
.ct-legend .ct-dot.ct-named { width: 6px; height: 6px; margin: 0 8px 0 3px; background: #6b6b6b;
  border-width: 1px; }
.ct-stack { margin: 6px 0 0; padding: 0; list-style: none; }
.ct-stack li { margin: 1px 0; }
.ct-stack .ct-here { font-weight: 600; }
.ct-stack .ct-sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px;
  border-radius: 50%; border: 2px solid; box-sizing: border-box; vertical-align: -1px; }
.ct-anchor { width: 0; height: 0; }
/* Chromium outlines a clicked SVG path with a box: the popup already shows what was hit. */
.leaflet-container path.leaflet-interactive:focus { outline: none; }
.ct-label, .ct-ref-label, .ct-part-label { position: absolute; white-space: nowrap;
  pointer-events: none; font: 600 12px/14px system-ui, sans-serif; color: #1d1d1d;
  text-shadow: 0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff; }
.ct-label { left: 7px; top: -8px; }
.ct-label.ct-left { left: auto; right: 7px; }
.ct-label.ct-rank-2 { font-weight: 400; font-size: 11px; color: #444; }
.ct-ref-label { bottom: 3px; left: 0; transform: translateX(-50%); font-weight: 500;
  font-style: italic; color: #222; }
.ct-part-label { top: -7px; left: 0; transform: translateX(-50%); color: #5b3a8c; }
.ct-zoom-mid .ct-rank-2, .ct-zoom-far .ct-label, .ct-zoom-far .ct-ref-label,
  .ct-zoom-far .ct-part-label { display: none; }
.ct-clash { visibility: hidden; }
.ct-count-label { position: absolute; transform: translate(-50%, -50%); pointer-events: none;
  font: 700 11px/13px system-ui, sans-serif; color: #111; background: rgba(255,255,255,.85);
  border-radius: 7px; padding: 0 4px; white-space: nowrap; }
.ct-legend-box summary { cursor: pointer; font-weight: 600; list-style-position: inside; }
.ct-legend-body { overflow-y: auto; max-width: 250px; }
.ct-ledger summary { cursor: pointer; font-weight: 600; margin-top: 6px; }
.ct-ledger-body svg { width: 100%; height: auto; }
.ct-legend .ct-ramp { display: flex; width: 200px; height: 11px; border: 1px solid #555;
  margin-top: 2px; }
.ct-legend .ct-ramp-cell { flex: 1; }
.ct-legend .ct-ramp-labels { display: flex; justify-content: space-between; width: 204px;
  font-size: 10px; color: #555; }
.ct-legend .ct-ref { border: 0; height: 0; border-top: 2.5px dashed #8c510a;
  box-shadow: 0 0 0 2px #fff; vertical-align: 3px; }
.ct-legend .ct-unit-hatch { background: repeating-linear-gradient(-45deg, #555 0 1.2px,
  transparent 1.2px 4.5px); border: 2px dashed #4575b4; }
.ct-narrow .ct-title { font-size: 13px; }
.ct-narrow .ct-slider input { width: 150px; }
.ct-narrow .leaflet-control-attribution { font-size: 9px; line-height: 1.3; }
.leaflet-control-attribution { white-space: normal; }
.leaflet-control-layers { font: 13px/1.45 system-ui, sans-serif; }
.leaflet-control-layers label { margin: 0; }
.ct-country { width: 120px; text-align: center; font: 600 11px/16px system-ui, sans-serif;
  color: #6b6b6b; letter-spacing: .06em; text-transform: uppercase; white-space: nowrap;
  text-shadow: 0 0 3px #f5f3ee, 0 0 3px #f5f3ee; pointer-events: none; }
"""


# The hatch that fills a side of a unit ("western Anbar"): an SVG pattern in the page, which
# Leaflet's SVG paths use as ``fill="url(#ct-hatch)"``.
HATCH_SVG = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
    '<pattern id="ct-hatch" width="7" height="7" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(45)"><rect width="7" height="7" fill="#5b3a8c"'
    ' fill-opacity="0.06"/><line x1="0" y1="0" x2="0" y2="7" stroke="#5b3a8c"'
    ' stroke-width="2" stroke-opacity="0.55"/></pattern>'
    '<pattern id="ct-hatch-unit" width="6" height="6" patternUnits="userSpaceOnUse"'
    ' patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#555555"'
    ' stroke-width="1.5" stroke-opacity="0.6"/></pattern></defs></svg>'
)


class PageStyle(MacroElement):
    """The CSS our popups and controls use, added once to whatever figure holds the layer."""

    _template = Template("")

    def __init__(self, sea_background: bool = False) -> None:
        super().__init__()
        self._name = "ContestedStyle"
        self.sea_background = sea_background

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        figure.header.add_child(Element(f"<style>{PAGE_CSS}</style>"), name="contested_css")
        figure.html.add_child(Element(HATCH_SVG), name="contested_hatch")
        if self.sea_background:
            figure.header.add_child(
                Element(f"<style>.leaflet-container {{ background: {SEA_COLOUR}; }}</style>"),
                name="contested_sea",
            )
        super().render(**kwargs)


class HtmlControl(MacroElement):
    """A Leaflet control holding ready-made (already escaped) HTML."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var control = L.control({position: {{ this.position|tojson }}});
            control.onAdd = function() {
                var div = L.DomUtil.create("div", {{ this.css_class|tojson }});
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                L.DomEvent.disableScrollPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, html: str, position: str, css_class: str) -> None:
        super().__init__()
        self._name = "HtmlControl"
        self.html_json = script_json(html)
        self.position = position
        self.css_class = css_class


class LabelLayout(MacroElement):
    """Keeps the map's text labels readable: none when zoomed far out (``ct-zoom-far`` on
    the map container below :data:`FAR_ZOOM`), only the main places below :data:`NEAR_ZOOM`
    (``ct-zoom-mid``), and, after every zoom or layer change, a label that would overlap one
    of higher ``data-priority`` is hidden (``ct-clash``). Added to each layer group that has
    labels; installs itself once on whatever map the group is added to."""

    FAR_ZOOM = 5.0
    NEAR_ZOOM = 6.5
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(group) {
            function declutter(box) {
                var labels = Array.prototype.slice.call(box.querySelectorAll(
                    ".ct-label, .ct-ref-label, .ct-part-label, .ct-count-label, .ct-country"));
                labels.forEach(function(label) { label.classList.remove("ct-clash", "ct-left"); });
                labels = labels.filter(function(label) { return label.offsetParent !== null; });
                labels.sort(function(a, b) {
                    return (+b.getAttribute("data-priority") || 0)
                        - (+a.getAttribute("data-priority") || 0);
                });
                var placed = [];
                function clashes(r) {
                    return placed.some(function(p) {
                        return r.left < p.right && r.right > p.left
                            && r.top < p.bottom && r.bottom > p.top;
                    });
                }
                // Country names (basemap) have no priority: any label of ours wins.
                labels.forEach(function(label) {
                    var r = label.getBoundingClientRect();
                    if (clashes(r) && label.classList.contains("ct-label")) {
                        label.classList.add("ct-left");  // a place's name left of its dot
                        r = label.getBoundingClientRect();
                    }
                    if (clashes(r)) label.classList.add("ct-clash"); else placed.push(r);
                });
            }
            function watch(map) {
                if (!map || map._ctLabelLayout) return;
                map._ctLabelLayout = true;
                var box = map.getContainer();
                var pending = false;
                function update() {
                    var zoom = map.getZoom();
                    box.classList.toggle("ct-zoom-far", zoom < {{ this.FAR_ZOOM }});
                    box.classList.toggle("ct-zoom-mid", zoom < {{ this.NEAR_ZOOM }});
                    if (pending) return;
                    pending = true;
                    requestAnimationFrame(function() { pending = false; declutter(box); });
                }
                map.on("zoomend layeradd layerremove", update);
                update();
            }
            watch(group._map);
            group.on("add", function() { watch(group._map); });
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "LabelLayout"


class TimeSlider(MacroElement):
    """A range input that shows only the features dated up to the chosen date.

    Works on GeoJson layers whose features carry a ``date`` property (ISO 8601, any
    precision; compared as text, so "2017-09" sorts before "2017-09-22"). Undated features
    are always shown. Features with ``steps`` (admin units) are re-shaded instead: the
    largest share any claim dated up to then covers. The last position shows everything.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var dates = {{ this.dates_json }};
            var layers = [{% for gj in this.geojsons %}{{ gj.get_name() }},{% endfor %}];
            var members = [];
            layers.forEach(function(group) {
                group.getLayers().forEach(function(layer) { members.push([group, layer]); });
            });
            // Labels come and go with their shapes but are not counted; units are re-shaded.
            var shapes = members.filter(function(pair) {
                var p = pair[1].feature.properties;
                return !p.label && !p.steps;
            }).length;
            // Admin units are not hidden but re-shaded: the largest share claimed by the
            // chosen date (``steps``: [date, fill] of the running largest share).
            function shading(steps, cut) {
                var fill = null;
                steps.forEach(function(step) {
                    if (cut === null || step[0] === "" || step[0] <= cut) fill = step[1];
                });
                return fill;
            }
            function show(index) {
                var cut = index < dates.length ? dates[index] : null;
                var shown = 0;
                members.forEach(function(pair) {
                    var p = pair[1].feature.properties;
                    if (p.steps) {
                        var fill = shading(p.steps, cut);
                        pair[1].setStyle(fill ? {fillColor: fill, fillOpacity: {{ this.claimed }}}
                            : {fillColor: {{ this.unclaimed_fill }},
                               fillOpacity: {{ this.unclaimed }}});
                        return;
                    }
                    var visible = cut === null || !p.date || p.date <= cut;
                    if (visible) {
                        if (!p.label) shown += 1;
                        if (!pair[0].hasLayer(pair[1])) pair[0].addLayer(pair[1]);
                    }
                    else if (pair[0].hasLayer(pair[1])) pair[0].removeLayer(pair[1]);
                });
                label.textContent = (cut === null ? "all dates" : "up to " + cut)
                    + " \u2014 " + shown + " of " + shapes + " claim shapes";
            }
            var control = L.control({position: "bottomleft"});
            var label;
            control.onAdd = function() {
                var div = L.DomUtil.create("div", "ct-box ct-slider");
                label = L.DomUtil.create("span", "ct-slider-label", div);
                var input = L.DomUtil.create("input", "", div);
                input.type = "range"; input.min = 0; input.max = dates.length;
                input.step = 1; input.value = dates.length;
                input.setAttribute("aria-label", "show claims dated up to");
                input.addEventListener("input", function() { show(parseInt(input.value, 10)); });
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            control.addTo({{ this._parent.get_name() }});
            show(dates.length);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, geojsons: list[GeoJson], dates: list[str]) -> None:
        from contested.maps.style import (
            ADMIN_CLAIMED_FILL_OPACITY,
            ADMIN_UNCLAIMED_FILL_OPACITY,
            UNCLAIMED_FILL,
        )

        super().__init__()
        self._name = "TimeSlider"
        self.geojsons = geojsons
        self.dates_json = script_json(sorted(set(dates)))
        self.claimed = ADMIN_CLAIMED_FILL_OPACITY
        self.unclaimed = ADMIN_UNCLAIMED_FILL_OPACITY
        self.unclaimed_fill = script_json(UNCLAIMED_FILL)
