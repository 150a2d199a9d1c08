"""What the corpus tests share: a small archive in every input format, the command run as a
user runs it, and the claims of an output folder (tests/test_corpus*.py; fixtures in
conftest.py)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from corpus_articles import synthetic_articles

from contested.corpus.table import claims_from_table

ARTICLES = 80  # per format: a few partitions each at --partition-mb 0.05
BROKEN = [
    "this line is not JSON\n",
    json.dumps({"id": "bad-date", "date": "2017-13-45", "text": "Raqqa fell."}) + "\n",
    json.dumps({"id": "no-text", "title": "a record without text"}) + "\n",
]


def contested(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: a fresh process, exit code and streams as a shell sees."""
    return subprocess.run([sys.executable, "-m", "contested", *args], capture_output=True,
                          text=True, timeout=timeout, check=False)


def _records(prefix: str, count: int = ARTICLES) -> list[dict]:
    records = list(synthetic_articles(count, seed=7, claim_share=0.5, sentences=12))
    return [{**record, "id": record["id"].replace("syn", prefix)} for record in records]


def write_archive(folder: Path) -> dict[str, Path]:
    """The same kind of documents as JSON Lines (with broken records), gzipped JSON Lines,
    Parquet and a folder of text files (one with front matter); ids differ per format."""
    folder.mkdir(parents=True, exist_ok=True)
    jsonl = folder / "wire.jsonl"
    lines = [json.dumps(r) + "\n" for r in _records("j")]
    jsonl.write_text("".join(lines[:5] + BROKEN + lines[5:]), encoding="utf-8")
    gz = folder / "wire.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in _records("g"))
    parquet = folder / "wire.parquet"
    pq.write_table(pa.Table.from_pylist(_records("p")), parquet, row_group_size=20)
    texts = folder / "texts"
    texts.mkdir(exist_ok=True)
    for record in _records("t", 12):
        (texts / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    (texts / "dated.md").write_text(
        "---\ndate: 2017-10-17\nsource: Wire\n---\nHAWIJA, Iraq — Iraqi forces have retaken "
        "more than 2,300 square kilometres around Hawija since September, a spokesman said.\n",
        encoding="utf-8")
    return {"jsonl": jsonl, "gz": gz, "parquet": parquet, "texts": texts}


def partition_claims(out: Path) -> dict[str, dict]:
    claims = {}
    for part in sorted((out / "claims").glob("part-*.parquet")):
        for claim in claims_from_table(pq.read_table(part)):
            claims[claim.id] = claim.to_dict()
    return claims
