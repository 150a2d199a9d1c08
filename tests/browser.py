"""Headless Debian Chromium driven by Playwright, for the map tests and the benchmark.

Never ``playwright install``: the system chromium is used, and tests skip without it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]

# Every path, marker and circle Leaflet drew, opened: popups and tooltips hold document text.
OPEN_EVERY_POPUP_AND_TOOLTIP = """() => {
    const maps = Object.values(window).filter(v => v instanceof L.Map);
    let popups = 0, tooltips = 0;
    maps.forEach(map => map.eachLayer(layer => {
        if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); tooltips++; }
        if (layer.getPopup && layer.getPopup()) { layer.openPopup(); popups++;
            document.body.setAttribute("data-last-popup", layer.getPopup().getContent()); }
    }));
    return {popups, tooltips};
}"""

ALERT_HOOK = """
window.__alerts = [];
for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = (message) => { window.__alerts.push(String(message)); };
}
"""


def chromium_missing_reason() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (apt-get install chromium); browser tests skipped"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]'); browser tests skipped"
    return None


@dataclass
class PageRecord:
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium with a throw-away profile (a Playwright ``BrowserContext``)."""
    from playwright.sync_api import sync_playwright

    profile = tempfile.mkdtemp(prefix="contested-chromium-")
    try:
        with sync_playwright() as playwright:
            # Playwright passes --user-data-dir itself for a persistent context.
            browser = playwright.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), args=FLAGS, headless=True,
                viewport={"width": 1280, "height": 860},
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def open_page(browser, record: PageRecord, fulfil: dict[str, tuple[str, bytes]] | None = None):
    """A page that logs console errors, dialogs and every request (only file: and data:
    are let through; URLs starting with a key of ``fulfil`` get its (content type, body))."""
    page = browser.new_page()
    page.add_init_script(ALERT_HOOK)
    page.on("console",
            lambda m: record.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))

    def on_dialog(dialog) -> None:
        record.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def route(request_route) -> None:
        url = request_route.request.url
        record.requests.append(url)
        if url.startswith(("file:", "data:")):
            request_route.continue_()
            return
        for prefix, (content_type, body) in (fulfil or {}).items():
            if url.startswith(prefix):
                request_route.fulfill(status=200, content_type=content_type, body=body)
                return
        request_route.abort()

    page.route("**/*", route)
    return page
