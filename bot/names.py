"""Names in a question: respelt into the article's own when almost the same ('Lennin' -> 'Lenin'),
and those the article never uses ('Mao Zedong' in a question about Stalin), for a refusal that
names them."""
from __future__ import annotations

import re
import string
from collections.abc import Callable, Container

from . import rules
from .lexical import STOPWORDS, fold, typos, words

_NAME = re.compile(r"\b[A-ZÀ-Þ][a-zß-ÿ]{3,}\b")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_RUN = re.compile(r"(?<![\w’'])[A-ZÀ-Þ][^\W\d_]*(?:[’'][^\W\d_]+)?(?:\s+[A-ZÀ-Þ][^\W\d_]*(?:[’'][^\W\d_]+)?)*")


def _acronym(word: str) -> bool:
    return _POSSESSIVE.sub("", word).removesuffix("s").isupper()


def _title_case(text: str) -> bool:
    """Whether every word is capitalised, as in a headline (small words aside), over four words or more."""
    if not rules.TITLE_CASE.on:
        return False
    ws = [w for w in (w.strip(string.punctuation + "“”‘’") for w in text.split()) if w[:1].isalpha()]
    return len(ws) >= 4 and all(w[0].isupper() or rules.TITLE_CASE.has(w.lower()) for w in ws)


def _calendar(word: str) -> bool:
    """A day or month ('Saturdays', 'Sept'); a short word keeps its 's' ('Mars' is no 'Mar')."""
    low = _POSSESSIVE.sub("", word).lower()
    return rules.CALENDAR_WORDS.has(low) or (len(low) > 5 and rules.CALENDAR_WORDS.has(low.removesuffix("s")))


_CONTRACTION = re.compile(r"['’](?:m|d|ve|ll|re)$")


def _no_name(word: str) -> bool:
    """Capitalised, yet never a name the article must use: an acronym, a stop word or one run
    together with a verb ("I'm", "I'd", "We've"), a day or month."""
    return _acronym(word) or _CONTRACTION.sub("", word.lower()) in STOPWORDS or _calendar(word)


def _unknown_word(word: str, mentioned: frozenset[str]) -> bool:
    """A capitalised word none of whose parts the article uses (acronyms, stop words and the
    days and months aside)."""
    if _no_name(word):
        return False

    def split_known(w: str) -> bool:  # "Superbowl" where the article writes "Super Bowl"
        return rules.COMPOUND_NAMES.on and any(fold(w[:k]) in mentioned and fold(w[k:]) in mentioned
                                               for k in range(3, len(w) - 2))
    return not any(fold(w) in mentioned or split_known(w) for w in words(word))


def _pairs_unheard(names: list[str], written_together: Callable[[str, str], bool]) -> bool:
    return rules.NAME_PAIRS.on and any(
        not written_together(a, b) for a, b in zip(names, names[1:])
        if not (_POSSESSIVE.search(a) or _no_name(a) or _no_name(b)))


def unknown_names(question: str, mentioned: frozenset[str], written_together: Callable[[str, str], bool]) -> list[str]:
    """The names in the question that the article never uses (`mentioned`: folded words of the
    whole article): 'Mao Zedong' in a question about Stalin, or 'Third Period' where it only has
    'Second Period' (`written_together`: does the article ever write these two words in a row?).
    A name is a capitalised word past the question's first (which is capitalised anyway);
    acronyms ('NYC', 'MVPs') are left alone, being written out in full as often as not, days and
    months too ('Saturdays' where it says 'weekends', 'July Fourth'), and so is
    a name the article may write as two words ('Superbowl'); a possessive ends a name ('Miami's
    Sun Life Stadium')."""
    if not rules.UNKNOWN_NAMES.on or _title_case(question):  # "Who Proposed Socialism In One Country?"
        return []
    out = []
    opening = len(question) - len(question.lstrip())
    for m in _NAME_RUN.finditer(question):
        names = m.group().split()
        flagged = [k for k, w in enumerate(names) if _unknown_word(w, mentioned)]
        if any(k > 0 or m.start() > opening for k in flagged):
            out.append(" ".join(names[k] for k in flagged))
        else:
            named = names[1:] if m.start() <= opening else names  # the question's first word is capitalised anyway
            if _pairs_unheard(named, written_together):
                out.append(" ".join(named))
    return out


def respell_names(question: str, known: dict[str, int], used: Container[str] = ()) -> str:
    """Names the article does not have but almost has become the article's: 'Lennin' -> 'Lenin'.

    Only capitalised words are touched, and only into names (`known`: words the article writes
    with a capital): a misspelled name is the common case, while a correct word the article lacks
    ('born', or 'Paris' next to 'parts') must stay what it is, and so must one it uses (`used`,
    lower-cased), if not as a name ('Challenge', not 'Challenger')."""
    if not known or not rules.RESPELL_NAMES.on:
        return question
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    def fix(m: re.Match) -> str:
        word = m.group()
        low = word.lower()
        if low in known or low in used or low in STOPWORDS or len(low) < 4:
            return word
        hit = process.extractOne(low, known.keys(), scorer=OSA.distance, score_cutoff=typos(low))
        return hit[0].capitalize() if hit else word

    return _NAME.sub(fix, question)
