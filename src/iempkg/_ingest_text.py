"""Bytes to clean text, and the plain-text page layout (title, date line, body, furniture).

Layout:
- `decode(data, declared) -> (text, encoding)`: BOMs first, then strict UTF-8, then UTF-8 with
  stray Windows-1252 bytes (Latin-1 pages mislabelled as UTF-8, or pages mixing both), then
  charset-normalizer for legacy encodings (GB18030 for Chinese sites, Big5, Shift-JIS ...);
  binary data raises `NotText`;
- `clean(text)`: NFC, one kind of newline, no control characters (they break XML outputs);
- `parse_layout(text) -> Layout`: the title line, the date/category line, body paragraphs and the
  page furniture (captions, 'Related Sustainable Development Goals', share links) kept apart;
- `strip_markdown(text)`: Markdown to plain paragraphs (links keep their text, images go).
"""

from __future__ import annotations

import codecs
import datetime as dt
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese encodings are decoded as their superset, so that no character is lost.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "hz": "gb18030", "big5": "big5hkscs"}


class NotText(ValueError):
    """The bytes are not text in any encoding we recognise."""


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    # Registered below as an error handler: each byte UTF-8 rejects is read as Windows-1252
    # (the five bytes Windows-1252 leaves undefined as Latin-1), so a page mixing both reads right.
    assert isinstance(exc, UnicodeDecodeError)
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="ignore") or bad.decode("latin-1"), exc.end


codecs.register_error("iempkg-cp1252", _cp1252_fallback)


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of `data` and the encoding it was read with; `declared` is what the file claims."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise NotText(
                    f"starts with a {encoding} byte-order mark but is not {encoding}"
                ) from exc
    if _looks_like_utf16(data):
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    if data.count(b"\x00") > max(2, len(data) // 200):
        raise NotText("binary file (it holds NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        name = _SUPERSETS.get(declared.lower(), declared.lower())
        if name not in ("utf-8", "utf8"):
            try:
                return data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong or unknown declaration: detect instead
    loose = data.decode("utf-8", errors="replace")
    invalid = loose.count("\ufffd")
    valid = sum(1 for c in loose if c > "\x7f") - invalid
    if valid >= invalid:
        # Mostly real UTF-8 with a few invalid bytes: UTF-8 with stray Windows-1252 (GB18030 and
        # other legacy encodings make valid-looking UTF-8 pairs only by accident, and rarely).
        return data.decode("utf-8", errors="iempkg-cp1252"), "utf-8+cp1252"
    return _detect(data)


def _looks_like_utf16(data: bytes) -> bool:
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return even.count(0) > 0.4 * len(even) or odd.count(0) > 0.4 * len(odd)


def _detect(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise NotText("binary file (no text encoding fits)")
    name = _SUPERSETS.get(best.encoding.lower(), best.encoding.lower())
    # Western single-byte code pages differ in a few letters that statistics on a short page
    # cannot tell apart; Windows-1252 is what English-language sites use, so it wins a near tie.
    western = ("cp1252", "latin_1", "iso8859_15", "ascii")
    if any(m.encoding in western and m.chaos <= best.chaos + 0.1 for m in matches):
        name = "cp1252"
    try:
        return data.decode(name), name
    except UnicodeDecodeError:
        return str(best), best.encoding


# Control characters, lone surrogates (JSON's "\ud800" decodes to one; no UTF-8 output can hold
# it) and the two non-characters XML forbids.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """NFC, `\\n` newlines, no control characters (XML outputs cannot hold them), no BOMs, no
    lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def unglue(text: str) -> str:
    """Article prose with the space a page's markup lost after a function word put back
    ("theMinister of ...", "ofSri Lanka": two words, never one). Only for title and body:
    identifiers and URLs keep their letters."""
    return _GLUED.sub(r"\1 ", text)


_GLUED = re.compile(r"\b(the|of|and)(?=[A-Z][a-z]{2,})")


def is_binary_text(text: str) -> bool:
    """Decoded text that is mostly unprintable: a binary file that happened to decode."""
    if not text:
        return False
    sample = text[:8192]
    if sample.isprintable() or not _ODD.search(sample):
        return False  # nearly every article: printable text and line breaks (measured 0.25 ms each)
    bad = sum(
        1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\t"
    )
    return bad > max(8, 0.05 * len(sample))


# Characters that might be Cc, Co or Cn: controls other than tab and newline, private use,
# and (rarely) unassigned code points, which only the slow path can tell.
_ODD = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ue000-\uf8ff\U000f0000-\U0010ffff]|[^\x00-\u2fff\u3000-\ud7ff\uf900-\uffff]"
)


# --- dates on a page's date line --------------------------------------------------------------

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for m in names
}  # fmt: skip
_MONTH = r"([A-Za-z]{3,9})"
_MON = _MONTH + r"(?:\.\s*|\s+)"  # before a day: 'April 2', 'Apr. 2', 'Apr.02'
_DATE_FORMS = (
    ("dmy", re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\.?,?\s+(\d{{4}})")),
    ("mdy", re.compile(rf"{_MON}(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})")),
    ("iso", re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")),
    ("ymd", re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")),
    # Numeric day first ('24-11-2017', '10.03.2022'), as most of the world writes it; with '/'
    # a first number up to 12 and a second above it is the American month first.
    ("numeric", re.compile(r"(?<![\d.])(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?![\d.])")),
)


def parse_date(value: str) -> str | None:
    """The ISO date a date line or metadata value writes ('01 February 2024', '2024-02-01')."""
    for form, pattern in _DATE_FORMS:
        m = pattern.search(value)
        if not m:
            continue
        if form == "numeric":
            first, sep, second, year_text = m.groups()
            x, y = int(first), int(second)
            d, mo = (y, x) if sep == "/" and x <= 12 < y else (x, y)
            try:
                return dt.date(int(year_text), mo, d).isoformat()
            except ValueError:
                continue
        a, b, c = m.groups()
        try:
            if form == "dmy":
                day, month, year = int(a), _MONTHS.get(b.lower()), int(c)
            elif form == "mdy":
                month, day, year = _MONTHS.get(a.lower()), int(b), int(c)
            else:
                year, month, day = int(a), int(b), int(c)
            if month is None:
                continue
            return dt.date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


# A date line: an optional bullet, a date, and optionally '| Category' (the seed's layout), or
# 'Published: <date>' / 'Date: <date>' / 'Time : <date>'; or the category first ('IARRP |
# Updated: 2021-09-01').
_DATE_WORDS = r"(?:(?:published|posted|date|updated|release(?:d)?|time)\s*(?:on)?\s*:?\s*)?"
_DATE_LINE = re.compile(
    rf"^\s*(?:[•·*\-–|]\s*)?{_DATE_WORDS}"
    r"(?P<date>[^|]{6,40}?)\s*(?:\|\s*(?P<category>[^|]{1,60}?)\s*)?$",
    re.IGNORECASE,
)
_CATEGORY_FIRST = re.compile(
    rf"^\s*(?P<category>[^|]{{1,60}}?)\s*\|\s*{_DATE_WORDS}(?P<date>[^|]{{6,40}}?)\s*$",
    re.IGNORECASE,
)


def parse_date_line(line: str) -> tuple[str, str | None] | None:
    """(ISO date, category) when `line` is nothing but a date and maybe a category."""
    m = _DATE_LINE.match(line)
    if m is None or parse_date(m["date"]) is None:
        m = _CATEGORY_FIRST.match(line)
    if not m:
        return None
    date = parse_date(m["date"])
    if date is None or len(re.sub(r"[\d\W_]", "", m["date"])) > 12:
        return None  # a sentence that mentions a date is not a date line
    return date, (m["category"].strip() if m["category"] else None)


# --- plain-text layout ------------------------------------------------------------------------

# Furniture that ends the article: everything from such a line on is page furniture.
_TRAILER = re.compile(
    r"^\s*(?:related\s+(?:sustainable development goals|sdgs?|cel areas|news|articles|links|stories)"
    r"|share\s+(?:this|on)\b|tags?\s*:|keywords\s*:|back to top|print this|previous\s+(?:article|post)"
    r"|next\s+(?:article|post)|read more\s*$|see also\s*:?$)",
    re.IGNORECASE,
)
# Single furniture lines anywhere.
_FURNITURE_LINE = re.compile(
    r"^\s*(?:photo|image|picture|credit|source|caption)\s*(?:credit)?\s*:|^\s*\(?photo\b.*\)?$",
    re.IGNORECASE,
)
_SITE_LINE = re.compile(
    r"^\s*(?:(?:the\s+)?most\s+(?:visited|read|viewed|popular|shared)|go\s+back|back|home"
    r"|skip to (?:main )?content|menu|search)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:。！？…\"'”’)\]]\s*$")


@dataclass
class Layout:
    title: str | None = None
    published: str | None = None
    category: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _join(lines: list[str]) -> str:
    """One paragraph from its lines: wrapped lines join with a space, list items keep a newline."""
    out = lines[0]
    for prev, line in itertools.pairwise(lines):
        bullet = re.match(r"^(?:[-*•·]|\d+[.)])\s", line)
        wrapped = not (_SENTENCE_END.search(prev) and line[:1].isupper())
        out += ("\n" if bullet or not wrapped else " ") + line
    return out


def _is_title(block: list[str], next_block: list[str] | None) -> bool:
    if len(block) != 1 or len(block[0]) > 250:
        return False
    line = block[0]
    if next_block == [""]:  # the date line follows: the page's head
        return not line.endswith(".") or len(line.split()) <= 30
    first = line[:1]
    # A title starts with a capital, or with a letter of a script without case (Chinese, Arabic).
    capital = first.isupper() or (first.isalpha() and not first.islower())
    return not _SENTENCE_END.search(line) and len(line.split()) <= 30 and capital


_CONTACT_LINE = re.compile(r"\s*(?:E-?mail|Tel|Phone|Fax)\s*:", re.IGNORECASE)


def _is_caption(paragraph: str) -> bool:
    # Photo captions between paragraphs: short, no sentence punctuation, no comma-separated
    # details (a line of names and titles is content, not a caption).
    words = paragraph.split()
    return (
        "\n" not in paragraph
        and 0 < len(words) <= 10
        and not _SENTENCE_END.search(paragraph)
        and "," not in paragraph
        and ": " not in paragraph  # a labelled line: "For further information: Jane Roe"
        and not re.search(r"\d", paragraph)
    )


def parse_layout(text: str, *, has_title: bool | None = None) -> Layout:
    """Split a page's text into title, date line, body paragraphs and furniture.

    `has_title=False` when the title came from metadata (front matter, JSON), so the first line
    is body; `None` decides from the text.
    """
    layout = Layout()
    blocks = _blocks(text)
    while blocks and len(blocks[0]) == 1 and _SITE_LINE.match(blocks[0][0]):
        layout.furniture.append(blocks.pop(0)[0])  # "The most visited", "Go Back" above a story
    if (
        blocks
        and len(blocks[0]) == 2
        and parse_date_line(blocks[0][1])
        and not parse_date_line(blocks[0][0])
    ):
        blocks[0:1] = [[blocks[0][0]], [blocks[0][1]]]  # a title, and its date on the next line
    # The head of a page: a title line and a date line, in either order (or either alone).
    date_at = next(
        (i for i, b in enumerate(blocks[:3]) if len(b) <= 2 and parse_date_line(b[0])), None
    )
    if date_at is not None and date_at <= 1 + (has_title is not False):
        found = parse_date_line(blocks[date_at][0])
        assert found is not None
        layout.published, layout.category = found
        layout.furniture.extend(blocks.pop(date_at)[1:])
        if date_at == 0 and blocks and has_title is not False and _is_title(blocks[0], None):
            layout.title = " ".join(blocks.pop(0))
    head = layout.title is None and blocks and has_title is not False and date_at != 0
    if head and (has_title or _is_title(blocks[0], [""] if date_at == 1 else None)):
        layout.title = " ".join(blocks.pop(0))
    ended = False
    for i, block in enumerate(blocks):
        keep: list[str] = []
        for line in block:
            if ended or (_TRAILER.match(line) and (layout.paragraphs or keep)):
                ended = True
                layout.furniture.append(line)
            elif _TRAILER.match(line):
                # ("Share This News" above the story: a toolbar, not the end of the article)
                layout.furniture.append(line)
            elif _FURNITURE_LINE.match(line):
                layout.furniture.append(line)
            else:
                keep.append(line)
        if not keep:
            continue
        paragraph = _join(keep)
        between = 0 < i < len(blocks) - 1 or (i == len(blocks) - 1 and ended)
        # (a contact block's short lines are no captions: "LONG Huaping" / "Xinjiang
        # Institute of ..." / "E-mail: ...")
        contact = "(" not in paragraph and any(
            _CONTACT_LINE.match(x) for b in blocks[i + 1 : i + 3] for x in b
        )
        if between and _is_caption(paragraph) and layout.paragraphs and not contact:
            layout.furniture.append(paragraph)
        else:
            layout.paragraphs.append(paragraph)
    return layout


# --- Markdown ---------------------------------------------------------------------------------

_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*?^```\s*$", re.MULTILINE | re.DOTALL), ""),  # code blocks
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),
    (re.compile(r"^\s*\[[^\]]+\]:\s*\S+.*$", re.MULTILINE), ""),  # link definitions
    (re.compile(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", re.MULTILINE), r"\n\1\n"),  # headings
    (re.compile(r"^\s{0,3}>\s?", re.MULTILINE), ""),  # quotes
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\w)"), r"\1"),
    (re.compile(r"(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w])"), r"\1"),
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"^\s*[*+]\s+", re.MULTILINE), "- "),
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
)


def strip_markdown(text: str) -> str:
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def first_heading(text: str) -> tuple[str | None, str]:
    """The leading '# Title' of a Markdown body, and the body without it."""
    m = re.match(r"\s*#\s+(.+?)\s*#*\s*(?:\n|$)", text)
    if m:
        return strip_markdown(m.group(1)).strip(), text[m.end() :]
    return None, text
