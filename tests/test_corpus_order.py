"""A document's claims are its own: they do not depend on which documents the same process
read before it (a corpus worker reads thousands; `extract` reads one)."""

from __future__ import annotations

from contested.claims.claim_files import ReadOptions, read_documents
from contested.claims.documents import Document
from contested.resolution import OnceGazetteer

FIRST = Document("a", "ALEPPO, Syria — Rebels said they had taken more than 300 square "
                      "kilometres of Syria around ALEPPO in a week.")
SECOND = Document("b", "Government forces in Syria have retaken more than 1,200 square "
                       "kilometres around Aleppo since March, a spokesman said.")


def test_a_documents_claims_do_not_depend_on_the_documents_read_before_it(gazetteer) -> None:
    alone = read_documents([SECOND], "b", ReadOptions(gazetteer=OnceGazetteer(gazetteer)))
    shared = OnceGazetteer(gazetteer)
    read_documents([FIRST], "a", ReadOptions(gazetteer=shared))
    after = read_documents([SECOND], "b", ReadOptions(gazetteer=shared))
    assert alone.claims and [c.to_dict() for c in after.claims] == [
        c.to_dict() for c in alone.claims]
    assert [p.query for p in after.claims[0].places] == [
        p.query for p in alone.claims[0].places]
