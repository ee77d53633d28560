"""Reading an article (.txt in light MediaWiki form, or .md) into paragraphs and sentences. Every
piece keeps its exact character offsets into the raw file, so a quote is always ``text[start:end]``
of the file itself: nothing is rewritten, nothing is invented."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import SOURCE_SUFFIXES


class SourceError(ValueError):
    """A source file that cannot be read as an article."""


@dataclass(frozen=True)
class Paragraph:
    doc: int      # index of the document in the index
    section: str
    start: int    # offsets into the document's raw text
    end: int


@dataclass(frozen=True)
class Sentence:
    para: int     # index of its paragraph
    start: int
    end: int


@dataclass
class Document:
    name: str     # file name, shown in citations
    title: str
    text: str     # the raw file, exactly as read
    paragraphs: list[tuple[str, int, int]] = field(default_factory=list)  # (section, start, end)


LEAD = "Lead"
_WIKI_TITLE = re.compile(r"^\s*\[\[(.+?)\]\]\s*$")
_WIKI_HEADING = re.compile(r"^\s*(={2,6})\s*(.*?)\s*\1\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*(?:[*#:;]+|[-+](?=\s|$))\s*")  # wiki bullets and indents, markdown bullets
_MD_BULLET = re.compile(r"^\s*[-+*](?=\s|$)\s*")  # in markdown '*' opens an item only before a space: '**Q?**' is bold
_MD_BREAK = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")  # a thematic break ('***', '- - -'): no text
_MD_EMPHASIS_LINE = re.compile(r"^\s*(\*\*|__|\*|_)([^\s*_](?:.*[^\s*_])?)\1\s*$")  # whole line: '**Q?**'
# Markdown only (a .txt article is read as MediaWiki text): numbered items, code fences, and tables:
# a header line, a separator line ("|---|:--:|", "---|---") and rows, their cells between pipes
# (the outer ones may be left out); a line opening with a pipe is a row even outside such a table.
_MD_NUMBERED = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+")
_MD_FENCE = re.compile(r"^\s{0,3}(?:```|~~~)")
_MD_ROW = re.compile(r"^[ \t]{0,3}\|")
_PIPE = re.compile(r"(?<!\\)\|")
_MD_SEPARATOR = re.compile(r"^\s{0,3}\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")

# A sentence ends at . ! or ? (plus closing quotes/brackets) before white space and a capital,
# a digit or an opening quote; the word before the stop decides whether it was an abbreviation.
_END = re.compile(r"[.!?]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[A-Z0-9À-ÖØ-Þ\u0370-\u03ff\u0400-\u04ff])"
                  # a Wikipedia citation glued to the end of a quotation: ...range."Friedrich Engels, ...
                  r"|[.!?][\"”](?=[A-Z])")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vol", "vols", "p", "pp", "ch", "chap",
    "vs", "etc", "e.g", "i.e", "cf", "al", "inc", "ltd", "co", "corp", "gen", "col", "lt", "sgt",
    "capt", "rev", "fig", "ed", "eds", "approx", "est", "dept", "univ", "mt", "ft", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.d", "b.c",
}
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def read_source(path: str | Path) -> Document:
    """Read one .txt/.md article from disk, with clear errors for what cannot be read."""
    path = Path(path)
    if path.suffix.lower() not in SOURCE_SUFFIXES:
        raise SourceError(f"{path}: unsupported file type {path.suffix or '(none)'!r}; "
                          f"give a {' or '.join(SOURCE_SUFFIXES)} file")
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not UTF-8 text (byte {e.start}); save it as UTF-8 and try again") from None
    if "\x00" in text:
        raise SourceError(f"{path}: looks like a binary file, not a text article")
    return parse(path.name, text)


def _lines(text: str):
    """Each line of the text: its number, where it starts and ends (trailing space cut), and its body."""
    pos = 0
    for i, line in enumerate(text.splitlines(keepends=True)):
        line_start, pos = pos, pos + len(line)
        body = line.rstrip()
        yield i, line_start, line_start + len(body), body


def _wiki_title(i: int, body: str) -> str | None:
    """The article's title, if this is its first line written as [[Title]]."""
    m = _WIKI_TITLE.match(body) if i == 0 else None
    return m.group(1).strip() if m else None


def heading(body: str) -> tuple[int, str] | None:
    """A line's heading level and title, if it is a wiki (== Title ==) or markdown (## Title) heading."""
    m = _WIKI_HEADING.match(body) or _MD_HEADING.match(body)
    return (len(m.group(1)), m.group(2)) if m else None


def headings(text: str) -> list[tuple[int, int, int, str]]:
    """(start, end, level, title) of every heading line of a source, the wiki title line as level 1."""
    out = []
    for i, start, end, body in _lines(text):
        if (title := _wiki_title(i, body)) is not None:
            out.append((start, end, 1, title))
        elif h := heading(body):
            out.append((start, end, *h))
    return out


def is_markdown(name: str) -> bool:
    """Whether a source is read as markdown (its tables, numbered items and code blocks) or as MediaWiki text."""
    return Path(name).suffix.lower() == ".md"


def cells(row: str) -> list[tuple[int, int]]:
    """Offsets in a table row (its text between the outer pipes) of each cell's text, trimmed."""
    out, a = [], 0
    for b in [m.start() for m in _PIPE.finditer(row)] + [len(row)]:
        piece = row[a:b]
        out.append((a + len(piece) - len(piece.lstrip()), a + len(piece.rstrip())))
        a = b + 1
    return out


def _row(line_start: int, body: str) -> tuple[int, int]:
    """A table row's text between its outer pipes, if it has them, as offsets: '| E-bike | £25 |'
    and 'E-bike | £25' -> 'E-bike | £25'."""
    a, b = len(body) - len(body.lstrip()), len(body.rstrip())
    a += body.startswith("|", a)
    b -= b > a and body[b - 1] == "|" and body[b - 2: b] != "\\|"
    inner = body[a:b]
    return line_start + a + len(inner) - len(inner.lstrip()), line_start + a + len(inner.rstrip())


def _line(text: str, start: int) -> str:
    """The line of `text` that starts at `start`, without its line break."""
    end = text.find("\n", start)
    return text[start: end if end >= 0 else len(text)]


def _separator(line: str) -> bool:
    return bool(_MD_SEPARATOR.match(line)) and "|" in line


def table_header(text: str, offset: int) -> tuple[int, int] | None:
    """The header row (as offsets of its text between the outer pipes) of the markdown table whose
    row holds `offset`; None outside a table, or for a table with no separator line after its first."""
    first = text.rfind("\n", 0, offset) + 1  # the row's line, then up while the lines above have pipes
    if not _PIPE.search(_line(text, first)):
        return None
    while first > 0 and _PIPE.search(_line(text, above := text.rfind("\n", 0, first - 1) + 1)):
        first = above
    header = _line(text, first)
    if len(text) <= first + len(header) or not _separator(_line(text, first + len(header) + 1)):
        return None  # no separator line after the first: no header
    return _row(first, header)


def row_header(text: str, start: int) -> tuple[int, int] | None:
    """table_header for the row starting at `start`; None if that row is the header row itself."""
    found = table_header(text, start)
    return found if found and not found[0] <= start < found[1] else None


def row_readings(text: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """Each table row among these paragraphs (`spans`: offsets, in order) spelt out with its columns'
    names, 'Week: 5; Topic: Wireless networks; Reading: Chapter 7', for embedding: the row alone says
    neither what its numbers are nor which question they answer. None for a paragraph no table's row.
    A row on the line after the last shares its header, which is looked for once a table."""
    out, header, last = [], None, -1
    for start, end in spans:
        if header is None or text.count("\n", last, start) != 1:  # not the next line of the same table
            header = row_header(text, start)
        names, row = (text[header[0]: header[1]], text[start:end]) if header else ("", "")
        pairs = zip([names[slice(*c)] for c in cells(names)], [row[slice(*c)] for c in cells(row)])
        out.append("; ".join(f"{name}: {value}" for name, value in pairs if value) if header else None)
        last = end
    return out


def row_readings_of(docs: list[Document], paragraphs: list[Paragraph]) -> list[str | None]:
    """row_readings for every paragraph of these documents (Paragraph.doc indexes `docs`)."""
    out: list[str | None] = [None] * len(paragraphs)
    by_doc: dict[int, list[int]] = {}
    for i, p in enumerate(paragraphs):
        by_doc.setdefault(p.doc, []).append(i)
    for d, ids in by_doc.items():
        if is_markdown(docs[d].name):
            spans = [(paragraphs[i].start, paragraphs[i].end) for i in ids]
            for i, reading in zip(ids, row_readings(docs[d].text, spans)):
                out[i] = reading
    return out


@dataclass
class _Markdown:
    in_code: bool = False   # inside a fenced code block
    in_table: bool = False  # the line before was a table's


def _markdown_line(text: str, body: str, line_start: int, at: _Markdown) -> tuple[str, tuple[int, int] | None]:
    """What a markdown line is, with the offsets of its text if it has any: "fence", "code" (inside a
    fence: no heading or list), "table" (a row; none for the separator line or the header row, which
    names the columns: quoted with a row, quote.py, never an answer), "break", "item" (a numbered item,
    or a line in emphasis from end to end: its text inside the marks), or "" (anything else)."""
    opens_table = not at.in_table and bool(_PIPE.search(body)) and _separator(_line(text, line_start + len(body) + 1))
    was_table, at.in_table = at.in_table, not at.in_code and (
        opens_table or bool(_MD_ROW.match(body)) or (at.in_table and bool(_PIPE.search(body))))
    if _MD_FENCE.match(body):
        at.in_code = not at.in_code
        return "fence", None
    if at.in_code:
        return "code", (line_start + len(body) - len(body.lstrip()), line_start + len(body)) if body.strip() else None
    if _MD_BREAK.match(body) and not at.in_table:
        return "break", None
    if at.in_table:
        row = None if _separator(body) else _row(line_start, body)
        header = not was_table and table_header(text, line_start) == row  # only a table's first line can be
        return "table", row if row and row[0] < row[1] and not header else None
    if m := _MD_NUMBERED.match(body):
        return "item", (line_start + m.end(), line_start + len(body))
    if (m := _MD_EMPHASIS_LINE.match(body)) and m[1] not in m[2]:  # one span of emphasis, not '**a** b **c**'
        return "item", (line_start + m.start(2), line_start + m.end(2))
    return "", None


def parse(name: str, text: str) -> Document:
    """Split raw article text into paragraphs that know their section and offsets."""
    doc = Document(name=name, title=Path(name).stem.replace("_", " "), text=text)
    section = LEAD
    run: list[tuple[int, int]] = []  # consecutive plain lines form one paragraph
    markdown, at = is_markdown(name), _Markdown()

    def flush() -> None:
        doc.paragraphs.extend([(section, run[0][0], run[-1][1])] if run else [])
        run.clear()

    for i, line_start, end, body in _lines(text):
        if (title := _wiki_title(i, body)) is not None:
            doc.title = title
            continue
        what, content = _markdown_line(text, body, line_start, at) if markdown else ("", None)
        if what:  # markdown's own: a code block's lines make one paragraph; a row or an item stands alone
            if what != "code":
                flush()
            run.extend([content] if what == "code" and content else [])
            doc.paragraphs.extend([(section, *content)] if what != "code" and content else [])
            continue
        if h := heading(body):
            flush()
            titled = h[0] == 1 and section == LEAD and not doc.paragraphs  # only markdown has level 1 ("#"): its title
            doc.title, section = (h[1], section) if titled else (doc.title, h[1] or section)
            continue
        bullet = (_MD_BULLET if markdown else _BULLET).match(body)
        content_start = line_start + (bullet.end() if bullet else len(body) - len(body.lstrip()))
        if content_start >= end or bullet:  # a blank line or an empty bullet ends a paragraph; so does
            flush()                         # a list item, which stands alone, or an indented (quoted) line
        if content_start >= end:
            continue
        if bullet and not body.lstrip().startswith(":"):
            doc.paragraphs.append((section, content_start, end))
            continue
        run.append((content_start, end))
    flush()
    return doc


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Offsets of the sentences of text[start:end], trimmed of surrounding white space."""
    chunk = text[start:end]
    bounds, last = [], 0
    for m in _END.finditer(chunk):
        before = _WORD_BEFORE.search(chunk, 0, m.start() + 1)
        word = before.group(1).lower() if before and before.end() == m.start() + 1 else ""
        after = chunk[m.end():].lstrip()[:1]
        initials = all(len(part) == 1 and part.isalpha() for part in word.split("."))  # "V.I. Lenin", "U.S. Army"
        if word in _ABBREVIATIONS or (word and initials) or (word == "no" and after.isdigit()):
            continue
        bounds.append((last, m.end()))
        last = m.end()
    bounds.append((last, len(chunk)))
    out = []
    for a, b in bounds:
        piece = chunk[a:b]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            out.append((start + a + lead, start + a + lead + len(piece)))
    return out
