"""A map a reader understands at first glance, checked in a real browser (headless Debian
Chromium): offline by default, framed on the claims, controls that never overlap on a laptop
or a phone, reference shapes labelled beside themselves on screen, places without
coordinates drawn as their unit, and a page that grows linearly with stacked claims."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from browser import PageRecord, chromium, chromium_missing_reason, open_page
from click.testing import CliRunner

from contested import maps
from contested.claims.model import Claim, Comparison, Stated
from contested.cli import cli
from contested.maps.frames import frames_from_claims
from contested.maps.offline import remote_references
from contested.resolution import resolve_claims

EXAMPLE = Path(__file__).resolve().parents[1] / "contested" / "data" / "example_claims.yaml"
VIEWPORTS = {"laptop": (1024, 650), "phone": (390, 844)}
needs_chromium = pytest.mark.skipif(chromium_missing_reason() is not None,
                                    reason=chromium_missing_reason() or "")

CONTROL_BOXES = """() => Array.from(document.querySelectorAll(".leaflet-control"))
    .filter(el => el.offsetParent !== null && el.getClientRects().length)
    .map(el => { const r = el.getBoundingClientRect();
                 return [el.className, r.left, r.top, r.right, r.bottom]; })"""
SVG_BOX = """(selector) => Array.from(document.querySelectorAll(selector)).map(el => {
    const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })"""


@pytest.fixture(scope="module")
def browser():
    if chromium_missing_reason():
        pytest.skip(chromium_missing_reason())
    with chromium() as running:
        yield running


def _open(browser, path: Path, size=(1024, 650)):
    record = PageRecord()
    page = open_page(browser, record)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(250)
    return page, record


def _overlaps(boxes):
    return [(a[0], b[0]) for a, b in itertools.combinations(boxes, 2)
            if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1]


def _claim(claim_id, km2, place, **fields):
    return Claim(id=claim_id, stated=(Stated(km2, "km2", km2),), places=(place,), **fields)


@pytest.fixture(scope="module")
def example_map(tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("maps") / "example.html"
    result = CliRunner().invoke(cli, ["map", str(EXAMPLE), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


def test_map_is_offline_unless_tiles_are_asked_for(example_map, tmp_path):
    assert remote_references(example_map.read_text(encoding="utf-8")) == []
    online = tmp_path / "online.html"
    CliRunner().invoke(cli, ["map", str(EXAMPLE), "-o", str(online), "--online"],
                       catch_exceptions=False)
    assert "L.tileLayer(" in online.read_text(encoding="utf-8")


@needs_chromium
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_legend_and_controls_never_overlap(browser, example_map, viewport):
    page, record = _open(browser, example_map, VIEWPORTS[viewport])
    boxes = page.evaluate(CONTROL_BOXES)
    width, height = VIEWPORTS[viewport]
    page.close()
    assert len(boxes) >= 5  # zoom, title, layers, legend, slider, scale, credits
    assert _overlaps(boxes) == []
    assert all(0 <= b[1] and b[3] <= width + 1 and 0 <= b[2] and b[4] <= height + 1
               for b in boxes), boxes  # and every one on screen
    assert record.console_errors == []


@needs_chromium
def test_on_a_phone_the_layer_list_and_legend_start_folded(browser, example_map):
    page, _ = _open(browser, example_map, VIEWPORTS["phone"])
    expanded = page.locator(".leaflet-control-layers-expanded").count()
    legend_open = page.evaluate("() => document.querySelector('details.ct-legend-box').open")
    page.locator("details.ct-legend-box summary").click()
    page.wait_for_timeout(100)
    opened = page.evaluate("() => document.querySelector('details.ct-legend-box').open")
    boxes = page.evaluate(CONTROL_BOXES)
    page.close()
    assert expanded == 0 and legend_open is False and opened is True
    assert _overlaps(boxes) == []  # the opened legend scrolls in the room it has


@needs_chromium
def test_a_one_claim_map_opens_on_its_disk(browser, tmp_path):
    from test_export import RAQQA

    resolved = resolve_claims([_claim("one", 1500.0, RAQQA)], gazetteer=None)
    path = maps.save(maps.render(resolved), tmp_path / "one.html")
    page, _ = _open(browser, path)
    (disk,) = page.evaluate(SVG_BOX, 'path[stroke="#4575b4"]')
    page.close()
    width = disk[2] - disk[0]
    assert width > 200  # was a dot on a map of all of Iraq and Syria
    assert 0 < disk[0] and disk[2] < 1024 and 0 < disk[1] and disk[3] < 650


@needs_chromium
def test_reference_shape_is_labelled_beside_itself_on_screen(browser, tmp_path):
    from test_export import IRAQ

    resolved = resolve_claims([_claim("swe", 110000.0, IRAQ,
                                      comparison=Comparison(("Sweden",)))], gazetteer=None)
    path = maps.save(maps.render(resolved), tmp_path / "sweden.html")
    page, _ = _open(browser, path)
    label = page.evaluate(SVG_BOX, ".ct-ref-label")
    outline = page.evaluate(SVG_BOX, 'path[stroke="#8c510a"]')
    page.close()
    (box,), (shape,) = label, outline
    assert 0 <= box[0] and box[2] <= 1024 and 0 <= box[1] and box[3] <= 650
    assert shape[1] - 40 <= box[3] <= shape[3]  # sitting on the outline, not far away
    assert shape[0] <= (box[0] + box[2]) / 2 <= shape[2]


def test_a_country_compared_with_a_claim_inside_it_is_not_redrawn():
    from test_export import IRAQ

    resolved = resolve_claims([_claim("forty", 170000.0, IRAQ,
                                      comparison=Comparison(("Iraq",), factor=0.4))],
                              gazetteer=None)
    groups = maps.layers(frames_from_claims(resolved))
    assert "Reference" not in " ".join(g.layer_name for g in groups)


@needs_chromium
def test_a_place_without_coordinates_is_drawn_as_its_unit_hatched(browser, tmp_path):
    from contested.gazetteer.place import Place

    akashat = Place(query="Akashat", name="Akashat", lat=33.2317, lon=41.5307, country="IQ",
                    admin1="Al-Anbar", kind="town", id="supplement:akashat", score=1.0,
                    precision="admin1", admin1_id="IRQ-3471")
    resolved = resolve_claims([_claim("ak", 500.0, akashat)], gazetteer=None)
    frames = frames_from_claims(resolved)
    assert len(frames.disks) == 0 and frames.unplaced["unit_name"].tolist() == ["Al-Anbar"]
    path = maps.save(maps.render(frames), tmp_path / "akashat.html")
    page, _ = _open(browser, path)
    hatched = page.locator('path[fill="url(#ct-hatch-unit)"]').count()
    legend = page.locator(".ct-legend").inner_text()
    page.close()
    assert hatched == 1 and "place without published coordinates" in legend


def test_a_dateline_is_no_place_of_the_claims(gazetteer):
    from contested.claims.extract import extract_claims

    text = ("BAGHDAD, Dec. 9 (Reuters) - Iraqi forces have liberated more than 3,000 square "
            "kilometres around Hawija, the army said.")
    (claim,) = extract_claims(text, source="wire.txt", gazetteer=gazetteer)
    assert [place.name for place in claim.places] == ["Al Ḩawījah"]


def test_a_stack_of_disks_lists_each_claim_a_fixed_number_of_times(gazetteer):
    from test_export import IRAQ

    def page_for(n):
        claims = [_claim(f"stacked-{i:03d}", 1000.0 + 37 * i, IRAQ) for i in range(n)]
        return maps.render(resolve_claims(claims, gazetteer=None)).get_root().render()

    small, large = page_for(40), page_for(80)
    assert large.count("stacked-017") == small.count("stacked-017") <= 4
    # Twice the claims, about twice the bytes (a copy of the list per popup: four times).
    base = len(page_for(1))
    assert (len(large) - base) / (len(small) - base) < 2.3


def test_above_the_threshold_one_circle_per_place_and_the_legend_says_so():
    from test_export import IRAQ, RAQQA

    claims = [_claim(f"c{i}", 500.0 + i, [IRAQ, RAQQA][i % 2]) for i in range(30)]
    folium_map = maps.render(resolve_claims(claims, gazetteer=None), aggregate_above=10)
    page = folium_map.get_root().render()
    assert "30 claims at 2 places: one circle per place" in page
    assert page.count('"radius_m"') == 2
