"""Ranking the sentences that may answer a question: the candidates' features scored by the learned
ranker, then the boosts of the hand rules (the paragraphs a follow-up continues, the sentence that
defines what is asked, a section the question names). The second stage of answering. Also the
verifier, which reads the question together with a sentence (decide.py asks it), and the
answer-time thread limits."""
from __future__ import annotations

import faiss
import numpy as np
from threadpoolctl import threadpool_limits

from . import config, embed, rules
from .features import FEATURES, Query, Ranked, featurize
from .index import Index
from .lexical import words
from .models import Model, Models
from .questions import definition, definition_subject, without_article


def limit_threads() -> None:
    """Answer-time numpy and faiss work in one thread each (process-wide): see config.ANSWER_THREADS."""
    threadpool_limits(config.ANSWER_THREADS, user_api="blas")
    faiss.omp_set_num_threads(config.ANSWER_THREADS)


_ARTICLES = frozenset({"the", "a", "an"})


def named_sections(index: Index, question: str) -> frozenset[int]:
    """Paragraphs of the sections whose heading the question names: the heading's words in a row
    ("listed under Further reading", "the See also section"); a heading of one word besides an
    article only together with the word "section", so that "what was his background?" and "How
    much does the trip cost?" (a heading "The trip") name nothing."""
    if not rules.NAMED_SECTION.on:
        return frozenset()
    asked = " " + " ".join(words(question)) + " "
    named = [k for k, heading in enumerate(index.lexicon.section_words)
             if heading and f" {' '.join(heading)} " in asked
             and (sum(w not in _ARTICLES for w in heading) > 1 or " section " in asked)]
    return index.lexicon.under(named) if named else frozenset()


def leads_asked_about(index: Index, question: str) -> list[int]:
    """The first paragraphs of the documents the question asks to be defined, by title or as "this
    article" ("What is Super Bowl 50?"): where an article says what its subject is."""
    if not rules.LEAD_OF_TITLE.on or definition_subject(question, "") is None:
        return []
    out = []
    for p in sorted(index.first_paragraphs):
        title = without_article(index.docs[index.paragraphs[p].doc].title)
        if definition_subject(question, title).lower() == title.lower():
            out.append(p)
    return out[: config.TRAINED.paragraph_candidates]


def _defining(index: Index, question: str, sentence_ids: np.ndarray) -> np.ndarray:
    """For each sentence: does it define what the question asks to be defined? Asked what the
    article itself is ("What is this article about?"), its first sentence does, however it is
    worded: an article's lead says what it is about ("The 2008 Sichuan earthquake ... occurred
    at ..." says no "was a")."""
    out = np.zeros(len(sentence_ids), dtype=bool)
    asked = definition_subject(question, "")  # "" stands for the article itself
    if not rules.DEFINITION_BOOST.on or asked is None:  # no definition asked for
        return out
    if asked == "" and rules.ARTICLE_LEAD.on:
        leads = {index.sentences_in(p)[0] for p in index.first_paragraphs}
        return np.array([int(i) in leads for i in sentence_ids], dtype=bool)
    subjects: dict[int, str] = {}  # per document: "this article" stands for its title
    for k, i in enumerate(sentence_ids):
        s = index.sentences[i]
        doc = index.paragraphs[s.para].doc
        if doc not in subjects:
            subjects[doc] = definition_subject(question, index.docs[doc].title)
        out[k] = definition(subjects[doc], index.text(s)) is not None
    return out


def _in(index: Index, sentence_ids: np.ndarray, paragraphs: frozenset[int]) -> np.ndarray:
    return np.array([index.sentences[i].para in paragraphs for i in sentence_ids], dtype=bool)


def rank(index: Index, query: Query, models: Models) -> Ranked:
    """Score candidate sentences for the question; best first."""
    r = featurize(index, query, leads_asked_about(index, query.text))
    # the orderer learnt from questions asked alone, and the conversation's boosts below were tuned on
    # the pointwise scores: a follow-up keeps the pointwise order (docs/experiments.md)
    followup = bool(query.context or query.focus) and rules.FOLLOWUP_POINTWISE.on
    raw = scores = models.ranker.on_columns(r.features, FEATURES, ordered=not followup)
    if query.focus and rules.FOCUS_BOOST.on:  # a follow-up most likely asks about what the last answer quoted
        scores = np.where(_in(index, r.sentences, query.focus), scores ** (1 / config.FOCUS_BOOST), scores)
    defined = _defining(index, query.text, r.sentences)
    if defined.any():  # "What was X?" asks first for the sentence that says what X was ("X was a theory..."),
        # and of several, for the first the article has: the definition, not what is said of X later
        scores = (np.where(defined, scores + config.DEFINITION_BOOST, scores)
                  + config.FIRST_DEFINITION_BOOST * (r.sentences == r.sentences[defined].min()).astype(np.float32))
    named = named_sections(index, query.text)
    if named:  # a question that names a section ("listed under Further reading") asks about it
        scores = scores + config.NAMED_SECTION_BOOST * _in(index, r.sentences, named).astype(np.float32)
    order = np.argsort(-scores, kind="stable")
    r.raw = raw[order]
    r.sentences, r.scores, r.features = r.sentences[order], np.minimum(scores[order], 1.0), r.features[order]
    r.named = named
    r.defined = bool(defined[order[0]])  # an index always has sentences to rank
    return r


def rank_in_conversation(index: Index, query: Query, models: Models) -> Ranked:
    """The ranking for a question, with the conversation it continues if any. A follow-up may need
    no more than the last quotes ("What was this period called?"): it is read alone too, and the
    reading whose best sentence the ranker is surer of wins, if that sentence is in the paragraphs
    last quoted: read alone, "What was the Russian title of that article?" would be about another."""
    ranked = rank(index, query, models)
    if not query.context or not rules.FOLLOWUP_ALONE.on:
        return ranked
    alone = rank(index, Query(query.text, "", query.focus), models)
    best = index.sentences[int(alone.sentences[0])].para
    if alone.scores[0] > ranked.scores[0] and (best in query.focus or not query.focus):
        return alone
    return ranked


def verify(index: Index, question: str, sentence_ids, verifier: Model) -> np.ndarray:
    """Probability that each sentence holds the answer, reading it together with the question."""
    if len(sentence_ids) == 0:
        return np.zeros(0, dtype=np.float32)
    texts = [index.text(index.sentences[int(i)]) for i in sentence_ids]
    return verifier(embed.encode_pairs(question, texts)).astype(np.float32)
