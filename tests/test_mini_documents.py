"""Short documents cut from SQuAD articles for training (scripts/mini_documents.py): each holds the
paragraphs its questions were written on, so an answer is in its document and nowhere it was not."""
import json
import sys

import pytest

from helpers import KIT, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from mini_documents import mini_documents  # noqa: E402

SQUAD = KIT / "squad"


@pytest.fixture(scope="module")
def docs(tmp_path_factory):
    if not (SQUAD / "dev25.squad.json").is_file():
        pytest.skip(f"made from the evaluation kit's SQuAD files in {SQUAD}, which are not here")
    return mini_documents(SQUAD, tmp_path_factory.mktemp("mini"), per_article=2)


def test_each_article_gives_its_documents_with_their_questions(docs):
    articles = {json.loads(line)["doc"] for line in (SQUAD / "dev25.jsonl").read_text().splitlines()}
    assert set(docs) == articles
    for name, made in docs.items():
        assert len(made) == 2 and made[0][0] != made[1][0], name
        for path, rows in made:
            text = path.read_text(encoding="utf-8")
            assert text.startswith("[[") and text.count("\n\n") == 3, path  # the title and three paragraphs
            assert rows and all(r["doc"] == name for r in rows)
            answerable = [r for r in rows if r.get("answer")]
            assert answerable and len(answerable) < len(rows), path  # both kinds of question
            for r in answerable:
                assert r["answer"] in text, (path, r["question"])


def test_the_same_seed_cuts_the_same_documents(docs, tmp_path):
    again = mini_documents(SQUAD, tmp_path, per_article=2)
    assert {n: [(p.read_text(), [r["id"] for r in rows]) for p, rows in made] for n, made in again.items()} == \
        {n: [(p.read_text(), [r["id"] for r in rows]) for p, rows in made] for n, made in docs.items()}
