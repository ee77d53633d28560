"""Pieces of a sentence that can answer a question of a type: its dates, numbers, names, titles,
quotations and numbered parts (the patterns are rules, in rules.py)."""
from __future__ import annotations

from . import config, rules
from .quotations import open_quotation, quoted_stretches


def _whole(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces not inside another ("Leninism" out of "Concerning questions of Leninism" is not whole)."""
    return [(a, b) for a, b in found if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in found)]


def _titles(sentence: str, loose: bool) -> list[tuple[int, int]]:
    """A quoted or capitalised name, or a title-like line (a list item or reference: no full stop, few words)."""
    found = [m.span(1) for m in rules.QUOTED_TITLE.finditer(sentence) if m.group(1)[:1].isupper()]
    found += [m.span() for m in rules.PIECE_NAME.finditer(sentence) if " " in m.group() or (loose and m.start() > 0)]
    if (rules.TITLE_LINE.on and len(sentence.split()) <= config.TITLE_LINE_WORDS and sentence[:1].isupper()
            and sentence[-1:].isalnum()):
        found.append((0, len(sentence)))
    return _whole(found)


def _quotations(sentence: str) -> list[tuple[int, int]]:
    """Quoted words; a quotation the text opens but does not close runs to its end."""
    found = [m.span(1) for m in rules.PIECE_QUOTATION.finditer(sentence)]
    rest = found[-1][1] + 1 if found else 0
    opened = open_quotation(sentence[rest:])
    if opened is not None and rest + opened < len(sentence):
        found.append((rest + opened, len(sentence)))
    return found


def _names(sentence: str, kind: str) -> list[tuple[int, int]]:
    linking = rules.LINKING_WORDS.word_set()  # read once: this runs on every candidate sentence
    found = []
    for m in rules.PIECE_NAME.finditer(sentence):
        name = m.group()
        if name.lower() in linking:
            continue
        first = name.split(maxsplit=1)[0]
        # without a linking word before it: "Then Anderson" gives "Anderson"
        found.append((m.end() - len(name[len(first):].lstrip()), m.end()) if first.lower() in linking else m.span())
    if kind != "place":  # a name written surname first is whole: not "Leon" out of "Trotsky, Leon"
        names = [m.span() for m in rules.SURNAME_FIRST.finditer(sentence)]
        found = [(a, b) for a, b in found if not any(x <= a and b <= y for x, y in names)] + names
    return found


def candidate_spans(sentence: str, kind: str, loose: bool = False) -> list[tuple[int, int]]:
    """Offsets in `sentence` of the pieces that could answer a question of this kind. `loose`: a
    title may be a single capitalised word too ("Pravda"), for picking the short answer in a
    sentence already chosen; to tell sentences apart, nearly every sentence would have one."""
    if kind == "date":
        return [m.span() for m in rules.PIECE_DATE.finditer(sentence)]
    if kind == "day":  # a date, or where the sentence writes none, its day of the week or time of day
        return candidate_spans(sentence, "date") or [m.span() for m in rules.DAY_TIME.finditer(sentence)]
    if kind == "number":
        return [m.span() for m in rules.PIECE_NUMBER.finditer(sentence)]
    if kind == "title":
        return _titles(sentence, loose)
    if kind == "quotation":
        return _quotations(sentence)
    if kind == "part":
        return [m.span() for m in rules.PIECE_PART.finditer(sentence)]
    if kind == "speaker":  # a name outside the words quoted
        quoted = quoted_stretches(sentence)
        return [(a, b) for a, b in _names(sentence, "person") if not any(x < b and a < y for x, y in quoted)]
    if kind in ("person", "place", "entity"):
        return _names(sentence, kind)
    return []
