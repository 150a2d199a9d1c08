"""Claims: the claim model (:mod:`contested.claims.model`), area units and quantities
(:mod:`contested.claims.units`, :mod:`contested.claims.quantity`), claims files
(:mod:`contested.claims.claim_files`) and reading claims out of news text
(:mod:`contested.claims.extract`)."""
