"""Quoting: the best sentences as citations, each grown so that it says what its speaker said, not
half of it, and a first quote from inside a quotation followed by the sentences that say whose
words they are and where they come from. A quote is always the source's own text at its offsets."""
from __future__ import annotations

import numpy as np

from . import config, rules
from .index import Index, Window
from .quotations import open_quotation, quotation_around, quotation_close
from .reply import Citation
from .sources import Document, is_markdown, row_header


def citations(index: Index, sentences: np.ndarray, scores: np.ndarray, words_asked: bool = False) -> list[Citation]:
    """The best sentences as citations, skipping any that an earlier quote already contains. A
    first quote from inside a quotation is followed by the sentence that opens the quotation, if
    that is an earlier one, and by the quotation's source line, if it has one: who said the words
    quoted, and where, is part of quoting them. A first quote that is a table's row is followed by
    the table's header row. A question the document asks is quoted by its answer (_answer_to), and
    the first such is followed by the question; not when the question asks who said some words or
    what was said (`words_asked`: 'Who wrote "Will it be possible…?"' is about the question itself)."""
    out: list[Citation] = []
    for ranked, score in zip(sentences, scores):
        asks = None if words_asked else _answer_to(index, int(ranked))
        i = int(ranked) if asks is None else asks
        quotes = [cite(index, i, float(score), paragraph=asks is not None)]
        if not out:  # cited for the quote they come with, and at its score
            window = index.section_window(i, config.QUOTATION_PARAGRAPHS)
            opening = _quotation_opening(index, i, window)
            source = _quotation_source(index, i, quotes[0].end, window)
            quotes += [cite(index, int(ranked), float(score), run_on=False)] if asks is not None else []
            quotes += [cite(index, opening, float(score), run_on=False)] if opening is not None else []
            quotes += [cite(index, source, float(score))] if source is not None else []
            quotes += [header] if (header := _table_header(index, i, float(score))) else []
        for c in quotes:
            if not any(o.source == c.source and o.start < c.end and c.start < o.end for o in out):
                out.append(c)
        if len(out) >= config.MAX_CITATIONS:
            break
    return out[: config.MAX_CITATIONS]


def _answer_to(index: Index, sentence_id: int) -> int | None:
    """The sentence after a question the document asks ('Do I need to bring my own mat?' of an FAQ:
    'No.', which the quote runs on from), when it is in the same section and no question itself:
    a question answers nothing, and the one retrieved is where its answer is. Not a question in
    quotation marks (Engels's '"Will it be possible…?' is quoted on until the quotation closes)."""
    if not rules.ANSWER_FOLLOWS.on or not rules.ANSWER_FOLLOWS.search(index.text(index.sentences[sentence_id])):
        return None
    n = sentence_id + 1
    if n >= len(index.sentences) or not index.same_section(index.sentences[n].para, index.sentences[sentence_id].para):
        return None
    return None if rules.ANSWER_FOLLOWS.search(index.text(index.sentences[n])) else n


def _quotation_opening(index: Index, sentence_id: int, window: Window) -> int | None:
    """The earlier sentence that opens a quotation this sentence is inside of ('In his 1915
    article ..., Lenin stated the following: "Uneven economic ...' for 'Hence, the victory of
    socialism is possible first in several or even in one capitalist country alone.'): it says
    whose words they are."""
    if not rules.QUOTATION_OPENING.on:
        return None
    around = quotation_around(window.text[window.start:window.end], index.sentences[sentence_id].start - window.start)
    if around is None:
        return None  # not inside a quotation, or one that never closes (a stray mark)
    mark = window.start + around[0]
    n = sentence_id - 1
    while n >= 0 and index.sentences[n].start > mark:
        n -= 1
    return n if n >= 0 and index.sentences[n].end > mark else None


def _header_row(doc: Document, start: int) -> tuple[int, int] | None:
    """Offsets of the header row of the markdown table whose row starts at `start`, if it is one."""
    return row_header(doc.text, start) if is_markdown(doc.name) else None


def _table_header(index: Index, sentence_id: int, score: float) -> Citation | None:
    """The header row of the markdown table a quoted row is in ('Bike | Half day | Full day' for
    'E-bike | £25 | £40'), as a citation: a row's cells say nothing without their columns' names."""
    if not rules.TABLE_HEADER.on:
        return None
    s = index.sentences[sentence_id]
    para = index.paragraphs[s.para]
    doc = index.docs[para.doc]
    if (header := _header_row(doc, s.start)) is None:
        return None
    return Citation(doc.text[header[0]: header[1]], doc.name, para.section, *header, round(score, 4))


def _quotation_source(index: Index, sentence_id: int, end: int, window: Window) -> int | None:
    """The sentence saying where a quotation comes from, when a quote starting at this sentence
    and ending at `end` stops inside the quotation: the line glued to its closing mark
    ('... a universal range."Friedrich Engels, The Principles of Communism, 1847') or the
    bracket or dash after it ('... nonsense.” (Speech delivered ..., Collected Works, Vol. 23, p.
    9.)')."""
    if not rules.QUOTATION_SOURCE.on:
        return None
    text = window.text
    close = quotation_close(text[window.start:window.end], end - window.start)
    if close is None:
        return None
    close += window.start
    own = index.sentences[sentence_id].para
    for n in range(sentence_id + 1, len(index.sentences)):
        s = index.sentences[n]
        if not index.same_section(s.para, own):
            return None
        if s.start >= close:  # the first sentence past the closing mark
            marked = s.start == close or text[s.start] in "(—–"
            short = len(text[s.start: s.end].split()) <= config.SOURCE_LINE_WORDS
            return n if marked and short and not text[close: s.start].strip() else None
    return None


def _runs_on(quote: str, same_paragraph: bool, same_section: bool, glued: bool) -> bool:
    """Whether a quote goes on into the next sentence: when it is very short (within its
    paragraph), when the next is glued to it, or when it opens a quotation it does not close or
    introduces what follows ("Engels wrote:"; these two into the next paragraphs of its section)."""
    unfinished = ((rules.QUOTATION_RUNS_ON.on and open_quotation(quote) is not None)
                  or (rules.COLON_RUNS_ON.on and quote.rstrip().endswith(":")))
    if same_paragraph:
        short = rules.SHORT_QUOTE_RUNS_ON.on and len(quote.split()) < config.SHORT_QUOTE_WORDS
        return short or unfinished or glued
    return unfinished and same_section


def cite(index: Index, sentence_id: int, score: float, run_on: bool = True, paragraph: bool = False) -> Citation:
    """A sentence as a citation, run on into the next sentences (at most config.QUOTE_RUN_ON) so
    the quote says what the speaker said ('universal range."Friedrich Engels, The Principles of
    Communism, 1847'). `run_on` False: the sentence alone; `paragraph`: on to its paragraph's end
    within that many sentences (an FAQ's answer: 'We service the wheels… Motors and batteries go
    back to the maker…')."""
    s = index.sentences[sentence_id]
    para = index.paragraphs[s.para]
    doc = index.docs[para.doc]
    end = s.end
    more = config.QUOTE_RUN_ON if run_on else 0
    for nxt in range(sentence_id + 1, min(len(index.sentences), sentence_id + 1 + more)):
        n = index.sentences[nxt]
        if not (paragraph and n.para == s.para) and not _runs_on(doc.text[s.start:end], n.para == s.para,
                                                                 index.same_section(n.para, s.para), n.start <= end):
            break
        end = n.end
    header = _header_row(doc, s.start)
    return Citation(doc.text[s.start:end], doc.name, para.section, s.start, end, round(score, 4),
                    doc.text[header[0]: header[1]] if header else "")
