"""contested: put claims about contested territory on the map and test them.

The Python API mirrors the command line and returns plain dataclasses, GeoDataFrames
(EPSG:4326) and folium objects::

    import contested
    place = contested.resolve("Huwayjah")                  # gazetteer.Place
    claims = contested.extract(open("article.txt").read())  # list[contested.claims.model.Claim]
    claims = contested.load_claims(["claims.yaml", "article.txt"])
    findings = contested.check(claims)                      # list[contested.checks.Finding]
    frame = contested.layer(claims)                         # GeoDataFrame, one row per claim
    contested.export(claims, "claims.gpkg")
    folium_map = contested.render(claims, findings)         # folium.Map; add your own layers

Names are imported on first use, so ``import contested`` is cheap. The layers are the
packages :mod:`gazetteer`, :mod:`geo` and :mod:`maps`; the command line is
:mod:`contested.cli`; :mod:`contested.pipeline` wires the steps of ``contested run``.
"""

from __future__ import annotations

from contested.core.lazy import lazy_exports

__version__ = "0.1.0"

# public name -> "module:attribute"
_EXPORTS = {
    "resolve": "contested.api:resolve",
    "extract": "contested.api:extract",
    "load_claims": "contested.api:load_claims",
    "save_claims": "contested.api:save_claims",
    "resolve_claims": "contested.api:resolve_claims",
    "check": "contested.api:check",
    "layer": "contested.api:layer",
    "export": "contested.api:export",
    "layers": "contested.api:layers",
    "render": "contested.api:render",
    "ledger": "contested.api:ledger",
    "timeline": "contested.api:timeline",
    "save_map": "contested.api:save_map",
    "run_pipeline": "contested.api:run_pipeline",
    "RunOptions": "contested.pipeline:RunOptions",
    "ReadOptions": "contested.claims.claim_files:ReadOptions",
    "Place": "contested.gazetteer.place:Place",
    "Claim": "contested.claims.model:Claim",
    "ResolvedClaims": "contested.claims.resolved:ResolvedClaims",
    "Settings": "contested.core.settings:Settings",
    "ContestedError": "contested.core.exceptions:ContestedError",
    "InputError": "contested.core.exceptions:InputError",
    "UnknownPlace": "contested.core.exceptions:UnknownPlace",
}

__all__ = sorted(_EXPORTS)


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
