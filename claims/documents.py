"""News documents with their metadata: the records scrapers write, and front matter.

A JSON Lines or JSON record with a ``text`` field is a document, in the shape trafilatura,
newspaper and most scrapers export: ``id``; the publication date from ``date``,
``published``, ``publish_date`` (or ``published_at``, ``pubdate``); the outlet from
``source``, ``outlet``, ``sitename`` or ``hostname``; ``url``; ``title``. A text or Markdown
file may open with YAML front matter between ``---`` lines (``date:``, ``source:``,
``url:``, ``title:``, ``id:``). Claims read from a document get ids ``<id>:<N>``, its date
as their publication date and its outlet as their source.

    >>> meta, body, offset = split_front_matter("---\\nsource: AFP\\n---\\nRaqqa fell.")
    >>> meta["source"], body, offset
    ('AFP', 'Raqqa fell.', 20)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import yaml

from contested.core.exceptions import ClaimsFileError

DATE_KEYS = ("date", "published", "publish_date", "published_at", "pubdate", "date_publish")
SOURCE_KEYS = ("source", "outlet", "sitename", "site_name", "hostname", "source-hostname")
# Front matter bigger than this is not front matter.
MAX_FRONT_MATTER = 64 * 1024
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@dataclass(frozen=True, slots=True)
class Document:
    """One news text and what is known about it. ``date`` is ISO (as precise as known)."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    offset: int = 0  # where ``text`` starts in the file (after front matter)


def is_document(data: dict[str, Any]) -> bool:
    """A record with a ``text`` field is a document, not a claim."""
    return isinstance(data.get("text"), str)


def document_from_record(
    data: dict[str, Any], default_id: str, *, source: str, line: int | None = None
) -> Document:
    """A scraper's record as a Document; a bad date or id is refused naming file and line."""
    doc_id = data.get("id")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()):
        doc_id = default_id
    elif isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        raise ClaimsFileError("a document id is text", source=source, line=line, field="id")
    if "\x00" in data["text"]:
        raise ClaimsFileError("the text holds NUL characters (binary data), not an article",
                              source=source, line=line, field="text",
                              hint="store the article's plain text (UTF-8)")
    meta = {key: value for key, value in data.items() if key != "text"}
    _refuse_structured_metadata(meta, source, line)
    date = iso_date(_first(meta, DATE_KEYS), source=source, line=line)
    url = _string(meta.get("url") or meta.get("source_url"))
    outlet = _string(_first(meta, SOURCE_KEYS)) or (urlsplit(url).hostname if url else None)
    return Document(str(doc_id).strip(), data["text"], date, outlet, url,
                    _string(meta.get("title")))


def _refuse_structured_metadata(meta: dict[str, Any], source: str, line: int | None) -> None:
    """An outlet, URL or title that is a list, an object or a boolean is not read as text."""
    for key in (*SOURCE_KEYS, "url", "source_url", "title"):
        value = meta.get(key)
        if isinstance(value, bool | list | dict):
            raise ClaimsFileError(f"expected text, got {type(value).__name__}", source=source,
                                  line=line, field=key, hint="write it as one line of text")


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """(front matter, body, offset of the body) of a text file; ({}, text, 0) without any."""
    match = _FRONT_MATTER.match(text[: MAX_FRONT_MATTER + 8])
    if match is None:
        return {}, text, 0
    try:
        meta = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError:
        return {}, text, 0  # a "---" rule that opens an article, not front matter
    if not isinstance(meta, dict):
        return {}, text, 0
    return meta, text[match.end():], match.end()


def document_from_text(text: str, name: str, *, source: str, date: str | None = None,
                       outlet: str | None = None) -> Document:
    """A text file as a Document: front matter, then ``date``/``outlet`` given by the user
    (``--date``/``--source``) win over it."""
    meta, body, offset = split_front_matter(text)
    url = _string(meta.get("url"))
    return Document(
        id=_string(meta.get("id")) or name,
        text=body,
        date=date or iso_date(_first(meta, DATE_KEYS), source=source, field="date"),
        source=outlet or _string(_first(meta, SOURCE_KEYS)) or (
            urlsplit(url).hostname if url else None),
        url=url,
        title=_string(meta.get("title")),
        offset=offset,
    )


def iso_date(value: Any, *, source: str, line: int | None = None,
             field: str = "date") -> str | None:
    """A publication date as ISO ``YYYY[-MM[-DD]]``: a date, a datetime, or text starting
    with one ("2017-10-17T09:30:00Z"). A malformed one is refused, never guessed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    match = _ISO_DATE.match(text)
    if match is None or not _valid(match.group(0)):
        raise ClaimsFileError(f"not a date: {text[:40]!r}", source=source, line=line,
                              field=field, hint="write it as 2017-10-17 (or 2017-10, 2017)")
    return match.group(0)


def _valid(iso: str) -> bool:
    parts = [int(p) for p in iso.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((data[key] for key in keys if data.get(key) not in (None, "")), None)


def _string(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
