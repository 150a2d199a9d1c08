"""The ledger as a chart: per actor and scope, the band of published estimates over time and
every claim as a point coloured by the checks' verdict, its source on hover.

    >>> chart = timeline_chart([])          # an altair Chart; nothing dated, nothing drawn
    >>> chart.to_dict()["mark"]["type"]
    'text'

Built with Vega-Lite through altair; :func:`save_timeline` writes it as one HTML file that
works offline (vl-convert bundles Vega's JavaScript into the page), or as SVG or PNG
(rendered by vl-convert, no browser). Records are those of
:func:`contested.checks.ledger.records.ledger_records`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import altair as alt

from contested.core.exceptions import InputError
from contested.core.files import write_bytes_atomic, write_text_atomic
from contested.maps.style import VERDICT_COLOURS

FORMATS = (".html", ".svg", ".png")
# Series that have at least one dated claim are drawn; the published ones alone are context.
MAX_SERIES = 24
_WHAT = {"held": "ground held (km²)", "peak": "peak (km²)", "change": "ground changing hands "
         "(km²)", "lost_share": "share of the peak lost"}


def timeline_chart(records: Iterable[dict[str, Any]], *, width: int = 640,
                   compact: bool = False) -> alt.Chart:
    """The chart of ledger records (see the module docstring). ``compact``: narrow, one
    panel above another with its name on top, for a map's legend."""
    rows = [_row(r) for r in records if r.get("date") and r.get("value") is not None]
    claimed = {r["series"] for r in rows if r["origin"] == "claim"}
    rows = [r for r in rows if r["series"] in claimed]
    series = sorted(claimed)[:MAX_SERIES]
    rows = [r for r in rows if r["series"] in series]
    if not rows:
        return alt.Chart(alt.Data(values=[{"text": "no dated claims to draw"}])).mark_text(
            fontSize=14).encode(text="text:N")
    data = alt.Data(values=rows)
    base = alt.Chart(data).encode(x=alt.X("date:T", title=None))
    published = base.transform_filter(alt.datum.origin == "published")
    band = published.mark_area(opacity=0.18, color="#888").encode(
        y=alt.Y("low_plot:Q", title=None), y2="high_plot:Q")
    # A peak is one quantity however many dates it is published with: points, not a line.
    line = published.transform_filter(alt.datum.quantity != "peak").mark_line(color="#666")
    line = line.encode(y="value_plot:Q")
    points = published.mark_point(color="#666", filled=True, size=30).encode(
        y="value_plot:Q", tooltip=_tooltip(published=True))
    # The band a claim was checked against, as a whisker at the claim's date.
    whiskers = base.transform_filter(
        (alt.datum.origin == "claim") & alt.expr.isValid(alt.datum.band_low_plot)
    ).mark_rule(color="#888", strokeWidth=3, opacity=0.6).encode(
        y="band_low_plot:Q", y2="band_high_plot:Q")
    claims = base.transform_filter(alt.datum.origin == "claim").mark_point(
        filled=True, size=90, opacity=0.95, stroke="white", strokeWidth=0.8,
    ).encode(
        y="value_plot:Q",
        color=alt.Color("verdict:N", title="verdict",
                        scale=alt.Scale(domain=list(VERDICT_COLOURS),
                                        range=list(VERDICT_COLOURS.values()))),
        tooltip=_tooltip(published=False),
    )
    layered = alt.layer(band, line, points, whiskers, claims).properties(width=width,
                                                        height=90 if compact else 160)
    header = (alt.Header(labelOrient="top", labelAnchor="start", labelFontSize=10,
                         labelFontWeight="bold", labelLimit=width) if compact else
              alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"))
    chart = layered.facet(row=alt.Row("series:N", title=None, header=header)).resolve_scale(
        y="independent")
    if compact:
        return chart.configure_axis(labelFontSize=8, tickCount=4).configure_legend(
            orient="bottom", labelFontSize=9, titleFontSize=9, symbolSize=40)
    return chart.properties(
        title="Estimates over time: published figures and band (grey), "
              "claims by the ledger's verdict")


def save_timeline(chart: alt.Chart, path: str | os.PathLike[str]) -> Path:
    """Write the chart as .html (offline: Vega bundled in), .svg or .png, atomically."""
    import vl_convert

    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise InputError("cannot write a timeline in this format", source=str(target),
                         hint="use " + ", ".join(FORMATS))
    spec = chart.to_dict()
    if suffix == ".html":
        return write_text_atomic(target, timeline_html(chart))
    if suffix == ".svg":
        return write_text_atomic(target, vl_convert.vegalite_to_svg(spec))
    return write_bytes_atomic(target, vl_convert.vegalite_to_png(spec, scale=2))


def timeline_html(chart: alt.Chart) -> str:
    """The chart as one HTML page that works offline (Vega's JavaScript bundled in)."""
    import vl_convert

    return vl_convert.vegalite_to_html(chart.to_dict(), bundle=True)


def timeline_svg(chart: alt.Chart) -> str:
    """The chart as an SVG string, for a report page."""
    import vl_convert

    return vl_convert.vegalite_to_svg(chart.to_dict())


def _row(record: dict[str, Any]) -> dict[str, Any]:
    share = record.get("unit") == "share"
    scale = 100.0 if share else 1.0

    def plot(value: Any) -> Any:
        return None if value is None else value * scale

    series = " · ".join(str(part) for part in (record.get("actor") or "unknown actor",
                                               record.get("scope") or "no scope",
                                               _WHAT.get(record["quantity"], record["quantity"])))
    return {
        "series": series + (" (%)" if share else ""),
        "date": record["date"],
        "origin": record["origin"],
        "quantity": record["quantity"],
        "value_plot": plot(record["value"]),
        "low_plot": plot(record.get("low")),
        "high_plot": plot(record.get("high") if record.get("high") is not None
                          else record.get("value")),
        "band_low_plot": plot(record.get("band_low")),
        "band_high_plot": plot(record.get("band_high")),
        "verdict": record.get("verdict") or "unchecked",
        "claim": record.get("claim") or "",
        "source": str(record.get("source") or "")[:300],
        "how": str(record.get("how") or "")[:300],
    }


def _tooltip(*, published: bool) -> list[alt.Tooltip]:
    fields = [alt.Tooltip("date:T", title="as of"), alt.Tooltip("how:N", title="figure"),
              alt.Tooltip("source:N", title="source")]
    if not published:
        fields[1:1] = [alt.Tooltip("claim:N", title="claim"),
                       alt.Tooltip("verdict:N", title="verdict")]
    return fields
