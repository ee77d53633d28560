"""What of a question a candidate sentence lacks, read by the refusal model (and the ranker) beside
the features of features.py: the rarest question word missing from the sentence, its neighbours or
its paragraph, a number, a negation. Also the candidates' term sets, which coverage reads too; and
what a question turned round against its best sentence (an opposite, a 'not', a number), which
decide.py refuses."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import process

from . import config, rules
from .index import Index
from .lexical import content_words, fold, negated, negated_word, negation, stem, uncontracted, word_set, words
from .sentence_store import Lookup

_negated = lru_cache(maxsize=1 << 16)(negated)  # the same sentences are candidates for many questions


@dataclass(frozen=True)
class TermSets:
    """Per candidate, the term ids it holds with its section's heading: its own, with its
    neighbours' (its context), and its paragraph's. What coverage and missing words are read from."""
    sentence: list[frozenset[int]]
    context: list[frozenset[int]]
    paragraph: list[frozenset[int]]


def term_sets(index: Index, found: Lookup, ids: np.ndarray, paras: np.ndarray, around: list[range]) -> TermSets:
    """`around`: each candidate's sentence ids with its neighbours (Index.around)."""
    heads = [index.lexicon.heading_terms(p) for p in paras]
    own, para = found.terms(j for a in around for j in a), index.lexicon.paragraphs.terms_of(paras)
    return TermSets([own[i] | h for i, h in zip(ids, heads)], [h.union(*(own[j] for j in a)) for a, h in zip(around, heads)],
                    [para[p] | h for p, h in zip(paras, heads)])


def check_columns(index: Index, ids: np.ndarray, paras: np.ndarray, question: str, qterms: dict[int, float],
                  sets: TermSets, unknown: float) -> dict:
    """What of the question a candidate lacks: the rarest question word missing from it, its
    neighbours and its paragraph (relative to a word no sentence has), a number of the question its
    paragraph does not write, and negation in question and sentence. SQuAD's unanswerable questions
    are the article's sentences with one thing changed: another name, a number, a 'not'.
    `unknown`: the idf of a word no sentence has."""
    lex = index.lexicon.sentences  # paragraph sets share its term ids (one vocabulary per index), weighed by its idf
    numbers = {w for w in words(question) if any(ch.isdigit() for ch in w)}
    para_words = [word_set(index.paragraph_text(p))[0] if numbers else frozenset() for p in paras]
    return {
        "miss_s": lex.missing(sets.sentence, qterms) / unknown,
        "miss_ctx": lex.missing(sets.context, qterms) / unknown,
        "miss_p": lex.missing(sets.paragraph, qterms) / unknown,
        "number_miss": [float(bool(numbers - pw)) for pw in para_words],
        "neg_q": np.full(len(ids), float(negated(question))),
        "neg_s": [float(_negated(index.text(index.sentences[i]))) for i in ids],
    }


@lru_cache(maxsize=1)
def _antonyms() -> dict[str, frozenset[str]]:
    """WordNet's antonyms by stem (bot/antonyms.json, made by scripts/antonyms.py)."""
    table = json.loads(Path(__file__).with_name("antonyms.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in table.items()}


def _swapped_number(numbers: list[str], quoted: list[str], rare: Callable[[str], bool]) -> tuple[str, str] | None:
    """One of the question's plain numbers that the best sentence lacks while it writes another, that
    no other quote has and that the article writes in few sentences, with the sentence's number
    most like it: ("1735", "1753"). A number the article writes often is its subject's ("Super
    Bowl 50", "the 2008 earthquake"), which a sentence need not repeat."""
    said = [w for w in words(quoted[0]) if w.isdigit()]
    if not said:
        return None
    elsewhere = {w for text in quoted[1:] for w in words(text)}
    for n in numbers:
        if n not in said and n not in elsewhere and rare(n):
            return n, process.extractOne(n, said)[0]
    return None


def measure_word(question: str) -> str:
    """'long' of "How long ...?", or "": it asks for a measure, not about a thing called 'long', so
    neither a sentence nor the article need write it (rule measure_words)."""
    m = rules.MEASURE_WORDS.match(question)
    return m.group(1).lower() if m else ""


_NON = re.compile(r"\bnon[-\s]?([^\W\d_]+)", re.IGNORECASE)  # 'non-profit', 'non profit', 'nonprofit'


def _non_dropped(non: re.Match, said: dict[str, str], quoted: list[str]) -> bool:
    """Whether the best sentence says X of the question's 'non-X', plainly (no 'not' either), and
    no sentence to be quoted says 'non-X'."""
    x = stem(non.group(1).lower())
    return (x in said and not _negated(quoted[0])
            and not any(stem(m.group(1).lower()) == x for text in quoted for m in _NON.finditer(text)))


_TOKEN = re.compile(r"\w+(?:['’]\w+)?")  # "didn't" one token, as its 'not' is written


def _said_plainly(word: str, sentence: str) -> bool:
    """Whether the sentence says the word, and never with a 'not' among the config.NEGATION_REACH
    words before it."""
    if not word:
        return False
    tokens = _TOKEN.findall(sentence)
    at = [i for i, t in enumerate(tokens) if stem(t.lower()) == stem(word)]
    # the windows are read once, so not through _negated's cache, which is for candidate sentences
    return bool(at) and not any(negated(" ".join(tokens[max(0, i - config.NEGATION_REACH): i])) for i in at)


def _negation_turned(question: str, said: dict[str, str], quoted: list[str]) -> tuple[str, str] | None:
    """The question's 'not' where the best sentence says none, or on a word it says with no 'not'
    before it; its "non-X" where the sentence says X."""
    no = negation(question)
    if no and rules.NEGATION_CLASH.on and not _negated(quoted[0]):
        return no, ""
    if no and rules.NEGATION_SCOPE.on and _said_plainly(negated_word(question), quoted[0]):
        return no, ""
    if (non := rules.NON_PREFIX_CLASH.search(question)) and _non_dropped(non, said, quoted):
        return non.group(), non.group(1)
    return None


def opposite(question: str, quoted: list[str], mentioned: frozenset[str] | None = None,
             rare: Callable[[str], bool] | None = None) -> tuple[str, str] | None:
    """What the question turned round against the best sentence (quoted[0]): a 'not' or "non-X"
    (_negation_turned) as ("not", "") or ("non-X", "X"); a word the sentence lacks while it has its
    opposite, as ("decrease", "increase"), unless another sentence to be quoted has the word; a
    number the article never writes (`mentioned`: its words, folded; None: not checked), as ("1974",
    ""); or one the best sentence lacks while it writes another, as ("1735", "1753") (`rare`: whether
    the article writes a word in at most config.SWAPPED_NUMBER_MOST_WRITTEN sentences; None: not
    checked). None if nothing was turned. SQuAD's crowd wrote many unanswerable questions that way,
    every other word kept: the best sentence may lack at most config.OPPOSITE_MOST_LACKED question
    words, the turned one among them ("weren't" is "were not"; "how many" asks, 'many' is not lacked)."""
    if not quoted or not (rules.ANTONYM_CLASH.on or rules.NEGATION_CLASH.on or rules.NEGATION_SCOPE.on
                          or rules.NON_PREFIX_CLASH.on or rules.NUMBER_CLASH.on or rules.NUMBER_SWAP.on):
        return None
    measure = measure_word(question)
    asked = {stem(w): w for w in content_words(uncontracted(question)) if w != measure}
    said = {stem(w): w for w in words(quoted[0])}
    lacked = [s for s in asked if s not in said]
    if len(lacked) > config.OPPOSITE_MOST_LACKED:
        return None
    if turned := _negation_turned(question, said, quoted):
        return turned
    # plain numbers only: "1600s", "'60s", "200m" and "17th" have other spellings in an article
    numbers = [n for n in dict.fromkeys(words(question)) if n.isdigit()]
    # the number is the one word changed: at most one other may be lacked
    if rules.NUMBER_CLASH.on and mentioned is not None and len(lacked) < config.OPPOSITE_MOST_LACKED:
        if unwritten := [n for n in numbers if fold(n) not in mentioned]:
            return unwritten[0], ""
    if rules.NUMBER_SWAP.on and numbers and rare is not None and (swapped := _swapped_number(numbers, quoted, rare)):
        return swapped
    return _antonym_turned(question, lacked, asked, said, quoted) if rules.ANTONYM_CLASH.on else None


def _antonym_turned(question: str, lacked: list[str], asked: dict[str, str], said: dict[str, str],
                    quoted: list[str]) -> tuple[str, str] | None:
    """A question word (by stem) the best sentence lacks while it has its opposite, and no other
    quote has the word: (the question's word, the sentence's)."""
    every = {stem(w) for w in words(question)}  # "more or less" asks both ways
    elsewhere = {stem(w) for text in quoted[1:] for w in words(text)}
    for s in lacked:
        # a compound or a derivation ('breakdown', 'incompletion'), not a comparative: a sentence
        # contrasting 'poor' and 'richer' still clashes with a question's 'rich'
        if rules.ANTONYM_IN_LONGER.on and any(len(w) >= len(s) + 3 and len(s) >= 4 and w.startswith(s) for w in said):
            continue
        if s not in elsewhere:
            for a in _antonyms().get(s, ()):
                if a in said and a not in every:
                    return asked[s], said[a]
    return None
