"""Reading an article (.txt in light MediaWiki form, or .md) into paragraphs and sentences.

Every piece keeps its exact character offsets into the raw file, so a quote is always
``text[start:end]`` of the file itself: nothing is rewritten, nothing is invented.
"""
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


def parse(name: str, text: str) -> Document:
    """Split raw article text into paragraphs that know their section and offsets."""
    doc = Document(name=name, title=Path(name).stem.replace("_", " "), text=text)
    section = LEAD
    run: list[tuple[int, int]] = []  # consecutive plain lines form one paragraph

    def flush() -> None:
        if run:
            doc.paragraphs.append((section, run[0][0], run[-1][1]))
            run.clear()

    for i, line_start, end, body in _lines(text):
        if (title := _wiki_title(i, body)) is not None:
            doc.title = title
            continue
        if h := heading(body):
            flush()
            level, title = h
            if level == 1 and section == LEAD and not doc.paragraphs:  # only markdown has level 1 ("#")
                doc.title = title  # a markdown document's first-level title
            else:
                section = title or section
            continue
        bullet = _BULLET.match(body)
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
