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


def stack_list(stack: list[Mapping[str, Any]], colours: Mapping[str, str]) -> str:
    """The disks drawn on one place, largest first, each with its verdict colour: concentric
    outlines can coincide on screen, so the popup of each lists them all (written once per
    stack; the popup marks its own disk, see maps.features.BIND)."""
    items = []
    for row in stack:
        colour = colours.get(row.get("verdict"), "#777777")  # ours: a fixed table
        items.append(
            f'<li><span class="ct-sw" style="border-color:{colour}"></span>'
            f"{km2(row.get('disk_km2'))} {_kind(row)}: {text(row.get('id'))} "
            f"({text(row.get('verdict'))})</li>"
        )
    return f'<div class="ct-id">disks on this place</div><ul class="ct-stack">{"".join(items)}</ul>'


def unit_claim_tooltip(row: Mapping[str, Any], verdict: str) -> str:
    """A claim at a place with no published coordinates, drawn as its unit."""
    place = _names(row.get("place_name"), row.get("place_name_ar"))
    return _lines(
        f"<b>{text(row.get('id'))}</b>: {claim_figure(row)}",
        f"at {place}, which has no published coordinates: drawn as "
        f"{text(row.get('unit_name'))}, the unit it lies in (hatched)",
        f"verdict: {text(verdict)}",
    )


def place_stack_tooltip(rows: list[Mapping[str, Any]], verdict: str) -> str:
    """An aggregated place: how many claims, the largest, the worst verdict."""
    first = rows[0]
    place = _names(first.get("place_name"), first.get("place_name_ar"))
    return _lines(
        f"<b>{len(rows):,} claim{'s' if len(rows) != 1 else ''}</b>"
        + (f" at {place}" if place else ""),
        f"circle: the largest, {km2(first.get('disk_km2'))}",
        f"worst verdict: {text(verdict)}; click for the list",
    )


def place_stack_popup(rows: list[Mapping[str, Any]], colours: Mapping[str, str],
                      limit: int) -> str:
    """The claims of an aggregated place, largest first, at most ``limit`` of them."""
    items = "".join(
        f'<li><span class="ct-sw" style="border-color:{colours.get(r.get("verdict"), "#777")}">'
        f"</span>{km2(r.get('claimed_km2'))} {_kind(r)}, {text(r.get('date'))}: "
        f"{text(r.get('id'))} ({text(r.get('verdict'))})</li>"
        for r in rows[:limit]
    )
    more = (f"<div class='ct-id'>… and {len(rows) - limit:,} more (contested export and the "
            "report list every claim)</div>" if len(rows) > limit else "")
    place = _names(rows[0].get("place_name"), rows[0].get("place_name_ar"))
    return (f'<div class="ct-popup">{place}<div class="ct-id">{len(rows):,} claims here, '
            f'largest first</div><ul class="ct-stack">{items}</ul>{more}</div>')


def claim_popup(
    row: Mapping[str, Any],
    verdict: str,
    findings: list[Mapping[str, Any]],
) -> str:
    """The exact quote, its source and date, the figure, its shares and the check findings
    (the other disks on the same place are added when it opens: maps.features.BIND)."""
    quote = row.get("quote")
    quote_html = f'<blockquote dir="auto">“{text(quote)}”</blockquote>' if present(quote) else ""
    place = _names(row.get("place_name"), row.get("place_name_ar"))
    precision, place_id = row.get("precision"), str(row.get("place_id") or "")
    if place and present(precision) and precision != "point" and not place_id.startswith(
            ("admin1:", "country:", "unit:")):
        unit = {"admin1": "governorate or province"}.get(str(precision), text(precision))
        place += f" (no published coordinates: known only to lie in its {unit})"
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
        _row("share", _share(row.get("share_of_unit"), _names(row.get("unit_name"), None),
                             row.get("unit_km2"))
             or _share(row.get("share_of_admin1"), unit_name, row.get("admin1_km2"))),
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


def reference_tooltip(row: Mapping[str, Any], n_claims: int = 1) -> str:
    official, drawn = km2(row.get("official_km2")), km2(row.get("shape_km2"))
    claimed = km2(row.get("claimed_km2"))
    verdict = row.get("verdict")
    claim = (f"claim {text(row.get('id'))}" + (f": {claimed}" if claimed else ", no figure stated")
             if n_claims == 1 else f"{n_claims:,} claims compare with it here; click for them")
    return _lines(
        f"<b>{text(row.get('reference'))}</b> at true size, moved onto "
        f"{text(row.get('place_name'))}",
        f"official total area {official}" if official else "",
        f"shape drawn: {drawn} (land, geodesic)" if drawn else "",
        claim,
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


def reference_popup(row: Mapping[str, Any], claim_ids: list[Any] | None = None) -> str:
    """The reference, its areas, and the claim comparing with it (or, when several share the
    shape, the first one's quote and every claim's id)."""
    quote = row.get("quote")
    quote_html = f'<blockquote dir="auto">“{text(quote)}”</blockquote>' if present(quote) else ""
    factor, drawn = row.get("factor"), km2(row.get("shape_km2"))
    ids = [i for i in (claim_ids or [row.get("id")]) if present(i)]
    others = ", ".join(text(i) for i in ids[1:21]) + (" …" if len(ids) > 21 else "")
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
        _row("also", others),
    ])
    return (
        f'<div class="ct-popup"><div class="ct-id">{text(row.get("id"))}</div>{quote_html}'
        f'<table class="ct-table">{table}</table></div>'
    )
