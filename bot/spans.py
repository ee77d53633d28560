"""The short answer: the piece of the best quote (or of the second: short_answer_in) that answers
the question.

A reader (all-MiniLM-L6-v2 fine-tuned for extractive question answering by scripts/train_reader.py,
run as int8 ONNX) scores every token of the quote as the answer's first and last. When the question
asks for a type (a date, a number, a name, a title...), the answer is the piece of that type it
scores highest (for a name, unless its own best span scores clearly higher: names are found by
their capitals alone); otherwise, or when the quote holds no such piece, the best span it finds
at all, grown to whole words. A question asking why or how (not how many), or for yes or no, gets
the whole quote; one offering a choice ("easier or harder"), the alternative the quote says; one
asking for someone's exact words, the quotation; "which chapter/volume..." the numbered part
(questions.answer_form)."""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from . import config, embed, rules
from .extent import as_asked, items_asked, whole_extent, whole_list
from .lexical import STOPWORDS, fold, stem, words
from .models import load_reader
from .pieces import candidate_spans
from .questions import answer_form, definition, definition_subject, gloss
from .tables import cell_asked

_FOUND_BY_CAPITALS = ("person", "place", "entity", "speaker")  # kinds whose pieces are capitalised words
_HOW_MANY = re.compile(r"\bhow many\b", re.IGNORECASE)


@lru_cache(maxsize=8)  # reader_first and second_quote_read read the best quotes, which short_answer reads again
def _read(question: str, text: str) -> tuple[np.ndarray, np.ndarray, list[tuple[int, int]]]:
    """The reader's start and end scores for each token of the text (read-only), and the tokens' offsets."""
    e = embed.load_tokenizer(config.READER_MAX_TOKENS).encode(question, text)
    start, end = load_reader().run(None, embed.pair_inputs(e))
    inside = [t for t, s in enumerate(e.sequence_ids) if s == 1]
    start, end = start[0][inside], end[0][inside]
    start.flags.writeable = end.flags.writeable = False
    return start, end, [e.offsets[t] for t in inside]


def _span_scores(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The reader's score (start + end logits) of every span, by first and last token: -inf where
    the last is before the first or too far after it."""
    pair = start[:, None] + end[None, :]
    gap = np.arange(len(start))[None, :] - np.arange(len(start))[:, None]
    pair[(gap < 0) | (gap >= config.READER_MAX_ANSWER_TOKENS)] = -np.inf
    return pair


def _best_span_score(question: str, text: str) -> float:
    """The reader's score of its best span in the text, -inf if it reads none."""
    start, end, offsets = _read(question, text)
    return float(_span_scores(start, end).max()) if offsets else -np.inf


def reader_first(question: str, texts: list[str], scores: list[float]) -> int:
    """Which of the two best sentences to quote first (0 or 1): the second when the reader finds a
    clearly better answer in it than in the first, for how far behind the ranker put it. The reader
    reads question and sentence together, which the ranker's features do not (measured on articles
    no model saw: the answer in the first quote 0.738 -> 0.755 on Super Bowl 50, 0.803 -> 0.822 on
    train10's held-out three; docs/experiments.md)."""
    if not rules.READER_FIRST.on or len(texts) < 2:
        return 0
    behind = float(np.log(max(scores[0], 1e-4)) - np.log(max(scores[1], 1e-4)))
    if behind > config.READER_FIRST_WEIGHT * config.READER_FIRST_MAX_GAIN:  # too far behind: not read
        return 0
    gain = _best_span_score(question, texts[1]) - _best_span_score(question, texts[0])
    return int(config.READER_FIRST_WEIGHT * gain > behind)


def _whole_words(text: str, a: int, b: int) -> tuple[int, int]:
    """The span grown to whole words (a token may be a piece of one: '50' of '£27.50' gives
    '£27.50'), and past the closing mark of a quotation it opens, if that is near ('a "comrade
    Ivanov' gives 'a "comrade Ivanov"')."""
    def inside(i: int) -> bool:  # text[i] is part of the word: a letter, a digit, or a number's point or comma ('27.50')
        return text[i].isalnum() or (text[i] in ".," and 0 < i < len(text) - 1
                                     and text[i - 1].isdigit() and text[i + 1].isdigit())

    while a > 0 and inside(a - 1):
        a -= 1
    if rules.MEASURE_ASKED.on and a > 0 and text[a - 1] in "$£€¥" and text[a:a + 1].isdigit():
        a -= 1  # a sum keeps its sign: '£20', not '20'
    while b < len(text) and inside(b):
        b += 1
    return a, b


def _measure_fits(question: str, kind: str) -> Callable[[str], bool]:
    """A test: can a piece of text be the measure the question asks for (rules.MEASURE_ASKED)?"""
    if not rules.MEASURE_ASKED.on or kind not in ("date", "day", "number"):
        return lambda piece: True
    if kind != "number" or re.search(r"\bhow (?:long|soon)\b", question, re.IGNORECASE):
        return lambda piece: not rules.MONEY.search(piece)
    money = rules.MEASURE_ASKED.search(question) and not _HOW_MANY.search(question)

    def fits(piece: str) -> bool:  # a year is no count, sum or age: not '2014' for 'How many DB10s…?', '1817' for 'How old…?'
        if re.fullmatch(r"(?:1[1-9]|20)\d\d", piece.strip()):
            return False
        return not money or bool(rules.MONEY.search(piece)) or not rules.TIME_OR_DISTANCE.search(piece)  # '£30 a day' is money
    return fits


def _answer_fits(question: str, kind: str) -> Callable[[str], bool]:
    """A test for the short answer itself, not for each word it grows by (a unit): the measure asked
    (_measure_fits), and a number for a count or a sum. Not 'second' (an ordinal) for 'How many
    people…?', nor 'cappuccino has more foam' for 'What does a latte cost?': then no piece answers,
    and the quote stands alone."""
    fits = _measure_fits(question, kind)
    asked = _HOW_MANY.search(question) or rules.MEASURE_ASKED.search(question)
    if not rules.MEASURE_ASKED.on or kind != "number" or not asked:
        return fits
    return lambda piece: fits(piece) and bool(rules.QUANTITY.search(rules.ORDINAL.sub(" ", piece)))


def _new_to(question: str) -> Callable[[str], bool]:
    """A test: does a piece of text say something the question does not (a word beyond its own)?"""
    if not rules.NEW_TO_QUESTION.on:
        return lambda piece: True
    asked = {stem(w) for w in words(question) if w not in STOPWORDS}
    return lambda piece: bool({stem(w) for w in words(piece) if w not in STOPWORDS} - asked)


def _wanted(new: Callable[[str], bool], fits: Callable[[str], bool]) -> Callable[[str], bool]:
    """A test: does a piece say something new (`new`: _new_to's test) that can be the measure asked
    (`fits`: _measure_fits's)?"""
    return lambda piece: new(piece) and fits(piece)


def typed_spans(text: str, kind: str, new: Callable[[str], bool] = lambda piece: True) -> list[tuple[int, int]]:
    """The pieces of the asked type in the text that say something new (`new`: _new_to's test, or _wanted's),
    not those the question already names; a name that ends the sentence without its full stop
    ("in England." gives "England")."""
    out = []
    for a, b in candidate_spans(text, kind, loose=True):
        last = text[a:b - 1].split()[-1:]
        if rules.FULL_STOP_TRIM.on and text[b - 1] == "." and last and last[0][-3:].isalpha():  # not "U.S."
            b -= 1
        if new(text[a:b]):
            out.append((a, b))
    return out


def _piece_score(start: np.ndarray, end: np.ndarray, offsets: list[tuple[int, int]], piece: tuple[int, int]) -> float:
    """The reader's score of a piece of the text (its first token's start and last token's end
    logit, as float32 as theirs), -inf when no token of it was read."""
    tokens = [k for k, (x, y) in enumerate(offsets) if x < piece[1] and y > piece[0]]
    return start[tokens[0]] + end[tokens[-1]] if tokens else -np.inf


def choice_between(question: str) -> list[str]:
    """The alternatives a question offers ("Is it easier or harder…?": easier, harder; "Are they
    predators, vegetarian or parasitic?": three), less a word both sides share ("after filming or
    during filming"); [] for any other question."""
    m = rules.CHOICE_FORM.match(question)
    alternatives = re.split(r",\s*|\s+or\s+(?:(?:an?|the)\s+)?", m["alternatives"]) if m else []
    return [w for w in alternatives if len(re.findall(rf"\b{re.escape(w)}\b", question, re.IGNORECASE)) == 1]


def _chosen(question: str, text: str, alternatives: list[str]) -> tuple[int, int] | None:
    """The alternative the text says ("contrasts" for contrast, "external" for a misspelt
    "exeternal"), the reader choosing when it says several; None when it says none: the quote then
    stands alone, not some other piece of it in bold."""
    said = [(w.start(), w.end()) for w in re.finditer(r"\w+", text)
            if any(_same_word(w.group().lower(), a.lower()) for a in alternatives)]
    if not said:
        return None
    start, end, offsets = _read(question, text)
    return max(said, key=lambda p: _piece_score(start, end, offsets, p))


def _same_word(word: str, alternative: str) -> bool:
    """The word is the alternative, inflected ("altered" for alter: lexical.fold, as a text's use of
    a word is told everywhere) or misspelt (rapidfuzz, long words; not lexical.near, whose two edits
    for names would take "internal" for "external")."""
    if fold(word) == fold(alternative):
        return True
    return min(len(word), len(alternative)) >= 6 and fuzz.ratio(word, alternative) >= config.CHOICE_SPELLING_MIN


def short_answer(text: str, kind: str, question: str, title: str = "") -> tuple[int, int] | None:
    """Offsets in `text` of the short answer; None when the whole text is the answer: the question
    asks for a reason or a way, or the reader finds nothing the question does not already say.
    `title`: of the text's document, which "this article" in a question stands for."""
    subject = definition_subject(question, title)
    if subject is not None and (said := definition(subject, text) or gloss(subject, text)) is not None:
        return said  # "X was a theory ...", "... the Comintern, the Communist International, ..."
    if alternatives := choice_between(question):
        return _chosen(question, text, alternatives)
    kind = answer_form(question, kind)
    if kind == "sentence":  # measured: dev F1 0.47 -> 0.51, the SQuAD sets unchanged
        return None
    start, end, offsets = _read(question, text)
    if not offsets:  # the question alone filled the reader's window
        return None
    new, answers = _new_to(question), _answer_fits(question, kind)
    wanted = _wanted(new, _measure_fits(question, kind))  # each piece the answer is or grows by
    pieces = typed_spans(text, kind)
    scored = [(_piece_score(start, end, offsets, p), *p) for p in pieces
              if wanted(text[slice(*p)]) and answers(text[slice(*p)])]
    scored = [s for s in scored if np.isfinite(s[0])]
    pair = _span_scores(start, end)
    if not scored:
        return _free_span(text, new, offsets, pair, answers)
    best, a, b = max(scored)
    # Names are found by their capitals alone, and the answer may be none ("bourgeoisie and
    # proletariat"): the reader's own span wins when it scores clearly higher than every name.
    if rules.NAME_FREE_MARGIN.on and kind in _FOUND_BY_CAPITALS and pair.max() > best + config.READER_FREE_MARGIN:
        return _free_span(text, new, offsets, pair) or (a, b)
    a, b = whole_extent(text, a, b, kind, wanted, pieces)
    return as_asked(text, *whole_list(text, a, b, items_asked(question), pieces, wanted), kind, question)


_TYPED = ("date", "day", "number", "person", "place", "title", "part", "speaker")


def short_answer_in(quotes: list[str], kind: str, question: str, title: str = "",
                    header: str = "") -> tuple[int, int, int] | None:
    """The short answer among the best quotes: (which quote, start, end), or None when the first
    quote is the answer. It is in the first quote, unless the question asks for a type (a date, a
    name...) that the first has no new piece of (of the measure asked: _wanted) and one of the next `config.SHORT_ANSWER_QUOTES - 1`
    has ("In which year did he write it?" of a quotation whose source line is the second quote;
    measured: F1 dev 0.65 -> 0.69, train10 held out 0.524 -> 0.530, Super Bowl 50 0.522 -> 0.523),
    and the reader finds a better answer there than in the first (a date two quotes down is more
    often about something else: F1 on Super Bowl 50 0.599 -> 0.604, train10's held-out three
    0.616 -> 0.618; docs/experiments.md). `header`: the header row of the table the first quote is
    a row of, if it is one (tables.cell_asked)."""
    if header and rules.TABLE_CELL.on and quotes:
        cell = cell_asked(question, quotes[0], header, answer_form(question, kind))
        return (0, *cell) if cell else None
    form = answer_form(question, kind)
    wanted = _wanted(_new_to(question), _answer_fits(question, form))
    if rules.SECOND_QUOTE_SPAN.on and form in _TYPED and quotes and not typed_spans(quotes[0], form, wanted):
        for n, quote in enumerate(quotes[1: config.SHORT_ANSWER_QUOTES], 1):
            if typed_spans(quote, form, wanted):
                if rules.SECOND_QUOTE_READ.on and _best_span_score(question, quote) <= _best_span_score(question, quotes[0]):
                    break  # only the nearest such quote is weighed against the first
                piece = short_answer(quote, kind, question, title)
                return (n, *piece) if piece else None
    piece = short_answer(quotes[0], kind, question, title) if quotes else None
    return (0, *piece) if piece else None


def _free_span(text: str, new: Callable[[str], bool], offsets: list[tuple[int, int]], pair: np.ndarray,
               fits: Callable[[str], bool] = lambda span: True) -> tuple[int, int] | None:
    """The reader's best span, grown to whole words, around something the question does not say
    (`new`: _new_to's test); None if that is no measure of the kind asked (`fits`: _measure_fits's
    test): the reader's best guess is then of the wrong kind, and the ones after it no better."""
    for flat in np.argsort(-pair, axis=None, kind="stable")[: config.READER_TRIES]:
        i, j = np.unravel_index(int(flat), pair.shape)
        if not np.isfinite(pair[i, j]):
            break
        a, b = _whole_words(text, offsets[i][0], offsets[j][1])
        if new(text[a:b]):
            return (a, b) if fits(text[a:b]) else None
    return None
