"""Small Leaflet controls and page parts written here, so an offline page needs no plugin:
the page style, a title box, the legend, and the date slider.

Text in them is escaped by the caller (see :mod:`maps.legend`, :mod:`maps.render`); HTML
reaches the page as a JSON string (:func:`maps.escape.script_json`), never spliced into JS.
"""

from __future__ import annotations

from branca.element import Element, MacroElement
from folium.features import GeoJson
from folium.template import Template

from maps.escape import script_json
from maps.style import SEA_COLOUR

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
.ct-country { width: 120px; text-align: center; font: 600 11px/16px system-ui, sans-serif;
  color: #6b6b6b; letter-spacing: .06em; text-transform: uppercase; white-space: nowrap;
  text-shadow: 0 0 3px #f5f3ee, 0 0 3px #f5f3ee; pointer-events: none; }
"""


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


class TimeSlider(MacroElement):
    """A range input that shows only the features dated up to the chosen date.

    Works on GeoJson layers whose features carry a ``date`` property (ISO 8601, any
    precision; compared as text, so "2017-09" sorts before "2017-09-22"). Undated features
    are always shown. The last position shows everything.
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
            function show(index) {
                var cut = index < dates.length ? dates[index] : null;
                var shown = 0;
                members.forEach(function(pair) {
                    var date = pair[1].feature.properties.date;
                    var visible = cut === null || !date || date <= cut;
                    if (visible) {
                        shown += 1;
                        if (!pair[0].hasLayer(pair[1])) pair[0].addLayer(pair[1]);
                    }
                    else if (pair[0].hasLayer(pair[1])) pair[0].removeLayer(pair[1]);
                });
                label.textContent = (cut === null ? "all dates" : "up to " + cut)
                    + " \u2014 " + shown + " of " + members.length + " shapes";
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
        super().__init__()
        self._name = "TimeSlider"
        self.geojsons = geojsons
        self.dates_json = script_json(sorted(set(dates)))
