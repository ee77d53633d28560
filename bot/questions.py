"""Understanding a question: cleaning it, reading it without lead-ins, its names checked against
the article, the answer type it asks for, the form its short answer should take, and what it asks
to be defined. The first stage of answering (understand)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from . import config, rules
from .names import respell_names, unknown_names


@dataclass(frozen=True)
class Question:
    text: str                     # as the bot reads it: lead-ins left out, names respelt
    note: str = ""                # what was done to it (cut short), for the reply
    small_talk: bool = False      # a greeting or thanks, no question
    unknown: tuple[str, ...] = ()  # names the article never uses


def clean_question(question) -> tuple[str, str]:
    """The question as text we can work with, and a note on what was changed; ValueError if none."""
    if not isinstance(question, str):
        raise ValueError(f"the question must be text, not {type(question).__name__}")
    note = ""
    # Control characters and lone surrogates carry no meaning for retrieval: make them spaces.
    text = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs", "Cf") else ch for ch in question)
    text = " ".join(text.split())
    most = config.limits().max_question_chars
    if len(text) > most:
        text = text[:most].rsplit(" ", 1)[0]
        note = f"Your question was long; I used its first {len(text):,} characters."
    if not any(ch.isalnum() for ch in text):
        raise ValueError("Please type a question with some words in it.")
    return text, note


def understand(question, words_view) -> Question:
    """Stage 1: the question cleaned, read plainly, its names respelt into the article's and those
    it never uses found. `words_view`: the index's Lexicon. ValueError for a question with no words."""
    text, note = clean_question(question)
    if rules.SMALL_TALK.match(text):
        return Question(text, note, small_talk=True)
    text = respell_names(plain_question(text), words_view.names, words_view.word_cases)
    return Question(text, note, unknown=tuple(unknown_names(text, words_view.mentioned, words_view.written_together)))


def plain_question(question: str) -> str:
    """The question itself, as its first words tell its type: without what people put before it
    ("Hello, can you tell me when Stalin wrote ...?" gives "when Stalin wrote ...?"), and a request
    as the question it stands for ("Tell me about the Comintern" gives "What is the Comintern?")."""
    greeting = rules.GREETING.match(question)
    rest = question[greeting.end():] if greeting else question
    asked = rest[m.end():] if (m := rules.CAN_YOU.match(rest)) else rest
    if m := rules.DESCRIBE.match(asked):
        return f"What is {m.group(1)}?"
    if m := rules.ASKING.match(asked) or rules.EMBEDDED.match(asked):
        rest = asked[m.end():]
    return rest if any(ch.isalnum() for ch in rest) else question


def answer_kind(question: str) -> str:
    """One of date, number, person, place, title, entity or other."""
    for rule in rules.KINDS:
        if rule.search(question):
            return rule.name.removeprefix("kind_")
    return "other"


def without_article(name: str) -> str:
    """'the Comintern' -> 'Comintern'."""
    return re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)


def definition_subject(question: str, title: str) -> str | None:
    """What the question asks to be defined ("What was the Comintern?" gives "Comintern"), or None."""
    m = rules.DEFINITION_QUESTION.match(question)
    if not m or len(m.group(1).split()) > config.DEFINITION_SUBJECT_WORDS:
        return None
    subject = m.group(1).strip()
    return without_article(title) if rules.THIS_ARTICLE.match(subject) else without_article(subject)


def definition(subject: str, sentence: str) -> tuple[int, int] | None:
    """Where the sentence says what the subject is, if it opens by saying so: "Socialism in One
    Country was a theory put forth ..." (to the sentence's end) or "Frank Shuman, a U.S. inventor,
    ..." (to the closing comma)."""
    if not rules.DEFINITION_SENTENCE.on:
        return None
    opening = rf"\W*(?:the\s+)?{re.escape(subject)}(?:\s*\([^)]*\))?"
    m = re.match(rf"{opening},?\s+(?:is|was|are|were|refers to|means)\s+", sentence, re.IGNORECASE)
    if m and m.end() < len(sentence):
        return m.end(), len(sentence.rstrip().rstrip("."))
    m = re.match(rf"{opening},\s+((?:a|an|the)\s[^,;()]+),", sentence, re.IGNORECASE)
    return m.span(1) if m else None


def gloss(subject: str, sentence: str) -> tuple[int, int] | None:
    """Where the sentence, naming the subject anywhere, says what it is right after the name: an
    apposition ("... of the Comintern, the Communist International, from ...") or words in
    brackets ("Osnovy Leninizma (Foundations of Leninism, 1924)"; to the first comma, and not a
    date or a number)."""
    if not rules.GLOSS.on:
        return None
    name = rf"\b(?:the\s+)?{re.escape(subject)}"
    m = (re.search(rf"{name},\s+((?:a|an|the)\s[^,;()]+?)\s*(?:[,;)](?!\s*(?:and|or)\b)|\.?$)", sentence,
                   re.IGNORECASE)
         or re.search(rf"{name}\s+\(([^\W\d][^,;()]*?)\s*[,;)]", sentence, re.IGNORECASE))
    return m.span(1) if m else None


def _names_something(subject: str) -> bool:
    """A name ("Stalin", "the Comintern", "Frank Shuman"), not a description or a role ("the
    editor of Pravda", "the Commissioner of the National Football League", "the MVP"): a few
    words, each capitalised, none an acronym."""
    ws = without_article(subject).split()
    return 0 < len(ws) <= config.NAME_MAX_WORDS and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in ws)


def answer_form(question: str, kind: str) -> str:
    """The kind of piece a short answer should be: `kind`, "day" (a date, or a weekday or time where
    a sentence writes no date), or "sentence" (the whole quote),
    "quotation" (the words someone is quoted saying), "part" (a numbered part of a work) or
    "speaker" (a name outside quotation marks: who said or wrote the words)."""
    if (rules.SENTENCE_FORM.search(question) and kind in ("other", "entity")) or rules.POLAR_FORM.match(question):
        return "sentence"
    subject = definition_subject(question, "")  # "" stands for the article itself
    if rules.WHO_IS_FORM.on and subject is not None and (subject == "" or _names_something(subject)):
        return "sentence"
    if rules.QUOTATION_FORM.search(question) and kind in ("other", "entity"):
        return "quotation"
    if rules.PART_FORM.search(question):
        return "part"
    if rules.SPEAKER_FORM.match(question):
        return "speaker"
    if kind == "date" and rules.DAY_TIME_ASKED.search(question):
        return "day"  # a date, else a day of the week or a time of day
    return kind
