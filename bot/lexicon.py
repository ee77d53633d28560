"""What the words of an index say, worked out once per index when first asked: BM25 over its
sentences and paragraphs, each sentence's content words, which words it capitalises (names), every
word it uses, which words it writes side by side, and the words of its headings."""
from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from . import config
from .bm25 import Bm25
from .lexical import content_words, fold, near, term_pairs, terms, words
from .sources import LEAD

if TYPE_CHECKING:
    from .index import Index

_WORD_RE = re.compile(r"\w+")


class Lexicon:
    """The language views of one index (Index.lexicon)."""

    def __init__(self, index: Index):
        self._index = index

    @cached_property
    def sentences(self) -> Bm25:
        ix = self._index
        return Bm25.build([ix.text(s) for s in ix.sentences])

    @cached_property
    def paragraphs(self) -> Bm25:
        ix = self._index
        return Bm25.build([ix.paragraph_text(i) for i in range(len(ix.paragraphs))], like=self.sentences)

    @cached_property
    def sentence_words(self) -> list[np.ndarray]:
        """Row ids (into the index's word_vectors) of each sentence's content words."""
        ix = self._index
        return [np.array(sorted({ix.words[w] for w in content_words(ix.text(s)) if w in ix.words}),
                         dtype=np.int64) for s in ix.sentences]

    @cached_property
    def word_cases(self) -> dict[str, list[int]]:
        """Every word of the sources (headings and references included), lower-cased: how often
        it is written in lower case and how often capitalised."""
        counts: dict[str, list[int]] = {}
        for doc in self._index.docs:
            for m in _WORD_RE.finditer(doc.text):
                w = m.group()
                counts.setdefault(w.lower(), [0, 0])[w[0].isupper()] += 1
        return counts

    @cached_property
    def names(self) -> dict[str, int]:
        """Lower-cased words the article mostly writes with a capital: names, roughly."""
        return {w: n for w, (low, cap) in self.word_cases.items() if (n := cap) > low and w.isalpha()}

    @cached_property
    def mentioned(self) -> frozenset[str]:
        """Every word of the sources, folded (lexical.fold): what the article ever says."""
        return frozenset(fold(w) for w in self.word_cases)

    @cached_property
    def _heading_pairs(self) -> frozenset[tuple[str, str]]:
        ix = self._index
        heads = {p.section for p in ix.paragraphs} | {d.title for d in ix.docs}
        return frozenset().union(*(term_pairs(h) for h in heads))

    def written_together(self, first: str, second: str) -> bool:
        """Whether the sources ever write these two words in a row (stop words aside), in a
        sentence, a heading or a title: 'Second Period' yes, 'Third Period' no. Either order will
        do (references write 'Engels, Frederick'), and one may be misspelt ('George Sandy' for
        'George Sand'), as lexical.near allows."""
        pair = tuple(terms(f"{first} {second}"))
        ids = [self.sentences.term_id(t) for t in pair]
        if len(pair) != 2 or None in ids:
            return True  # not two words, or one spelt another way (accents): cannot tell

        def said(pairs) -> bool:
            return any(x[k] == pair[k] and near(x[1 - k], pair[1 - k])
                       for p in pairs for x in (p, p[::-1]) for k in (0, 1))

        if said(self._heading_pairs):
            return True
        # Each word's sentences hold every pair it is in, so the rarer word's alone tell whether the
        # two are ever side by side; a word in too many is not read (bounded time at a million).
        rows = [self.sentences.texts_with(j) for j in ids]
        readable = [r for r in rows if len(r) <= config.PAIR_CHECK_SENTENCES]
        if not readable:
            return True  # both words too common to read every sentence: cannot tell
        ix = self._index
        return any(said(term_pairs(ix.text(ix.sentences[i]))) for r in readable for i in r)

    @cached_property
    def section_words(self) -> list[tuple[str, ...]]:
        """Per paragraph, the lower-cased words of its section's heading (none for the lead)."""
        paragraphs = self._index.paragraphs
        by_name = {name: tuple(words(name)) for name in {p.section for p in paragraphs}}
        return [by_name[p.section] if p.section != LEAD else () for p in paragraphs]

    @cached_property
    def heading_terms(self) -> list[frozenset[int]]:
        """Per paragraph, the term ids of its document's title and its section's heading: words
        that are implicitly part of every sentence under them."""
        cache: dict[tuple[int, str], frozenset[int]] = {}
        out = []
        for p in self._index.paragraphs:
            key = (p.doc, p.section)
            if key not in cache:
                heading = f"{self._index.docs[p.doc].title} {p.section if p.section != LEAD else ''}"
                cache[key] = frozenset(j for t in terms(heading) if (j := self.sentences.term_id(t)) is not None)
            out.append(cache[key])
        return out
