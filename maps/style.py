"""Colours and line styles of the map layers, in one place so the legend matches the layers."""

from __future__ import annotations

import numpy as np

# Verdict of the checks on a claim → disk colour. "unchecked": no finding names the claim.
VERDICT_COLOURS: dict[str, str] = {
    "inconsistent": "#d73027",
    "loose": "#f28e2b",
    "consistent": "#1a9850",
    "unverifiable": "#8c6bb1",
    "unchecked": "#4575b4",
}
# Worst first: a claim named by several findings is drawn with the worst verdict.
VERDICT_SEVERITY: dict[str, int] = {
    "inconsistent": 4, "loose": 3, "consistent": 2, "unverifiable": 1, "unchecked": 0,
}

# Claimed share of an admin unit → fill colour (upper bin edges; > 1 cannot be true).
SHARE_BINS: tuple[float, ...] = (0.10, 0.25, 0.50, 1.00, np.inf)
SHARE_COLOURS: tuple[str, ...] = ("#fee5d9", "#fcae91", "#fb6a4a", "#cb181d", "#67000d")
SHARE_LABELS: tuple[str, ...] = ("< 10%", "10–25%", "25–50%", "50–100%", "> 100% (impossible)")
UNCLAIMED_FILL = "#ffffff"

# Admin lines thinner and lighter than country borders, but dark enough to read through the
# disks' thin fills. Units of the countries mapped are lit a little above the land around.
ADMIN_LINE = {"color": "#5e5e5e", "weight": 1.0, "opacity": 0.95}
ADMIN_UNCLAIMED_FILL_OPACITY = 0.35
ADMIN_CLAIMED_FILL_OPACITY = 0.6
# A side of a unit named in a claim ("western Anbar"): hatched (an SVG pattern the page
# defines, see maps.controls.HATCH_SVG) inside a solid outline.
PART_COLOUR = "#5b3a8c"
PART_STYLE = {
    "color": PART_COLOUR, "weight": 2, "opacity": 0.95, "fillColor": "url(#ct-hatch)",
    "fillOpacity": 1.0,
}
# Reference shapes: a brown dash-dot line on a white halo, no fill, unlike any border
# (grey solid) or disk (verdict colours), so they never hide what lies beneath (Sweden moved
# onto Iraq covers both countries); clicks inside reach the units below.
REFERENCE_COLOUR = "#8c510a"
REFERENCE_STYLE = {
    "color": REFERENCE_COLOUR, "weight": 2.2, "dashArray": "12 5 2 5", "fill": False,
    "opacity": 0.95,
}
REFERENCE_HALO_STYLE = {"color": "#ffffff", "weight": 5, "fill": False, "opacity": 0.8,
                        "interactive": False}
# A claim at a place with no published coordinates: the unit it lies in, hatched grey
# (maps.controls.HATCH_SVG ``ct-hatch-unit``), outlined dashed in the verdict colour.
UNIT_CLAIM_STYLE = {"weight": 2.5, "opacity": 0.95, "dashArray": "6 4",
                    "fillColor": "url(#ct-hatch-unit)", "fillOpacity": 1.0}
PLACE_STYLE = {
    "radius": 5, "color": "#ffffff", "weight": 1.5, "fill": True, "fillColor": "#222222",
    "fillOpacity": 1.0,
}
# Places only named in the documents, not the subject of a claim: smaller and grey.
NAMED_PLACE_STYLE = {**PLACE_STYLE, "radius": 3.5, "weight": 1, "fillColor": "#6b6b6b"}
# Disks: outlines carry the verdict; fills stay thin so that stacked disks on one place
# (five claims about "Iraq") do not mix into one colour and the units show through.
DISK_WEIGHT = 2.5
DISK_FILL_OPACITY = 0.05
# Disks on one centre whose radii differ by less than this ratio are drawn over each other;
# the upper ones are dashed so that the colour beneath shows between the dashes.
NEAR_EQUAL_RADIUS_RATIO = 1.03
STACK_DASHES = ("", "9 9", "4 14", "2 16")

# Offline basemap: land drawn on a sea-coloured background instead of tiles.
SEA_COLOUR = "#dce9f2"
LAND_STYLE = {
    "color": "#666666", "weight": 1.6, "fillColor": "#f5f3ee", "fillOpacity": 1.0,
    "interactive": False,
}
OUTLINE_STYLE = {"color": "#666666", "weight": 1.6, "fill": False, "interactive": False}


def share_colours(shares: np.ndarray) -> np.ndarray:
    """Fill colour for each claimed share (NaN → unclaimed white)."""
    shares = np.asarray(shares, dtype=float)
    colours = np.asarray(SHARE_COLOURS, dtype=object)[
        np.searchsorted(SHARE_BINS, np.nan_to_num(shares, nan=0.0), side="left")
    ]
    return np.where(np.isnan(shares), UNCLAIMED_FILL, colours)


def worst_verdict(verdicts: list[str]) -> str:
    """The most severe of a claim's verdicts ("unchecked" when there are none)."""
    return max(verdicts, key=lambda v: VERDICT_SEVERITY.get(v, 0), default="unchecked")
