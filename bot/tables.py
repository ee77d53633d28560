"""The short answer in a row of a markdown table: the cell of the column the question names.

"How much is a full day on an e-bike?" quotes the row 'E-bike | £25 | £40' of a table headed
'Bike | Half day | Full day'. The reader learnt from sentences; a row is a list of values to it,
and it picks one by their look ("£40" for "How much is an e-bike?", which asks for neither
alone). The names of the columns say which cell is meant, or that none is (measured on
bench/markdown, 36 questions on five uploads with tables: EM 0.68 without this, 0.79 with)."""
from __future__ import annotations

from .lexical import STOPWORDS, content_words, stem, words
from .sources import cells


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def _said(cell: str, question: str) -> bool:
    """Whether the question already says the cell: its words, numbers among them ('E-bike', '£40')."""
    own = {stem(w) for w in words(cell) if w not in STOPWORDS}
    return bool(own) and own <= {stem(w) for w in words(question)}


def cell_asked(question: str, row: str, header: str) -> tuple[int, int] | None:
    """Offsets in `row` of the cell that answers, among the cells the question does not already say
    (the row's name, 'E-bike'): the one whose column the question names more words of than any
    other's ('a full day' names 'Full day'); if it names none, the one cell left besides the first
    column, which names the row ('1.3 kg' of 'Weight | 1.3 kg' for 'How heavy is it?'); else None:
    the question leaves open which ('How much is an e-bike?' of a half-day and a full-day price).
    Rule `table_cell` (spans.short_answer_in asks this only while it is on)."""
    row_cells, names = cells(row), cells(header)
    if len(row_cells) != len(names) or row == header:
        return None
    asked = _stems(question)
    open_cells = [(len(_stems(header[slice(*n)]) & asked), j, c) for j, (c, n) in enumerate(zip(row_cells, names))
                  if c[0] < c[1] and not _said(row[slice(*c)], question)]
    named = sorted(open_cells, reverse=True)
    if named and named[0][0] > 0:  # two columns named alike: it is not clear which
        return named[0][2] if len(named) == 1 or named[1][0] < named[0][0] else None
    values = [c for _, j, c in open_cells if j > 0]
    return values[0] if len(values) == 1 else None
