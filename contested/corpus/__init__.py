"""A news archive through the whole pipeline on every core, or on a Dask cluster.

    from contested.corpus import CorpusOptions, run_corpus
    result = run_corpus(["archive.jsonl.gz"], "out", CorpusOptions(workers=2))

Extraction (the costly part: every document) is spread over Dask workers, one partition of
claims per slice of the input (:mod:`contested.corpus.worker`, GeoParquet under
``out/claims/``); the checks, the ledger, the report and the map then run once over all the
claims (:mod:`contested.corpus.driver`), as ``contested run`` does.
"""

from __future__ import annotations

from contested.corpus.driver import CorpusOptions, CorpusResult, run_corpus

__all__ = ["CorpusOptions", "CorpusResult", "run_corpus"]
