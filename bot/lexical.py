"""Words: tokenising, light stemming, misspelling repair and BM25 over a list of texts."""
from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
from scipy import sparse


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
    """Lower-cased word tokens, possessive 's dropped."""
    return [w[:-2] if w.endswith("'s") else w for w in _WORD.findall(text.lower().replace("’", "'"))]


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


def _typos(word: str) -> int:
    # A misspelling is one edit away (two in a long word; two letters swapped count as one edit,
    # "Stailn"): "Stalim", "Trotzky", "Buharin".
    # "capital" is not a misspelling of "capitalist", so the budget stays this small.
    return 1 if len(word) < 7 else 2


def near(word: str, other: str) -> bool:
    """Whether `word` may be `other` misspelt."""
    from rapidfuzz.distance import OSA

    budget = _typos(other)
    return OSA.distance(word, other, score_cutoff=budget) <= budget


@dataclass
class Bm25:
    """BM25 over a fixed list of texts, stored as one sparse matrix of term weights."""
    vocab: dict[str, int]
    idf: np.ndarray          # per term
    weights: sparse.csc_matrix  # texts x terms: BM25 term-frequency part, idf not applied
    doc_terms: list[frozenset[int]]

    @classmethod
    def build(cls, texts: list[str], vocab: dict[str, int] | None = None, k1: float = 1.2, b: float = 0.75) -> "Bm25":
        """Index `texts`; pass another Bm25's vocab to share term ids with it."""
        vocab = {} if vocab is None else vocab
        rows, cols, tfs, doc_terms, lengths = [], [], [], [], []
        for i, text in enumerate(texts):
            counts: dict[int, int] = {}
            toks = terms(text)
            for t in toks:
                j = vocab.setdefault(t, len(vocab))
                counts[j] = counts.get(j, 0) + 1
            rows += [i] * len(counts)
            cols += list(counts)
            tfs += list(counts.values())
            doc_terms.append(frozenset(counts))
            lengths.append(len(toks))
        n = len(texts)
        lengths_a = np.asarray(lengths, dtype=np.float32)
        avg = float(lengths_a.mean()) if n else 1.0
        tf = np.asarray(tfs, dtype=np.float32)
        norm = k1 * (1 - b + b * lengths_a[np.asarray(rows, dtype=np.int64)] / max(avg, 1e-6)) if n else tf
        w = tf * (k1 + 1) / (tf + norm)
        weights = sparse.csc_matrix((w, (rows, cols)), shape=(n, len(vocab)), dtype=np.float32)
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocab)).astype(np.float32)
        idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
        return cls(vocab, idf, weights, doc_terms)

    @cached_property
    def _vocab_list(self) -> list[str]:
        return list(self.vocab)

    def lookup(self, term: str) -> tuple[int, float] | None:
        """The vocabulary id for a query term, repairing misspellings; (id, confidence)."""
        j = self.vocab.get(term)
        if j is not None:
            return j, 1.0
        if len(term) < 4 or not term.isalpha():
            return None
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        hit = process.extractOne(term, self._vocab_list, scorer=OSA.distance, score_cutoff=_typos(term))
        return (self.vocab[hit[0]], 1.0 - hit[1] / (len(term) + 1)) if hit else None

    def query(self, weighted_terms: dict[int, float]) -> np.ndarray:
        """BM25 score of every text for {term id: query weight}."""
        if not weighted_terms:
            return np.zeros(self.weights.shape[0], dtype=np.float32)
        ids = np.fromiter(weighted_terms, dtype=np.int64)
        q = self.idf[ids] * np.fromiter(weighted_terms.values(), dtype=np.float32)
        return np.asarray(self.weights[:, ids] @ q, dtype=np.float32).ravel()


_NAME = re.compile(r"\b[A-ZÀ-Þ][a-zß-ÿ]{3,}\b")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_RUN = re.compile(r"(?<![\w’'])[A-ZÀ-Þ][^\W\d_]*(?:[’'][^\W\d_]+)?(?:\s+[A-ZÀ-Þ][^\W\d_]*(?:[’'][^\W\d_]+)?)*")


def _acronym(word: str) -> bool:
    return _POSSESSIVE.sub("", word).removesuffix("s").isupper()


def fold(word: str) -> str:
    """A word's stem without accents, for telling whether a text uses it: 'Déjà' meets 'Deja'."""
    plain = unicodedata.normalize("NFKD", word)
    return stem("".join(ch for ch in plain if not unicodedata.combining(ch)))


_SMALL_WORDS = frozenset("a an the of in on to and or for at by from with as".split())  # lower case in titles


def _title_case(text: str) -> bool:
    """Whether every word is capitalised, as in a headline (small words aside), over four words or more."""
    ws = [w for w in (w.strip(string.punctuation + "“”‘’") for w in text.split()) if w[:1].isalpha()]
    return len(ws) >= 4 and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in ws)


def unknown_names(question: str, mentioned: frozenset[str], written_together: Callable[[str, str], bool]) -> list[str]:
    """The names in the question that the article never uses (`mentioned`: folded words of the
    whole article): 'Mao Zedong' in a question about Stalin, or 'Third Period' where it only has
    'Second Period' (`written_together`: does the article ever write these two words in a row?).
    A name is a capitalised word past the question's first (which is capitalised anyway);
    acronyms ('NYC', 'MVPs') are left alone, being written out in full as often as not, and so is
    a name the article may write as two words ('Superbowl'); a possessive ends a name ('Miami's
    Sun Life Stadium')."""
    def unknown(word: str) -> bool:
        if _acronym(word) or word.lower() in STOPWORDS:
            return False
        return not any(fold(w) in mentioned or any(fold(w[:k]) in mentioned and fold(w[k:]) in mentioned
                                                   for k in range(3, len(w) - 2))  # "Superbowl"
                       for w in words(word))

    def pairs_unheard(names: list[str]) -> bool:
        return any(not written_together(a, b) for a, b in zip(names, names[1:])
                   if not (_acronym(a) or _acronym(b) or _POSSESSIVE.search(a)
                           or a.lower() in STOPWORDS or b.lower() in STOPWORDS))

    if _title_case(question):  # "Who Proposed Socialism In One Country?": its capitals name nothing
        return []
    out = []
    opening = len(question) - len(question.lstrip())
    for m in _NAME_RUN.finditer(question):
        names = m.group().split()
        flagged = [k for k, w in enumerate(names) if unknown(w)]
        if any(k > 0 or m.start() > opening for k in flagged):
            out.append(" ".join(names[k] for k in flagged))
        else:
            named = names[1:] if m.start() <= opening else names  # the question's first word is capitalised anyway
            if pairs_unheard(named):
                out.append(" ".join(named))
    return out


def respell_names(question: str, known: dict[str, int], used: Container[str] = ()) -> str:
    """Names the article does not have but almost has become the article's: 'Lennin' -> 'Lenin'.

    Only capitalised words are touched, and only into names (`known`: words the article writes
    with a capital): a misspelled name is the common case, while a correct word the article lacks
    ('born', or 'Paris' next to 'parts') must stay what it is, and so must one it uses (`used`,
    lower-cased), if not as a name ('Challenge', not 'Challenger')."""
    if not known:
        return question
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    def fix(m: re.Match) -> str:
        word = m.group()
        low = word.lower()
        if low in known or low in used or low in STOPWORDS or len(low) < 4:
            return word
        hit = process.extractOne(low, known.keys(), scorer=OSA.distance, score_cutoff=_typos(low))
        return hit[0].capitalize() if hit else word

    return _NAME.sub(fix, question)
