"""The map in a real browser (headless Debian Chromium): layers, legend, popups, no console
errors, no network offline, and document text that cannot run."""

from __future__ import annotations

import base64

import pytest
from browser import (
    OPEN_EVERY_POPUP_AND_TOOLTIP,
    PageRecord,
    chromium,
    chromium_missing_reason,
    open_page,
)
from maps_fixtures import XSS_PAYLOADS, sample_frames, write_hostile_claims

from contested import maps
from contested.maps.layers import LAYER_NAMES
from contested.maps.offline import asset_text

pytestmark = pytest.mark.skipif(
    chromium_missing_reason() is not None, reason=chromium_missing_reason() or ""
)

FINDINGS = [{"rule": "units", "verdict": "inconsistent", "claims": ["a.txt:1"],
             "message": "<img src=x onerror=alert(1)>"}]
PNG_1PX = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def offline_page_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "offline.html"
    folium_map = maps.render(sample_frames(hostile=True), FINDINGS, offline=True,
                             title="<script>alert(1)</script>")
    return maps.save(folium_map, path, offline=True)


def _load(browser, path, record, fulfil=None):
    page = open_page(browser, record, fulfil)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page


def test_offline_map_draws_every_layer_with_legend_and_layer_control(browser, offline_page_file):
    record = PageRecord()
    page = _load(browser, offline_page_file, record)
    overlays = page.locator(".leaflet-control-layers-overlays label")
    labels = [label.strip() for label in overlays.all_inner_texts()]
    assert labels == [LAYER_NAMES[k] for k in ("admin", "references", "disks", "places")]
    assert page.locator(".ct-legend").is_visible()
    assert "inconsistent" in page.locator(".ct-legend").inner_text()
    # 2 admin units + 1 reference + 2 disks + 2 places + country outlines
    assert page.locator("path.leaflet-interactive").count() == 7
    page.close()
    assert record.console_errors == []


def test_offline_map_makes_no_network_request(browser, offline_page_file):
    record = PageRecord()
    page = _load(browser, offline_page_file, record)
    page.evaluate(OPEN_EVERY_POPUP_AND_TOOLTIP)
    page.mouse.wheel(0, -300)  # zoom: no tiles should be asked for
    page.wait_for_timeout(300)
    page.close()
    assert [url for url in record.requests if not url.startswith(("file:", "data:"))] == []


def test_payloads_in_every_popup_and_tooltip_execute_nothing(browser, offline_page_file):
    record = PageRecord()
    page = _load(browser, offline_page_file, record)
    opened = page.evaluate(OPEN_EVERY_POPUP_AND_TOOLTIP)
    assert opened["popups"] >= 7 and opened["tooltips"] >= 7
    page.wait_for_timeout(200)  # let any injected <img onerror> fire
    tooltip_text = page.evaluate("document.querySelector('.leaflet-tooltip-pane').textContent")
    alerts = page.evaluate("window.__alerts")
    injected = page.evaluate(
        "document.querySelectorAll('.leaflet-popup-pane img, .leaflet-tooltip-pane img,"
        " .leaflet-popup-pane svg, .leaflet-tooltip-pane svg, body script:not([src])').length"
    )
    title = page.title()
    page.close()
    assert alerts == [] and record.dialogs == []
    assert record.console_errors == []
    # The payloads are there, as text.
    assert "<script>alert(1)</script>" in tooltip_text
    assert "<img src=x onerror=alert(1)>" in tooltip_text
    assert title == "<script>alert(1)</script>"
    # Our page has its own inline scripts in body, but no popup/tooltip holds an element.
    scripts_in_page = offline_page_file.read_text(encoding="utf-8").count("<script>")
    assert injected <= scripts_in_page


UNIT_FILLS = """() => Array.from(document.querySelectorAll("path.leaflet-interactive"))
    .map(p => p.getAttribute("fill"))"""


def test_time_slider_hides_claims_after_the_chosen_date_in_every_layer(browser,
                                                                       offline_page_file):
    record = PageRecord()
    page = _load(browser, offline_page_file, record)
    before = page.locator("path.leaflet-interactive").count()
    fills_before = page.evaluate(UNIT_FILLS)
    slider = page.locator(".ct-slider input")
    slider.evaluate("el => { el.value = 0; el.dispatchEvent(new Event('input')); }")
    after = page.locator("path.leaflet-interactive").count()
    fills_after = page.evaluate(UNIT_FILLS)
    label = page.locator(".ct-slider-label").inner_text()
    page.close()
    # At the first date (2017-02-15) the reference shape, that disk and its place stay; the
    # later claim's disk and its place go, and the unit only it reached loses its shading.
    assert after == before - 2
    assert fills_before.count("#ffffff") == 0 and fills_after.count("#ffffff") == 1
    assert label.startswith("up to 2017-02-15")
    assert record.console_errors == []


def test_online_map_asks_only_for_leaflet_and_tiles(browser, tmp_path):
    path = maps.save(maps.render(sample_frames(hostile=True), FINDINGS, offline=False),
                     tmp_path / "online.html", offline=False)
    record = PageRecord()
    fulfil = {
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js":
            ("application/javascript", asset_text("leaflet/leaflet.js").encode()),
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css":
            ("text/css", asset_text("leaflet/leaflet.css").encode()),
        "https://server.arcgisonline.com/": ("image/png", PNG_1PX),
    }
    page = _load(browser, path, record, fulfil)
    page.wait_for_timeout(300)
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    page.close()
    remote = {url.split("/")[2] for url in record.requests if url.startswith("http")}
    assert remote == {"cdn.jsdelivr.net", "server.arcgisonline.com"}
    assert "Esri" in attribution
    assert record.console_errors == []


def test_hostile_claims_file_through_the_pipeline_executes_nothing(browser, tmp_path):
    from contested.checks import run_checks
    from contested.claims.claim_files import load_claims
    from contested.gazetteer import default_gazetteer
    from contested.resolution import resolve_claims

    claims = resolve_claims(load_claims([write_hostile_claims(tmp_path / "hostile.yaml")]),
                            gazetteer=default_gazetteer())
    folium_map = maps.render(claims, run_checks(claims), offline=True, title=XSS_PAYLOADS[3])
    path = maps.save(folium_map, tmp_path / "hostile.html", offline=True)
    record = PageRecord()
    page = _load(browser, path, record)
    opened = page.evaluate(OPEN_EVERY_POPUP_AND_TOOLTIP)
    page.wait_for_timeout(200)
    alerts = page.evaluate("window.__alerts")
    text = page.evaluate("document.querySelector('.leaflet-tooltip-pane').textContent")
    page.close()
    assert opened["popups"] >= 4  # 2 disks, 2 places (+ admin units, references)
    assert alerts == [] and record.dialogs == [] and record.console_errors == []
    assert XSS_PAYLOADS[0] in text and XSS_PAYLOADS[1] in text  # claim ids, in tooltips


VISIBLE_LABEL_BOXES = """() => Array.from(document.querySelectorAll(
        ".ct-label, .ct-ref-label, .ct-part-label"))
    .filter(el => el.offsetParent !== null && !el.classList.contains("ct-clash"))
    .map(el => { const r = el.getBoundingClientRect();
                 return [el.textContent, r.left, r.top, r.right, r.bottom]; })"""
SET_VIEW = """([lat, lon, zoom]) => {
    const map = Object.values(window).find(v => v instanceof L.Map);
    map.setView([lat, lon], zoom, {animate: false});
}"""


@pytest.fixture(scope="module")
def stacked_page_file(tmp_path_factory):
    from maps_fixtures import STACKED_FINDINGS, stacked_frames

    path = tmp_path_factory.mktemp("maps") / "stacked.html"
    folium_map = maps.render(stacked_frames(hostile=True), STACKED_FINDINGS, offline=True)
    return maps.save(folium_map, path, offline=True)


def _overlapping(boxes):
    return [
        (a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
        if a[1] < b[3] and a[3] > b[1] and a[2] < b[4] and a[4] > b[2]
    ]


def test_labels_that_would_overlap_are_hidden_and_far_out_none_show(browser, stacked_page_file):
    record = PageRecord()
    page = _load(browser, stacked_page_file, record)
    page.evaluate(SET_VIEW, [33.4, 43.4, 6.5])
    page.wait_for_timeout(200)
    boxes = page.evaluate(VISIBLE_LABEL_BOXES)
    clashing = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ct-clash')).map(el => el.textContent)")
    page.evaluate(SET_VIEW, [33.4, 43.4, 4])
    page.wait_for_timeout(200)
    far = page.evaluate(VISIBLE_LABEL_BOXES)
    alerts = page.evaluate("window.__alerts")
    page.close()
    assert boxes and _overlapping(boxes) == []
    assert [text.strip() for text in clashing] == ["Fallujah"]
    assert far == []
    assert alerts == [] and record.console_errors == []


def test_named_side_is_hatched_and_matching_references_start_hidden(browser, stacked_page_file):
    record = PageRecord()
    page = _load(browser, stacked_page_file, record)
    hatched = page.locator('path[fill="url(#ct-hatch)"]').count()
    pattern = page.locator("pattern#ct-hatch").count()
    overlays = page.locator(".leaflet-control-layers-overlays label")
    ticked = {label.inner_text().strip(): label.locator("input").is_checked()
              for label in overlays.all()}
    page.close()
    assert hatched == 1 and pattern == 1
    assert ticked[LAYER_NAMES["references"]] is True
    assert ticked[LAYER_NAMES["references_matching"]] is False
    assert record.console_errors == []
