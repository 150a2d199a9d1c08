"""Tooltip and popup HTML. Every value from a document or claims file passes through
:func:`maps.escape.text`; only the tags written here are markup."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from contested.maps.escape import text


def present(value: Any) -> bool:
    """A value worth showing: not None, NaN, pandas NA or blank text."""
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    if value is pd.NA:
        return False
    return not (isinstance(value, str) and not value.strip())


def km2(value: Any) -> str:
    """"41,000 km²" (no decimals above 100 km², one below); "" when absent."""
    if not present(value):
        return ""
    value = float(value)
    return f"{value:,.0f} km²" if value >= 100 else f"{value:,.1f} km²"


def percent(share: Any) -> str:
    if not present(share):
        return ""
    share = float(share) * 100
    return f"{share:.0f}%" if share >= 10 else f"{share:.1f}%"


def _names(english: Any, arabic: Any) -> str:
    """English name, and the Arabic one in its own right-to-left span."""
    out = f"<b>{text(english)}</b>" if present(english) else ""
    if present(arabic) and arabic != english:
        out += f' <span dir="rtl" lang="ar">{text(arabic)}</span>'
    return out


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{label}</th><td>{value_html}</td></tr>" if value_html else ""


def claim_figure(row: Mapping[str, Any]) -> str:
    """"more than 41,000 km² liberated", escaped."""
    kind = row.get("kind")
    kind = kind.replace("_", " ") if isinstance(kind, str) else kind  # "peak_held" → "peak held"
    parts = [text(row.get("qualifier")), km2(row.get("claimed_km2")), text(kind)]
    stated = ""
    if present(row.get("value")) and present(row.get("unit")) and row.get("unit") != "km2":
        stated = f" ({float(row['value']):,.0f} {text(row['unit'])} as stated)"
    return " ".join(p for p in parts if p) + stated


def _lines(*lines: str) -> str:
    return "<br>".join(line for line in lines if line)


def claim_tooltip(
    row: Mapping[str, Any], verdict: str, stack_position: tuple[int, int] = (0, 1)
) -> str:
    place = _names(row.get("place_name"), row.get("place_name_ar"))
    disk = km2(row.get("disk_km2"))
    position, size = stack_position
    stack = (
        f"<i>{position + 1} of {size} disks on this place, largest first; click for all</i>"
        if size > 1 else ""
    )
    return _lines(
        f"<b>{text(row.get('id'))}</b>: {claim_figure(row)}",
        f"centred on {place}" if place else "",
        f"disk drawn: {disk} (geodesic)" if disk else "",
        f"verdict: {text(verdict)}",
        stack,
    )


def _share(share: Any, name_html: str, total_km2: Any) -> str:
    if not present(share):
        return ""
    return f"{percent(share)} of {name_html} ({km2(total_km2)})"


def _kind(row: Mapping[str, Any]) -> str:
    kind = row.get("kind")
    return text(kind.replace("_", " ") if isinstance(kind, str) else kind)  # "peak held"


def stack_list(
    stack: list[Mapping[str, Any]], current_id: Any, colours: Mapping[str, str]
) -> str:
    """The disks drawn on one place, largest first, each with its verdict colour: concentric
    outlines can coincide on screen, so every popup of the stack lists them all."""
    items = []
    for row in stack:
        here = ' class="ct-here"' if str(row.get("id")) == str(current_id) else ""
        colour = colours.get(row.get("verdict"), "#777777")  # ours: a fixed table
        items.append(
            f'<li{here}><span class="ct-sw" style="border-color:{colour}"></span>'
            f"{km2(row.get('disk_km2'))} {_kind(row)}: {text(row.get('id'))} "
            f"({text(row.get('verdict'))})</li>"
        )
    return f'<div class="ct-id">disks on this place</div><ul class="ct-stack">{"".join(items)}</ul>'


def claim_popup(
    row: Mapping[str, Any],
    verdict: str,
    findings: list[Mapping[str, Any]],
    stack: list[Mapping[str, Any]] = (),
    colours: Mapping[str, str] | None = None,
) -> str:
    """The exact quote, its source and date, the figure, its shares, the check findings, and
    the other disks drawn on the same place (``stack``)."""
    quote = row.get("quote")
    quote_html = f'<blockquote dir="auto">“{text(quote)}”</blockquote>' if present(quote) else ""
    place = _names(row.get("place_name"), row.get("place_name_ar"))
    if place and present(row.get("precision")):
        place += f" ({text(row.get('precision'))})"
    unit_name = _names(row.get("admin1_name"), row.get("admin1_name_ar"))
    country_name = text(row.get("country_name") or row.get("country"))
    comparison = ""
    if present(row.get("comparison")):
        factor = row.get("comparison_factor")
        comparison = (f"{float(factor):g} × " if present(factor) else "") + text(
            row["comparison"]
        )
    table = "".join([
        _row("figure", claim_figure(row)),
        _row("compared to", comparison),
        _row("scope", text(row.get("scope"))),
        _row("place", place),
        _row("share", _share(row.get("share_of_admin1"), unit_name, row.get("admin1_km2"))),
        _row("of country",
             _share(row.get("share_of_country"), country_name, row.get("country_km2"))),
        _row("source", text(row.get("source"))),
        _row("date", text(row.get("date"))),
        _row("speaker", text(row.get("speaker"))),
        _row("note", text(row.get("note"))),
        _row("verdict", f'<span class="ct-verdict">{text(verdict)}</span>'),
    ])
    finding_items = "".join(
        f"<li><b>{text(f.get('rule'))}</b> ({text(f.get('verdict'))}): "
        f"{text(f.get('message'))}</li>"
        for f in findings
    )
    return (
        f'<div class="ct-popup"><div class="ct-id">{text(row.get("id"))}</div>{quote_html}'
        f'<table class="ct-table">{table}</table>'
        + (f'<ul class="ct-findings">{finding_items}</ul>' if finding_items else "")
        + (stack_list(list(stack), row.get("id"), colours or {}) if stack else "")
        + "</div>"
    )


def admin_tooltip(row: Mapping[str, Any]) -> str:
    claimed = ""
    if present(row.get("share")):
        claimed = (
            f"claimed: {percent(row.get('share'))} ({km2(row.get('claimed_km2'))}, "
            f"claim {text(row.get('share_claim'))})"
        )
    return _lines(
        _names(row.get("name"), row.get("name_ar")),
        f"area {km2(row.get('area_km2'))} (geodesic)",
        claimed,
    )


def admin_popup(row: Mapping[str, Any], claim_lines: list[str]) -> str:
    items = "".join(f"<li>{line}</li>" for line in claim_lines)
    table = _row("area", km2(row.get("area_km2")) + " (geodesic)") + _row(
        "country", text(row.get("country"))
    )
    return (
        f'<div class="ct-popup">{_names(row.get("name"), row.get("name_ar"))}'
        f'<table class="ct-table">{table}</table>'
        + (f'<ul class="ct-findings">{items}</ul>' if items else "")
        + "</div>"
    )


def _mentions(row: Mapping[str, Any]) -> str:
    count = row.get("mentions")
    if not present(count) or not int(count):
        return ""
    return f"named {int(count)}× in {text(row.get('documents'))}"


def place_tooltip(row: Mapping[str, Any]) -> str:
    precision = row.get("precision")
    claims = row.get("claims")
    return _lines(
        _names(row.get("name"), row.get("name_ar")),
        text(row.get("kind")),
        f"located to: {text(precision)}" if present(precision) and precision != "point" else "",
        f"claims about it: {text(claims)}" if present(claims) else "",
        _mentions(row),
    )


def place_popup(row: Mapping[str, Any]) -> str:
    table = "".join([
        _row("id", text(row.get("place_id"))),
        _row("kind", text(row.get("kind"))),
        _row("precision", text(row.get("precision"))),
        _row("admin-1", text(row.get("admin1_name"))),
        _row("claims", text(row.get("claims"))),
        _row("documents", _mentions(row)),
    ])
    names = _names(row.get("name"), row.get("name_ar"))
    return f'<div class="ct-popup">{names}<table class="ct-table">{table}</table></div>'


def reference_label(row: Mapping[str, Any]) -> str:
    """"Sweden, 449,964 km², at true size" ("10 × District of Columbia, 177 km² each, …")."""
    factor = row.get("factor")
    official = km2(row.get("official_km2"))
    multiple = present(factor) and float(factor) != 1
    name = text(row.get("reference"))
    head = f"{float(factor):g} × {name}" if multiple else name
    area = f"{official} each" if multiple and official else official
    return ", ".join(p for p in (head, area, "at true size") if p)


def reference_tooltip(row: Mapping[str, Any]) -> str:
    official, drawn = km2(row.get("official_km2")), km2(row.get("shape_km2"))
    claimed = km2(row.get("claimed_km2"))
    verdict = row.get("verdict")
    return _lines(
        f"<b>{text(row.get('reference'))}</b> at true size, moved onto "
        f"{text(row.get('place_name'))}",
        f"official total area {official}" if official else "",
        f"shape drawn: {drawn} (land, geodesic)" if drawn else "",
        f"claim {text(row.get('id'))}" + (f": {claimed}" if claimed else ", no figure stated"),
        f"comparison: {text(verdict)}" if present(verdict) and verdict != "unchecked" else "",
    )


def part_tooltip(row: Mapping[str, Any]) -> str:
    return _lines(
        f"<b>{text(row.get('name'))}</b>"
        + (f' <span dir="rtl" lang="ar">{text(row.get("name_ar"))}</span>'
           if present(row.get("name_ar")) else ""),
        f"area {km2(row.get('area_km2'))} (geodesic)",
        f"named by {text(row.get('claims'))}" if present(row.get("claims")) else "",
    )


def part_popup(row: Mapping[str, Any]) -> str:
    table = "".join([
        _row("area", km2(row.get("area_km2")) + " (geodesic)"),
        _row("drawn as", f"the part of the unit {text(row.get('direction'))} of its centroid"),
        _row("named by", text(row.get("claims"))),
    ])
    return (f'<div class="ct-popup"><b>{text(row.get("name"))}</b>'
            f'<table class="ct-table">{table}</table></div>')


def reference_popup(row: Mapping[str, Any]) -> str:
    quote = row.get("quote")
    quote_html = f'<blockquote dir="auto">“{text(quote)}”</blockquote>' if present(quote) else ""
    factor, drawn = row.get("factor"), km2(row.get("shape_km2"))
    table = "".join([
        _row("reference", text(row.get("reference"))),
        _row("factor", f"{float(factor):g} ×" if present(factor) else ""),
        _row("official area", km2(row.get("official_km2"))),
        _row("claimed", km2(row.get("claimed_km2"))),
        _row("comparison", text(row.get("verdict")) if row.get("verdict") != "unchecked" else ""),
        _row("drawn", f"{drawn} (land polygon, geodesic)" if drawn else ""),
        _row("source", text(row.get("source"))),
        _row("date", text(row.get("date"))),
        _row("note", text(row.get("note"))),
    ])
    return (
        f'<div class="ct-popup"><div class="ct-id">{text(row.get("id"))}</div>{quote_html}'
        f'<table class="ct-table">{table}</table></div>'
    )
