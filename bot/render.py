"""Replies as markdown for the chat and the command line. Nothing a user typed or a source says
is rendered as markup: every text is escaped."""
from __future__ import annotations

import re

from .reply import Citation, location

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")


def escape_md(text: str) -> str:
    """Show text literally in markdown: no emphasis, links, HTML or fake quotes."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _cite_lines(citations: list[Citation], first_shown: bool = False) -> list[str]:
    """Each quote under its label; `first_shown`: the first quote is the answer printed above it."""
    lines = []
    for n, c in enumerate(citations, 1):
        lines += [f"[{n}] *{escape_md(c.section)}* · {location(c)}"]
        lines += [""] if n == 1 and first_shown else [f"> {escape_md(c.quote)}", ""]
    return lines


def _head(note: str) -> list[str]:
    return [f"_{escape_md(note)}_", ""] if note else []


def answer_text(span: str, citations: list[Citation], note: str, span_in: int = 0) -> str:
    """The short answer in bold with the label of the quote it is part of (`span_in`: its index), so
    that a date taken from the second quote is not read as the first's; then the quotes. A short
    answer that is the whole first quote (a 'why' question) is not printed twice."""
    whole = bool(citations) and span_in == 0 and span == citations[0].quote
    answer = f"**{escape_md(span)}**" + ("" if whole or not citations else f" [{span_in + 1}]")
    return "\n".join(_head(note) + [answer, ""] + _cite_lines(citations, whole)).strip()


def what_to_ask(titles: list[str]) -> str:
    named = ", ".join(f"*{escape_md(t)}*" for t in titles[:3])
    if len(titles) > 3:
        named += f" and {len(titles) - 3} more"
    return (f"Ask me a question about {named}: I answer in the article's own words, quoted and cited, "
            "and say so when it does not tell.")


def refusal_text(closest: list[Citation], note: str, unknown: tuple[str, ...] = (),
                 opposite: tuple[str, str] = ()) -> str:
    """`unknown`: names the article never uses; `opposite`: a word of the question and the
    opposite that the closest passage says instead ("" when it only lacks the question's 'not',
    or the question's number, which the article never writes, as it never uses an unknown name)."""
    never = unknown or (opposite[:1] if opposite and opposite[0].isdigit() and not opposite[1] else ())
    if never:
        why = f"It never mentions {' or '.join(escape_md(n) for n in never)}."
    elif opposite and opposite[1]:
        why = f"The closest passage says “{escape_md(opposite[1])}”, not “{escape_md(opposite[0])}”."
    elif opposite:
        why = f"The closest passage says it without “{escape_md(opposite[0])}”."
    else:
        why = "I found no passage that answers this question."
    lines = _head(note) + [f"**The article does not say.** {why}"]
    if closest:
        lines += ["", "Closest, but *not* an answer:", ""] + _cite_lines(closest)
    return "\n".join(lines).strip()
