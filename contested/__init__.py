"""contested: put claims about contested territory on the map and test them.

The Python API mirrors the command line and returns plain dataclasses, GeoDataFrames
(EPSG:4326) and folium objects::

    import contested
    place = contested.resolve("Huwayjah")                  # gazetteer.Place
    claims = contested.extract(open("article.txt").read())  # list[geo.claim.Claim]
    claims = contested.load_claims(["claims.yaml", "article.txt"])
    findings = contested.check(claims)                      # list[geo.checks.Finding]
    frame = contested.layer(claims)                         # GeoDataFrame, one row per claim
    contested.export(claims, "claims.gpkg")
    folium_map = contested.render(claims, findings)         # folium.Map; add your own layers

Names are imported on first use, so ``import contested`` is cheap. The layers are the
packages :mod:`gazetteer`, :mod:`geo` and :mod:`maps`; the command line is
:mod:`contested.cli`; :mod:`contested.pipeline` wires the steps of ``contested run``.
"""

from __future__ import annotations

from geo.lazy import lazy_exports

__version__ = "0.1.0"

# public name -> "module:attribute"
_EXPORTS = {
    "resolve": "contested.pipeline:resolve",
    "extract": "geo.extract:extract_claims",
    "load_claims": "geo.claims_io:load_claims",
    "save_claims": "geo.claims_io:save_claims",
    "check": "geo.checks:run_checks",
    "layer": "geo.attach:layer",
    "export": "geo.export:export",
    "layers": "maps:layers",
    "render": "maps:render",
    "save_map": "maps:save",
    "run_pipeline": "contested.pipeline:run_pipeline",
    "Place": "gazetteer.place:Place",
    "Claim": "geo.claim:Claim",
    "ContestedError": "gazetteer.exceptions:ContestedError",
    "InputError": "gazetteer.exceptions:InputError",
    "UnknownPlace": "gazetteer.exceptions:UnknownPlace",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
