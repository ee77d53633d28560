"""bench/shortdocs*/: each set is six short documents and their questions, as the issue asks of
such a set (a quarter unanswerable, some follow-ups), every answer written verbatim in its document."""
import json
import sys

import pytest

from helpers import ROOT

sys.path.insert(0, str(ROOT / "bench"))
from shortdocs import SETS  # noqa: E402  the sets the benchmark runs, found as it finds them


def test_there_are_four_sets():
    assert [s.name for s in SETS] == ["shortdocs", "shortdocs_fresh", "shortdocs_heldout", "shortdocs_unseen"]


@pytest.mark.parametrize("docs", SETS, ids=lambda p: p.name)
def test_each_answer_is_verbatim_in_its_document(docs):
    rows = [json.loads(line) for line in (docs / "questions.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60 and len({r["id"] for r in rows}) == len(rows)
    assert len({r["doc"] for r in rows}) >= 6 and all((docs / r["doc"]).is_file() for r in rows)
    unanswerable = [r for r in rows if not r.get("answer")]
    assert 0.2 <= len(unanswerable) / len(rows) <= 0.3
    assert all(r["kind"] == "unanswerable" for r in unanswerable)
    assert sum(bool(r.get("history")) for r in rows) >= 5  # follow-ups
    for row in rows:
        text = (docs / row["doc"]).read_text(encoding="utf-8")
        for answer in [row.get("answer"), *row.get("alt_answers", [])]:
            assert answer is None or answer in text, (row["id"], answer)
