"""Date mentions in news text, resolved to the record's ISO forms.

Layout:
- `find_dates(text, published) -> list[DateMention]`: every date, range, month or weekday the
  text writes, with its span, in text order; years the text leaves out are taken from the
  publication date.
- `DateMention`: one of them, with the flags the event-date choice weighs (`dateline`,
  `pubdate`: the page's own date line, `has_year`).

Written by hand rather than with python-dateutil: dateutil parses one string it is given, it does
not find dates in running text, ranges ("from 16-19 October 2013") or weekdays, and its fuzzy mode
happily reads "22" in "COP 22" as a day. The forms of news pages are few; seven regexes cover them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..model import Span

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Month names are matched capitalised (or in capitals, as datelines write them) so that the verb
# "may" or the word "march" in running text are not months.
_MON = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?(?![A-Za-z])"
)
# A day may be glued to a source name before it ("UNEP31 October 2013:"), so no \b before it.
_DAY = r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?![\d])"
# (a weekday may stand before the second day: "on Monday 24 and Tuesday 25 March, 2014")
_TO = (
    r"\s*(?:-|–|—|to|until|till|through|and)\s*(?:the\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
)
_YEAR = r"(?:,?\s+(\d{4})(?![\d]))?"
_OF = r"(?:\s+|(?<=st|nd|rd|th))(?:of\s+)?"  # (also glued after an ordinal: "24thJanuary")
_HEADLINE_YEAR = re.compile(r"(?<![\d.,/-])(?:19[5-9]\d|20[0-4]\d)(?![\d.,/-])")
_SP = r"(?:\s+|(?<=\.))"  # between a month and its day: "Aug 27", "Aug.27"


# Spanish, Portuguese and French months, capitalised as date lines write them ("Terça, 28 Abril
# 2009"), read only beside a day: alone, "Mars 2020" or "Mayo 2019" name other things.
_FOREIGN_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "Enero Janeiro Janvier",
            "Febrero Fevereiro Février",
            "Marzo Março Mars",
            "Abril Avril",
            "Mayo Maio Mai",
            "Junio Junho Juin",
            "Julio Julho Juillet",
            "Agosto Août",
            "Septiembre Setiembre Setembro Septembre",
            "Octubre Outubro Octobre",
            "Noviembre Novembro Novembre",
            "Diciembre Dezembro Décembre",
        ),
        start=1,
    )
    for name in names.split()
}
_MON_ANY = rf"(?:{_MON}|(?:{'|'.join(_FOREIGN_MONTHS)})(?![A-Za-z]))"


def _mon(name: str, english_only: bool = False) -> str:
    return f"(?P<{name}>{_MON if english_only else _MON_ANY})"


def _forms(foreign: bool) -> list[tuple[str, re.Pattern[str]]]:
    def mon(name: str) -> str:
        return _mon(name, english_only=not foreign)

    return [
        ("DMDM", re.compile(rf"{_DAY}{_OF}{mon('m1')}{_TO}{_DAY}{_OF}{mon('m2')}{_YEAR}")),
        ("MDMD", re.compile(rf"{mon('m1')}{_SP}{_DAY}{_TO}{mon('m2')}{_SP}{_DAY}{_YEAR}")),
        ("DDM", re.compile(rf"{_DAY}{_TO}{_DAY}{_OF}{mon('m1')}{_YEAR}")),
        ("MDD", re.compile(rf"{mon('m1')}{_SP}{_DAY}{_TO}{_DAY}{_YEAR}")),
        ("DM", re.compile(rf"{_DAY}{_OF}{mon('m1')}{_YEAR}")),
        ("MD", re.compile(rf"{mon('m1')}{_SP}{_DAY}{_YEAR}")),
        ("ISO", re.compile(r"(?<!\d)(\d{4})-(0[1-9]|1[0-2])-([0-2]\d|3[01])(?!\d)")),
        ("MY", re.compile(rf"{_mon('m1', english_only=True)},?\s+(\d{{4}})(?!\d)")),
        # "24-11-2017", "10.03.2022": day first, as pages outside the US write them.
        ("NUM", re.compile(r"(?<![\d.-])(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?![\d])")),
    ]


# Longest forms first: a range must win over the single date inside it. The forms with other
# languages' months are tried only on a text that holds one (they are slower to match).
_FORMS = _forms(foreign=False)
_FORMS_FOREIGN = _forms(foreign=True)
_ANY_FOREIGN_MONTH = re.compile(rf"(?:{'|'.join(_FOREIGN_MONTHS)})(?![A-Za-z])")
# "on Tuesday", and a bare weekday after a verb or noun ("met in her office Monday").
_WEEKDAY = re.compile(
    r"(?:\b(?:[Oo]n|[Ll]ast|[Tt]his)\s+|(?<=[a-z] ))"
    r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_TODAY = re.compile(r"(?:^|(?<=\n)|(?<=[.!?] ))Today(?=,)")
# "... formally exchanged four MoUs today.": a past act of the page's day (not "we face today")
_DONE_TODAY = re.compile(r"\b[a-z]{3,}ed\b[^.!?\n]{0,120}?\btoday(?=[.,;])")
# "... signed yesterday", ", yesterday, signed": the day before the dateline's or page's date.
_YESTERDAY = re.compile(r"\b[Yy]esterday\b")
# A dateline: an optional place or source name at the start of a paragraph, the date, then a
# colon or dash, possibly after an agency credit: "Beijing, 23 February 2017:",
# "NAIROBI, June 27 (Xinhua) --", "UNEP31 October 2013:".
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[\s•]*(?:[A-Z][\w .'’\[\]-]{0,40}?,?\s*)?$")  # "[India]"
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)\n]{1,30}\)\s*)?(?::|--|—|–|-)\s")
# What else a page's own date line holds: "• 27 April 2022 | News", "12 April 2024|News".
_PUBLINE_REST = re.compile(
    r"(?i)(?:[\w ]{1,20}[:|]\s*)*"  # "Release Time:", "IARRP | Updated:"
    r"[\s•|·:,/-]*(?:news|press release|story|update[ds]?|published|posted|date)?[\s•|·:,/-]*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?"  # "Wednesday, December 15, 2010"
)


@dataclass
class DateMention:
    """A date the text writes. `start`/`end` are ISO (`YYYY-MM-DD` or `YYYY-MM`) or None when no
    year could be found for it."""

    span: Span
    form: str  # "day", "range", "month" or "weekday"
    start: str | None
    end: str | None
    has_year: bool
    dateline: bool = False
    pubdate: bool = False


def _month(name: str) -> int:
    return _FOREIGN_MONTHS.get(name) or _MONTHS[name[:3].lower()]


def _iso(y: int | None, m: int, d: int | None) -> str | None:
    if y is None:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _infer_year(month: int, published: dt.date | None) -> int | None:
    """The publication year, or the year before when the month is later than the publication
    month (news reports what happened, so "December 13th" in a January article is last year)."""
    if published is None:
        return None
    return published.year - 1 if month > published.month else published.year


def _parse(form: str, m: re.Match[str], published: dt.date | None) -> DateMention | None:
    g = m.groups()
    span = Span(m.start(), m.end())
    if form == "ISO":
        iso = _iso(int(g[0]), int(g[1]), int(g[2]))
        return DateMention(span, "day", iso, iso, True) if iso else None
    if form == "MY":
        iso = _iso(int(g[1]), _month(g[0]), None)
        return DateMention(span, "month", iso, iso, True)
    if form == "NUM":
        iso = _iso(int(g[2]), int(g[1]), int(g[0])) if 1 <= int(g[1]) <= 12 else None
        return DateMention(span, "day", iso, iso, True) if iso else None
    # Day-month parts of each form, and the year group (always last).
    if form == "DMDM":
        d1, m1, d2, m2 = int(g[0]), _month(g[1]), int(g[2]), _month(g[3])
    elif form == "MDMD":
        m1, d1, m2, d2 = _month(g[0]), int(g[1]), _month(g[2]), int(g[3])
    elif form == "DDM":
        d1, d2, m1 = int(g[0]), int(g[1]), _month(g[2])
        m2 = m1
    elif form == "MDD":
        m1, d1, d2 = _month(g[0]), int(g[1]), int(g[2])
        m2 = m1
    elif form == "DM":
        d1, m1 = int(g[0]), _month(g[1])
        d2, m2 = d1, m1
    else:  # "MD"
        m1, d1 = _month(g[0]), int(g[1])
        d2, m2 = d1, m1
    if not (1 <= d1 <= 31 and 1 <= d2 <= 31):
        return None
    if m1 == m2 and d2 < d1:
        return None  # "June 27 and 2 ..." is not a range
    year = int(g[-1]) if g[-1] else None
    has_year = year is not None
    y2 = year if has_year else _infer_year(m2, published)
    # A range over the new year ("28 December to 3 January 2025") starts the year before.
    y1 = None if y2 is None else (y2 - 1 if m1 > m2 else y2)
    start, end = _iso(y1, m1, d1), _iso(y2, m2, d2)
    kind = "day" if (d1, m1) == (d2, m2) else "range"
    return DateMention(span, kind, start, end, has_year)


def _is_pubdate_line(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    before, after = text[line_start : span.start], text[span.end : line_end]
    if span.start < 300 and not before.strip() and _SECTION_REST.fullmatch(after):
        return True  # "06.10.2016 - Natural Sciences Sector": the page's date and section
    return bool(_PUBLINE_REST.fullmatch(before) and _PUBLINE_REST.fullmatch(after))


_SECTION_REST = re.compile(r"\s*[-–|•·]\s*[A-Z][\w&]*(?:\s+[A-Z&][\w&]*){0,3}\s*")


# A dateline that gives the date first: "28 June 2024, Sydney Australia - The workshop ...".
_DATE_FIRST = re.compile(r",\s*[A-Z][\w'’.]*(?:,?\s[A-Z][\w'’.]*){0,3}\s*(?:[–—:]|--?)\s")


def _is_dateline(text: str, span: Span) -> bool:
    if (span.start == 0 or text[span.start - 1] == "\n") and _DATE_FIRST.match(text, span.end):
        return True
    head = text[max(0, span.start - 45) : span.start]
    if span.start > 45 and "\n" not in head:
        return False
    return bool(_DATELINE_BEFORE.search(head) and _DATELINE_AFTER.match(text, span.end))


def find_dates(text: str, published: str | None) -> list[DateMention]:
    """All dates `text` writes, in text order, with years resolved against `published`, or,
    for a page without one, against the full date of its dateline ("LINCOLN, 12 March 2023 -
    ... visited on 10 March"): the story was filed that day."""
    pub = dt.date.fromisoformat(published[:10]) if published and len(published) >= 10 else None
    found = _scan(text, pub)
    if pub is None:
        filed = next(
            (f for f in found if f.dateline and f.has_year and f.form in ("day", "range")), None
        )
        if filed is not None and filed.end and any(not f.has_year for f in found):
            pub = dt.date.fromisoformat(filed.end[:10])
            found = _scan(text, pub)
        elif any(not f.has_year for f in found):
            # No date says the year, but the headline does: "Lanzhou University holds 2018 ...
            # Forum ... On September 24th": the year the story is about
            year = _HEADLINE_YEAR.search(text[: text.find("\n") if "\n" in text else 200])
            # ... or the page's head does: "ISSUE 07 July/August 2014" above "On 14 August"
            month = next(
                (f for f in found if f.form == "month" and f.start and f.span.start < 300), None
            )
            if year is not None:
                pub = dt.date(int(year.group()), 12, 31)
                found = _scan(text, pub)
            elif month is not None and month.start:
                pub = dt.date(int(month.start[:4]), 12, 31)
                found = _scan(text, pub)
    _resolve_weekdays(text, found, pub)
    return _weekday_with_date(text, found)


def _scan(text: str, pub: dt.date | None) -> list[DateMention]:
    taken: list[Span] = []
    found: list[DateMention] = []
    forms = _FORMS_FOREIGN if _ANY_FOREIGN_MONTH.search(text) else _FORMS
    for form, rx in forms:
        for m in rx.finditer(text):
            if any(m.start() < s.end and s.start < m.end() for s in taken):
                continue
            mention = _parse(form, m, pub)
            if mention is None:
                continue
            taken.append(mention.span)
            mention.pubdate = _is_pubdate_line(text, mention.span)
            mention.dateline = not mention.pubdate and _is_dateline(text, mention.span)
            found.append(mention)
    found.sort(key=lambda x: x.span.start)
    return found


def _weekday_with_date(text: str, found: list[DateMention]) -> list[DateMention]:
    """ "on Tuesday, April 23, 2019": the weekday is part of the date that follows it, so the
    date takes its span (and the "on" before it)."""
    out: list[DateMention] = []
    for k, m in enumerate(found):
        nxt = found[k + 1] if k + 1 < len(found) else None
        if (
            m.form == "weekday"
            and nxt is not None
            and nxt.form != "weekday"
            and re.fullmatch(r",?\s*(?:the\s+)?", text[m.span.end : nxt.span.start])
        ):
            nxt.span = Span(m.span.start, nxt.span.end)
            continue
        out.append(m)
    return out


_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def page_date(text: str) -> str | None:
    """The date of a page whose layout the ingest did not read as a date line: a short line
    near the top that holds a full date ("24-11-2017", "Release Time:2023-05-22")."""
    for line in text[:600].split("\n")[:6]:
        # (a source or byline may share the line: "By ZHENG JINRAN | chinadaily.com.cn |
        # Updated: 2017-06-09 15:57"; a sentence is no date line)
        if len(line) > 100 or not _DIGIT.search(line) or _SENTENCE_END.search(line):
            continue
        for mention in find_dates(line, None):
            if mention.has_year and mention.form == "day" and mention.start:
                return mention.start
    return None


def _resolve_weekdays(text: str, found: list[DateMention], published: dt.date | None) -> None:
    """'on Tuesday' is the last such weekday on or before the dateline's date, or else the
    page's date: unambiguous because news reports the past six days. Without either it stays
    None. A sentence that opens with "Today," is the page's date, "yesterday" the day before."""
    anchor = next((f for f in found if f.dateline and f.form == "day" and f.start), None)
    ref = dt.date.fromisoformat(anchor.start) if anchor and anchor.start else published
    if published is not None:
        day = published.isoformat()
        for m in _TODAY.finditer(text):
            found.append(DateMention(Span(m.start(), m.end()), "day", day, day, True))
        for m in _DONE_TODAY.finditer(text) if "today" in text else ():
            found.append(DateMention(Span(m.end() - 5, m.end()), "day", day, day, True))
    if ref is not None:
        day = (ref - dt.timedelta(days=1)).isoformat()
        for m in _YESTERDAY.finditer(text):
            found.append(DateMention(Span(m.start(), m.end()), "weekday", day, day, True))
    for m in _WEEKDAY.finditer(text):
        iso: str | None = None
        if ref is not None:
            back = (ref.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
            iso = (ref - dt.timedelta(days=back)).isoformat()
        span = Span(m.start(1), m.end(1))
        found.append(DateMention(span, "weekday", iso, iso, ref is not None))
    found.sort(key=lambda x: x.span.start)
