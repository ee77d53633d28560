"""Reading the conversation: whether a question is a follow-up, the earlier questions it
continues, and what the last answer quoted (from the last Reply, or read back from the markdown
of plain Gradio history)."""
from __future__ import annotations

from dataclasses import dataclass

from . import config, rules
from .reply import cited_in


@dataclass(frozen=True)
class Context:
    questions: str = ""                          # earlier questions this one continues, oldest first
    cited: tuple[tuple[str, int, int], ...] = ()  # (file name, start, end) the last answer quoted


def content_text(content) -> str:
    """The text of a message's content: a string, or Gradio 6's list of {"type": "text"} parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, (list, tuple)):
        return " ".join(content_text(part) for part in content)
    return ""


def turns(history) -> list[tuple[str, str]]:
    """(role, text) of each well-formed message; anything else in the history is ignored."""
    out = []
    for msg in history or []:
        if isinstance(msg, dict) and msg.get("role") in ("user", "assistant"):
            out.append((msg["role"], content_text(msg.get("content"))))
    return out


def is_followup(question: str) -> bool:
    """A question that leans on earlier turns: a pronoun, or too short to stand alone."""
    short = rules.SHORT_FOLLOWUP.on and len(question.split()) <= config.SHORT_FOLLOWUP_WORDS
    return bool(rules.FOLLOWUP_WORDS.search(question)) or short


def context_for(question: str, history, cited: list[tuple[str, int, int]] | None = None) -> Context:
    """For a follow-up: the earlier questions it continues, and what the last answer cited
    (`cited`: from the last Reply; None: read from the last answer's markdown in `history`)."""
    if not is_followup(question):
        return Context()
    questions: list[str] = []
    found: list[tuple[str, int, int]] = []
    for role, text in reversed(turns(history)):
        if role == "assistant" and not questions:
            found = found or cited_in(text)
        elif role == "user" and text.strip():
            questions.insert(0, text.strip())
            if not is_followup(text) or len(questions) >= config.MAX_CONTEXT_TURNS:
                break
    return Context(" ".join(questions), tuple(found if cited is None else cited))
