"""Shared by the tests: paths, the contract check, a free port, rules switched off for a block."""
import socket
from contextlib import contextmanager
from pathlib import Path

from bot import rules

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "socialism_in_one_country.txt"
KIT = ROOT.parent / "shared" / "eval"  # the evaluation kit, beside the project; tests that read it skip without it


def assert_faithful(reply, raw_by_name: dict[str, str]) -> None:
    """The contract: every quote is verbatim source text at exactly its offsets."""
    for c in list(reply.citations) + list(reply.closest):
        raw = raw_by_name[c.source]
        assert raw[c.start:c.end] == c.quote, c
        assert c.quote.strip() == c.quote and c.quote
    if reply.span:
        assert any(reply.span in r for r in raw_by_name.values())
    if reply.found:
        assert reply.citations and reply.span
        assert reply.span in reply.citations[reply.span_in].quote  # the quote the answer's label names
    elif reply.reason == "small talk":  # "OK", "thanks": a word on what to ask, nothing quoted
        assert not reply.citations and not reply.closest and reply.text
    else:
        assert not reply.citations and "does not say" in reply.text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def rules_off(*names: str):
    """These rules switched off inside the block, every rule on again after it."""
    rules.switch_off(names)
    try:
        yield
    finally:
        rules.switch_off([])
