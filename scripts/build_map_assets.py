"""Fetch the browser assets an offline map inlines, from the npm registry, into maps/assets/.

Usage:  python scripts/build_map_assets.py [--out maps/assets]

What our maps use of what folium 0.20 loads from CDNs: Leaflet 1.9.3 (JS, CSS, and the
control images the CSS points at). folium's other defaults (jQuery, Bootstrap, glyphicons,
Font Awesome, Leaflet.awesome-markers) are not used by our layers: places are CircleMarkers,
the legend and time slider are plain Leaflet controls, so ``maps.offline`` leaves them out
of the page rather than inline half a megabyte of unused code and web fonts.

Each package comes from ``npm pack NAME@VERSION`` (the version folium references), its
integrity hash is checked against what npm reports, and its licence file is kept beside the
files. The CSS gets its ``url(images/...)`` references replaced with data: URIs so the
inlined stylesheet makes no request. Output (committed): ``maps/assets/<package>/...`` and
``maps/assets/PROVENANCE.md``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class NpmAsset:
    package: str
    version: str
    files: tuple[str, ...]  # paths inside the package tarball (under package/)
    licence: str
    folium_url: str  # what folium links to, for the record


ASSETS = (
    NpmAsset(
        package="leaflet",
        version="1.9.3",
        files=("dist/leaflet.js", "dist/leaflet.css"),
        licence="LICENSE",
        folium_url="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/",
    ),
)

_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


def npm_pack(package: str, version: str, workdir: Path) -> tuple[Path, dict]:
    """Download NAME@VERSION as a tarball with ``npm pack``; return it and npm's metadata."""
    result = subprocess.run(
        ["npm", "pack", f"{package}@{version}", "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    meta = json.loads(result.stdout)[0]
    tarball = workdir / meta["filename"]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if meta["integrity"] != f"sha512-{digest}":
        raise SystemExit(f"{tarball.name}: sha512 differs from npm's {meta['integrity']}")
    return tarball, meta


def inline_css_images(css: str, tar: tarfile.TarFile, css_path: str) -> str:
    """Replace url(images/x.png) in a stylesheet with data: URIs read from the same tarball."""
    folder = css_path.rsplit("/", 1)[0]

    def data_uri(match: re.Match[str]) -> str:
        member = tar.extractfile(f"package/{folder}/{match.group(2)}")
        if member is None:
            raise SystemExit(f"{css_path}: {match.group(2)} is not in the package")
        encoded = base64.b64encode(member.read()).decode()
        return f'url("data:image/png;base64,{encoded}")'

    return _CSS_URL.sub(data_uri, css)


def build(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    provenance = [
        "# Provenance of the inlined map assets",
        "",
        "Written by `scripts/build_map_assets.py` (do not edit by hand). Each package was",
        "downloaded with `npm pack` from registry.npmjs.org; the tarball's sha512 was checked",
        "against npm's integrity string. CSS `url(images/...)` references are inlined as",
        "data: URIs; nothing else is changed.",
        "",
        "| package | version | files | licence | tarball integrity | folium loads it from |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for asset in ASSETS:
            tarball, meta = npm_pack(asset.package, asset.version, Path(tmp))
            package_dir = out_dir / asset.package
            package_dir.mkdir(parents=True, exist_ok=True)
            with tarfile.open(tarball) as tar:
                for path in (*asset.files, asset.licence):
                    member = tar.extractfile(f"package/{path}")
                    if member is None:
                        raise SystemExit(f"{asset.package}@{asset.version}: no {path}")
                    text = member.read().decode("utf-8")
                    if path.endswith(".css"):
                        text = inline_css_images(text, tar, path)
                    target = package_dir / Path(path).name
                    target.write_text(text, encoding="utf-8")
                    print(f"wrote {target} ({len(text):,} chars)", file=sys.stderr)
            files = ", ".join(Path(p).name for p in asset.files)
            provenance.append(
                f"| {asset.package} | {asset.version} | {files} | {asset.package}/"
                f"{Path(asset.licence).name} | `{meta['integrity']}` | {asset.folium_url} |"
            )
    provenance += [
        "",
        "Not inlined: folium's other default assets (jQuery, Bootstrap 5, Bootstrap 3",
        "glyphicons, Font Awesome, Leaflet.awesome-markers). The maps `contested` draws use",
        "none of them; `maps.offline` removes their links from the page.",
        "",
    ]
    (out_dir / "PROVENANCE.md").write_text("\n".join(provenance), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "maps" / "assets")
    args = parser.parse_args()
    build(args.out)


if __name__ == "__main__":
    main()
