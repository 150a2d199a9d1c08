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

# Admin lines thinner and lighter than country borders, which show through beneath them.
ADMIN_LINE = {"color": "#8a8a8a", "weight": 0.8, "opacity": 0.9}
REFERENCE_STYLE = {
    "color": "#2b2b2b", "weight": 2, "dashArray": "6 4", "fillColor": "#ffd92f",
    "fillOpacity": 0.12, "opacity": 0.9,
}
PLACE_STYLE = {
    "radius": 5, "color": "#ffffff", "weight": 1.5, "fill": True, "fillColor": "#222222",
    "fillOpacity": 1.0,
}
DISK_FILL_OPACITY = 0.15

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
