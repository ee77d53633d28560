"""What the bot hands back: a Reply with its Citations, and how a citation is labelled in the chat
(written by render.py, read back by conversation.py when a caller passes plain chat history)."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Citation:
    quote: str      # verbatim source text: raw[start:end] of the source file
    source: str     # file name
    section: str
    start: int
    end: int
    score: float
    header: str = ""  # a markdown table's row: the table's header row ('Bike | Half day | Full day')


@dataclass
class Reply:
    text: str                    # markdown for the chat
    found: bool                  # False: the article does not answer
    span: str                    # short verbatim answer, or ""
    citations: list[Citation] = field(default_factory=list)  # best first
    closest: list[Citation] = field(default_factory=list)    # when refusing: nearest, *not* answers
    note: str = ""               # what was done to the question (shortened, cleaned)
    reason: str = ""             # why it refused: "model", "unknown name", "follow-up doubt", "opposite"; or
                                 # "small talk"; "" when it answered
    span_in: int = 0             # which of the citations the short answer is part of (0: the first)

    @property
    def cited(self) -> list[tuple[str, int, int]]:
        """(file name, start, end) of what this reply quoted: its answer's quotes, or the closest."""
        return [(c.source, c.start, c.end) for c in (self.citations or self.closest)]

    def to_dict(self) -> dict:
        return asdict(self)


_LABEL = re.compile(r"`([^`\n]+)` chars (\d+)[–-](\d+)")


def location(c: Citation) -> str:
    """Where a quote is, as the chat shows it: `file.txt` chars 120–245."""
    return f"`{c.source.replace('`', chr(39))}` chars {c.start}–{c.end}"


def cited_in(markdown: str) -> list[tuple[str, int, int]]:
    """(file name, start, end) of each citation a reply's markdown shows (location's format)."""
    return [(m[0], int(m[1]), int(m[2])) for m in _LABEL.findall(markdown)]
