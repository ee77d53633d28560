"""The short answer in a row of a markdown table: the cell of the column the question names.

"How much is a full day on an e-bike?" quotes the row 'E-bike | £25 | £40' of a table headed
'Bike | Half day | Full day'. The reader learnt from sentences; a row is a list of values to it,
and it picks one by their look ("£40" for "How much is an e-bike?", which asks for neither
alone). The names of the columns say which cell is meant, or that none is (measured on
bench/markdown, 36 questions on five uploads with tables: EM 0.68 without this, 0.79 with)."""
from __future__ import annotations

from . import rules
from .lexical import STOPWORDS, content_words, stem, words
from .pieces import candidate_spans
from .sources import cells

# Kinds a cell can be told to be by its look. Names are left out: in a row most cells are capitalised ('Main Hall').
_KINDS = {"date": "day", "day": "day"}  # a time of day answers "When…?" in a timetable's row


def _stems(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def _said(cell: str, question: str) -> bool:
    """Whether the question already says the cell: its words, numbers among them ('E-bike', '£40')."""
    own = {stem(w) for w in words(cell) if w not in STOPWORDS}
    return bool(own) and own <= {stem(w) for w in words(question)}


def _key_cell(question: str, texts: list[str], columns: list[str], said: list[bool]) -> int | None:
    """Which cell names the row the question asks about: one it says whole ('E-bike'), else the one it
    says most words of beyond the cell's column name ('the talk on flood risk' of 'Mapping flood risk
    with volunteers'; not '2' of 'Room 2' in the column 'Room'); None if it says none. `said`: _said of each cell."""
    if any(said) or not rules.TABLE_KEY_CELL.on:
        return said.index(True) if any(said) else None
    asked = _stems(question)
    shared = [len((_stems(t) - _stems(c)) & asked) for t, c in zip(texts, columns)]
    best = max(shared, default=0)
    return shared.index(best) if best and shared.count(best) == 1 else None


def _of_kind(cell: str, form: str) -> bool:
    """Whether a cell holds a piece of the kind asked, where that kind is one a cell shows (_KINDS)."""
    return form in _KINDS and bool(candidate_spans(cell, _KINDS[form]))


def cell_asked(question: str, row: str, header: str, form: str = "") -> tuple[int, int] | None:
    """Offsets in `row` of the cell that answers, among the cells the question does not already say
    (the row's name, 'E-bike'): the one whose column the question names more words of than any
    other's ('a full day' names 'Full day'); if it names none, the one cell of the kind asked (`form`,
    questions.answer_form's: '27 April' for 'When is Marcus on the rota?', rule `table_cell_kind`);
    failing that, the one cell left besides the first column, which names the row ('1.3 kg' of
    'Weight | 1.3 kg' for 'How heavy is it?'); else None: the question leaves open which ('How much
    is an e-bike?' of a half-day and a full-day price). Rule `table_cell` (spans.short_answer_in
    asks this only while it is on)."""
    row_cells, names = cells(row), cells(header)
    if len(row_cells) != len(names) or row == header:
        return None
    asked = _stems(question)
    texts, columns = [row[slice(*c)] for c in row_cells], [header[slice(*n)] for n in names]
    said = [_said(t, question) for t in texts]
    key = _key_cell(question, texts, columns, said)
    open_cells = [(len(_stems(columns[j]) & asked), j, c) for j, c in enumerate(row_cells)
                  if c[0] < c[1] and j != key and not said[j]]
    named = sorted(open_cells, reverse=True)
    if named and named[0][0] > 0:  # two columns named alike: it is not clear which
        return named[0][2] if len(named) == 1 or named[1][0] < named[0][0] else None
    typed = [c for _, j, c in open_cells if rules.TABLE_CELL_KIND.on and _of_kind(texts[j], form)]
    if len(typed) == 1:
        return typed[0]
    values = [c for _, j, c in open_cells if j > 0]
    return values[0] if len(values) == 1 else None
