import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

ARTICLE = ROOT / "seeds" / "socialism_in_one_country.txt"


@pytest.fixture(scope="session")
def raw() -> str:
    return ARTICLE.read_text(encoding="utf-8")


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
    else:
        assert not reply.citations and "does not say" in reply.text
