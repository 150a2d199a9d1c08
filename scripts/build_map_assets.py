"""Fetch the browser assets an offline map inlines, from the npm registry, into maps/assets/.

Usage:  python scripts/build_map_assets.py [--out maps/assets]

Everything folium 0.20 loads from CDNs by default, so that any folium map (a notebook's, with
our layers on it) can be saved to open with no network: Leaflet 1.9.3 (JS, CSS, the control
images the CSS points at, and the default marker icons), jQuery, Bootstrap 5, the Bootstrap 3
glyphicons, Font Awesome and Leaflet.awesome-markers. Our own maps use only Leaflet and
``maps.offline`` inlines only that into them; the rest is inlined into other folium maps.

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
    target: str | None = None  # folder under maps/assets (default: the package name)


ASSETS = (
    NpmAsset(
        package="leaflet",
        version="1.9.3",
        files=("dist/leaflet.js", "dist/leaflet.css", "dist/images/marker-icon.png",
               "dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"),
        licence="LICENSE",
        folium_url="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/",
    ),
    NpmAsset(
        package="jquery",
        version="3.7.1",
        files=("dist/jquery.min.js",),
        licence="LICENSE.txt",
        folium_url="https://code.jquery.com/jquery-3.7.1.min.js",
    ),
    NpmAsset(
        package="bootstrap",
        version="5.2.2",
        files=("dist/js/bootstrap.bundle.min.js", "dist/css/bootstrap.min.css"),
        licence="LICENSE",
        folium_url="https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/",
    ),
    # folium links the glyphicons stylesheet of Bootstrap 3.0.0, which npm does not have;
    # the same rules and font come from 3.1.1 (glyphicons.css: only the glyphicon rules).
    NpmAsset(
        package="bootstrap",
        version="3.1.1",
        files=("dist/css/bootstrap.css",),
        licence="LICENSE",
        folium_url="https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/"
                   "bootstrap-glyphicons.css",
        target="bootstrap3",
    ),
    NpmAsset(
        package="@fortawesome/fontawesome-free",
        version="6.2.0",
        # The core rules and the three fonts, each once (all.min.css repeats every font for
        # the v4/v5 family names: a megabyte once inlined).
        files=("css/fontawesome.min.css", "css/solid.min.css", "css/regular.min.css",
               "css/brands.min.css"),
        licence="LICENSE.txt",
        folium_url="https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/",
        target="fontawesome",
    ),
    # Leaflet.awesome-markers 2.0.2 as published on npm by its packager (drmonty-...).
    NpmAsset(
        package="drmonty-leaflet-awesome-markers",
        version="2.0.2",
        files=("js/leaflet.awesome-markers.js", "css/leaflet.awesome-markers.css"),
        licence="package.json",  # MIT, declared there; no licence file in the package
        folium_url="https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/",
        target="awesome-markers",
    ),
)

_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|#)([^)'\"]+)\1\)")
# Font files a browser may pick instead of woff2/woff: dropped from @font-face src lists.
_OLD_FONT_SRC = re.compile(
    r",?\s*url\((['\"]?)[^)'\"]+\.(?:ttf|eot|svg)(?:[?#][^)'\"]*)?\1\)\s*"
    r"(?:format\((['\"]?)[^)]*\2\))?")
_MIME = {"png": "image/png", "woff2": "font/woff2", "woff": "font/woff", "gif": "image/gif"}


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


def inline_css_urls(css: str, tar: tarfile.TarFile, css_path: str) -> str:
    """Replace relative url(...) in a stylesheet (images, woff2/woff fonts) with data: URIs
    read from the same tarball; older font formats are dropped from @font-face lists."""
    folder = css_path.rsplit("/", 1)[0]
    css = re.sub(r"src:\s*url\((['\"]?)[^)]+\.eot\1\);", "", css)
    css = _OLD_FONT_SRC.sub("", css)

    def data_uri(match: re.Match[str]) -> str:
        relative = match.group(2).split("?")[0].split("#")[0]
        path = str(Path(folder, relative)).replace("\\", "/")
        parts: list[str] = []
        for piece in path.split("/"):
            if piece == "..":
                parts.pop()
            elif piece != ".":
                parts.append(piece)
        member = tar.extractfile("package/" + "/".join(parts))
        if member is None:
            raise SystemExit(f"{css_path}: {relative} is not in the package")
        mime = _MIME[relative.rsplit(".", 1)[-1]]
        return f'url("data:{mime};base64,{base64.b64encode(member.read()).decode()}")'

    return _CSS_URL.sub(data_uri, css)


def glyphicon_rules(css: str) -> str:
    """Only the glyphicon rules (and their @font-face) of a whole Bootstrap 3 stylesheet."""
    blocks = re.findall(r"[^{}]+\{[^{}]*\}", css)
    kept = [b.strip() for b in blocks if "glyphicon" in b.split("{")[0].lower()
            or "Glyphicons Halflings" in b]
    return "\n".join(kept) + "\n"


def rotation_rules() -> str:
    """What folium's leaflet.awesome.rotate stylesheet provides: .fa-rotate-N turns an
    icon by N degrees (N = 1..359), written here as a loop."""
    return "".join(f".fa-rotate-{n}{{transform:rotate({n}deg)}}" for n in range(1, 360)) + "\n"


def write_member(tar: tarfile.TarFile, path: str, package_dir: Path) -> Path:
    """Write one file of the package (binary as is, CSS with its urls inlined)."""
    member = tar.extractfile(f"package/{path}")
    if member is None:
        raise SystemExit(f"no {path} in the package")
    target = package_dir / Path(path).name
    if path.endswith(".png"):
        target.write_bytes(member.read())
        return target
    text = member.read().decode("utf-8")
    if path.endswith("bootstrap.css"):
        text, target = glyphicon_rules(text), package_dir / "glyphicons.css"
    if path.endswith(".css"):
        text = inline_css_urls(text, tar, path)
    target.write_text(text, encoding="utf-8")
    return target


def build(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    provenance = [
        "# Provenance of the inlined map assets",
        "",
        "Written by `scripts/build_map_assets.py` (do not edit by hand). Each package was",
        "downloaded with `npm pack` from registry.npmjs.org; the tarball's sha512 was checked",
        "against npm's integrity string. CSS `url(...)` references (images, fonts) are inlined",
        "as data: URIs; nothing else is changed.",
        "",
        "| package | version | files | licence | tarball integrity | folium loads it from |",
        "|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        for asset in ASSETS:
            tarball, meta = npm_pack(asset.package, asset.version, Path(tmp))
            package_dir = out_dir / (asset.target or asset.package)
            package_dir.mkdir(parents=True, exist_ok=True)
            with tarfile.open(tarball) as tar:
                for path in (*asset.files, asset.licence):
                    target = write_member(tar, path, package_dir)
                    print(f"wrote {target} ({target.stat().st_size:,} bytes)", file=sys.stderr)
            files = ", ".join(Path(p).name for p in asset.files)
            provenance.append(
                f"| {asset.package} | {asset.version} | {files} | {asset.target or asset.package}/"
                f"{Path(asset.licence).name} | `{meta['integrity']}` | {asset.folium_url} |"
            )
    (out_dir / "folium").mkdir(exist_ok=True)
    (out_dir / "folium" / "awesome-rotate.css").write_text(rotation_rules(), encoding="utf-8")
    provenance += [
        "| (written here) | — | folium/awesome-rotate.css | — | — | folium's "
        "leaflet.awesome.rotate.min.css: `.fa-rotate-N` rules generated by a loop |",
        "",
        "Bootstrap 3.0.0's glyphicons stylesheet, which folium links, is not on npm: the same",
        "glyphicon rules and font are taken from bootstrap@3.1.1 (`glyphicons.css` keeps only",
        "them). @font-face lists keep woff2/woff (inlined) and drop ttf/eot/svg. The maps",
        "`contested` draws use only Leaflet; the rest is inlined into other folium maps saved",
        "offline (`contested.save_map(any_map, path)`).",
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
