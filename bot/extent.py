"""How far a short answer reaches: a piece grown over the range, the alternatives or the list it
opens ('25 to 30 seconds', 'Australia or New Zealand', three names for "Which three actors…?"),
and a date or number cut or kept as the question asks for it ('2008' for "What year…?", 'every
five years' for "How often…?"). spans.py finds the piece; this module only grows or trims it."""
from __future__ import annotations

import re
import sys
from collections.abc import Callable

from . import rules
from .lexical import stem

_COUNTS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


def _value(piece: str) -> float | None:
    """The number a piece starts with, in digits or in words ('25', '1,917', 'three')."""
    if m := re.search(r"\d[\d,]*(?:\.\d+)?", piece):
        return float(m.group().replace(",", ""))
    return _COUNTS.get(piece.split()[0].lower()) if piece.split() else None


def _rising(first: str, second: str, kind: str) -> bool:
    """Whether 'first to second' is a range: numbers that go up ('25 to 30', '1917–1921', 'three
    to four'), not a score or a comparison ('49–15', 'outgained them 315 to 194'; measured on Super
    Bowl 50); or two months, weekdays or times of day ('April to October', 'Monday to Friday', '8am
    to 7pm'), which no score is."""
    if kind not in ("date", "day", "number"):
        return False
    # the days and months of rules.CALENDAR_WORDS (its words whether or not that rule is on)
    calendar = [p.strip().rstrip(".").lower() in rules.CALENDAR_WORDS.words or rules.DAY_TIME.fullmatch(p.strip())
                for p in (first, second)]
    if rules.CALENDAR_RANGE.on and all(calendar):
        return True
    values = [_value(piece) for piece in (first, second)]
    return None not in values and values[0] < values[1]


_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?", re.IGNORECASE)


def items_asked(question: str) -> int:
    """How many things the question asks for: 3 for "Which three actors…?", the whole list for
    "Which languages used…?" (a plural noun: measured in docs/experiments.md), 0 for one thing."""
    if m := rules.LIST_ASKED.search(question):
        return _COUNTS[m.group(1).lower()]
    return sys.maxsize if rules.PLURAL_LIST.search(question) else 0


def whole_list(text: str, a: int, b: int, items: int, pieces: list[tuple[int, int]],
               new: Callable[[str], bool]) -> tuple[int, int]:
    """A piece grown over the list it is in, to as many items as the question asks for (`items`:
    items_asked; "Which three actors…?": 'Ralph Fiennes, Naomie Harris and Ben Whishaw'): pieces
    of the type joined by commas, 'and' or 'or', each saying something the question does not."""
    starts, ends = dict(pieces), {y: x for x, y in pieces}
    while len(_LIST_JOIN.split(text[a:b])) < items:  # items, not pieces: "Jan Matuszyński and Julian Fontana" is one piece
        if (m := _LIST_JOIN.match(text, b)) and m.end() in starts and new(text[m.end(): starts[m.end()]]):
            b = starts[m.end()]
        elif before := [y for y in ends if y < a and _LIST_JOIN.fullmatch(text, y, a) and new(text[ends[y]: y])]:
            a = ends[max(before)]
        else:
            break
    return a, b


def whole_extent(text: str, a: int, b: int, kind: str, new: Callable[[str], bool],
                 pieces: list[tuple[int, int]]) -> tuple[int, int]:
    """A piece grown over the range or the alternatives it opens ('25 to 30 seconds', 'Australia
    or New Zealand', 'Grigory Zinoviev and Leon Trotsky'): the next pieces of the same type joined
    to it by 'to', a dash, 'or' or 'and' (a range only of dates and numbers), each saying something
    the question does not. `pieces`: every piece of the type in the text (typed_spans)."""
    if not rules.WHOLE_EXTENT.on:
        return a, b
    starts, ends = {x: y for x, y in pieces}, {y: x for x, y in pieces}

    def joins(x: int, y: int) -> bool:  # text[x:y] joins the pieces before and after it: 'to', 'or' ...
        m = rules.WHOLE_EXTENT.pattern.fullmatch(text, x, y)  # a connector is never empty
        if not m:
            return False
        return not m.group("range") or _rising(text[ends.get(x, x): x], text[y: starts.get(y, y)], kind)

    first = a, b
    while (m := rules.WHOLE_EXTENT.pattern.match(text, b)) and m.end() in starts and joins(b, m.end()):
        if not new(text[m.end(): starts[m.end()]]):
            break
        b = starts[m.end()]
    while before := [y for y in ends if y < a and joins(y, a) and new(text[ends[y]: y])]:
        a = ends[max(before)]
    # a range keeps its unit ("7 to 9 grams"); a single number keeps it unless the question names
    # it: SQuAD's crowd writes "874.3 square miles" for "What is the land area…?" but "12" for "How
    # many yards…?" (a unit after every number cost 11 exact matches on Super Bowl 50; docs/experiments.md)
    if kind == "number" and (unit := rules.UNIT.match(text[b:])) and (
            (a, b) != first or (rules.UNIT_AFTER_NUMBER.on and new(unit.group()))):
        b += unit.end()
    return a, b


def as_asked(text: str, a: int, b: int, kind: str, question: str) -> tuple[int, int]:
    """A date or number as the question asks for it, the way SQuAD's crowd writes answers: the
    year alone of a full date for "What year…?" ("2008", not "August 30, 2008"); a number with the
    'every' before it when it asks how often ("every five years", "each six months": none of the
    crowd's answers drops it), without a unit the question asks in ("184" for "How many people…?")."""
    if kind == "date" and rules.YEAR_ASKED.search(question) and len(years := list(re.finditer(r"\b\d{4}\b", text[a:b]))) == 1:
        return a + years[0].start(), a + years[0].end()
    if kind != "number":
        return a, b
    if rules.EVERY_BEFORE_NUMBER.search(question):
        if (word := re.search(r"(\w+)\s+$", text[:a])) and rules.EVERY_BEFORE_NUMBER.has(word.group(1).lower()):
            a = word.start(1)
    if (named := rules.NAMED_UNIT_DROPPED.search(text[a:b])) and _asked_in(named.group(), question):
        b = a + named.start()
    return a, b


def _asked_in(unit: str, question: str) -> bool:
    """Whether the question asks for a count or amount in this unit: "How many (paid) days…", "… in square miles"."""
    unit = re.escape(stem(unit.split()[-1]))
    return bool(re.search(rf"\bhow (?:many|much)\s+(?:\w+\s+){{0,3}}?{unit}|\bin (?:square |cubic )?{unit}", question, re.I))
