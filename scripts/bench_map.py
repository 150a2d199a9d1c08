"""Benchmark the seed map: file size offline and online, first render in headless Chromium,
console errors, network requests offline, and XSS payloads in every text field.

Usage:  python scripts/bench_map.py [CLAIMS...] [--screenshot docs/seed_map.png]

Without CLAIMS it maps the bundled example (contested/data/example_claims.yaml). Needs
/usr/bin/chromium (Debian package) and playwright (the `test` extra). Prints one line per
figure; exits 1 when a must-show limit is broken.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the browser helpers the tests use

from browser import (  # noqa: E402
    OPEN_EVERY_POPUP_AND_TOOLTIP,
    PageRecord,
    chromium,
    chromium_missing_reason,
    open_page,
)

OFFLINE_LIMIT_BYTES = 1_500_000
ONLINE_LIMIT_BYTES = 600_000
FIRST_RENDER_LIMIT_MS = 2000
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"></div><svg onload=alert(1)>',
    "</script><script>alert(1)</script>",
)
FIRST_FRAME_AFTER_LOAD = """() => new Promise(resolve => requestAnimationFrame(() =>
    resolve(performance.now())))"""


def hostile(claims):
    """The same claims with an XSS payload in every text field a document supplies."""
    out = []
    for index, claim in enumerate(claims):
        payload = PAYLOADS[index % len(PAYLOADS)]
        out.append(replace(
            claim,
            id=f"{claim.id}{payload}",
            quote=f"{claim.quote or ''} {payload}",
            source=f"{claim.source or ''} {PAYLOADS[(index + 1) % len(PAYLOADS)]}",
            speaker=f"{claim.speaker or ''} {PAYLOADS[(index + 2) % len(PAYLOADS)]}",
            date=claim.date,
        ))
    return out


def build(resolved, findings, offline: bool, path: Path, title: str) -> tuple[float, int]:
    from contested import maps
    from contested.maps.frames import frames_from_claims

    started = time.perf_counter()
    frames = frames_from_claims(resolved)
    folium_map = maps.render(frames, findings, offline=offline, title=title)
    maps.save(folium_map, path, offline=offline)
    return time.perf_counter() - started, path.stat().st_size


def browse(browser, path: Path, offline: bool, screenshot: Path | None = None) -> dict:
    from contested.maps.offline import asset_text

    record = PageRecord()
    fulfil = None
    if not offline:  # answer the CDN and tile requests locally: nothing leaves the machine
        fulfil = {
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js":
                ("application/javascript", asset_text("leaflet/leaflet.js").encode()),
            "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css":
                ("text/css", asset_text("leaflet/leaflet.css").encode()),
            "https://": ("image/png", b""),
        }
    page = open_page(browser, record, fulfil)
    page.goto(path.as_uri(), wait_until="load")
    first_frame_ms = page.evaluate(FIRST_FRAME_AFTER_LOAD)
    shapes = page.locator("path.leaflet-interactive").count()
    if screenshot is not None:
        page.wait_for_timeout(300)
        page.screenshot(path=str(screenshot))
    opened = page.evaluate(OPEN_EVERY_POPUP_AND_TOOLTIP)
    page.wait_for_timeout(200)
    alerts = page.evaluate("window.__alerts")
    page.close()
    remote = [u for u in record.requests if not u.startswith(("file:", "data:"))]
    return {
        "first_frame_ms": first_frame_ms,
        "shapes": shapes,
        "console_errors": record.console_errors,
        "remote_requests": remote,
        "alerts": alerts + record.dialogs,
        "opened": opened,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("claims", nargs="*", type=Path,
                        default=[REPO / "contested" / "data" / "example_claims.yaml"])
    parser.add_argument("--screenshot", type=Path, default=None,
                        help="save a screenshot of the offline map here (docs/seed_map.png)")
    parser.add_argument("--title", default="War on ISIS: area claims, 2017–2020")
    args = parser.parse_args()
    reason = chromium_missing_reason()
    if reason:
        print(reason, file=sys.stderr)
        return 2

    from dataclasses import replace as replace_field

    from contested.pipeline import check_resolved, load_resolved

    resolved = load_resolved(args.claims)  # places resolved once, mentions of the texts kept
    claims = list(resolved.claims)
    findings = check_resolved(resolved)
    print(f"claims: {len(claims)} from {', '.join(p.name for p in args.claims)}; "
          f"findings: {len(findings)}; places the texts name: {len(resolved.mentions)}")
    failures = []
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        tmp_dir = Path(tmp)
        for offline in (True, False):
            mode = "offline" if offline else "online"
            path = tmp_dir / f"seed_{mode}.html"
            seconds, size = build(resolved, findings, offline, path, args.title)
            limit = OFFLINE_LIMIT_BYTES if offline else ONLINE_LIMIT_BYTES
            result = browse(browser, path, offline, args.screenshot if offline else None)
            print(f"{mode}: {size / 1000:,.0f} kB (limit {limit / 1000:,.0f} kB); "
                  f"built in {seconds:.2f} s; first frame after load "
                  f"{result['first_frame_ms']:.0f} ms (limit {FIRST_RENDER_LIMIT_MS} ms); "
                  f"{result['shapes']} shapes; console errors {len(result['console_errors'])}; "
                  + (f"requests leaving the file {len(result['remote_requests'])}" if offline
                     else f"CDN/tile requests (answered locally) {len(result['remote_requests'])}"))
            if size > limit:
                failures.append(f"{mode} size")
            if result["first_frame_ms"] > FIRST_RENDER_LIMIT_MS:
                failures.append(f"{mode} first render")
            if result["console_errors"]:
                failures.append(f"{mode} console errors: {result['console_errors'][:3]}")
            if offline and result["remote_requests"]:
                failures.append(f"offline requests: {result['remote_requests'][:3]}")

        path = tmp_dir / "hostile.html"
        hostile_resolved = replace_field(resolved, claims=tuple(hostile(claims)))
        build(hostile_resolved, check_resolved(hostile_resolved), True, path, PAYLOADS[0])
        result = browse(browser, path, True)
        print(f"xss: {len(PAYLOADS)} payloads in id, quote, source, speaker and title of "
              f"{len(claims)} claims; opened {result['opened']['popups']} popups and "
              f"{result['opened']['tooltips']} tooltips; alerts/dialogs {len(result['alerts'])}; "
              f"console errors {len(result['console_errors'])}")
        if result["alerts"] or result["console_errors"]:
            failures.append(f"xss: {result['alerts'][:3]} {result['console_errors'][:3]}")
    if args.screenshot:
        print(f"screenshot: {args.screenshot}")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
