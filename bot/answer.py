"""Answering: rank the sentences, decide whether the article answers, quote and cite it."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import config
from .conversation import context_for
from .lexical import respell_names, unknown_names
from .index import Index, load
from .questions import open_quotation, plain_question, quotation_around, quotation_close, small_talk
from .retrieve import Query, answerable_features, limit_threads, load_models, rank, verify
from .spans import load_reader, short_answer_in


@dataclass(frozen=True)
class Citation:
    quote: str      # verbatim source text: raw[start:end] of the source file
    source: str     # file name
    section: str
    start: int
    end: int
    score: float


@dataclass
class Reply:
    text: str                    # markdown for the chat
    found: bool                  # False: the article does not answer
    span: str                    # short verbatim answer, or ""
    citations: list[Citation] = field(default_factory=list)  # best first
    closest: list[Citation] = field(default_factory=list)    # when refusing: nearest, *not* answers
    note: str = ""               # what was done to the question (shortened, cleaned)

    def to_dict(self) -> dict:
        return asdict(self)


# A stretch of a section around a sentence: the document's text, where the stretch starts and ends
# in it, and a test of a paragraph being in the section (Bot._around).
_Window = tuple[str, int, int, Callable]

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")


def escape_md(text: str) -> str:
    """Show text literally in markdown: no emphasis, links, HTML or fake quotes."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def clean_question(question) -> tuple[str, str]:
    """The question as text we can work with, and a note on what was changed; ValueError if none."""
    if not isinstance(question, str):
        raise ValueError(f"the question must be text, not {type(question).__name__}")
    note = ""
    # Control characters and lone surrogates carry no meaning for retrieval: make them spaces.
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Cf") else ch for ch in question)
    text = " ".join(text.split())
    if len(text) > config.MAX_QUESTION_CHARS:
        text = text[: config.MAX_QUESTION_CHARS].rsplit(" ", 1)[0]
        note = f"Your question was long; I used its first {len(text):,} characters."
    if not any(ch.isalnum() for ch in text):
        raise ValueError("Please type a question with some words in it.")
    return text, note


class Bot:
    """A question-answering bot over one index."""

    def __init__(self, index: Index):
        self.index = index
        load_models()  # fail at start-up, not at the first question
        load_reader()
        limit_threads()

    def warm_up(self) -> "Bot":
        """Do now what the first question would otherwise wait for: query encoder, word indexes."""
        self.answer("What is this article about?")
        return self

    @classmethod
    def load(cls, index_dir: str | Path) -> "Bot":
        """Open an index built by `python -m bot index`; raises IndexProblem if it is unusable."""
        return cls(load(index_dir))

    def answer(self, question: str, history: list | None = None) -> Reply:
        """Answer from the article, quoting it; `history` is Gradio's messages list."""
        text, note = clean_question(question)
        if small_talk(text):
            return Reply(_what_to_ask([d.title for d in self.index.docs]), False, "", [], [], note)
        text = respell_names(plain_question(text), self.index.names, self.index.word_cases)
        unknown = unknown_names(text, self.index.mentioned, self.index.written_together)
        context, cited = context_for(text, history)
        query = Query(text, context, frozenset(self._paragraphs_of(cited)))
        ranked = rank(self.index, query)
        if context:  # a follow-up may need no more than the last quotes ("What was this period called?"):
            # it is read alone too, and the reading whose best sentence the ranker is surer of wins,
            # if that sentence is in the paragraphs last quoted: read alone, "What was the Russian
            # title of that article?" would be about another article
            alone = rank(self.index, Query(text, "", query.focus))
            best = self.index.sentences[int(alone.sentences[0])].para  # an index always has sentences
            if alone.scores[0] > ranked.scores[0] and (best in query.focus or not query.focus):
                ranked = alone
        models = load_models()
        verified = verify(self.index, text, ranked.sentences[: config.VERIFY_TOP])
        p_answer = float(models["answerable"](answerable_features(ranked, verified)[None, :])[0])
        citations = self._citations(ranked)
        # The refusal model learnt from SQuAD, which has no follow-ups: their ranking leans on the
        # earlier questions, so the best sentence can look right for "When was he born?" after
        # "Who elaborated the theory?". The verifier reads the follow-up itself; when it is all but
        # sure neither sentence answers it, that wins (of the 44 follow-ups of dev and bench/, the 3
        # of 8 unanswerable ones that were answered are refused, no answerable one is; for other
        # questions such a floor refuses 28 of train10's 4,086 answered ones and no unanswerable one).
        doubted = bool(context) and float(verified.max(initial=0.0)) < config.FOLLOWUP_VERIFIED_MIN
        refuse = (p_answer < models["threshold"] and not ranked.defined) or bool(unknown) or doubted
        if refuse and ranked.named and not unknown:
            refuse = not self._answered_in_named_section(text, ranked, verified)
        if refuse:
            return Reply(_refusal_text(citations[:2], note, unknown), False, "", [], citations[:2], note)
        top = citations[0]
        title = next(d.title for d in self.index.docs if d.name == top.source)
        found = short_answer_in([c.quote for c in citations], ranked.kind, text, title)
        span = citations[found[0]].quote[found[1]: found[2]] if found else top.quote
        return Reply(_answer_text(span, citations, note), True, span, citations, [], note)

    def _answered_in_named_section(self, question: str, ranked, verified) -> bool:
        """A question that points at a section ("what is listed under See also?") is answered from
        it when the verifier, reading it with each of the section's sentences to be quoted, finds
        one that answers: list items and references share too few words with any question for the
        refusal model, which weighs shared words most."""
        top = ranked.sentences[: config.MAX_CITATIONS]
        inside = [self.index.sentences[int(i)].para in ranked.named for i in top]
        if not inside or not inside[0]:
            return False
        more = verify(self.index, question, top[len(verified):])
        return any(p >= config.NAMED_SECTION_VERIFIED and here
                   for p, here in zip([*verified, *more], inside))

    def _citations(self, ranked) -> list[Citation]:
        """The best sentences as citations, skipping any that an earlier quote already contains. A
        first quote from inside a quotation is followed by the sentence that opens the quotation, if
        that is an earlier one, and by the quotation's source line, if it has one: who said the words
        quoted, and where, is part of quoting them."""
        out: list[Citation] = []
        for i, score in zip(ranked.sentences, ranked.scores):
            quotes = [self._cite(int(i), float(score))]
            if not out:  # cited for the quote they come with, and at its score
                window = self._around(int(i))
                opening = self._quotation_opening(int(i), window)
                source = self._quotation_source(int(i), quotes[0].end, window)
                quotes += [self._cite(opening, float(score), run_on=False)] if opening is not None else []
                quotes += [self._cite(source, float(score))] if source is not None else []
            for c in quotes:
                if not any(o.source == c.source and o.start < c.end and c.start < o.end for o in out):
                    out.append(c)
            if len(out) >= config.MAX_CITATIONS:
                break
        return out[: config.MAX_CITATIONS]

    def _around(self, sentence_id: int) -> _Window:
        """The stretch of the sentence's section near it, where a quotation it is in may open and close."""
        sentences, paragraphs = self.index.sentences, self.index.paragraphs
        para = paragraphs[sentences[sentence_id].para]

        def same(p) -> bool:
            return p.doc == para.doc and p.section == para.section

        first = last = sentences[sentence_id].para
        while first > 0 and last - first < config.QUOTATION_PARAGRAPHS and same(paragraphs[first - 1]):
            first -= 1
        while last + 1 < len(paragraphs) and last - first < 2 * config.QUOTATION_PARAGRAPHS and same(paragraphs[last + 1]):
            last += 1
        return self.index.docs[para.doc].text, paragraphs[first].start, paragraphs[last].end, same

    def _quotation_opening(self, sentence_id: int, window: _Window) -> int | None:
        """The earlier sentence that opens a quotation this sentence is inside of ('In his 1915
        article ..., Lenin stated the following: "Uneven economic ...' for 'Hence, the victory of
        socialism is possible first in several or even in one capitalist country alone.'): it says
        whose words they are. `window`: _around's, for this sentence."""
        text, base, stop, _ = window
        around = quotation_around(text[base:stop], self.index.sentences[sentence_id].start - base)
        if around is None:
            return None  # not inside a quotation, or one that never closes (a stray mark)
        mark = base + around[0]
        n = sentence_id - 1
        while n >= 0 and self.index.sentences[n].start > mark:
            n -= 1
        return n if n >= 0 and self.index.sentences[n].end > mark else None

    def _quotation_source(self, sentence_id: int, end: int, window: _Window) -> int | None:
        """The sentence saying where a quotation comes from, when a quote starting at this sentence
        and ending at `end` stops inside the quotation: the line glued to its closing mark
        ('... a universal range."Friedrich Engels, The Principles of Communism, 1847') or the
        bracket or dash after it ('... nonsense.” (Speech delivered ..., Collected Works, Vol. 23, p.
        9.)'). `window`: _around's, for this sentence."""
        text, base, stop, same = window
        close = quotation_close(text[base:stop], end - base)
        if close is None:
            return None
        close += base
        sentences, paragraphs = self.index.sentences, self.index.paragraphs
        for n in range(sentence_id + 1, len(sentences)):
            s = sentences[n]
            if not same(paragraphs[s.para]):
                return None
            if s.start >= close:  # the first sentence past the closing mark
                marked = s.start == close or text[s.start] in "(—–"
                short = len(text[s.start: s.end].split()) <= config.SOURCE_LINE_WORDS
                return n if marked and short and not text[close: s.start].strip() else None
        return None

    def _paragraphs_of(self, cited: list[tuple[str, int, int]]) -> list[int]:
        names = {d.name: i for i, d in enumerate(self.index.docs)}
        return [i for i, p in enumerate(self.index.paragraphs)
                for name, a, b in cited if names.get(name) == p.doc and p.start < b and a < p.end]

    def _cite(self, sentence_id: int, score: float, run_on: bool = True) -> Citation:
        """A sentence as a citation. It runs on into the next sentences when it is very short
        ("No.", within its paragraph), when the next is glued to it (a quotation's source:
        'universal range."Friedrich Engels, The Principles of Communism, 1847'), when it opens a
        quotation that it does not close, or introduces what follows ("Engels wrote:"; these two
        into the next paragraphs of its section too), so the quote says what the speaker said, not
        half of it. `run_on` False: the sentence alone."""
        s = self.index.sentences[sentence_id]
        para = self.index.paragraphs[s.para]
        doc = self.index.docs[para.doc]
        end = s.end
        more = config.QUOTE_RUN_ON if run_on else 0
        for nxt in range(sentence_id + 1, min(len(self.index.sentences), sentence_id + 1 + more)):
            quote = doc.text[s.start:end]
            n = self.index.sentences[nxt]
            there = self.index.paragraphs[n.para]
            unfinished = open_quotation(quote) is not None or quote.rstrip().endswith(":")
            if n.para == s.para:
                if len(quote.split()) >= config.SHORT_QUOTE_WORDS and not unfinished and n.start > end:
                    break
            elif not (unfinished and there.doc == para.doc and there.section == para.section):
                break
            end = n.end
        return Citation(doc.text[s.start:end], doc.name, para.section, s.start, end, round(score, 4))


def _cite_lines(citations: list[Citation]) -> list[str]:
    lines = []
    for n, c in enumerate(citations, 1):
        source = c.source.replace("`", "'")
        lines += [f"[{n}] *{escape_md(c.section)}* · `{source}` chars {c.start}–{c.end}",
                  f"> {escape_md(c.quote)}", ""]
    return lines


def _answer_text(span: str, citations: list[Citation], note: str) -> str:
    head = [f"_{escape_md(note)}_", ""] if note else []
    return "\n".join(head + [f"**{escape_md(span)}**", ""] + _cite_lines(citations)).strip()


def _what_to_ask(titles: list[str]) -> str:
    named = ", ".join(f"*{escape_md(t)}*" for t in titles[:3])
    if len(titles) > 3:
        named += f" and {len(titles) - 3} more"
    return (f"Ask me a question about {named}: I answer in the article's own words, quoted and cited, "
            "and say so when it does not tell.")


def _refusal_text(closest: list[Citation], note: str, unknown: list[str] = ()) -> str:
    head = [f"_{escape_md(note)}_", ""] if note else []
    why = (f"It never mentions {' or '.join(escape_md(n) for n in unknown)}." if unknown else
           "I found no passage that answers this question.")
    lines = head + [f"**The article does not say.** {why}"]
    if closest:
        lines += ["", "Closest, but *not* an answer:", ""] + _cite_lines(closest)
    return "\n".join(lines).strip()
