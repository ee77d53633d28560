"""Answering, as stages with typed hand-offs:

    understand the question (questions.understand)  -> Question
    read the conversation   (conversation.context_for) -> Context
    rank the sentences      (retrieve.rank_in_conversation) -> Ranked
    decide: answer or refuse, and why (decide.decide) -> Decision
    read the two best together with it (spans.reader_first) -> which is first
    quote the best sentences (quote.citations)       -> [Citation]
    pick the short answer    (spans.short_answer_in)  -> span
    render the reply         (render)                 -> Reply
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from . import config, render
from .conversation import context_for
from .decide import Decision, decide
from .features import Query, Ranked
from .index import Index
from .models import load_models, load_reader
from .questions import Question, answer_form, understand
from .quote import citations as quote_citations
from .reply import Citation, Reply
from .retrieve import limit_threads, rank_in_conversation
from .spans import reader_first, short_answer_in
from .store import load

__all__ = ["Bot", "Citation", "Reply"]


class Bot:
    """A question-answering bot over one index."""

    def __init__(self, index: Index, caution: float | None = None):
        """`caution` scales the refusal model's threshold (config.caution: BOT_CAUTION, else 1)."""
        self.index = index
        models = load_models()  # fail at start-up, not at the first question
        self.caution = config.caution(caution)
        self.models = replace(models, threshold=models.threshold * self.caution)
        load_reader()
        limit_threads()

    def warm_up(self) -> Bot:
        """Do now what the first question would otherwise wait for: query encoder, word indexes."""
        self.answer("What is this article about?")
        return self

    @classmethod
    def load(cls, index_dir: str | Path, caution: float | None = None) -> Bot:
        """Open an index built by `python -m bot index`; raises IndexProblem if it is unusable."""
        return cls(load(index_dir), caution)

    def answer(self, question: str, history: list | None = None, last: Reply | None = None) -> Reply:
        """Answer from the article, quoting it. `history`: Gradio's messages list; `last`: the Reply
        to its last question, if the caller kept it (else what it quoted is read from the markdown)."""
        asked = understand(question, self.index.lexicon)
        if asked.small_talk:
            return Reply(render.what_to_ask([d.title for d in self.index.docs]), False, "", note=asked.note,
                         reason="small talk")
        context = context_for(asked.text, history, last.cited if last else None)
        query = Query(asked.text, context.questions, self.index.paragraphs_quoted(list(context.cited)))
        ranked = rank_in_conversation(self.index, query, self.models)
        decision = decide(self.index, asked.text, asked.unknown, bool(context.questions), ranked, self.models)
        if not decision.answer:
            return self._refusal(asked, decision, quote_citations(self.index, ranked.sentences, ranked.scores)[:2])
        order = self._reader_order(asked.text, ranked)
        words_asked = answer_form(asked.text, ranked.kind) in ("speaker", "quotation")
        return self._reply(asked, ranked.kind, quote_citations(self.index, ranked.sentences[order], ranked.scores[order],
                                                               words_asked))

    def _reader_order(self, question: str, ranked: Ranked) -> np.ndarray:
        """The ranking's order, with its two best sentences swapped if the reader prefers the second
        (spans.reader_first); each keeps its own score. Not when a rule raised either (a definition,
        a named section, the paragraphs last quoted): the rule's choice stands."""
        order = np.arange(len(ranked.sentences))
        if ranked.raw is not None and not np.array_equal(ranked.raw[:2], ranked.scores[:2]):
            return order
        best = [self.index.text(self.index.sentences[int(i)]) for i in ranked.sentences[:2]]
        if reader_first(question, best, ranked.scores[:2].tolist()):
            order[:2] = [1, 0]
        return order

    def _refusal(self, asked: Question, decision: Decision, closest: list[Citation]) -> Reply:
        text = render.refusal_text(closest, asked.note, asked.unknown, decision.opposite)
        return Reply(text, False, "", [], closest, asked.note, decision.reason)

    def _reply(self, asked: Question, kind: str, quotes: list[Citation]) -> Reply:
        found = short_answer_in([c.quote for c in quotes], kind, asked.text, self.index.title_of(quotes[0].source),
                                quotes[0].header)
        n, span = (found[0], quotes[found[0]].quote[found[1]: found[2]]) if found else (0, quotes[0].quote)
        return Reply(render.answer_text(span, quotes, asked.note, n), True, span, quotes, [], asked.note, span_in=n)
