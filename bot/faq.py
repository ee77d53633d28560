"""The question each sentence of an FAQ answers: the question the document asks just before it (its
paragraph's, or the paragraph before's: '**Do I need a mat?**' then 'No. Mats are free.'), else its
section's heading when that is a question ('### How do I get Wi-Fi?'). What store.py embeds for
such a sentence is the question and the sentence together, as a table's row is embedded with its
columns' names: 'The password is printed on the back of your badge.' says nothing of Wi-Fi alone.
The quote stays the sentence's own text."""
from __future__ import annotations

from . import rules
from .sources import Paragraph, Sentence


def asked(paragraphs: list[Paragraph], sentences: list[Sentence], texts: list[str]) -> list[str | None]:
    """For each sentence (`texts`: theirs), the question it answers, or None."""
    if not rules.FAQ_READING.on:
        return [None] * len(sentences)
    out: list[str | None] = []
    last: tuple[int, str] | None = None  # (paragraph, text) of the latest question in the section so far
    for i, s in enumerate(sentences):
        p = paragraphs[s.para]
        if i and not _same_section(paragraphs[sentences[i - 1].para], p):
            last = None
        if rules.ANSWER_FOLLOWS.search(texts[i]):
            last = (s.para, texts[i])
            out.append(None)
            continue
        near = last is not None and last[0] >= s.para - 1  # this paragraph's question, or the one before's
        heading = p.section if rules.ANSWER_FOLLOWS.search(p.section) else None
        out.append(last[1] if near else heading)
    return out


def _same_section(a: Paragraph, b: Paragraph) -> bool:
    return a.doc == b.doc and a.section == b.section
