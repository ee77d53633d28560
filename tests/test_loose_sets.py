"""bench/loose/: each loose question rewords a SQuAD question of its article that it names in
`original`, and keeps that question's answer, or its having none."""
import json
import sys

import pytest

from helpers import KIT, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from train_ranker import squad_articles  # noqa: E402

SQUAD = KIT / "squad"


@pytest.mark.parametrize("name,answerable", [("squad.jsonl", True), ("squad_unanswerable.jsonl", False),
                                             ("squad_far.jsonl", None)])  # None: either kind
def test_each_loose_question_rewords_a_question_of_its_article(name, answerable):
    if not (SQUAD / "dev25.jsonl").is_file():
        pytest.skip(f"reworded from the evaluation kit's SQuAD files in {SQUAD}, which are not here")
    articles = squad_articles(SQUAD)
    rows = [json.loads(line) for line in (ROOT / "bench" / "loose" / name).read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 100 and len({r["id"] for r in rows}) == len(rows)
    for row in rows:
        crowd = {r["id"]: r for r in articles[row["doc"]][1]}[row["id"].removesuffix("-loose").removesuffix("-far")]
        assert crowd["question"] == row["original"] != row["question"], row["id"]
        assert answerable in (None, row["answer"] is not None) and row["answer"] == crowd.get("answer"), row["id"]
