"""Quotation marks in a text: where quotations open and close, so that a quote never stops
half-way through someone's words and a short answer that opens a quotation closes it."""
from __future__ import annotations

import re
from collections.abc import Iterator

_MARK = re.compile(r'["“”«»]')


def _marks(text: str) -> Iterator[tuple[int, bool]]:
    """(offset, opens) for each quotation mark. A straight quote mark opens a quotation where a word
    would start (after a space, a colon, a bracket), else it closes one: the last sentence of a
    quotation ('... a universal range."Friedrich Engels, ...') opens nothing."""
    for m in _MARK.finditer(text):
        i, ch = m.start(), m.group()
        yield i, ch in "“«" or (ch == '"' and (i == 0 or text[i - 1] in " \t\n([:—–-"))


def _quotations(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The quotations of the text: where each that closes starts and ends (marks included), and
    where the one it leaves open starts, or None."""
    closed, depth, start = [], 0, 0
    for i, opens in _marks(text):
        if opens:
            start = i if depth == 0 else start
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                closed.append((start, i + 1))
    return closed, (start if depth else None)


def open_quotation(text: str) -> int | None:
    """Where the text opens a quotation it does not close (the offset just past the mark), or None."""
    start = _quotations(text)[1]
    return None if start is None else start + 1


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """Where the text quotes someone: from each opening mark to its closing one, or to the end."""
    closed, start = _quotations(text)
    return closed if start is None else closed + [(start, len(text))]


def quotation_around(text: str, at: int) -> tuple[int, int] | None:
    """The quotation open at offset `at` of the text: where its opening mark is and where it closes
    (just past the closing mark), or None if none is open there or it never closes."""
    return next(((start, end) for start, end in _quotations(text)[0] if start < at < end), None)


def quotation_close(text: str, at: int) -> int | None:
    """Where the quotation open at offset `at` of the text closes (just past the mark), or None."""
    around = quotation_around(text, at)
    return around[1] if around else None
