"""Where the controls go and what the map opens on, measured in the reader's browser.

Title and zoom top left; the layer list and, under it, the legend top right; the date
slider and scale bottom left; the credits bottom right. On load and on every resize
:class:`ControlLayout` keeps them from overlapping whatever the window: on a narrow or low
window (a phone) the layer list folds into its button and the legend into its heading; the
legend is given the height left under the layer list (it scrolls inside); the title and the
credits are narrowed to the room the other corner leaves. Then the map is fitted to the
claims in the part of the window the controls leave free.
"""

from __future__ import annotations

from branca.element import MacroElement
from folium.template import Template

from contested.maps.escape import script_json

# Below this width or height (CSS px) the layer list and legend open folded.
NARROW_WIDTH = 640
LOW_HEIGHT = 560


class ControlLayout(MacroElement):
    """Fold, size and place the controls so none overlaps another; then fit ``bounds``
    ((west, south, east, north)) into the room they leave. Add it after every control."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
            var box = map.getContainer();
            var bounds = {{ this.bounds_json }};
            function q(selector) { return box.querySelector(selector); }
            function rect(el) { return el ? el.getBoundingClientRect() : null; }
            function layout() {
                var outer = rect(box);
                var narrow = outer.width < {{ this.narrow }} || outer.height < {{ this.low }};
                box.classList.toggle("ct-narrow", narrow);
                var layers = q(".leaflet-control-layers");
                if (layers) layers.classList.toggle("leaflet-control-layers-expanded", !narrow);
                var legend = q("details.ct-legend-box");
                if (legend && !legend.dataset.touched) legend.open = !narrow;
                var right = q(".leaflet-top.leaflet-right");
                var left = q(".leaflet-top.leaflet-left");
                var title = q(".ct-title");
                if (title) title.style.maxWidth = Math.max(120,
                    outer.width - (right ? rect(right).width : 0) - 40) + "px";
                var bottomLeft = q(".leaflet-bottom.leaflet-left");
                var credits = q(".leaflet-control-attribution");
                if (credits) credits.style.maxWidth = Math.max(100,
                    outer.width - (bottomLeft ? rect(bottomLeft).width : 0) - 30) + "px";
                // On a phone an opened legend may reach under the title: move it below.
                var legendBox = q(".ct-legend");
                if (legendBox) {
                    legendBox.style.marginTop = "";
                    var lr = rect(legendBox), lowest = 0;
                    box.querySelectorAll(".leaflet-top.leaflet-left .leaflet-control")
                        .forEach(function(el) {
                            var r = rect(el);
                            if (r.right > lr.left && r.left < lr.right) {
                                lowest = Math.max(lowest, r.bottom);
                            }
                        });
                    if (lowest > lr.top) legendBox.style.marginTop = (lowest - lr.top + 18) + "px";
                }
                var body = legend ? legend.querySelector(".ct-legend-body") : null;
                if (body) {
                    var bottomRight = q(".leaflet-bottom.leaflet-right");
                    var reserved = bottomRight ? rect(bottomRight).height : 0;
                    body.style.maxHeight = Math.max(60, outer.bottom - rect(body).top
                        - reserved - 14) + "px";
                }
                return {narrow: narrow, right: right, left: left, bottomLeft: bottomLeft};
            }
            var first = layout();
            var legendBox = q("details.ct-legend-box");
            if (legendBox) legendBox.addEventListener("toggle", function() {
                legendBox.dataset.touched = "1";
                layout();
            });
            map.on("click", function() {
                if (box.classList.contains("ct-narrow")) {
                    var layers = q(".leaflet-control-layers");
                    if (layers) layers.classList.remove("leaflet-control-layers-expanded");
                }
            });
            window.addEventListener("resize", function() { requestAnimationFrame(layout); });
            if (bounds) {
                var outer = rect(box);
                var rightWidth = first.right ? rect(first.right).width : 0;
                var bottom = first.bottomLeft ? rect(first.bottomLeft).height : 0;
                // Keep the claims clear of the right column where it leaves room for them.
                var padRight = rightWidth < 0.45 * outer.width ? rightWidth + 12 : 12;
                map.fitBounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], {
                    paddingTopLeft: [first.narrow ? 10 : 50, first.narrow ? 50 : 20],
                    paddingBottomRight: [padRight, Math.min(bottom + 8, 0.3 * outer.height)],
                    maxZoom: 11, animate: false});
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, bounds: tuple[float, float, float, float] | None = None) -> None:
        super().__init__()
        self._name = "ControlLayout"
        self.bounds_json = script_json(list(bounds) if bounds is not None else None)
        self.narrow = NARROW_WIDTH
        self.low = LOW_HEIGHT
