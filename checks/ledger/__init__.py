"""The territory ledger: every estimate of ground held, peak and lost, per actor and scope,
from the claims of a run and from published estimates; the bands claims are checked
against; and the rules over it (:mod:`.rules`).

    >>> from contested.claims.model import Claim, Stated
    >>> from contested.resolution import resolve_claims
    >>> claims = [Claim(id="a:1", kind="held", actor="ISIS", scope="Iraq and Syria",
    ...                 date="2015-12-20", stated=(Stated(200000, "km2", 200000.0),))]
    >>> ledger = build_ledger(resolve_claims(claims, gazetteer=None))
    >>> ledger.band("ISIS", "country:IQ+country:SY", "held", ledger.claims[0].as_of).shown()
    '78,000 km²'
"""

from __future__ import annotations

from collections.abc import Iterable

from contested.checks.ledger.actors import actor_key, claim_actors
from contested.checks.ledger.estimates import Estimate, claim_estimates
from contested.checks.ledger.ledger import Band, Ledger
from contested.checks.ledger.published import PublishedTable, load_published
from contested.checks.model import Tolerances
from contested.claims.resolved import ResolvedClaims

__all__ = ["Band", "Estimate", "Ledger", "PublishedTable", "actor_key", "build_ledger",
           "load_published"]


def build_ledger(
    resolved: ResolvedClaims,
    published: Iterable[PublishedTable] | None = None,
    tolerances: Tolerances | None = None,
) -> Ledger:
    """The ledger of resolved claims; ``published`` defaults to the bundled table (pass
    ``[]`` to leave published estimates out, or your own tables to add them)."""
    if published is None:
        published = [load_published(None, _areas(resolved))]
    estimates = claim_estimates(resolved, claim_actors(resolved.claims))
    return Ledger(estimates, [e for table in published for e in table.estimates],
                  tolerances or Tolerances())


def _areas(resolved: ResolvedClaims):
    from contested.gazetteer.official_areas import default_references

    return resolved.areas if resolved.areas is not None else default_references()
