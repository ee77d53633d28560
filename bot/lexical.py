"""Words: tokenising, stop words, light stemming, folding accents, and how far a misspelling may be."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing done down during each either else ever few for
from further get got had has have having he her here hers herself him himself his how however i if in
into is it its itself just let me more most much must my myself neither no nor not now of off on once
only or other ought our ours ourselves out over own per put same say said says she should so some
such than that the their theirs them themselves then there these they this those through thus to too
under until up upon us very was we were what whatever when where whether which while who whom whose
why will with within would yet you your yours yourself yourselves
according article text passage mentioned mention called named name kind sort type one's
""".split())

# Words that turn a statement round: a question built by negating the article's sentence ("Who did
# not ...?") shares nearly all its words (a feature of the refusal model, not a rule).
NEGATIONS = frozenset("not no never none neither nor without cannot nothing n't".split())

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A deliberately light stemmer: plural, -ing, -ed and final -e, so 'splits'/'split' meet."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-cased word tokens; an apostrophe splits them ("Stalin's" gives "stalin", "s")."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 16)  # the same sentences are candidates for many questions
def word_set(text: str) -> tuple[frozenset[str], int]:
    """The text's distinct words, and how many words it has."""
    ws = words(text)
    return frozenset(ws), len(ws)


# One search, not a split into words: it is run on every candidate sentence (the lookahead spares
# the regex engine trying each word at each position: 2x faster).
_NEGATION = re.compile(r"(?=[nwc])(?:n['’]t|\b(?:" + "|".join(sorted((w for w in NEGATIONS if w.isalpha()), key=len, reverse=True))
                       + r")\b)", re.IGNORECASE)


def negated(text: str) -> bool:
    """Whether the text says 'not', 'never', "didn't"..."""
    return _NEGATION.search(text) is not None


def negation(text: str) -> str:
    """The text's first 'not', 'never', "n't"... as written, or ""."""
    m = _NEGATION.search(text)
    return m.group() if m else ""


_CONTRACTED = re.compile(r"(?:\b(ca|wo|sha))?n['’]t\b", re.IGNORECASE)
_UNCONTRACTED = {"ca": "can", "wo": "will", "sha": "shall"}


def uncontracted(text: str) -> str:
    """"weren't" as "were not", "can't" as "can not": else the tokens "weren" and "t" read as words."""
    return _CONTRACTED.sub(lambda m: _UNCONTRACTED.get((m.group(1) or "").lower(), "") + " not", text)


def negated_word(text: str) -> str:
    """The first word that carries meaning after the text's first 'not' ("did not generally
    require" gives "generally"), or "": the word the 'not' is most likely about."""
    m = _NEGATION.search(text)
    return next(iter(content_words(text[m.end():])), "") if m else ""


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning (no stop words, no numbers)."""
    return [w for w in words(text) if w not in STOPWORDS and w.isalpha() and len(w) > 1]


def terms(text: str) -> list[str]:
    """Stemmed content words (stop words removed), in order."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and w != "s"]


@lru_cache(maxsize=1 << 16)  # the same sentences are read for many questions
def term_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The text's adjacent pairs of terms (stop words aside): its phrases, "socialist construction"."""
    t = terms(text)
    return frozenset(zip(t, t[1:]))


def typos(word: str) -> int:
    # A misspelling is one edit away (two in a long word; two letters swapped count as one edit,
    # "Stailn"): "Stalim", "Trotzky", "Buharin".
    # "capital" is not a misspelling of "capitalist", so the budget stays this small.
    return 1 if len(word) < 7 else 2


def near(word: str, other: str) -> bool:
    """Whether `word` may be `other` misspelt."""
    from rapidfuzz.distance import OSA

    budget = typos(other)
    return OSA.distance(word, other, score_cutoff=budget) <= budget




def fold(word: str) -> str:
    """A word's stem without accents, for telling whether a text uses it: 'Déjà' meets 'Deja'."""
    plain = unicodedata.normalize("NFKD", word)
    return stem("".join(ch for ch in plain if not unicodedata.combining(ch)))
