"""Dates in news text: the article's own date (dateline) and the periods a claim covers.

Article date: ``date=`` wins; otherwise a full date in the header (first lines), a
"Published …" date first. "since Nov. 5" takes its year from the article date (the latest such
day not after it). "in 2016" is a period; "at the start of 2017" / "in January 2015" a date.
"""

from __future__ import annotations

import datetime as dt
import re

from contested.core.lazy import LazyRegex

__all__ = ["article_date", "claim_time", "normalise_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}
_MONTH_NAMES = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_MONTH = rf"(?P<month>{_MONTH_NAMES})\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_FULL_DATE_RES = (
    LazyRegex(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s*{_YEAR}(?!\d)", re.I),
    LazyRegex(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.I),
    LazyRegex(rf"\b{_YEAR}-(?P<m>\d\d)-(?P<day>\d\d)\b"),
    LazyRegex(r"\b(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)\b"),
)
_PUBLISHED_RE = re.compile(r"\b(?:published|posted|updated|dated|released)\b[:\s]*", re.I)
_HEADER_CHARS = 1500


def _month_number(name: str) -> int:
    return _MONTHS[name.lower().rstrip(".")]


def _from_match(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    try:
        if groups.get("month"):
            return dt.date(int(groups["year"]), _month_number(groups["month"]), int(groups["day"]))
        if groups.get("m"):
            return dt.date(int(groups["year"]), int(groups["m"]), int(groups["day"]))
        first, second = int(groups["a"]), int(groups["b"])
        if first > 12:
            day, month = first, second
        elif second > 12 or groups["sep"] == "/":
            month, day = first, second  # US style 02/16/2017
        else:
            day, month = first, second  # 15-11-2020, 15.11.2020
        return dt.date(int(groups["year"]), month, day)
    except ValueError:
        return None


def normalise_date(value: str | dt.date | None) -> str | None:
    """ISO text of a date given as "2017-02-15", "2017-09", "2017" or a date object."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(?:-\d\d(?:-\d\d)?)?", text):
        return text
    for pattern in _FULL_DATE_RES:
        match = pattern.search(text)
        if match and (found := _from_match(match)):
            return found.isoformat()
    return None


_MONTH_YEAR_HEADER_RE = LazyRegex(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)
_NARRATIVE_BEFORE_RE = LazyRegex(
    r"\b(?:in|since|by|until|till|from|of|during|before|after|through|to|between|and|early|"
    r"late|mid|end|start|beginning)\s*[-–]?\s*$",
    re.I,
)
_DATELINE_CHARS = 400
_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_DATELINE_LINE = 60


# "BAGHDAD, Dec. 9 (Reuters) - ", "MOSUL, Iraq (AP) — ", "WASHINGTON — ": where the story
# was filed, at the start of a line near the top; not a place the story's claims are about.
_DATELINE_RE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})"
    r"(?:,[ \t]*[A-Z][A-Za-z'’.\-]+(?:[ \t]+[A-Z][A-Za-z'’.\-]+){0,2})?"
    r"(?:,?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"
    r"[ \t]*(?:\([A-Za-z .&'’]+\))?[ \t]*(?:[-—–]{1,2}|:)[ \t]",
    re.M,
)


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the dateline ("BAGHDAD, Dec. 9 (Reuters) -") is, near the top; None if none."""
    match = _DATELINE_RE.search(text, 0, _DATELINE_CHARS)
    if match is None or len(match["place"].replace(" ", "")) < 3:
        return None
    return match.start("place"), match.end()


def article_date(text: str) -> str | None:
    """The article's date from its header, ISO "YYYY-MM-DD" (or "YYYY-MM" from a month-year
    dateline such as "Sept 2017" near the top), or None."""
    return _full_header_date(text) or _month_year_dateline(text)


def _month_year_dateline(text: str) -> str | None:
    """"Sept 2017" in the first lines, on a short line of its own or after "Published":
    a month-year inside a sentence ("in January 2015 IS held …") dates an event, not the
    article."""
    header = text[:_DATELINE_CHARS]
    for match in _MONTH_YEAR_HEADER_RE.finditer(header):
        line_start = header.rfind("\n", 0, match.start()) + 1
        line_end = header.find("\n", match.end())
        line = header[line_start:line_end if line_end != -1 else len(header)]
        before = header[max(0, match.start() - 30):match.start()]
        if _NARRATIVE_BEFORE_RE.search(before):
            continue
        if len(line.strip()) <= _DATELINE_LINE or _PUBLISHED_RE.search(before):
            return f"{match['year']}-{_month_number(match['month']):02d}"
    return None


def _full_header_date(text: str) -> str | None:
    header = text[:_HEADER_CHARS]
    if not _YEAR_RE.search(header):
        return None  # every full date has a year: skip the patterns on most texts
    candidates: list[tuple[int, int, dt.date]] = []
    for pattern in _FULL_DATE_RES:
        for match in pattern.finditer(header):
            found = _from_match(match)
            if found is None:
                continue
            before = header[max(0, match.start() - 20):match.start()]
            published = 0 if _PUBLISHED_RE.search(before) else 1
            candidates.append((published, match.start(), found))
    if not candidates:
        return None
    return min(candidates)[2].isoformat()


def _parse_iso(text: str | None) -> dt.date | None:
    """A date from ISO text; "2017-09" and "2017" give the last day of the month or year (the
    article is no older than that: "since Nov. 5" then takes the latest Nov. 5 before it)."""
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d\d", text):
            year, month = int(text[:4]), int(text[5:])
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        if re.fullmatch(r"\d{4}", text):
            return dt.date(int(text), 12, 31)
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


_SINCE_RE = re.compile(
    rf"\bsince\b(?:\s+\w+){{0,6}}?\s+(?:on\s+)?{_MONTH}\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?"
    rf"(?:,?\s*{_YEAR})?",
    re.I,
)
_SINCE_MONTH_RE = re.compile(
    rf"\bsince\s+(?:early\s+|late\s+|mid-?)?{_MONTH}(?:\s+{_YEAR})?\b", re.I
)
_SINCE_YEAR_RE = re.compile(rf"\bsince\s+(?:early\s+|late\s+|mid-?)?{_YEAR}\b", re.I)
_PAST_RE = re.compile(
    r"\b(?:in|during|over|within)\s+the\s+(?:past|last|previous)\s+"
    r"(?P<n>\w+\s+)?(?P<unit>day|week|month|year)s?\b",
    re.I,
)
_YEAR_PERIOD_RE = re.compile(
    rf"\b(?:in|during|throughout|over the course of|over)\s+(?:the\s+(?:whole\s+|entire\s+)?"
    rf"(?:year\s+|of\s+))?{_YEAR}\b"
    r"(?!\s*[-–]\d)",
    re.I,
)
_MONTH_YEAR_RE = re.compile(rf"\b(?:in|as of|by|at the end of|on)\s+{_MONTH}\s+{_YEAR}\b", re.I)
_START_END_RE = re.compile(
    rf"\b(?:at|by|as of)\s+the\s+(?P<edge>start|beginning|end|close)\s+of\s+{_YEAR}\b", re.I
)
# A month named without a year ("in June", "since September"): the year comes from the
# sentence (the year mentioned nearest to it) or the article date, else the date stays None.
_BARE_MONTH_RE = re.compile(
    rf"\b(?P<prep>in|by|since|as\s+of|during|until|through|of|on|at\s+the\s+end\s+of)\s+"
    rf"(?:(?:early|late|mid)[-\s]+)?{_MONTH}(?![\w.]*\s*(?:\d|,\s*\d))",
    re.I,
)
_ANY_MONTH_YEAR_RE = re.compile(rf"\b(?<!since\s){_MONTH}\s+{_YEAR}\b", re.I)
_MID_YEAR_RE = re.compile(rf"\b(?:in|by|as\s+of|until|during)\s+mid[-\s]?{_YEAR}\b", re.I)
_EARLY_LATE_RE = re.compile(
    rf"\b(?:in|by|as\s+of|until|during)\s+(?:(?:early|late)[-\s]?|the\s+(?:summer|spring|"
    rf"autumn|fall|winter|first\s+half|second\s+half|middle)\s+of\s+){_YEAR}\b", re.I
)
_LAST_RE = re.compile(r"\b(?:last|the\s+previous)\s+(?P<unit>month|year)\b", re.I)
_SMALL_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_ISO_UNIT = {"day": "D", "week": "W", "month": "M", "year": "Y"}


def _year_near(context: str | None, position: int | None) -> int | None:
    """The year mentioned nearest to ``position`` in ``context`` (None: no year)."""
    if not context:
        return None
    years = [(abs(m.start() - (position or 0)), int(m.group())) for m in
             re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", context)]
    return min(years)[1] if years else None


def _year_of_month(month: int, context: str | None, position: int | None,
                   article_day: dt.date | None) -> int | None:
    """The year of a month named without one: the nearest year in the sentence, else the
    latest such month not after the article date, else None."""
    year = _year_near(context, position)
    if year is not None:
        return year
    if article_day is not None:
        return article_day.year - (1 if month > article_day.month else 0)
    return None


def claim_time(
    segment: str, article: str | None, context: str | None = None, at: int | None = None
) -> dict[str, str | None]:
    """``date``/``since``/``period`` a claim's own words give (None where they say nothing).

    ``context`` is the claim's sentence and ``at`` the figure's offset in it: a month without
    a year ("in June") takes the year mentioned nearest to the figure, else the article's.
    Every value is ISO ("2017", "2017-06", "2017-06-05") or None, never a partial date.
    """
    article_day = _parse_iso(article)
    context = segment if context is None else context
    if match := _BETWEEN_RE.search(segment):
        # "between January 2015 and October 2017": a change over that span.
        return {"date": _month_year(match, "b"), "since": _month_year(match, "a"),
                "period": None}
    since = _since(segment, article_day)
    period, since = _period(segment, article, article_day, since)
    date = _date(segment, context, at, article_day)
    if date is None and period is None and (match := _YEAR_PERIOD_RE.search(segment)):
        period = match["year"]
    return {"date": date, "since": since, "period": period}


_BETWEEN_RE = re.compile(
    rf"\b(?:between|from)\s+(?:(?P<a_month>{_MONTH_NAMES})\.?\s+)?(?P<a_year>(?:19|20)\d\d)\s+"
    rf"(?:and|to|until)\s+(?:(?P<b_month>{_MONTH_NAMES})\.?\s+)?(?P<b_year>(?:19|20)\d\d)\b",
    re.I,
)


def _month_year(match: re.Match[str], side: str) -> str:
    month = match[f"{side}_month"]
    year = match[f"{side}_year"]
    return f"{year}-{_month_number(month):02d}" if month else year


_SINCE_START_RE = re.compile(
    rf"\bsince\s+the\s+(?:start|beginning|turn)\s+of\s+(?:the\s+year|this\s+year|{_YEAR})\b",
    re.I,
)
# "by the end of the year", "at the start of the year": the year is the sentence's or the
# article's.
_EDGE_OF_YEAR_RE = re.compile(
    r"\b(?:at|by|as\s+of|until)\s+the\s+(?P<edge>start|beginning|end|close)\s+of\s+the\s+year\b",
    re.I,
)


def _since(segment: str, article_day: dt.date | None) -> str | None:
    if match := _SINCE_RE.search(segment):
        month, day = _month_number(match["month"]), int(match["day"])
        year = int(match["year"]) if match["year"] else None
        if year is None and article_day is not None:
            year = article_day.year
            try:
                if dt.date(year, month, day) > article_day:
                    year -= 1
            except ValueError:
                year = None
        return f"{year:04d}-{month:02d}-{day:02d}" if year is not None else None
    if match := _SINCE_MONTH_RE.search(segment):
        month = _month_number(match["month"])
        year = int(match["year"]) if match["year"] else _year_of_month(
            month, None, None, article_day)
        return f"{year:04d}-{month:02d}" if year is not None else None
    if match := _SINCE_START_RE.search(segment):
        year = int(match["year"]) if match["year"] else (
            article_day.year if article_day is not None else None)
        return f"{year:04d}-01" if year is not None else None
    if match := _SINCE_YEAR_RE.search(segment):
        return match["year"]
    return None


def _period(segment: str, article: str | None, article_day: dt.date | None,
            since: str | None) -> tuple[str | None, str | None]:
    """(period, since) of "in the past week", "in the last four weeks", "last month"."""
    if match := _PAST_RE.search(segment):
        count_word = (match["n"] or "one").strip().lower()
        count = int(count_word) if count_word.isdigit() else _SMALL_NUMBERS.get(count_word, 1)
        unit = match["unit"].lower()
        if article_day is not None and since is None and len(article or "") == 10:
            since = (article_day - dt.timedelta(days=count * _UNIT_DAYS[unit])).isoformat()
        return f"P{count}{_ISO_UNIT[unit]}", since
    if (match := _LAST_RE.search(segment)) and article_day is not None:
        # "lost 3,500 sq km last month": the figure covers the month before the article.
        if match["unit"].lower() == "year":
            return str(article_day.year - 1), since
        first = article_day.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", since
    return None, since


def _date(segment: str, context: str, at: int | None, article_day: dt.date | None
          ) -> str | None:
    """The date the figure refers to, as its own words give it."""
    if match := _START_END_RE.search(segment):
        edge = match["edge"].lower()
        return f"{match['year']}-{'01' if edge in ('start', 'beginning') else '12'}"
    if match := _EDGE_OF_YEAR_RE.search(segment):
        offset = context.find(segment)
        year = _year_near(context, offset + match.start() if offset >= 0 else at) or (
            article_day.year if article_day is not None else None)
        edge = "01" if match["edge"].lower() in ("start", "beginning") else "12"
        return f"{year:04d}-{edge}" if year is not None else None
    if match := _MONTH_YEAR_RE.search(segment):
        return f"{match['year']}-{_month_number(match['month']):02d}"
    if match := _MID_YEAR_RE.search(segment):
        return f"{match['year']}-07"
    if match := _EARLY_LATE_RE.search(segment):
        return match["year"]
    if match := _ANY_MONTH_YEAR_RE.search(segment):
        return f"{match['year']}-{_month_number(match['month']):02d}"
    for match in _BARE_MONTH_RE.finditer(segment):
        if match["prep"].lower() == "since":
            continue
        month = _month_number(match["month"])
        offset = context.find(segment) if segment in context else -1
        position = (offset + match.start()) if offset >= 0 else at
        year = _year_of_month(month, context, position, article_day)
        return f"{year:04d}-{month:02d}" if year is not None else None
    return None
