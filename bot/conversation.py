"""Reading Gradio's messages history: earlier questions, and the quotes the bot gave last."""
from __future__ import annotations

import re

FOLLOWUP = re.compile(r"\b(?:he|she|him|her|his|hers|it|its|they|them|their|theirs|this|these|those|"
                      r"the same|the latter|the former)\b|"
                      # "that" points back at the end of a question ("the title of that article?");
                      # elsewhere it mostly begins a clause ("the theory that Stalin proposed")
                      r"\bthat(?:\s+[a-z]+)?\W*$",
                      re.IGNORECASE)
# How answer.py names a citation in the chat; read back to know what the last answer quoted.
CITED = re.compile(r"`([^`\n]+)` chars (\d+)[–-](\d+)")
MAX_CONTEXT_TURNS = 3


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
    return bool(FOLLOWUP.search(question)) or len(question.split()) <= 3


def context_for(question: str, history) -> tuple[str, list[tuple[str, int, int]]]:
    """For a follow-up: the earlier questions it continues, and what the last answer cited."""
    if not is_followup(question):
        return "", []
    questions: list[str] = []
    cited: list[tuple[str, int, int]] = []
    for role, text in reversed(turns(history)):
        if role == "assistant" and not questions:
            cited = cited or [(m[0], int(m[1]), int(m[2])) for m in CITED.findall(text)]
        elif role == "user" and text.strip():
            questions.insert(0, text.strip())
            if not is_followup(text) or len(questions) >= MAX_CONTEXT_TURNS:
                break
    return " ".join(questions), cited
