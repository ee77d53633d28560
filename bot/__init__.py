"""A chatbot that answers questions about an article by quoting it, with cited, verbatim passages.

    >>> import bot
    >>> reply = bot.answer("When did Stalin put forth the theory?")
    >>> reply.found, reply.span, reply.citations[0].quote
"""
from __future__ import annotations

import threading

from . import config
from .answer import Bot
from .index import IndexProblem
from .reply import Citation, Reply
from .sources import SourceError

__all__ = ["Bot", "Citation", "Reply", "IndexProblem", "SourceError", "answer", "default_bot"]

_lock = threading.Lock()
_default: Bot | None = None


def seed_files() -> list:
    return sorted(p for p in config.SEEDS_DIR.glob("*") if p.suffix.lower() in config.SOURCE_SUFFIXES)


def default_bot() -> Bot:
    """The bot over the prebuilt index in embeddings/, checked against seeds/ (loaded once)."""
    global _default
    with _lock:
        if _default is None:
            from .store import check_sources

            where = config.index_dir()
            b = Bot.load(where)
            seeds = seed_files()
            if where.resolve() == (config.ROOT / "embeddings").resolve() and seeds:
                check_sources(b.index, seeds)
            _default = b
        return _default


def answer(question: str, history: list | None = None, last: Reply | None = None) -> Reply:
    """Answer a question about the default article; `history` is Gradio's messages list, `last`
    the Reply to its last question if you kept it."""
    return default_bot().answer(question, history, last)
