"""The short answer: the piece of the best sentence that is of the type the question asks for."""
from __future__ import annotations

import re

from .lexical import STOPWORDS, stem, words
from .questions import candidate_spans

_WORD = re.compile(r"\w+")


def short_answer(sentence: str, kind: str, question: str) -> tuple[int, int] | None:
    """Offsets in `sentence` of the short answer, or None when the question wants the sentence.

    Among the pieces of the asked type, those the question already names are skipped; of the
    rest, the one closest to the words the question and the sentence share wins.
    """
    spans = candidate_spans(sentence, kind)
    if not spans:
        return None
    qstems = {stem(w) for w in words(question) if w not in STOPWORDS}
    starts = [m.start() for m in _WORD.finditer(sentence)]
    anchors = [i for i, m in enumerate(_WORD.finditer(sentence)) if stem(m.group().lower()) in qstems]
    best, best_key = None, None
    for a, b in spans:
        piece = [w for w in words(sentence[a:b]) if w not in STOPWORDS]
        if not piece or all(stem(w) in qstems for w in piece):
            continue
        position = sum(1 for s in starts if s < a)
        key = (min((abs(position - i) for i in anchors), default=0), a)
        if best_key is None or key < best_key:
            best, best_key = (a, b), key
    return best
