"""Tooltip and popup HTML. Every value from a document or claims file passes through
:func:`maps.escape.text`; only the tags written here are markup."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from maps.escape import text


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def km2(value: Any) -> str:
    """"41,000 km²" (no decimals above 100 km², one below); "" when absent."""
    if not _present(value):
        return ""
    value = float(value)
    return f"{value:,.0f} km²" if value >= 100 else f"{value:,.1f} km²"


def percent(share: Any) -> str:
    if not _present(share):
        return ""
    share = float(share) * 100
    return f"{share:.0f}%" if share >= 10 else f"{share:.1f}%"


def _names(english: Any, arabic: Any) -> str:
    """English name, and the Arabic one in its own right-to-left span."""
    out = f"<b>{text(english)}</b>" if _present(english) else ""
    if _present(arabic) and arabic != english:
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
    if _present(row.get("value")) and _present(row.get("unit")) and row.get("unit") != "km2":
        stated = f" ({float(row['value']):,.0f} {text(row['unit'])} as stated)"
    return " ".join(p for p in parts if p) + stated


def _lines(*lines: str) -> str:
    return "<br>".join(line for line in lines if line)


def claim_tooltip(row: Mapping[str, Any], verdict: str) -> str:
    place = _names(row.get("place_name"), row.get("place_name_ar"))
    disk = km2(row.get("disk_km2"))
    return _lines(
        f"<b>{text(row.get('id'))}</b>: {claim_figure(row)}",
        f"centred on {place}" if place else "",
        f"disk drawn: {disk} (geodesic)" if disk else "",
        f"verdict: {text(verdict)}",
    )


def _share(share: Any, name_html: str, total_km2: Any) -> str:
    if not _present(share):
        return ""
    return f"{percent(share)} of {name_html} ({km2(total_km2)})"


def claim_popup(row: Mapping[str, Any], verdict: str, findings: list[Mapping[str, Any]]) -> str:
    """The exact quote, its source and date, the figure, its shares, and the check findings."""
    quote = row.get("quote")
    quote_html = f'<blockquote dir="auto">“{text(quote)}”</blockquote>' if _present(quote) else ""
    place = _names(row.get("place_name"), row.get("place_name_ar"))
    if place and _present(row.get("precision")):
        place += f" ({text(row.get('precision'))})"
    unit_name = _names(row.get("admin1_name"), row.get("admin1_name_ar"))
    country_name = text(row.get("country_name") or row.get("country"))
    comparison = ""
    if _present(row.get("comparison")):
        factor = row.get("comparison_factor")
        comparison = (f"{float(factor):g} × " if _present(factor) else "") + text(
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
        + "</div>"
    )


def admin_tooltip(row: Mapping[str, Any]) -> str:
    claimed = ""
    if _present(row.get("share")):
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


def place_tooltip(row: Mapping[str, Any]) -> str:
    precision = row.get("precision")
    return _lines(
        _names(row.get("name"), row.get("name_ar")),
        text(row.get("kind")),
        f"located to: {text(precision)}" if precision not in (None, "point") else "",
    )


def place_popup(row: Mapping[str, Any]) -> str:
    table = "".join([
        _row("id", text(row.get("place_id"))),
        _row("kind", text(row.get("kind"))),
        _row("precision", text(row.get("precision"))),
        _row("admin-1", text(row.get("admin1_name"))),
        _row("claims", text(row.get("claims"))),
    ])
    names = _names(row.get("name"), row.get("name_ar"))
    return f'<div class="ct-popup">{names}<table class="ct-table">{table}</table></div>'


def reference_tooltip(row: Mapping[str, Any]) -> str:
    official, drawn = km2(row.get("official_km2")), km2(row.get("shape_km2"))
    return _lines(
        f"<b>{text(row.get('reference'))}</b> at true size, moved onto "
        f"{text(row.get('place_name'))}",
        f"official total area {official}" if official else "",
        f"shape drawn: {drawn} (geodesic)" if drawn else "",
        f"claim {text(row.get('id'))}",
    )


def reference_popup(row: Mapping[str, Any]) -> str:
    quote = row.get("quote")
    quote_html = f'<blockquote dir="auto">“{text(quote)}”</blockquote>' if _present(quote) else ""
    factor, drawn = row.get("factor"), km2(row.get("shape_km2"))
    table = "".join([
        _row("reference", text(row.get("reference"))),
        _row("factor", f"{float(factor):g} ×" if _present(factor) else ""),
        _row("official area", km2(row.get("official_km2"))),
        _row("drawn", f"{drawn} (land polygon, geodesic)" if drawn else ""),
        _row("source", text(row.get("source"))),
        _row("date", text(row.get("date"))),
        _row("note", text(row.get("note"))),
    ])
    return (
        f'<div class="ct-popup"><div class="ct-id">{text(row.get("id"))}</div>{quote_html}'
        f'<table class="ct-table">{table}</table></div>'
    )
