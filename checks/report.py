"""Findings for people: a terminal table, and a Markdown or HTML report to share.

Every string that may come from a document (quotes, ids, scopes, messages that repeat them)
is escaped: HTML-escaped in HTML, and in Markdown HTML-escaped too (renderers pass raw HTML
through) with the table and link syntax neutralised. Reports are written atomically.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from contested.checks.model import SEVERITY, VERDICTS, Finding, fmt_figure
from contested.claims.model import Claim
from contested.core.exceptions import InputError
from contested.core.files import write_text_atomic
from contested.core.text import printable

# A report lists at most this many findings and claims: an archive's 700,000 findings made a
# 295 MB page no browser opens. Above it the most severe come first, and the rest are
# counted; findings.jsonl (or `contested check --json`) has them all.
LIST_LIMIT = 2_000


def listed(findings: Sequence[Finding], limit: int = LIST_LIMIT) -> tuple[list[Finding], int]:
    """The findings a report lists (all, in order, when within ``limit``; else the ``limit``
    most severe, inconsistent first) and how many it leaves out."""
    if len(findings) <= limit:
        return list(findings), 0
    ranked = sorted(findings, key=lambda f: -SEVERITY.get(f.verdict, SEVERITY["unverifiable"]))
    return ranked[:limit], len(findings) - limit


def by_rule(findings: Sequence[Finding]) -> list[tuple[str, dict[str, int]]]:
    """(rule, verdict → count) for each rule with findings, in the order rules first appear."""
    table: dict[str, Counter[str]] = {}
    for finding in findings:
        table.setdefault(finding.rule, Counter())[finding.verdict] += 1
    return [(rule, dict(counts)) for rule, counts in table.items()]


def _left_out_note(left_out: int) -> str:
    return (f"… and {left_out:,} more findings, not listed here (the report lists the "
            f"{LIST_LIMIT:,} most severe); findings.jsonl and `contested check --json` "
            "have them all.")


def _more_claims_note(count: int) -> str:
    return f"… and {count - LIST_LIMIT:,} more claims, not listed here."


def summary_line(findings: Sequence[Finding]) -> str:
    counts = Counter(finding.verdict for finding in findings)
    parts = [f"{counts[v]} {v}" for v in VERDICTS if counts[v]]
    return f"{len(findings)} findings: " + (", ".join(parts) if parts else "none")


# ----------------------------------------------------------------------------- terminal


def render_table(findings: Sequence[Finding], width: int | None = None) -> str:
    """Columns rule, verdict, claims (one id a line), message (wrapped to the terminal)."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    headers = ("rule", "verdict", "claims", "message")
    widths = [
        max([len(headers[0])] + [len(f.rule) for f in findings]),
        max([len(headers[1])] + [len(f.verdict) for f in findings]),
        max([len(headers[2])] + [len(c) for f in findings for c in f.claims]),
    ]
    indent = sum(widths) + 3 * 2
    message_width = max(30, width - indent - 1)
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers[:3], widths, strict=True))
             + "  " + headers[3]]
    lines.append("  ".join("-" * w for w in widths) + "  " + "-" * min(message_width, 40))
    for finding in findings:
        message = _wrap(finding.message, message_width)
        ids = list(finding.claims) or [""]
        for row in range(max(len(message), len(ids))):
            cells = (
                finding.rule if row == 0 else "",
                finding.verdict if row == 0 else "",
                ids[row] if row < len(ids) else "",
            )
            head = "  ".join(cell.ljust(w) for cell, w in zip(cells, widths, strict=True))
            lines.append(f"{head}  {message[row] if row < len(message) else ''}".rstrip())
    return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


# ----------------------------------------------------------------------------- markdown


def _md(text: object) -> str:
    escaped = html.escape(printable(text), quote=False)
    escaped = re.sub(r"([\\`*_\[\]|#])", r"\\\1", escaped)
    return escaped.replace("\r", " ").replace("\n", " ")


def render_markdown(
    findings: Sequence[Finding], claims: Iterable[Claim] = (), title: str = "Claim check report"
) -> str:
    out = [f"# {_md(title)}", "", _md(summary_line(findings)), ""]
    shown, left_out = listed(findings)
    if left_out:
        out += ["| rule | " + " | ".join(VERDICTS) + " |", "|---" * (len(VERDICTS) + 1) + "|"]
        out += [f"| {_md(rule)} | " + " | ".join(f"{counts.get(v, 0):,}" for v in VERDICTS)
                + " |" for rule, counts in by_rule(findings)]
        out.append("")
    out += ["| rule | verdict | claims | message |", "|---|---|---|---|"]
    for f in shown:
        out.append(
            f"| {_md(f.rule)} | **{_md(f.verdict)}** | {_md(', '.join(f.claims))} | "
            f"{_md(f.message)} |"
        )
    if left_out:
        out += ["", _md(_left_out_note(left_out))]
    claim_rows = list(claims)
    if claim_rows:
        out += ["", "## Claims", "", "| id | figure | kind | scope | date | source | quote |",
                "|---|---|---|---|---|---|---|"]
        for c in claim_rows[:LIST_LIMIT]:
            cells = (c.id, fmt_figure(c), c.kind or "", c.scope or "", c.date or "",
                     c.source or "", c.quote or "")
            out.append("| " + " | ".join(_md(cell) for cell in cells) + " |")
        if len(claim_rows) > LIST_LIMIT:
            out += ["", _md(_more_claims_note(len(claim_rows)))]
    out += ["", "Tolerances and rules: `contested check --help`. Official areas: GeoNames "
            "(countries, CC-BY 4.0), US Census 2010 (states, DC).", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------- html

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2em;max-width:75em;color:#222}
table{border-collapse:collapse;width:100%;margin:1em 0}
th,td{border:1px solid #ccc;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.consistent{color:#176b2c}.loose{color:#8a6100}.inconsistent{color:#a11;font-weight:bold}
.unverifiable{color:#555}
"""


def render_html(
    findings: Sequence[Finding], claims: Iterable[Claim] = (), title: str = "Claim check report",
    figure_svg: str | None = None,
) -> str:
    """The report page; ``figure_svg`` (the ledger's timeline, an SVG our own renderer made
    with every text in it XML-escaped) goes between the findings and the claims."""
    def e(text: object) -> str:
        return html.escape(printable(text))

    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{e(title)}</h1>", f"<p>{e(summary_line(findings))}</p>",
    ]
    shown, left_out = listed(findings)
    if left_out:
        parts.append("<table><thead><tr><th>rule</th>" + "".join(
            f'<th class="{v}">{v}</th>' for v in VERDICTS) + "</tr></thead><tbody>")
        parts += ["<tr><td>" + e(rule) + "</td>" + "".join(
            f"<td>{counts.get(v, 0):,}</td>" for v in VERDICTS) + "</tr>"
            for rule, counts in by_rule(findings)]
        parts.append("</tbody></table>")
    parts.append("<table><thead><tr><th>rule</th><th>verdict</th><th>claims</th>"
                 "<th>message</th></tr></thead><tbody>")
    for f in shown:
        verdict = f.verdict if f.verdict in VERDICTS else "unverifiable"
        parts.append(
            f'<tr><td>{e(f.rule)}</td><td class="{verdict}">{e(f.verdict)}</td>'
            f"<td>{e(', '.join(f.claims))}</td><td>{e(f.message)}</td></tr>"
        )
    parts.append("</tbody></table>")
    if left_out:
        parts.append(f"<p>{e(_left_out_note(left_out))}</p>")
    if figure_svg:
        parts.append(f'<h2>Ledger</h2><figure class="timeline">{figure_svg}</figure>')
    claim_rows = list(claims)
    if claim_rows:
        parts.append("<h2>Claims</h2><table><thead><tr><th>id</th><th>figure</th><th>kind</th>"
                     "<th>scope</th><th>date</th><th>source</th><th>quote</th></tr></thead><tbody>")
        for c in claim_rows[:LIST_LIMIT]:
            cells = (c.id, fmt_figure(c), c.kind or "", c.scope or "", c.date or "",
                     c.source or "", c.quote or "")
            parts.append("<tr>" + "".join(f"<td>{e(str(cell))}</td>" for cell in cells) + "</tr>")
        parts.append("</tbody></table>")
        if len(claim_rows) > LIST_LIMIT:
            parts.append(f"<p>{e(_more_claims_note(len(claim_rows)))}</p>")
    parts.append("<p><small>Official areas: GeoNames (countries, CC-BY 4.0), US Census 2010 "
                 "(states, DC).</small></p></body></html>")
    return "\n".join(parts)


# ----------------------------------------------------------------------------- writing


REPORT_FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


def report_format(path: str | os.PathLike[str]) -> str:
    """"markdown" or "html" from the report's suffix; InputError naming ``path`` otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_FORMATS:
        raise InputError(f"unknown report format {suffix or '(none)'!r}", source=str(path),
                         hint="name the report .md or .html")
    return REPORT_FORMATS[suffix]


def write_report(
    path: str | os.PathLike[str], findings: Sequence[Finding], claims: Iterable[Claim] = (),
    figure_svg: str | None = None,
) -> Path:
    """Write a .md or .html report atomically (temp file in the same folder + os.replace).

    Raises InputError naming ``path`` for an unknown suffix, a missing or unwritable folder.
    """
    target = Path(path)
    if report_format(target) == "markdown":
        text = render_markdown(findings, claims)
    else:
        text = render_html(findings, claims, figure_svg=figure_svg)
    # A missing folder is refused, not created (contested.core.files: one policy for every writer).
    write_text_atomic(target, text)
    return target
